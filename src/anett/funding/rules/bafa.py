"""BAFA – Förderung von Unternehmensberatungen für KMU (Richtlinie 2022, applications
2023–2026): 80 % (new Länder, Lüneburg, Trier) or 50 % of a net fee of at most 3,500 EUR.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..case import Firm
from .base import Builder, Shared, add_years, below_caps, dec, fmt_eur, fmt_pct, tri_and, tri_not

PER_PARTICIPANT = False
REF = "BAFA-Richtlinie Unternehmensberatung vom 14.12.2022"


class Prep(NamedTuple):
    caps: tuple
    high_laender: tuple
    leipzig: tuple
    west_high: tuple
    excluded_wz: tuple
    max_total: int
    max_year: int
    young_before: date | None  # founded after this date: first year


class FirmFacts(NamedTuple):
    in_germany: bool | None
    sme: bool | None
    region: str | None  # "high", "low", "high?" (depends on unverified list), None unknown
    insolvent: bool | None
    excluded: bool | None
    young: bool | None
    count_ok: bool | None


def prepare(v, when: date) -> Prep:
    def p(name):
        return v.param(name, when).value

    total, year = p("max_consultations")
    return Prep(
        p("sme_caps"),
        p("high_rate_laender"),
        p("region_leipzig"),
        p("region_high_west"),
        p("excluded_wz"),
        total,
        year,
        add_years(when, -1),
    )


def firm_facts(f: Firm, pr: Prep) -> FirmFacts:
    staff, turnover, balance = pr.caps
    sme = below_caps(f.employees_sme, f.turnover_eur, f.balance_sheet_eur, staff, turnover, balance)
    region = None
    if f.land is not None:
        if f.land in ("SN", "NI", "RP"):
            if f.ags is None:
                region = None
            elif f.land == "SN":
                region = "low?" if f.ags in pr.leipzig else "high?"
            else:
                region = "high?" if f.ags in pr.west_high else "low?"
        else:
            region = "high" if f.land in pr.high_laender else "low"
    excluded = None
    if f.wz is not None:
        excluded = any(f.wz == w or f.wz.startswith(w + ".") for w in pr.excluded_wz)
    young = None if f.founded is None else f.founded > pr.young_before
    count_ok = None
    if f.bafa_consultations_total is not None and f.bafa_consultations_year is not None:
        count_ok = (
            f.bafa_consultations_total < pr.max_total and f.bafa_consultations_year < pr.max_year
        )
    return FirmFacts(
        None if f.land is None else True, sme, region, f.insolvent, excluded, young, count_ok
    )


def decide_firm(b: Builder, v, ff: FirmFacts, s: Shared) -> None:
    m = s.measure
    b.cond(
        "U1",
        ff.in_germany,
        REF,
        "Sitz und Geschäftsbetrieb in Deutschland",
        "",
        "firm.land",
    )
    staff, turnover, balance = b.param("sme_caps")
    b.cond(
        "U2",
        ff.sme,
        "Empfehlung 2003/361/EG, Anhang Art. 2; " + REF,
        f"KMU nach EU-Definition: weniger als {staff} Beschäftigte und Umsatz bis "
        f"{fmt_eur(turnover)} oder Bilanzsumme bis {fmt_eur(balance)} (einschließlich Partner- "
        "und verbundener Unternehmen)",
        "Kein KMU nach EU-Definition",
        "firm.employees_sme, firm.turnover_eur, firm.balance_sheet_eur",
    )
    b.cond(
        "U3",
        tri_and(tri_not(ff.insolvent), tri_not(ff.excluded)),
        REF,
        "Nicht insolvent; keine ausgeschlossene Branche (Unternehmensberatung, "
        "landwirtschaftliche Primärproduktion)",
        "Insolvent oder ausgeschlossene Branche (Unternehmensberatung, landwirtschaftliche "
        "Primärproduktion)",
        "firm.insolvent, firm.wz",
    )
    b.warn("Weitere Ausschlüsse der Richtlinie (z. B. einzelne Branchen) sind nicht geprüft.")
    b.cond(
        "U4",
        m.consultant_registered,
        REF,
        "Beratungsunternehmen beim BAFA registriert",
        "Beratungsunternehmen nicht beim BAFA registriert",
        "measure.consultant_registered",
    )
    if m.application is None or m.start is None:
        b.unknown(
            "U4b", "Antrag vor Beginn der Beratung", REF, "measure.application, measure.start"
        )
    else:
        b.cond(
            "U4b",
            m.application < m.start,
            REF,
            "Antrag vor Beginn der Beratung",
            "Antrag erst am oder nach Beginn der Beratung",
        )
    if ff.young is None:
        b.unknown("U5", "Gründungsdatum (Jungunternehmen)", REF, "firm.founded")
    elif ff.young:
        b.cond(
            "U5",
            m.info_talk,
            REF,
            "Jungunternehmen: Informationsgespräch bei einem regionalen Partner geführt",
            "Jungunternehmen: Informationsgespräch bei einem regionalen Partner fehlt",
            "measure.info_talk",
        )
    else:
        b.passed("U5", "Unternehmen besteht länger als ein Jahr", REF)
    total, per_year = b.param("max_consultations")
    b.cond(
        "U6",
        ff.count_ok,
        REF,
        f"Weniger als {total} Beratungen in der Laufzeit und weniger als {per_year} im Jahr",
        f"Höchstzahl erreicht ({total} Beratungen in der Laufzeit, {per_year} je Jahr)",
        "firm.bafa_consultations_total, firm.bafa_consultations_year",
    )
    high, low = b.param("rates")
    if ff.region is None:
        b.unknown("U7", "Region für den Fördersatz", REF, "firm.land, firm.ags")
        rate = None
    else:
        if ff.region.endswith("?"):
            b.param("region_leipzig")
            b.param("region_high_west")
        rate = dec(high if ff.region.startswith("high") else low)
        b.passed(
            "U7",
            f"Fördersatz {fmt_pct(rate)} nach der Region der Betriebsstätte",
            REF,
        )
    if m.consulting_fee_eur is None:
        b.unknown("U8", "Beratungshonorar (netto)", REF, "measure.consulting_fee_eur")
        return
    fee = dec(m.consulting_fee_eur)
    b.add_cost(fee)
    if rate is None:
        return
    cap = dec(b.param("fee_cap"))
    b.amount(
        "zuschuss",
        rate * min(fee, cap),
        f"Fördersatz × min(Beratungshonorar netto; {fmt_eur(cap)})",
        f"{fmt_pct(rate)} × {fmt_eur(min(fee, cap))}",
        REF,
    )
