"""Thüringer Bildungsfreistellungsgesetz: paid release for 5 working days a year (3 for
apprentices), a time resource and an employer cost, not a grant.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import timedelta
from typing import NamedTuple

from ..case import Firm, Participant
from .base import Builder, Shared, dec, fmt_eur, fmt_num

PER_PARTICIPANT = True
DAYS = True


class FirmFacts(NamedTuple):
    land_th: bool | None
    big_enough: bool | None


def prepare(v, when):
    return v.param("min_employees", when).value


def firm_facts(f: Firm, min_employees) -> FirmFacts:
    e = f.employees_establishment
    return FirmFacts(
        None if f.land is None else f.land == "TH", None if e is None else e >= min_employees
    )


def decide_firm(b: Builder, v, ff: FirmFacts, s: Shared) -> None:
    m = s.measure
    b.cond(
        "F1",
        ff.land_th,
        "§ 2 ThürBfG",
        "Arbeitsplatz bzw. Betrieb in Thüringen",
        "Arbeitsplatz bzw. Betrieb nicht in Thüringen",
        "firm.land",
    )
    n = b.param("min_employees")
    b.cond(
        "F2",
        ff.big_enough,
        "§ 3 Abs. 6 Satz 1 ThürBfG",
        f"Betrieb mit mindestens {n} Beschäftigten",
        f"Kein Anspruch in Betrieben mit weniger als {n} Beschäftigten",
        "firm.employees_establishment",
    )
    b.cond(
        "F4",
        m.bfg_recognised,
        "§ 1 Abs. 2 ThürBfG",
        "Anerkannte Veranstaltung (gesellschaftspolitisch, arbeitsweltbezogen oder "
        "ehrenamtsbezogen)",
        "Keine anerkannte Bildungsveranstaltung nach dem ThürBfG",
        "measure.bfg_recognised",
    )
    lead = b.peek("request_lead_days")
    if m.application is None or m.start is None:
        b.unknown(
            "F5",
            "Antrag beim Arbeitgeber mindestens 8 Wochen vorher",
            "ThürBfG",
            "measure.application, measure.start",
        )
    else:
        b.cond(
            "F5",
            m.application + timedelta(days=lead) <= m.start,
            "ThürBfG",
            "Antrag beim Arbeitgeber mindestens 8 Wochen vorher",
            "Antrag beim Arbeitgeber weniger als 8 Wochen vorher",
            rule="request_lead",
        )
    b.warn(
        "Der Arbeitgeber kann aus dringenden betrieblichen Gründen oder bei ausgeschöpfter "
        "Quote ablehnen (Quote nicht geprüft); Entscheidung binnen 4 Wochen."
    )


def decide_participant(b: Builder, v, ff: FirmFacts, s: Shared, p: Participant) -> None:
    i = b.participant
    m = s.measure
    months = b.peek("min_tenure_months")
    if p.employed_since is None:
        b.unknown(
            "F3",
            f"Beschäftigt seit mindestens {months} Monaten",
            "ThürBfG",
            f"participants[{i}].employed_since",
        )
    else:
        limit = _add_months(b.when, -months)
        b.cond(
            "F3",
            p.employed_since <= limit,
            "ThürBfG",
            f"Beschäftigt seit mindestens {months} Monaten",
            f"Beschäftigt seit weniger als {months} Monaten",
            rule="tenure",
        )
    per_week = p.days_per_week
    if per_week is None:
        per_week = 5
        b.warn("Arbeitstage je Woche nicht angegeben: 5-Tage-Woche angenommen.")
    if p.apprentice:
        entitled = dec(b.param("apprentice_days"))
        basis = "Auszubildende"
    else:
        entitled = dec(b.param("days")) * dec(per_week) / 5
        basis = f"{fmt_num(per_week)}-Tage-Woche"
    if p.apprentice is None:
        b.warn("Ausbildungsverhältnis nicht angegeben: Anspruch von Beschäftigten angesetzt.")
    used = entitled if m.days is None else min(entitled, dec(m.days))
    if m.days is None:
        b.warn("Dauer der Veranstaltung (measure.days) fehlt: voller Jahresanspruch angesetzt.")
    b.days = used
    b.passed(
        "F6",
        f"Anspruch {fmt_num(entitled)} Arbeitstage im Kalenderjahr ({basis}); genutzt "
        f"{fmt_num(used)}",
        "§ 3 Abs. 1 ThürBfG",
    )
    if p.monthly_gross_eur is None:
        b.warn("Fortgezahltes Entgelt nicht berechnet: Monatsentgelt fehlt.")
        return
    daily = dec(p.monthly_gross_eur) * 3 / 13 / dec(per_week)
    pay = b.add_cost(daily * used)
    if pay > 0:
        b.rely("no_refund")
        b.warn(
            f"Fortgezahltes Entgelt (Teilnehmende {i}: {fmt_eur(pay)}) trägt der Arbeitgeber; "
            "eine Erstattung durch das Land wurde nicht gefunden."
        )


def _add_months(d, months: int):
    y, mth = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, mth + 1
    return d.replace(year=year, month=month, day=min(d.day, monthrange(year, month)[1]))
