"""§ 111a SGB III – Weiterbildung während des Transferkurzarbeitergelds.

Abs. 1 (measure ends during Transfer-Kug): Agentur advice, provider and measure approved,
employer bears at least 50 % of the course costs (25 % in Betrieben under 250, Abs. 3; since
when is unverified). Abs. 2 (ends after): § 81 funding afterwards – split not computed.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..case import Firm, Participant
from .base import Builder, Shared, dec, fmt_eur, fmt_num, fmt_pct, tri_and

PER_PARTICIPANT = True


class FirmFacts(NamedTuple):
    small: bool | None
    agency_consulted: bool | None
    transfer_unit: bool | None


def prepare(v, when: date):
    return v.param("small_below", when).value


def firm_facts(f: Firm, small_below) -> FirmFacts:
    e = f.employees_establishment
    return FirmFacts(None if e is None else e < small_below, f.agency_consulted, f.transfer_unit)


def decide_firm(b: Builder, v, ff: FirmFacts, s: Shared) -> None:
    m = s.measure
    b.cond(
        "W0",
        ff.transfer_unit,
        "§ 111a Abs. 1 SGB III i. V. m. § 111 SGB III",
        "Beschäftigte beziehen Transferkurzarbeitergeld (eigenständige Einheit gebildet)",
        "Kein Transferkurzarbeitergeld (keine eigenständige Einheit)",
        "firm.transfer_unit",
    )
    b.cond(
        "W1",
        ff.agency_consulted,
        "§ 111a Abs. 1 SGB III",
        "Beratung durch die Agentur für Arbeit vor Beginn",
        "Beratung durch die Agentur für Arbeit vor Beginn fehlt",
        "firm.agency_consulted",
    )
    b.cond(
        "W2",
        tri_and(m.measure_azav, m.provider_azav),
        "§ 111a Abs. 1 SGB III",
        "Träger und Maßnahme sind zugelassen",
        "Träger und Maßnahme müssen zugelassen sein",
        "measure.measure_azav, measure.provider_azav",
    )
    if m.ends_during_transfer is None:
        b.unknown(
            "W3",
            "Ende der Maßnahme während des Transferkurzarbeitergelds (Abs. 1) oder danach (Abs. 2)",
            "§ 111a Abs. 1, 2 SGB III",
            "measure.ends_during_transfer",
        )
    elif not m.ends_during_transfer:
        b.check(
            "W3",
            "Maßnahme endet nach dem Transferkurzarbeitergeld: Förderung nach § 81, Arbeitgeber "
            "trägt während des Transferkurzarbeitergelds mindestens die Hälfte der "
            "Lehrgangskosten; Aufteilung nicht berechnet",
            "§ 111a Abs. 2 SGB III",
        )
    else:
        b.passed(
            "W3", "Maßnahme endet während des Transferkurzarbeitergelds", "§ 111a Abs. 1 SGB III"
        )


def decide_participant(b: Builder, v, ff: FirmFacts, s: Shared, p: Participant) -> None:
    i = b.participant
    m = s.measure
    b.cond(
        "W4",
        p.in_transfer_unit,
        "§ 111a Abs. 1 SGB III",
        "Teilnehmende beziehen Transferkurzarbeitergeld",
        "Teilnehmende beziehen kein Transferkurzarbeitergeld",
        f"participants[{i}].in_transfer_unit",
    )
    if m.course_costs_eur is None:
        b.unknown("W5", "Lehrgangskosten", "§ 111a Abs. 1 SGB III", "measure.course_costs_eur")
        return
    costs = dec(m.course_costs_eur)
    b.add_cost(costs)
    if m.ends_during_transfer is not True:
        return
    small_share, share = b.param("employer_share")
    below = b.param("small_below")
    if ff.small is None:
        b.unknown(
            "W5",
            f"Betriebsgröße (unter {fmt_num(below)} Beschäftigten: Arbeitgeberanteil "
            f"{fmt_pct(small_share)})",
            "§ 111a Abs. 3 SGB III",
            "firm.employees_establishment",
        )
    elif ff.small:
        b.rely("small_share_date")
        share = small_share
    ba = 1 - dec(share)
    b.amount(
        "lehrgangskosten",
        ba * costs,
        "(1 − Mindestanteil des Arbeitgebers) × Lehrgangskosten (höchstens)",
        f"{fmt_pct(ba)} × {fmt_eur(costs)}",
        "§ 111a Abs. 1, Abs. 3 SGB III",
    )
