"""§ 82 SGB III – Förderung beschäftigter Arbeitnehmer (Lehrgangskosten and Arbeitsentgeltzuschuss).

One formula for the three versions (2019, 1 Oct 2020, 1 Apr 2024); what differs between them
(size classes, shares, the 4- or 2-year rules, the 2020 increases, the targeting of the old
versions) comes from the parameters of the version file.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..case import NEVER, Firm, Participant
from ..parameters import bracket
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
    hourly_wage,
    tri_and,
    tri_not,
    tri_or,
)

PER_PARTICIPANT = True


class Prep(NamedTuple):
    thresholds: tuple
    older_below: float
    need_share: tuple | None  # (SME, other) minimum shares, None when no need bonus
    need_sme_below: float
    targeting: bool
    exempt_below: float
    kug_relevant: bool


class FirmFacts(NamedTuple):
    size: int | None  # size class index
    older_full: bool | None  # below the threshold of the 45+/disabled rule
    agreement: bool | None
    need: bool | None  # need share reached (2020 version), False where not applicable
    sme250: bool | None  # below the SME limit of the need rule
    exempt_firm: bool | None  # firm-size exemption from the targeting (old versions)
    short_time_work: bool | None  # only where § 82 Abs. 7 applies, else False


def prepare(v, when: date) -> Prep:
    def p(name):
        return v.param(name, when).value

    has_need = "need_bonus" in v.parameters
    targeting = bool(p("targeting"))
    return Prep(
        thresholds=p("size_thresholds"),
        older_below=p("older_full_course_below"),
        need_share=p("need_share") if has_need else None,
        need_sme_below=p("need_sme_below") if has_need else 0,
        targeting=targeting,
        exempt_below=p("targeting_exempt_below") if targeting else 0,
        kug_relevant="kug_exclusion_until" in v.parameters and when <= p("kug_exclusion_until"),
    )


def firm_facts(f: Firm, pr: Prep) -> FirmFacts:
    e = f.employees_enterprise
    size = older = exempt = sme = None
    if e is not None:
        size = bracket(e, pr.thresholds)
        older = e < pr.older_below
        exempt = pr.targeting and e < pr.exempt_below
        sme = e < pr.need_sme_below
    if not pr.targeting:
        exempt = False
    need: bool | None = False
    if pr.need_share is not None:
        share = f.structural_need_share
        lo, hi = pr.need_share
        if share is None:
            need = None
        elif share >= hi:
            need = True
        elif share < lo:
            need = False
        else:
            need = None if sme is None else sme
    else:
        sme = False
    return FirmFacts(
        size=size,
        older_full=older,
        agreement=f.training_agreement,
        need=need,
        sme250=sme,
        exempt_firm=exempt,
        short_time_work=f.short_time_work if pr.kug_relevant else False,
    )


def _ref(v, part: str) -> str:
    return f"§ 82 {part} SGB III" + ("" if v.valid_until is None else " a. F.")


def class_text(i: int, thresholds: tuple) -> str:
    if i == 0:
        return f"weniger als {fmt_num(thresholds[0])} Beschäftigten"
    if i == len(thresholds):
        return f"{fmt_num(thresholds[-1])} oder mehr Beschäftigten"
    return f"{fmt_num(thresholds[i - 1])} bis {fmt_num(thresholds[i] - 1)} Beschäftigten"


def decide_firm(b: Builder, v, ff: FirmFacts, s: Shared) -> None:
    m = s.measure
    thresholds = b.param("size_thresholds")
    if ff.size is None:
        b.unknown(
            "GK",
            "Größenklasse des Unternehmens (Unternehmen und Konzern, Teilzeit gewichtet)",
            _ref(v, "Abs. 2, Abs. 6 Satz 3"),
            "firm.employees_enterprise",
        )
    else:
        b.passed(
            "GK",
            f"Unternehmen mit {class_text(ff.size, thresholds)} (Unternehmen und Konzern, "
            "Teilzeit gewichtet) – bestimmt Arbeitgeberanteil und Zuschuss",
            _ref(v, "Abs. 2, Abs. 6 Satz 3"),
        )
    b.cond(
        "P2",
        tri_not(m.adaptation_only),
        _ref(v, "Abs. 1 Satz 1 Nr. 1"),
        "Maßnahme geht über eine ausschließlich arbeitsplatzbezogene kurzfristige "
        "Anpassungsfortbildung hinaus",
        "Ausschließlich arbeitsplatzbezogene kurzfristige Anpassungsfortbildung ist nicht "
        "förderfähig",
        "measure.adaptation_only",
    )
    min_hours = b.param("min_hours")
    hours = m.hours
    b.cond(
        "P5",
        None if hours is None else hours > min_hours,
        _ref(v, "Abs. 1 Satz 1 Nr. 4"),
        f"Maßnahme umfasst mehr als {fmt_num(min_hours)} Stunden ({fmt_num(hours or 0)} Std.)",
        f"Maßnahme umfasst nicht mehr als {fmt_num(min_hours)} Stunden "
        f"({fmt_num(hours or 0)} Std.)",
        "measure.hours",
        unknown_text=f"Maßnahme umfasst mehr als {fmt_num(min_hours)} Stunden",
    )
    b.cond(
        "P6",
        tri_and(m.measure_azav, m.provider_azav),
        _ref(v, "Abs. 1 Satz 1 Nr. 5"),
        "Maßnahme und Träger sind nach AZAV zugelassen"
        + ("" if v.valid_until is None else " (Durchführung durch zugelassenen Träger, Nr. 4)"),
        "Maßnahme und Träger müssen nach AZAV zugelassen sein",
        "measure.measure_azav, measure.provider_azav",
    )
    if b.param("mandatory_training_excluded"):
        b.cond(
            "P7",
            tri_not(m.legally_required),
            _ref(v, "Abs. 1 Satz 2"),
            "Keine Maßnahme, zu der der Arbeitgeber gesetzlich verpflichtet ist",
            "Maßnahmen, zu denen der Arbeitgeber gesetzlich verpflichtet ist, sind ausgeschlossen",
            "measure.legally_required",
        )
    if "kug_exclusion_until" in v.parameters and b.when <= b.param("kug_exclusion_until"):
        b.cond(
            "KUG",
            tri_not(ff.short_time_work),
            _ref(v, "Abs. 7"),
            "Maßnahme beginnt nicht während des Bezugs von Kurzarbeitergeld",
            "Maßnahmen, die während des Bezugs von Kurzarbeitergeld beginnen, sind bis "
            f"{fmt_date(b.param('kug_exclusion_until'))} ausgeschlossen",
            "firm.short_time_work",
        )
    application_before_start(b, m)
    if m.wage_loss_hours:
        b.warn(
            "Zum Arbeitsentgeltzuschuss kommt der pauschalierte Arbeitgeberanteil am "
            "Gesamtsozialversicherungsbeitrag (§ 82 Abs. 3); er ist weder im Zuschuss noch in den "
            "Kosten enthalten."
        )


def _age45(p: Participant, age: int) -> bool | None:
    return None if p.age is None else p.age >= age


def decide_participant(b: Builder, v, ff: FirmFacts, s: Shared, p: Participant) -> None:
    i = b.participant
    m = s.measure
    when = b.when
    b.passed(
        "P1",
        "Teilnahme im Rahmen eines bestehenden Arbeitsverhältnisses (Beschäftigte des Falls)",
        _ref(v, "Abs. 1 Satz 1"),
    )
    # Nr. 2: vocational qualification at least N years ago ("in der Regel": soft rule).
    n_years = b.param("qualification_years")
    ref2 = _ref(v, "Abs. 1 Satz 1 Nr. 2")
    no_qualification = p.qualification_year is NEVER
    if no_qualification:
        b.rely("p3_no_qualification")
        b.check(
            "P3",
            "Kein Berufsabschluss: Förderung einer abschlussbezogenen Maßnahme über § 81 Abs. 2 "
            "prüfen",
            ref2,
        )
    elif p.qualification_year is None and p.qualification_date is None:
        b.unknown(
            "P3",
            f"Berufsabschluss liegt mindestens {n_years} Jahre zurück",
            ref2,
            f"participants[{i}].qualification_year",
        )
    else:
        qd = p.qualification_date
        earliest = qd or date(p.qualification_year, 1, 1)
        latest = qd or date(p.qualification_year, 12, 31)
        limit = add_years(when, -n_years)
        if latest <= limit:
            b.passed("P3", f"Berufsabschluss liegt mindestens {n_years} Jahre zurück", ref2)
        elif earliest > limit:
            b.check(
                "P3",
                f"Berufsabschluss liegt weniger als {n_years} Jahre zurück: Förderung nur "
                "ausnahmsweise („in der Regel“), Ermessen der Agentur",
                ref2,
            )
        else:
            b.unknown(
                "P3",
                f"Ob der Berufsabschluss mindestens {n_years} Jahre zurückliegt, hängt vom "
                "Datum ab",
                ref2,
                f"participants[{i}].qualification_date",
            )
    # Nr. 3: no § 82-funded participation in the last N years before the application.
    n_repeat = b.param("no_repeat_years")
    ref3 = _ref(v, "Abs. 1 Satz 1 Nr. 3")
    lf = p.last_funded_82
    text3 = f"Keine nach § 82 geförderte Teilnahme in den letzten {n_repeat} Jahren vor dem Antrag"
    if lf is NEVER:
        b.passed("P4", text3, ref3)
    elif lf is None:
        b.unknown("P4", text3, ref3, f"participants[{i}].last_funded_82")
    elif m.application is None:
        b.unknown("P4", text3, ref3, "measure.application")
    else:
        b.cond(
            "P4",
            lf < add_years(m.application, -n_repeat),
            ref3,
            text3,
            f"Letzte nach § 82 geförderte Teilnahme endete am {fmt_date(lf)}, weniger als "
            f"{n_repeat} Jahre vor dem Antrag",
        )
    older_age = b.param("older_age")
    older = tri_or(_age45(p, older_age), p.severely_disabled)
    # Old versions: targeting to structural change or Engpassberufe (Sätze 2–4 a. F.).
    if b.peek("targeting"):
        reft = _ref(v, "Abs. 1 Sätze 2–4")
        exempt = tri_or(ff.exempt_firm, older)
        affected = p.structural_change_affected
        if affected is True:
            b.passed(
                "ZG",
                "Tätigkeit durch Technologie ersetzbar, vom Strukturwandel betroffen oder "
                "Weiterbildung in einem Engpassberuf",
                reft,
            )
        elif exempt:
            b.rely("targeting_exemptions")
            b.passed(
                "ZG",
                "Zielgruppenbindung gilt nicht (kleiner Betrieb, ab "
                f"{older_age} Jahren oder schwerbehindert)",
                reft,
            )
        elif affected is False and exempt is False:
            b.failed_(
                "ZG",
                "Weder vom Strukturwandel betroffen noch Engpassberuf, und keine Ausnahme",
                reft,
            )
        else:
            b.unknown(
                "ZG",
                "Betroffenheit vom Strukturwandel oder Engpassberuf",
                reft,
                f"participants[{i}].structural_change_affected, age, severely_disabled",
            )
    _amounts(b, v, ff, s, p, older, no_qualification)


def _amounts(b: Builder, v, ff: FirmFacts, s: Shared, p: Participant, older, no_qual) -> None:
    i = b.participant
    m = s.measure
    course = None if m.course_costs_eur is None else dec(m.course_costs_eur)
    wage = None
    if m.wage_loss_hours:
        hw = hourly_wage(p)
        if hw is not None:
            wage = hw * dec(m.wage_loss_hours)
    if course is not None:
        b.add_cost(course)
    if wage is not None:
        b.add_cost(wage)
    if ff.size is None:
        return
    thresholds = b.param("size_thresholds")
    qual_route = no_qual and m.leads_to_qualification is True
    # --- Lehrgangskosten (Abs. 2, 4, 5 a. F.)
    ref_lk = _ref(v, "Abs. 2")
    share = dec(b.param("course_share_ba")[ff.size])
    why = f"{fmt_pct(share)} bei {class_text(ff.size, thresholds)}"
    if share < 1 and ff.older_full:
        if older:
            share = dec(1)
            why = f"100 % (ab {b.param('older_age')} Jahren oder schwerbehindert)"
            ref_lk = _ref(v, "Abs. 2 Satz 4" if v.valid_until is None else "Abs. 2")
        elif older is None:
            b.unknown(
                "LK45",
                f"Volle Lehrgangskosten ab {b.param('older_age')} Jahren oder bei "
                "Schwerbehinderung",
                ref_lk,
                f"participants[{i}].age, participants[{i}].severely_disabled",
            )
    if share < 1 and qual_route and "course_no_qualification" in v.parameters:
        share = dec(b.param("course_no_qualification"))
        why = f"{fmt_pct(share)} (ohne Berufsabschluss, abschlussbezogene Maßnahme)"
    bonuses = []
    if share < 1 and ff.size in b.param("agreement_bonus_classes"):
        if ff.agreement is None:
            b.unknown(
                "ABS4",
                "Betriebsvereinbarung oder Tarifvertrag zur Weiterbildung",
                _ref(v, "Abs. 4"),
                "firm.training_agreement",
            )
        elif ff.agreement:
            bonus = dec(b.param("agreement_bonus"))
            bonuses.append(bonus)
            why += f" + {fmt_pct(bonus)} (BV/TV, Abs. 4)"
    if share < 1 and "need_bonus" in v.parameters:
        lo, hi = b.param("need_share")
        text_need = (
            f"Anpassungsbedarf bei mindestens {fmt_pct(lo)} (KMU) bzw. {fmt_pct(hi)} der "
            "Beschäftigten"
        )
        if ff.need is None:
            b.unknown("ABS5", text_need, _ref(v, "Abs. 5"), "firm.structural_need_share")
        elif ff.need:
            bonus = dec(b.param("need_bonus"))
            bonuses.append(bonus)
            why += f" + {fmt_pct(bonus)} (Anpassungsbedarf, Abs. 5 a. F.)"
    if len(bonuses) > 1:
        b.rely("bonus_combination")
    share = min(dec(1), share + sum(bonuses))
    if course is not None:
        b.amount(
            "lehrgangskosten",
            share * course,
            "Anteil der Agentur × Lehrgangskosten",
            f"{fmt_pct(share)} × {fmt_eur(course)} ({why})",
            ref_lk,
        )
    else:
        b.unknown("LK", "Lehrgangskosten", ref_lk, "measure.course_costs_eur")
    # --- Arbeitsentgeltzuschuss (Abs. 3)
    ref_aez = _ref(v, "Abs. 3")
    if m.wage_loss_hours is None:
        b.unknown(
            "AEZ", "Weiterbildungsbedingter Arbeitsausfall", ref_aez, "measure.wage_loss_hours"
        )
        return
    if not m.wage_loss_hours:
        return
    if wage is None:
        b.unknown(
            "AEZ",
            "Arbeitsentgelt für die Ausfallzeit",
            ref_aez,
            f"participants[{i}].monthly_gross_eur, participants[{i}].weekly_hours",
        )
        return
    rate = dec(b.param("aez_rate")[ff.size])
    why = f"{fmt_pct(rate)} bei {class_text(ff.size, thresholds)}"
    if qual_route:
        rate = dec(b.param("aez_no_qualification"))
        why = f"bis zu {fmt_pct(rate)} (ohne Berufsabschluss, abschlussbezogene Maßnahme)"
    else:
        if ff.agreement and ff.size in b.param("agreement_bonus_classes"):
            bonus = dec(b.param("aez_agreement_bonus"))
            rate += bonus
            why += f" + {fmt_pct(bonus)} (BV/TV, Ermessen)"
            b.warn(
                "Die Erhöhung des Arbeitsentgeltzuschusses bei Betriebsvereinbarung/Tarifvertrag "
                "liegt im Ermessen der Agentur („können … erhöht werden“, § 82 Abs. 4)."
            )
        if ff.need and "aez_need_bonus" in v.parameters:
            bonus = dec(b.param("aez_need_bonus"))
            rate += bonus
            why += f" + {fmt_pct(bonus)} (Anpassungsbedarf)"
        rate = min(dec(1), rate)
    if v.valid_until is not None:
        why += "; Höchstsatz („bis zu“)"
    b.amount(
        "arbeitsentgeltzuschuss",
        rate * wage,
        "Zuschussquote × Arbeitsentgelt der Ausfallstunden (Monatsentgelt × 3 / (13 × "
        "Wochenstunden) × Ausfallstunden)",
        f"{fmt_pct(rate)} × {fmt_eur(wage)} ({why})",
        ref_aez,
    )
