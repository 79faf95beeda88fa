"""§§ 82a–82c SGB III – Qualifizierungsgeld (wage replacement for employees, since 1 Apr 2024).

The employer finances the training in full and releases the employee without pay; the BA
pays 60 % (67 % with a child) of the Nettoentgeltdifferenz. The employer's cost is therefore
the course costs; the Qualifizierungsgeld goes to the employees and does not offset it.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..case import NEVER, Firm, Participant
from .base import (
    Builder,
    Shared,
    add_years,
    application_before_start,
    dec,
    fmt_date,
    fmt_eur,
    fmt_num,
    fmt_pct,
    tri_and,
    tri_not,
    tri_or,
)

PER_PARTICIPANT = True


class Prep(NamedTuple):
    need_share: tuple
    small_below: float
    declaration_below: float


class FirmFacts(NamedTuple):
    need: bool | None
    small: bool | None  # Betrieb below 250
    below10: bool | None
    agreement: bool | None
    declaration: bool | None
    employer_pays: bool | None


def prepare(v, when: date) -> Prep:
    return Prep(
        v.param("need_share", when).value,
        v.param("need_small_below", when).value,
        v.param("declaration_below", when).value,
    )


def firm_facts(f: Firm, pr: Prep) -> FirmFacts:
    e = f.employees_establishment
    small = None if e is None else e < pr.small_below
    below10 = None if e is None else e < pr.declaration_below
    share = f.structural_need_share
    lo, hi = pr.need_share
    if share is None:
        need = None
    elif share >= hi:
        need = True
    elif share < lo:
        need = False
    else:
        need = small
    agreement = f.qg_agreement
    declaration = (
        f.written_declaration_qg if agreement is not True and below10 is not False else None
    )
    return FirmFacts(need, small, below10, agreement, declaration, f.employer_pays_training)


def decide_firm(b: Builder, v, ff: FirmFacts, s: Shared) -> None:
    m = s.measure
    lo, hi = b.param("need_share")
    small_below = b.param("need_small_below")
    if ff.small is None:
        need_text = (
            f"Mindestens {fmt_pct(lo)} (Betrieb unter {fmt_num(small_below)} Beschäftigten) bzw. "
            f"{fmt_pct(hi)} der Beschäftigten haben strukturwandelbedingten Qualifizierungsbedarf"
        )
    else:
        need_text = (
            f"Mindestens {fmt_pct(lo if ff.small else hi)} der Beschäftigten des Betriebs "
            f"({'unter' if ff.small else 'ab'} {fmt_num(small_below)} Beschäftigten) haben "
            "strukturwandelbedingten Qualifizierungsbedarf"
        )
    b.cond(
        "B1",
        ff.need,
        "§ 82a Abs. 2 Nr. 1 SGB III",
        need_text,
        need_text.replace("Mindestens", "Weniger als", 1).replace("haben", "haben nur"),
        "firm.structural_need_share, firm.employees_establishment",
    )
    b.cond(
        "B2",
        ff.employer_pays,
        "§ 82a Abs. 2 Nr. 2, Satz 5 SGB III",
        "Arbeitgeber trägt die Weiterbildungskosten",
        "Arbeitgeber muss die Weiterbildungskosten tragen (Beschäftigte dürfen nicht belastet "
        "werden)",
        "firm.employer_pays_training",
    )
    below = fmt_num(b.param("declaration_below"))
    ok = tri_or(ff.agreement, tri_and(ff.below10, ff.declaration))
    if ff.agreement:
        yes = "Betriebsvereinbarung oder Tarifvertrag nach § 82a Abs. 2 Nr. 3 a–c liegt vor"
    else:
        yes = (
            f"Betrieb mit weniger als {below} Beschäftigten: schriftliche Erklärung des "
            "Arbeitgebers"
        )
    b.cond(
        "B3",
        ok,
        "§ 82a Abs. 2 Nr. 3 SGB III",
        yes,
        "Keine Betriebsvereinbarung/kein Tarifvertrag mit Regelungen zu Bedarf, "
        f"Beschäftigungsperspektive und Qualifizierungsgeld (Erklärung genügt nur unter {below} "
        "Beschäftigten)",
        "firm.qg_agreement, firm.employees_establishment, firm.written_declaration_qg",
        unknown_text="Betriebsvereinbarung/Tarifvertrag oder (kleiner Betrieb) schriftliche "
        "Erklärung",
    )
    b.cond(
        "Q3",
        tri_not(m.adaptation_only),
        "§ 82a Abs. 1 SGB III",
        "Maßnahme geht über eine ausschließlich arbeitsplatzbezogene kurzfristige "
        "Anpassungsfortbildung hinaus",
        "Ausschließlich arbeitsplatzbezogene kurzfristige Anpassungsfortbildung ist nicht "
        "förderfähig",
        "measure.adaptation_only",
    )
    b.cond(
        "Q4",
        m.provider_azav,
        "§ 82a Abs. 1 SGB III",
        "Träger ist nach AZAV zugelassen (Zulassung der Maßnahme nicht erforderlich)",
        "Träger muss nach AZAV zugelassen sein",
        "measure.provider_azav",
    )
    min_hours = b.param("min_hours")
    b.cond(
        "Q5",
        None if m.hours is None else m.hours > min_hours,
        "§ 82a Abs. 1 SGB III",
        f"Maßnahme umfasst mehr als {fmt_num(min_hours)} Stunden ({fmt_num(m.hours or 0)} Std.)",
        f"Maßnahme umfasst nicht mehr als {fmt_num(min_hours)} Stunden "
        f"({fmt_num(m.hours or 0)} Std.)",
        "measure.hours",
        unknown_text=f"Maßnahme umfasst mehr als {fmt_num(min_hours)} Stunden",
    )
    if m.leads_to_qualification is None:
        b.unknown(
            "Q5D",
            "Dauer höchstens wie nach § 180 Abs. 4 SGB III (bei abschlussbezogener Maßnahme)",
            "§ 82a Abs. 1 SGB III i. V. m. § 180 Abs. 4 SGB III",
            "measure.leads_to_qualification",
        )
    elif m.leads_to_qualification:
        b.check(
            "Q5D",
            "Abschlussbezogene Maßnahme: Dauer nach § 180 Abs. 4 SGB III (Verkürzung um ein "
            "Drittel) prüfen",
            "§ 82a Abs. 1 SGB III i. V. m. § 180 Abs. 4 SGB III",
        )
    else:
        b.passed(
            "Q5D",
            "Keine abschlussbezogene Maßnahme: keine Höchstdauer nach § 180 Abs. 4",
            "§ 82a Abs. 1 SGB III i. V. m. § 180 Abs. 4 SGB III",
        )
    application_before_start(b, m)


def decide_participant(b: Builder, v, ff: FirmFacts, s: Shared, p: Participant) -> None:
    i = b.participant
    m = s.measure
    b.passed(
        "E1",
        "Weiterbildung im Rahmen eines bestehenden Arbeitsverhältnisses (Beschäftigte des Falls)",
        "§ 82a Abs. 4 SGB III",
    )
    n = b.param("no_repeat_years")
    text = f"Keine nach § 82a geförderte Weiterbildung in den letzten {n} Jahren vor dem Antrag"
    lf = p.last_funded_82a
    if lf is NEVER:
        b.passed("E2", text, "§ 82a Abs. 4 SGB III")
    elif lf is None:
        b.unknown("E2", text, "§ 82a Abs. 4 SGB III", f"participants[{i}].last_funded_82a")
    elif m.application is None:
        b.unknown("E2", text, "§ 82a Abs. 4 SGB III", "measure.application")
    else:
        b.cond(
            "E2",
            lf < add_years(m.application, -n),
            "§ 82a Abs. 4 SGB III",
            text,
            f"Letzte nach § 82a geförderte Weiterbildung endete am {fmt_date(lf)}, weniger als "
            f"{n} Jahre vor dem Antrag",
        )
    b.cond(
        "E3",
        tri_not(p.notice_given),
        "§ 82a Abs. 4 SGB III",
        "Arbeitsverhältnis ist nicht gekündigt und nicht durch Aufhebungsvertrag beendet",
        "Arbeitsverhältnis ist gekündigt oder durch Aufhebungsvertrag beendet",
        f"participants[{i}].notice_given",
    )
    if m.course_costs_eur is not None:
        b.add_cost(m.course_costs_eur)
    # --- amount (§ 82b)
    rates = b.param("rate")
    if m.wage_loss_hours is None:
        b.unknown(
            "QG",
            "Weiterbildungsbedingter Arbeitsausfall (Stunden)",
            "§ 82b SGB III",
            "measure.wage_loss_hours",
        )
        return
    if not m.wage_loss_hours:
        b.warn("Ohne weiterbildungsbedingten Arbeitsausfall wird kein Qualifizierungsgeld gezahlt.")
        return
    if p.children is None:
        b.unknown(
            "QG",
            f"Satz des Qualifizierungsgelds ({fmt_pct(rates[0])}, mit Kind {fmt_pct(rates[1])})",
            "§ 82b SGB III",
            f"participants[{i}].children",
        )
        return
    rate = dec(rates[1] if p.children else rates[0])
    if p.net_monthly_eur is None or not p.weekly_hours:
        b.unknown(
            "QG",
            "Nettoentgeltdifferenz für die Höhe des Qualifizierungsgelds",
            "§ 82b SGB III",
            f"participants[{i}].net_monthly_eur, participants[{i}].weekly_hours",
        )
        return
    net_hourly = dec(p.net_monthly_eur) * 3 / (13 * dec(p.weekly_hours))
    loss = net_hourly * dec(m.wage_loss_hours)
    b.amount(
        "qualifizierungsgeld",
        rate * loss,
        "Satz × Nettoentgeltdifferenz (Näherung: pauschaliertes Monatsnetto × 3 / (13 × "
        "Wochenstunden) × Ausfallstunden)",
        f"{fmt_pct(rate)} × {fmt_eur(loss)}",
        "§ 82b SGB III",
        recipient="participant",
        offsets_cost=False,
    )
    b.warn(
        "Qualifizierungsgeld ist eine Näherung: § 82b rechnet mit der Differenz der "
        "pauschalierten Nettoentgelte im Bemessungszeitraum, nicht proportional zu den Stunden."
    )
