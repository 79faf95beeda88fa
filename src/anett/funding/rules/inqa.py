"""INQA-Coaching (BMAS, ESF Plus): 80 % of min(day rate, 1,200 EUR) for at most 12 days.

The rate and the day-rate cap come from secondary sources (2023 Richtlinie), so the amount is
always "check"; the 2024 Richtlinie may grade the rate by size (unverified).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..case import Firm
from .base import Builder, Shared, dec, fmt_eur, fmt_num, fmt_pct

PER_PARTICIPANT = False
REF = "Richtlinie INQA-Coaching"


class FirmFacts(NamedTuple):
    sme: bool | None
    eu_figure: bool  # employees_sme given (else enterprise figure used)


def prepare(v, when: date):
    return v.param("sme_staff", when).value


def firm_facts(f: Firm, sme_staff) -> FirmFacts:
    staff = f.employees_sme if f.employees_sme is not None else f.employees_enterprise
    return FirmFacts(None if staff is None else staff < sme_staff, f.employees_sme is not None)


def decide_firm(b: Builder, v, ff: FirmFacts, s: Shared) -> None:
    m = s.measure
    n = b.param("sme_staff")
    b.rely("eu_sme")
    if v.version >= "2024":
        b.rely("rate_by_size")
    b.cond(
        "I1",
        ff.sme,
        REF,
        f"KMU mit weniger als {n} Beschäftigten"
        + ("" if ff.eu_figure else " (Zahl des Unternehmens; EU-KMU-Zahl fehlt)"),
        f"Kein KMU: {n} oder mehr Beschäftigte",
        "firm.employees_sme",
    )
    b.cond(
        "I2",
        m.inqa_check,
        REF,
        "Erstberatung bei einer INQA-Beratungsstelle, Beratungsscheck (7 Monate einlösbar)",
        "Ohne Beratungsscheck einer INQA-Beratungsstelle keine Förderung",
        "measure.inqa_check",
    )
    b.cond(
        "I3",
        m.consultant_registered,
        REF,
        "Coaching durch autorisierten INQA-Coach, beteiligungsorientiert",
        "Coach ist kein autorisierter INQA-Coach",
        "measure.consultant_registered",
    )
    b.warn("Ergebnisgespräch bei der INQA-Beratungsstelle 6 Monate nach dem Coaching.")
    days, rate_day = m.days, m.day_rate_eur
    if rate_day is None and m.consulting_fee_eur is not None and days:
        rate_day = m.consulting_fee_eur / days
    if days is None or rate_day is None:
        b.unknown("I4", "Beratungstage und Tagessatz", REF, "measure.days, measure.day_rate_eur")
        return
    cost = dec(m.consulting_fee_eur) if m.consulting_fee_eur is not None else None
    if cost is None:
        cost = dec(rate_day) * dec(days)
    b.add_cost(cost)
    max_days = b.param("max_days")
    cap = dec(b.param("day_rate_cap"))
    rate = dec(b.param("rate"))
    funded_days = min(dec(days), dec(max_days))
    if days > max_days:
        b.warn(f"Gefördert werden höchstens {max_days} Beratungstage.")
    b.amount(
        "zuschuss",
        min(rate * min(dec(rate_day), cap) * funded_days, cost),
        f"{fmt_pct(rate)} × min(Tagessatz; {fmt_eur(cap)}) × Tage (höchstens {max_days})",
        f"{fmt_pct(rate)} × {fmt_eur(min(dec(rate_day), cap))} × {fmt_num(funded_days)}",
        REF,
    )
