"""Thuringian FWRL 2022 (a): berufliche Anpassungsqualifizierung – the company applies.

Up to 50 % of the eligible expenditure. Caps, the B-DKS pricing of course costs and the
treatment of large enterprises are not confirmed, so an amount is always "check".
"""

from __future__ import annotations

from datetime import timedelta
from typing import NamedTuple

from ..case import Firm, Participant
from .base import Builder, Shared, dec, fmt_eur, fmt_pct, tri_not

PER_PARTICIPANT = True


class FirmFacts(NamedTuple):
    land_th: bool | None
    insolvent: bool | None
    large: bool | None  # 250 or more (EU-SME figure, else enterprise figure)


def firm_facts(f: Firm, prep) -> FirmFacts:
    staff = f.employees_sme if f.employees_sme is not None else f.employees_enterprise
    return FirmFacts(
        None if f.land is None else f.land == "TH",
        f.insolvent,
        None if staff is None else staff >= 250,
    )


REF = "FWRL Thüringen 2022, Anpassungsqualifizierung"


def decide_firm(b: Builder, v, ff: FirmFacts, s: Shared) -> None:
    m = s.measure
    b.cond(
        "A1",
        ff.land_th,
        REF,
        "Sitz oder Betriebsstätte in Thüringen",
        "Sitz oder Betriebsstätte muss in Thüringen liegen",
        "firm.land",
    )
    b.cond(
        "A1b",
        tri_not(ff.insolvent),
        REF,
        "Kein Insolvenzverfahren",
        "Antragsteller im Insolvenzverfahren",
        "firm.insolvent",
        rule="insolvency",
    )
    b.passed(
        "A2",
        "Teilnehmende sind Beschäftigte des Unternehmens (keine Solo-Selbstständigen)",
        REF,
    )
    b.cond(
        "A3",
        m.updates_existing_skills,
        REF,
        "Maßnahme aktualisiert oder vertieft vorhandene berufliche Kompetenzen",
        "Keine Anpassungsqualifizierung (vorhandene Kompetenzen werden nicht aktualisiert)",
        "measure.updates_existing_skills",
    )
    b.cond(
        "A4",
        m.during_working_time,
        REF,
        "Weiterbildung während der regulären Arbeitszeit",
        "Weiterbildung nicht während der regulären Arbeitszeit",
        "measure.during_working_time",
        rule="working_time",
    )
    lead = b.param("lead_days")
    if m.application is None or m.start is None:
        b.unknown(
            "A5",
            "Antrag mindestens 6 Wochen vor Projektbeginn",
            REF,
            "measure.application, measure.start",
        )
    else:
        b.cond(
            "A5",
            m.application + timedelta(days=lead) <= m.start,
            REF,
            "Antrag mindestens 6 Wochen vor Projektbeginn",
            "Antrag weniger als 6 Wochen vor Projektbeginn",
        )
    if ff.large is not False:
        b.rely("large_firms")
    b.warn(
        "Personalkosten der Teilnehmenden (Standardeinheitskosten) sind nicht berechnet; die "
        "Fassung 2022 ist nicht geprüft."
    )


def decide_participant(b: Builder, v, ff: FirmFacts, s: Shared, p: Participant) -> None:
    m = s.measure
    if m.course_costs_eur is None:
        b.unknown("A6", "Lehrgangskosten", REF, "measure.course_costs_eur")
        return
    costs = dec(m.course_costs_eur)
    b.add_cost(costs)
    rate = dec(b.param("rate"))
    b.rely("bdks")
    b.rely("caps")
    b.amount(
        "zuschuss",
        rate * costs,
        f"bis zu {fmt_pct(rate)} × zuwendungsfähige Lehrgangskosten",
        f"{fmt_pct(rate)} × {fmt_eur(costs)}",
        REF,
    )
