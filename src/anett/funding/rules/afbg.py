"""Aufstiegs-BAföG (AFBG): Maßnahmebeitrag = min(course + exam fees, cap); 50 % grant, rest as
a KfW loan, of which 50 % is waived on passing the exam (a conditional component).
The amounts rest on secondary sources, so an AFBG result is always "check".
"""

from __future__ import annotations

from typing import NamedTuple

from ..case import Firm, Participant
from .base import Builder, Shared, dec, fmt_eur, fmt_num, fmt_pct

PER_PARTICIPANT = True


class FirmFacts(NamedTuple):
    employer_pays: bool | None


def firm_facts(f: Firm, prep) -> FirmFacts:
    return FirmFacts(f.employer_pays_training)


def decide_firm(b: Builder, v, ff: FirmFacts, s: Shared) -> None:
    m = s.measure
    b.rely("refs")
    b.rely("entitlement")
    if "draft" in v.unverified:
        b.rely("draft")
    b.cond(
        "G1",
        m.upgrade_exam,
        "§ 2 Abs. 1 AFBG",
        "Vorbereitung auf eine öffentlich-rechtliche Fortbildungsprüfung oberhalb des "
        "Fachkraftniveaus (BBiG/HwO)",
        "Keine Vorbereitung auf eine öffentlich-rechtliche Aufstiegsfortbildungsprüfung",
        "measure.upgrade_exam",
    )
    min_hours = b.param("min_hours")
    b.cond(
        "G2",
        None if m.hours is None else m.hours >= min_hours,
        "§ 2 Abs. 3 AFBG",
        f"Mindestens {min_hours} Unterrichtsstunden ({fmt_num(m.hours or 0)} Std.)",
        f"Weniger als {min_hours} Unterrichtsstunden ({fmt_num(m.hours or 0)} Std.)",
        "measure.hours",
    )
    b.passed("G3", "Maßnahmebeitrag unabhängig von Alter, Einkommen und Vermögen", "§ 12 AFBG")
    if ff.employer_pays and b.peek("employer_credited"):
        b.param("employer_credited")
        b.warn(
            "Der Arbeitgeber trägt die Weiterbildung: Arbeitgeberleistungen mindern den "
            "Maßnahmebeitrag (Umfang nicht geprüft); Beträge gelten für selbst getragene Gebühren."
        )
    b.warn(
        "Unterhaltsbeitrag (Vollzeit), Kinderbetreuungszuschlag und Meisterstück-Zuschuss sind "
        "nicht berechnet."
    )


def decide_participant(b: Builder, v, ff: FirmFacts, s: Shared, p: Participant) -> None:
    m = s.measure
    if m.course_costs_eur is None:
        b.unknown("G4", "Lehrgangsgebühren", "§ 12 AFBG", "measure.course_costs_eur")
        return
    fees = dec(m.course_costs_eur) + dec(m.exam_fees_eur or 0)
    if m.exam_fees_eur is None:
        b.warn("Prüfungsgebühren (measure.exam_fees_eur) nicht angegeben: nur Lehrgangsgebühren.")
    b.add_cost(fees)
    cap = dec(b.param("max_fees"))
    base = min(fees, cap)
    share = dec(b.param("grant_share"))
    waiver = dec(b.param("waiver_share"))
    grant = b.amount(
        "zuschuss",
        share * base,
        f"{fmt_pct(share)} × min(Lehrgangs- und Prüfungsgebühren; {fmt_eur(cap)})",
        f"{fmt_pct(share)} × {fmt_eur(base)}",
        "§ 12 Abs. 1 AFBG",
        recipient="participant",
    )
    loan = base - grant
    b.amount(
        "erlass_bei_bestehen",
        waiver * loan,
        f"{fmt_pct(waiver)} × Restdarlehen (nur bei bestandener Prüfung)",
        f"{fmt_pct(waiver)} × {fmt_eur(loan)}",
        "§ 13b Abs. 1 AFBG",
        recipient="participant",
        conditional=True,
    )
