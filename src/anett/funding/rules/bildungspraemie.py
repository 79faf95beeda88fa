"""Bildungsprämie (BMBF) – ended: Prämiengutscheine until 31 Dec 2021; 50 % of the fees, at
most 500 EUR; zvE at most 20,000/40,000 EUR; employed at least 15 h a week. Historic rules
from secondary sources only: always "check" where the date is inside the programme.
"""

from __future__ import annotations

from typing import NamedTuple

from ..case import Firm, Participant
from .base import Builder, Shared, dec, fmt_eur, fmt_num, fmt_pct

PER_PARTICIPANT = True
REF = "Bildungsprämie (Prämiengutschein, BMBF)"


class FirmFacts(NamedTuple):
    pass


_NONE = FirmFacts()


def firm_facts(f: Firm, prep) -> FirmFacts:
    return _NONE


def decide_firm(b: Builder, v, ff, s: Shared) -> None:
    b.warn("Programm beendet: Prämiengutscheine wurden bis 31.12.2021 ausgegeben.")


def decide_participant(b: Builder, v, ff, s: Shared, p: Participant) -> None:
    i = b.participant
    m = s.measure
    single, joint = b.param("zve_limit")
    if p.taxable_income_eur is None or p.joint_assessment is None:
        b.unknown(
            "BP1",
            "Zu versteuerndes Einkommen",
            REF,
            f"participants[{i}].taxable_income_eur, participants[{i}].joint_assessment",
        )
    else:
        limit = joint if p.joint_assessment else single
        b.cond(
            "BP1",
            p.taxable_income_eur <= limit,
            REF,
            f"Zu versteuerndes Einkommen höchstens {fmt_eur(limit)}",
            f"Zu versteuerndes Einkommen über {fmt_eur(limit)}",
        )
    hours = b.param("min_weekly_hours")
    b.cond(
        "BP2",
        None if p.weekly_hours is None else p.weekly_hours >= hours,
        REF,
        f"Erwerbstätig mit mindestens {fmt_num(hours)} Stunden je Woche",
        f"Erwerbstätig mit weniger als {fmt_num(hours)} Stunden je Woche",
        f"participants[{i}].weekly_hours",
    )
    if m.course_costs_eur is None:
        b.unknown("BP3", "Lehrgangsgebühren", REF, "measure.course_costs_eur")
        return
    costs = dec(m.course_costs_eur)
    b.add_cost(costs)
    rate, cap = dec(b.param("rate")), dec(b.param("cap"))
    b.amount(
        "praemie",
        min(rate * costs, cap),
        f"min({fmt_pct(rate)} × Lehrgangsgebühren; {fmt_eur(cap)})",
        f"min({fmt_pct(rate)} × {fmt_eur(costs)}; {fmt_eur(cap)})",
        REF,
        recipient="participant",
    )
