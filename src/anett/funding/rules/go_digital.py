"""go-digital (BMWK) – ended: approvals until 31 Dec 2024. Firms under 100 employees (incl.
partner and linked enterprises) with turnover or balance sheet up to 20 M EUR; 50 % of at most
1,100 EUR a day for at most 30 days (max. 16,500 EUR); de minimis.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..case import Firm
from .base import Builder, Shared, below_caps, dec, fmt_eur, fmt_num, fmt_pct

PER_PARTICIPANT = False
REF = "Richtlinie go-digital vom 13.12.2021"


class FirmFacts(NamedTuple):
    small: bool | None


def prepare(v, when: date):
    return v.param("caps", when).value


def firm_facts(f: Firm, caps) -> FirmFacts:
    staff, turnover, balance = caps
    return FirmFacts(
        below_caps(f.employees_sme, f.turnover_eur, f.balance_sheet_eur, staff, turnover, balance)
    )


def decide_firm(b: Builder, v, ff: FirmFacts, s: Shared) -> None:
    m = s.measure
    staff, turnover, balance = b.param("caps")
    b.cond(
        "GD1",
        ff.small,
        REF,
        f"Weniger als {staff} Beschäftigte (mit Partner- und verbundenen Unternehmen), Umsatz "
        f"oder Bilanzsumme bis {fmt_eur(turnover)}",
        f"{staff} oder mehr Beschäftigte oder Umsatz und Bilanzsumme über {fmt_eur(turnover)}",
        "firm.employees_sme, firm.turnover_eur, firm.balance_sheet_eur",
    )
    b.cond(
        "GD2",
        m.consultant_registered,
        REF,
        "Beratung durch ein autorisiertes go-digital-Beratungsunternehmen",
        "Beratungsunternehmen nicht autorisiert",
        "measure.consultant_registered",
    )
    b.warn("De-minimis-Beihilfe: Obergrenze der letzten drei Jahre prüfen.")
    days, rate_day = m.days, m.day_rate_eur
    if rate_day is None and m.consulting_fee_eur is not None and days:
        rate_day = m.consulting_fee_eur / days
    if days is None or rate_day is None:
        b.unknown("GD3", "Beratertage und Tagessatz", REF, "measure.days, measure.day_rate_eur")
        return
    cost = dec(m.consulting_fee_eur) if m.consulting_fee_eur is not None else None
    if cost is None:
        cost = dec(rate_day) * dec(days)
    b.add_cost(cost)
    rate = dec(b.param("rate"))
    cap = dec(b.param("day_rate_cap"))
    max_days = b.param("max_days")
    funded = min(dec(days), dec(max_days))
    b.amount(
        "zuschuss",
        min(rate * min(dec(rate_day), cap) * funded, cost),
        f"{fmt_pct(rate)} × min(Tagessatz; {fmt_eur(cap)}) × Tage (höchstens {max_days})",
        f"{fmt_pct(rate)} × {fmt_eur(min(dec(rate_day), cap))} × {fmt_num(funded)}",
        REF,
    )
