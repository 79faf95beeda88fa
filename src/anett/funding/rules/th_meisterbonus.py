"""Thüringer Meisterbonus: 1,000 EUR once for a passed Meisterprüfung (HwO Anlage A/B) whose
result was established at most 2 years ago, with residence or workplace in Thuringia and the
exam taken before a Thuringian HWK. No legal entitlement.
"""

from __future__ import annotations

from typing import NamedTuple

from ..case import NEVER, Firm, Participant
from .base import Builder, Shared, add_years, fmt_date, fmt_eur

PER_PARTICIPANT = True
REF = "Meisterbonus Thüringen (Förderbedingungen laut foerderdatenbank/HWK)"


class FirmFacts(NamedTuple):
    land_th: bool | None


def firm_facts(f: Firm, prep) -> FirmFacts:
    return FirmFacts(None if f.land is None else f.land == "TH")


def decide_firm(b: Builder, v, ff: FirmFacts, s: Shared) -> None:
    if ff.land_th is None:
        b.unknown("M3", "Wohnsitz oder Arbeitsort in Thüringen", REF, "firm.land")
    elif ff.land_th:
        b.passed("M3", "Arbeitsort in Thüringen", REF)
    else:
        b.check("M3", "Arbeitsort nicht in Thüringen: Wohnsitz in Thüringen prüfen", REF)
    b.warn("Antrag über die Handwerkskammer an die Thüringer Aufbaubank, Fristen 31.05. und 31.10.")


def decide_participant(b: Builder, v, ff: FirmFacts, s: Shared, p: Participant) -> None:
    i = b.participant
    passed = p.master_exam_passed
    if passed is NEVER:
        b.failed_("M1", "Keine bestandene Meisterprüfung", REF)
        return
    if passed is None:
        b.unknown("M1", "Bestandene Meisterprüfung", REF, f"participants[{i}].master_exam_passed")
        return
    b.passed("M1", f"Meisterprüfung bestanden (Ergebnis vom {fmt_date(passed)})", REF)
    if p.master_trade_hwo is None:
        b.unknown(
            "M1b", "Handwerk nach HwO Anlage A oder B", REF, f"participants[{i}].master_trade_hwo"
        )
    elif p.master_trade_hwo:
        b.passed("M1b", "Handwerk nach HwO Anlage A oder B", REF)
    else:
        b.failed_(
            "M1b",
            "Kein Handwerk nach HwO Anlage A oder B (z. B. Industriemeister)",
            REF,
            rule="industriemeister",
        )
    years = b.param("max_years")
    ref_day = s.measure.application or s.when
    b.cond(
        "M2",
        passed >= add_years(ref_day, -years),
        REF,
        f"Prüfungsergebnis höchstens {years} Jahre vor dem Antrag festgestellt",
        f"Prüfungsergebnis liegt mehr als {years} Jahre vor dem Antrag",
    )
    b.cond(
        "M4",
        p.master_exam_th,
        REF,
        "Prüfung vor einer Thüringer Handwerkskammer abgelegt",
        "Prüfung nicht vor einer Thüringer Handwerkskammer abgelegt (Ausnahme: in Thüringen "
        "nicht angeboten)",
        f"participants[{i}].master_exam_th",
    )
    amount = b.param("amount")
    b.amount(
        "meisterbonus",
        amount,
        f"Pauschale {fmt_eur(amount)} je Meisterin/Meister",
        fmt_eur(amount),
        REF,
        recipient="participant",
        offsets_cost=False,
    )
