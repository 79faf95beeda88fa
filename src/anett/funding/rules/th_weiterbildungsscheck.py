"""Thuringian FWRL 2022 (b): Weiterbildungsscheck – the employee applies, at most 1,000 EUR.

The percentage of the 2022 version is not confirmed (the old 50 % is used and flagged), so the
amount is always "check".
"""

from __future__ import annotations

from typing import NamedTuple

from ..case import NEVER, Firm, Participant
from .base import Builder, Shared, dec, fmt_eur, fmt_pct

PER_PARTICIPANT = True
REF = "FWRL Thüringen 2022, Weiterbildungsscheck"


class FirmFacts(NamedTuple):
    land_th: bool | None


def firm_facts(f: Firm, prep) -> FirmFacts:
    return FirmFacts(None if f.land is None else f.land == "TH")


def decide_firm(b: Builder, v, ff: FirmFacts, s: Shared) -> None:
    m = s.measure
    b.cond(
        "W1",
        ff.land_th,
        REF,
        "Arbeitgeber mit Sitz oder Betriebsstätte in Thüringen",
        "Arbeitgeber ohne Sitz oder Betriebsstätte in Thüringen",
        "firm.land",
        rule="sv_employer_th",
    )
    if m.application is None or m.start is None:
        b.unknown("W3", "Antrag vor Beginn", REF, "measure.application, measure.start")
    else:
        b.cond(
            "W3",
            m.application < m.start,
            REF,
            "Antrag vor verbindlicher Anmeldung bzw. Beginn",
            "Antrag erst am oder nach dem Beginn",
            rule="before_start",
        )
    b.cond(
        "W4",
        True if m.provider_azav else None,
        REF,
        "Anbieter geeignet (AZAV-Zulassung als Nachweis)",
        "",
        "measure.provider_azav",
        unknown_text="Eignung des Anbieters (staatliche Anerkennung, Zertifikat, KURSNET)",
    )
    b.warn(
        "Sozialversicherungspflichtige Beschäftigung der Teilnehmenden wird vorausgesetzt "
        "und nicht geprüft."
    )


def decide_participant(b: Builder, v, ff: FirmFacts, s: Shared, p: Participant) -> None:
    i = b.participant
    m = s.measure
    single, joint = b.peek("zve_limit")
    if p.taxable_income_eur is None or p.joint_assessment is None:
        b.unknown(
            "W2",
            f"Zu versteuerndes Einkommen unter {fmt_eur(single)} (zusammen veranlagt "
            f"{fmt_eur(joint)})",
            REF,
            f"participants[{i}].taxable_income_eur, participants[{i}].joint_assessment",
        )
    else:
        limit = joint if p.joint_assessment else single
        b.cond(
            "W2",
            p.taxable_income_eur < limit,
            REF,
            f"Zu versteuerndes Einkommen unter {fmt_eur(limit)}",
            f"Zu versteuerndes Einkommen nicht unter {fmt_eur(limit)}",
            rule="zve",
        )
    last = p.last_weiterbildungsscheck
    year = (m.application or s.when).year
    if last is NEVER:
        b.passed("W5", "Noch kein Weiterbildungsscheck erhalten", REF)
    elif last is None:
        b.unknown(
            "W5",
            "Höchstens ein Scheck je Haushaltsjahr",
            REF,
            f"participants[{i}].last_weiterbildungsscheck",
        )
    elif last.year >= year:
        b.failed_("W5", "In diesem Jahr bereits ein Weiterbildungsscheck", REF, rule="frequency")
    elif last.year == year - 1:
        b.failed_(
            "W5",
            "Scheck im Vorjahr: nach älteren Quellen nur ein Scheck je zwei Kalenderjahre",
            REF,
            rule="frequency",
        )
    else:
        b.passed("W5", "Letzter Scheck liegt mehr als zwei Kalenderjahre zurück", REF)
    if m.course_costs_eur is None:
        b.unknown("W6", "Lehrgangskosten", REF, "measure.course_costs_eur")
        return
    costs = dec(m.course_costs_eur) + dec(m.exam_fees_eur or 0)
    b.add_cost(costs)
    rate = dec(b.param("rate"))
    cap = dec(b.param("cap"))
    b.amount(
        "weiterbildungsscheck",
        min(rate * costs, cap),
        f"min(Satz × Lehrgangs- und Prüfungsgebühren; {fmt_eur(cap)})",
        f"min({fmt_pct(rate)} × {fmt_eur(costs)}; {fmt_eur(cap)})",
        REF,
        recipient="participant",
    )
