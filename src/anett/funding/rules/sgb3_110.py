"""§ 110 SGB III – Transfermaßnahmen: 50 % of the measure costs, at most 2,500 EUR per employee.

The domain notes hold only the amount rule; the conditions of § 110 Abs. 1 are partly
captured and the result is therefore always "check" (unverified rule `conditions_incomplete`).
"""

from __future__ import annotations

from typing import NamedTuple

from ..case import Firm, Participant
from .base import Builder, Shared, dec, fmt_eur, fmt_pct

PER_PARTICIPANT = True


class FirmFacts(NamedTuple):
    restructuring: bool | None
    agency_consulted: bool | None


def firm_facts(f: Firm, prep) -> FirmFacts:
    return FirmFacts(f.restructuring, f.agency_consulted)


def decide_firm(b: Builder, v, ff: FirmFacts, s: Shared) -> None:
    b.rely("conditions_incomplete")
    b.cond(
        "T1",
        ff.restructuring,
        "§ 110 Abs. 1 SGB III",
        "Teilnehmende sind wegen einer Betriebsänderung von Arbeitslosigkeit bedroht",
        "Keine Betriebsänderung, die Arbeitslosigkeit droht",
        "firm.restructuring",
        rule="conditions_incomplete",
    )
    b.cond(
        "T2",
        ff.agency_consulted,
        "§ 110 Abs. 1 SGB III",
        "Die Betriebsparteien haben sich vorab von der Agentur für Arbeit beraten lassen",
        "Vorherige Beratung durch die Agentur für Arbeit fehlt",
        "firm.agency_consulted",
        rule="conditions_incomplete",
    )


def decide_participant(b: Builder, v, ff: FirmFacts, s: Shared, p: Participant) -> None:
    m = s.measure
    if m.course_costs_eur is None:
        b.unknown("T3", "Maßnahmekosten", "§ 110 Abs. 2 SGB III", "measure.course_costs_eur")
        return
    costs = dec(m.course_costs_eur)
    b.add_cost(costs)
    rate = dec(b.param("rate"))
    cap = dec(b.param("cap"))
    grant = min(rate * costs, cap)
    b.amount(
        "zuschuss",
        grant,
        f"min({fmt_pct(rate)} × Maßnahmekosten; {fmt_eur(cap)})",
        f"min({fmt_pct(rate)} × {fmt_eur(costs)}; {fmt_eur(cap)})",
        "§ 110 Abs. 2 SGB III",
    )
