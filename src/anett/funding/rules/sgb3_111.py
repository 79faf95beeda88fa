"""§ 111 SGB III – Transferkurzarbeitergeld: 60 %/67 % of the Nettoentgeltdifferenz, at most
12 months. A wage replacement paid to the employees; it does not offset a measure cost.
"""

from __future__ import annotations

from typing import NamedTuple

from ..case import Firm, Participant
from .base import Builder, Shared, dec, fmt_eur, fmt_num, fmt_pct

PER_PARTICIPANT = True


class FirmFacts(NamedTuple):
    restructuring: bool | None
    transfer_unit: bool | None
    agency_consulted: bool | None
    months: float | None


def firm_facts(f: Firm, prep) -> FirmFacts:
    return FirmFacts(f.restructuring, f.transfer_unit, f.agency_consulted, f.transfer_months)


def decide_firm(b: Builder, v, ff: FirmFacts, s: Shared) -> None:
    b.rely("conditions_incomplete")
    b.rely("entitlement")
    b.cond(
        "TK1",
        ff.restructuring,
        "§ 111 Abs. 1, Abs. 2 SGB III",
        "Dauerhafter, unvermeidbarer Arbeitsausfall wegen einer Betriebsänderung",
        "Kein dauerhafter Arbeitsausfall wegen einer Betriebsänderung",
        "firm.restructuring",
    )
    b.cond(
        "TK2",
        ff.transfer_unit,
        "§ 111 Abs. 3 SGB III",
        "Betroffene sind in einer betriebsorganisatorisch eigenständigen Einheit zusammengefasst",
        "Keine betriebsorganisatorisch eigenständige Einheit (Transfergesellschaft) gebildet",
        "firm.transfer_unit",
    )
    b.cond(
        "TK3",
        ff.agency_consulted,
        "§ 111 Abs. 1 SGB III",
        "Die Betriebsparteien haben sich vorab von der Agentur für Arbeit beraten lassen",
        "Vorherige Beratung durch die Agentur für Arbeit fehlt",
        "firm.agency_consulted",
    )


def decide_participant(b: Builder, v, ff: FirmFacts, s: Shared, p: Participant) -> None:
    i = b.participant
    b.cond(
        "TK4",
        p.in_transfer_unit,
        "§ 111 Abs. 4 SGB III",
        "Wechselt in die betriebsorganisatorisch eigenständige Einheit",
        "Wechselt nicht in die betriebsorganisatorisch eigenständige Einheit",
        f"participants[{i}].in_transfer_unit",
    )
    rates = b.param("rate")
    max_months = b.param("max_months")
    if p.net_monthly_eur is None or ff.months is None or p.children is None:
        b.warn(
            "Höhe des Transferkurzarbeitergelds nicht berechnet: pauschaliertes Monatsnetto "
            "(net_monthly_eur), Kinder (children) und Dauer (firm.transfer_months) angeben."
        )
        return
    rate = dec(rates[1] if p.children else rates[0])
    months = min(dec(ff.months), dec(max_months))
    if ff.months > max_months:
        b.warn(f"Transferkurzarbeitergeld höchstens {max_months} Monate (§ 111 Abs. 1 SGB III).")
    b.amount(
        "transferkurzarbeitergeld",
        rate * dec(p.net_monthly_eur) * months,
        "Satz × Nettoentgeltdifferenz (Kurzarbeit null: pauschaliertes Monatsnetto) × Monate "
        f"(höchstens {max_months})",
        f"{fmt_pct(rate)} × {fmt_eur(p.net_monthly_eur)} × {fmt_num(months)}",
        "§ 111 Abs. 10 i. V. m. § 105 SGB III",
        recipient="participant",
        offsets_cost=False,
    )
