"""The Förderrechner: from a planned measure of a company to the engine's case and back to
rows for the screen and the exports.

- `case_data(measure)` builds the case file (the same JSON shape `anett foerdercheck` reads)
  from the company record and the measure; `parse_case` validates it, so the web form and
  the command line share one validation.
- `calculate(measure)` evaluates it (`engine.evaluate`) for the programmes the coordinators
  offer (plus those already chosen) and condenses the result: participants of a group are
  shown once with their number, field paths become readable labels, and the chosen
  combination gets its totals and double-funding warnings.

The engine files are not changed; this module only reads their output.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anett.companies.classification import InvalidWZ, normalise_wz

from .case import CaseError, parse_case
from .catalogue import PROGRAMME_IDS, load_catalogue
from .engine import CUMULATION, evaluate
from .models import FundingHistory, MeasureKind, PlannedMeasure, ProgrammeSetting
from .rules.base import CHECK, ELIGIBLE, NOT_ELIGIBLE, fmt_eur

ZERO = Decimal("0.00")

# First two digits of the AGS (Kreis key) → Land of the establishment.
LAND_BY_AGS = {
    "01": "SH", "02": "HH", "03": "NI", "04": "HB", "05": "NW", "06": "HE", "07": "RP",
    "08": "BW", "09": "BY", "10": "SL", "11": "BE", "12": "BB", "13": "MV", "14": "SN",
    "15": "ST", "16": "TH",
}  # fmt: skip

STATUS_LABELS = {
    ELIGIBLE: gettext_lazy("eligible for funding"),
    NOT_ELIGIBLE: gettext_lazy("not eligible"),
    CHECK: gettext_lazy("to be checked"),
}
STATUS_ORDER = {ELIGIBLE: 0, CHECK: 1, NOT_ELIGIBLE: 2}

OUTCOME_LABELS = {
    "passed": gettext_lazy("met"),
    "failed": gettext_lazy("not met"),
    "unknown": gettext_lazy("unknown"),
    "check": gettext_lazy("to be checked"),
}
OPEN_OUTCOMES = ("unknown", "check")

COMPONENT_LABELS = {
    "lehrgangskosten": gettext_lazy("Course costs"),
    "arbeitsentgeltzuschuss": gettext_lazy("Wage subsidy"),
    "zuschuss": gettext_lazy("Grant"),
    "erlass_bei_bestehen": gettext_lazy("Loan waiver on passing the exam"),
    "praemie": gettext_lazy("Premium"),
    "transferkurzarbeitergeld": gettext_lazy("Transfer short-time allowance"),
    "qualifizierungsgeld": gettext_lazy("Qualification allowance"),
    "meisterbonus": gettext_lazy("Master craftsman bonus"),
    "weiterbildungsscheck": gettext_lazy("Training voucher"),
}

RECIPIENT_LABELS = {
    "employer": gettext_lazy("employer"),
    "participant": gettext_lazy("employee"),
}

# Readable names of the case keys that the engine names when a datum is missing.
FIELD_LABELS = {
    "firm.employees_establishment": gettext_lazy("employees of the establishment"),
    "firm.employees_enterprise": gettext_lazy("employees of the enterprise (and group)"),
    "firm.employees_sme": gettext_lazy("EU-SME headcount incl. partner and linked enterprises"),
    "firm.turnover_eur": gettext_lazy("annual turnover"),
    "firm.balance_sheet_eur": gettext_lazy("balance sheet total"),
    "firm.land": gettext_lazy("Land of the establishment"),
    "firm.ags": gettext_lazy("district"),
    "firm.wz": gettext_lazy("WZ 2008 code"),
    "firm.training_agreement": gettext_lazy("works or collective agreement on training"),
    "firm.qg_agreement": gettext_lazy("agreement on Qualifizierungsgeld"),
    "firm.written_declaration_qg": gettext_lazy("written employer declaration"),
    "firm.structural_need_share": gettext_lazy("share of staff with structural-change need"),
    "firm.employer_pays_training": gettext_lazy("employer bears the course costs"),
    "firm.short_time_work": gettext_lazy("short-time work at the start"),
    "firm.insolvent": gettext_lazy("insolvency or firm in difficulty"),
    "firm.founded": gettext_lazy("founding date"),
    "firm.bafa_consultations_total": gettext_lazy("BAFA consultations in the funding period"),
    "firm.bafa_consultations_year": gettext_lazy("BAFA consultations this year"),
    "firm.restructuring": gettext_lazy("restructuring with loss of jobs"),
    "firm.agency_consulted": gettext_lazy("advice by the employment agency beforehand"),
    "firm.transfer_unit": gettext_lazy("transfer unit formed"),
    "firm.transfer_months": gettext_lazy("duration of the transfer short-time allowance"),
    "participants.age": gettext_lazy("age at the start"),
    "participants.severely_disabled": gettext_lazy("severely disabled"),
    "participants.qualification_year": gettext_lazy("year of the vocational qualification"),
    "participants.qualification_date": gettext_lazy("date of the vocational qualification"),
    "participants.last_funded_82": gettext_lazy("end of the last § 82 training"),
    "participants.last_funded_82a": gettext_lazy("end of the last § 82a training"),
    "participants.notice_given": gettext_lazy("employment terminated"),
    "participants.children": gettext_lazy("has children"),
    "participants.monthly_gross_eur": gettext_lazy("monthly gross wage"),
    "participants.weekly_hours": gettext_lazy("weekly working hours"),
    "participants.net_monthly_eur": gettext_lazy("monthly net wage"),
    "participants.structural_change_affected": gettext_lazy("affected by structural change"),
    "participants.taxable_income_eur": gettext_lazy("taxable income"),
    "participants.joint_assessment": gettext_lazy("joint tax assessment"),
    "participants.last_weiterbildungsscheck": gettext_lazy("last Weiterbildungsscheck"),
    "participants.employed_since": gettext_lazy("employed since"),
    "participants.days_per_week": gettext_lazy("working days per week"),
    "participants.apprentice": gettext_lazy("apprentice"),
    "participants.master_exam_passed": gettext_lazy("Meister exam passed on"),
    "participants.master_trade_hwo": gettext_lazy("trade in annex A or B of the HwO"),
    "participants.master_exam_th": gettext_lazy("Meister exam before a Thuringian chamber"),
    "participants.in_transfer_unit": gettext_lazy("in a transfer unit"),
    "measure.kind": gettext_lazy("kind of measure"),
    "measure.hours": gettext_lazy("hours"),
    "measure.course_costs_eur": gettext_lazy("course costs"),
    "measure.exam_fees_eur": gettext_lazy("exam fees"),
    "measure.start": gettext_lazy("start"),
    "measure.application": gettext_lazy("application date"),
    "measure.provider_azav": gettext_lazy("provider approved under AZAV"),
    "measure.measure_azav": gettext_lazy("measure approved under AZAV"),
    "measure.wage_loss_hours": gettext_lazy("working hours lost per participant"),
    "measure.consulting_fee_eur": gettext_lazy("consulting fee"),
    "measure.days": gettext_lazy("days"),
    "measure.day_rate_eur": gettext_lazy("daily rate"),
    "measure.adaptation_only": gettext_lazy("only a short job-specific adaptation"),
    "measure.legally_required": gettext_lazy("the employer is legally obliged to provide it"),
    "measure.leads_to_qualification": gettext_lazy("leads to a vocational qualification"),
    "measure.upgrade_exam": gettext_lazy("prepares an upgrading exam"),
    "measure.updates_existing_skills": gettext_lazy("updates existing skills"),
    "measure.during_working_time": gettext_lazy("during working time"),
    "measure.bfg_recognised": gettext_lazy("event recognised for educational leave"),
    "measure.consultant_registered": gettext_lazy("consultant registered"),
    "measure.inqa_check": gettext_lazy("INQA consulting cheque"),
    "measure.info_talk": gettext_lazy("information talk with a regional partner"),
    "measure.ends_during_transfer": gettext_lazy("ends during the transfer allowance"),
}
_FIELD_RE = re.compile(r"\b(firm|measure)\.([a-z0-9_]+)|participants\[\d+\]\.([a-z0-9_]+)")


def readable_fields(text: str) -> str:
    """Replace the engine's field paths ("participants[3].age") by readable labels."""

    def repl(m: re.Match) -> str:
        key = f"{m.group(1)}.{m.group(2)}" if m.group(1) else f"participants.{m.group(3)}"
        label = FIELD_LABELS.get(key)
        return str(label) if label is not None else m.group(0)

    return _FIELD_RE.sub(repl, text)


# --- building the case ----------------------------------------------------------------------


def _num(value):
    """Model decimals as JSON numbers (the case parser accepts int and float only)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def firm_data(company, measure: PlannedMeasure) -> dict:
    """The firm part of the case: figures from the company record, agreements only as the
    user confirmed them for this measure (a collective agreement is not a training one)."""
    firm: dict = {}
    if company.employees_site is not None:
        firm["employees_establishment"] = company.employees_site
    if company.employees_enterprise is not None:
        firm["employees_enterprise"] = company.employees_enterprise
    if measure.employees_sme is not None:
        firm["employees_sme"] = measure.employees_sme
    if company.turnover_eur is not None:
        firm["turnover_eur"] = _num(company.turnover_eur)
    if company.balance_sheet_eur is not None:
        firm["balance_sheet_eur"] = _num(company.balance_sheet_eur)
    kreis = company.kreis
    if kreis is not None and kreis.ags:
        land = LAND_BY_AGS.get(kreis.ags[:2])
        if land:
            firm["land"] = land
        if len(kreis.ags) == 5 and kreis.ags.isdigit():
            firm["ags"] = kreis.ags
    if company.wz_code:
        try:
            firm["wz"] = normalise_wz(company.wz_code)
        except InvalidWZ:
            pass
    for key in (
        "training_agreement",
        "qg_agreement",
        "written_declaration_qg",
        "employer_pays_training",
        "short_time_work",
    ):
        value = getattr(measure, key)
        if value is not None:
            firm[key] = value
    if measure.structural_need_percent is not None:
        firm["structural_need_share"] = float(measure.structural_need_percent) / 100
    return firm


def measure_data(measure: PlannedMeasure) -> dict:
    data: dict = {"kind": measure.kind}
    values = {
        "hours": _num(measure.hours),
        "course_costs_eur": _num(measure.course_costs_eur),
        "exam_fees_eur": _num(measure.exam_fees_eur),
        "start": measure.start.isoformat() if measure.start else None,
        "application": (measure.application_date.isoformat() if measure.application_date else None),
        "provider_azav": measure.provider_azav,
        "measure_azav": measure.measure_azav,
        "wage_loss_hours": _num(measure.wage_loss_hours),
        "consulting_fee_eur": _num(measure.consulting_fee_eur),
        "days": _num(measure.days),
        "adaptation_only": measure.adaptation_only,
        "legally_required": measure.legally_required,
        "consultant_registered": measure.consultant_registered,
    }
    data.update({k: v for k, v in values.items() if v is not None})
    return data


def participant_data(group) -> dict:
    p: dict = {}
    for key in ("age", "severely_disabled", "notice_given", "children"):
        value = getattr(group, key)
        if value is not None:
            p[key] = value
    for key in ("monthly_gross_eur", "weekly_hours", "net_monthly_eur"):
        value = getattr(group, key)
        if value is not None:
            p[key] = _num(value)
    if group.no_qualification:
        p["qualification_year"] = None  # null: no vocational qualification
    elif group.qualification_year is not None:
        p["qualification_year"] = group.qualification_year
    if group.funding_history == FundingHistory.NEVER:
        p["last_funded_82"] = p["last_funded_82a"] = None  # null: never
    elif group.funding_history == FundingHistory.DATES:
        # With "funded before", an empty date means never under that paragraph.
        for key in ("last_funded_82", "last_funded_82a"):
            value = getattr(group, key)
            p[key] = value.isoformat() if value else None
    return p


def case_data(measure: PlannedMeasure, groups=None, day: date | None = None):
    """(case dict, group index of each participant). Groups of N are expanded to N."""
    groups = list(measure.groups.all()) if groups is None else list(groups)
    participants, group_of = [], []
    for gi, group in enumerate(groups):
        p = participant_data(group)
        for _i in range(group.count):
            participants.append(dict(p))
            group_of.append(gi)
    data = {
        "date": (day or timezone.localdate()).isoformat(),
        "firm": firm_data(measure.company, measure),
        "participants": participants,
        "measure": measure_data(measure),
    }
    return data, group_of


# --- catalogue settings -------------------------------------------------------------------


def programme_settings() -> dict[str, ProgrammeSetting]:
    return {s.programme: s for s in ProgrammeSetting.objects.all()}


def is_offered(pid: str, settings: dict[str, ProgrammeSetting]) -> bool:
    s = settings.get(pid)
    if s is not None and s.active is not None:
        return s.active
    return load_catalogue()[pid].active


def display_title(pid: str, engine_title: str, settings: dict) -> str:
    s = settings.get(pid)
    return s.title if s is not None and s.title else engine_title


def display_sources(pid: str, engine_sources, settings: dict) -> list[str]:
    s = settings.get(pid)
    if s is not None and s.source_list:
        return s.source_list
    return list(engine_sources)


# --- the calculation -------------------------------------------------------------------------


@dataclass
class Component:
    name: str
    label: str
    eur: Decimal
    formula: str
    ref: str
    recipient: str
    recipient_label: str
    offsets_cost: bool
    conditional: bool
    lines: list[str] = field(default_factory=list)  # per group of participants


@dataclass
class Reason:
    code: str
    outcome: str
    outcome_label: str
    text: str
    ref: str
    groups: str = ""  # "" for the firm or the measure


@dataclass
class OpenPoint:
    programme: str
    title: str
    text: str
    ref: str
    groups: str = ""
    kind: str = "condition"  # or "rule": an unconfirmed rule the result relies on
    tag: str = ""
    source: str = ""


@dataclass
class ProgrammeRow:
    id: str
    title: str
    description: str
    version: str | None
    status: str
    status_label: str
    entitlement: bool
    entitlement_basis: str
    legal_basis: str
    sources: list[str]
    components: list[Component]
    total: Decimal
    cost: Decimal
    employer_cost: Decimal
    reasons: list[Reason]
    warnings: list[str]
    unverified: list[dict]
    selected: bool = False
    offered: bool = True

    @property
    def grants(self) -> Decimal:
        """Money that lowers the employer's cost (unconditional)."""
        return sum((c.eur for c in self.components if c.offsets_cost and not c.conditional), ZERO)

    @property
    def benefits(self) -> Decimal:
        """Money to the employees (Qualifizierungsgeld, Transfer-Kug) or bonuses."""
        return sum(
            (c.eur for c in self.components if not c.offsets_cost and not c.conditional), ZERO
        )

    @property
    def conditional_total(self) -> Decimal:
        return sum((c.eur for c in self.components if c.conditional), ZERO)

    @property
    def selectable(self) -> bool:
        return self.status != NOT_ELIGIBLE or self.selected

    @property
    def open_reasons(self) -> list[Reason]:
        return [r for r in self.reasons if r.outcome in OPEN_OUTCOMES]

    @property
    def open_count(self) -> int:
        return len(self.open_reasons) + len(self.unverified)


@dataclass
class Combination:
    rows: list[ProgrammeRow]
    grants: Decimal
    benefits: Decimal
    conditional: Decimal
    cost_base: Decimal
    remaining: Decimal
    warnings: list[str]
    notes: list[str]


@dataclass
class Calculation:
    measure: PlannedMeasure
    day: date
    groups: list
    rows: list[ProgrammeRow]
    combination: Combination
    open_points: list[OpenPoint]
    hidden: list[str]  # titles of programmes the coordinators do not offer
    error: str = ""
    case: dict | None = None

    @property
    def plan_rows(self) -> list[ProgrammeRow]:
        """The programmes of the Förderfahrplan: the chosen ones, or all that may apply."""
        if self.combination.rows:
            return self.combination.rows
        return [r for r in self.rows if r.status != NOT_ELIGIBLE]


def _d(x) -> Decimal:
    return Decimal(str(x)).quantize(Decimal("0.01"))


def _group_text(indices: list[int], labels: list[str]) -> str:
    if len(labels) > 1 and len(indices) == len(labels):
        return _("all groups")
    return ", ".join(labels[i] for i in indices)


_MULTI = re.compile(r"^Summe über \d+ Teilnehmende: (.*?) \((?:TN \d+: )", re.S)


def _generic_formula(formula: str) -> str:
    """The general rule of a per-participant amount, without the per-person numbers."""
    m = _MULTI.match(formula)
    if m:
        return m.group(1)
    head, sep, _tail = formula.partition(" = TN ")
    return head if sep else formula


def _components(res: dict, group_of: list[int], labels: list[str]) -> list[Component]:
    out = []
    per_person = res.get("participants", [])
    for name, a in res["amounts"].items():
        lines = []
        by_group: OrderedDict[int, list] = OrderedDict()
        for p in per_person:
            amount = p["amounts"].get(name)
            if amount is not None:
                by_group.setdefault(group_of[p["index"]], []).append(amount)
        for gi, amounts in by_group.items():
            subtotal = sum((_d(x["eur"]) for x in amounts), ZERO)
            n = len(amounts)
            if n == 1:
                lines.append(f"{labels[gi]}: {amounts[0]['detail']}")
            else:
                each = _("each")
                lines.append(
                    f"{labels[gi]} × {n}: {each} {amounts[0]['detail']} = {fmt_eur(subtotal)}"
                )
        out.append(
            Component(
                name=name,
                label=str(COMPONENT_LABELS.get(name, name.replace("_", " ").capitalize())),
                eur=_d(a["eur"]),
                formula=_generic_formula(a["formula"]) if by_group else a["formula"],
                ref=a["ref"],
                recipient=a["recipient"],
                recipient_label=str(RECIPIENT_LABELS.get(a["recipient"], a["recipient"])),
                offsets_cost=a["offsets_cost"],
                conditional=a["conditional"],
                lines=lines,
            )
        )
    return out


def _reasons(res: dict, group_of: list[int], labels: list[str]) -> list[Reason]:
    merged: OrderedDict[tuple, list[int]] = OrderedDict()
    for r in res["reasons"]:
        key = (r["code"], r["outcome"], readable_fields(r["text"]), r["ref"])
        groups = merged.setdefault(key, [])
        if "participant" in r:
            gi = group_of[r["participant"]]
            if gi not in groups:
                groups.append(gi)
    return [
        Reason(
            code=code,
            outcome=outcome,
            outcome_label=str(OUTCOME_LABELS.get(outcome, outcome)),
            text=text,
            ref=ref,
            groups=_group_text(sorted(groups), labels) if groups else "",
        )
        for (code, outcome, text, ref), groups in merged.items()
    ]


_PERSON_RE = re.compile(r"\bTeilnehmende (\d+)\b")


def _warnings(warnings: list[str], group_of: list[int], labels: list[str]) -> list[str]:
    """Warnings with group labels instead of participant numbers, each shown once."""

    def person(m: re.Match) -> str:
        i = int(m.group(1))
        return labels[group_of[i]] if i < len(group_of) else m.group(0)

    out: list[str] = []
    for w in warnings:
        text = readable_fields(_PERSON_RE.sub(person, w))
        if text not in out:
            out.append(text)
    return out


def _row(res: dict, group_of, labels, settings, selected: set[str]) -> ProgrammeRow:
    pid = res["programme"]
    s = settings.get(pid)
    return ProgrammeRow(
        id=pid,
        title=display_title(pid, res["title"], settings),
        description=s.description if s is not None else "",
        version=res["version"],
        status=res["status"],
        status_label=str(STATUS_LABELS[res["status"]]),
        entitlement=res["entitlement"],
        entitlement_basis=res["entitlement_basis"],
        legal_basis=res["legal_basis"],
        sources=display_sources(pid, res["sources"], settings),
        components=_components(res, group_of, labels),
        total=_d(res["total_eur"]),
        cost=_d(res["cost_eur"]),
        employer_cost=_d(res["employer_cost_eur"]),
        reasons=_reasons(res, group_of, labels),
        warnings=_warnings(res["warnings"], group_of, labels),
        unverified=list(res["unverified"]),
        selected=pid in selected,
        offered=is_offered(pid, settings),
    )


def combine(rows: list[ProgrammeRow]) -> Combination:
    """Totals of the chosen programmes and the double-funding warnings between them."""
    chosen = [r for r in rows if r.selected]
    ids = {r.id for r in chosen}
    warnings: list[str] = []
    for pid, others, text in CUMULATION:
        if pid in ids and any(o in ids for o in others) and text not in warnings:
            warnings.append(text)
    notes: list[str] = []
    for r in chosen:
        if r.status == NOT_ELIGIBLE:
            warnings.append(
                _("%(programme)s is chosen but not eligible for this measure.")
                % {"programme": r.title}
            )
    grants = sum((r.grants for r in chosen), ZERO)
    benefits = sum((r.benefits for r in chosen), ZERO)
    conditional = sum((r.conditional_total for r in chosen), ZERO)
    base_row = max(chosen, key=lambda r: r.cost, default=None)
    cost_base = base_row.cost if base_row is not None else ZERO
    if grants > cost_base:
        warnings.append(
            _(
                "The chosen grants (%(grants)s) exceed the cost (%(cost)s): these programmes "
                "cannot all fund the same costs."
            )
            % {"grants": fmt_eur(grants), "cost": fmt_eur(cost_base)}
        )
    if len({r.cost for r in chosen}) > 1:
        notes.append(
            _(
                "The programmes relate to different costs; the remaining cost is computed from "
                "the largest cost base (%(programme)s: %(cost)s)."
            )
            % {"programme": base_row.title, "cost": fmt_eur(cost_base)}
        )
    return Combination(
        rows=chosen,
        grants=grants,
        benefits=benefits,
        conditional=conditional,
        cost_base=cost_base,
        remaining=max(cost_base - grants, ZERO),
        warnings=warnings,
        notes=notes,
    )


def open_points(rows: list[ProgrammeRow]) -> list[OpenPoint]:
    """Every condition that is unknown or to be checked, and every unconfirmed rule relied on,
    of the given programmes: the list to clear with the employment agency."""
    points = []
    for r in rows:
        for reason in r.open_reasons:
            points.append(
                OpenPoint(r.id, r.title, reason.text, reason.ref, reason.groups, "condition")
            )
        for u in r.unverified:
            points.append(
                OpenPoint(
                    r.id,
                    r.title,
                    readable_fields(u["text"]),
                    "",
                    "",
                    "rule",
                    u.get("tag", ""),
                    u.get("source", ""),
                )
            )
    return points


def case_error_text(exc: CaseError) -> str:
    """The parser's German message with a readable field name instead of the path."""
    text = str(exc)
    prefix = f"Feld {exc.field}: "
    if exc.field and text.startswith(prefix):
        key = re.sub(r"\[\d+\]", "", exc.field)
        label = FIELD_LABELS.get(key)
        text = f"{label if label is not None else exc.field}: {text[len(prefix) :]}"
    return text


def calculate(measure: PlannedMeasure, day: date | None = None) -> Calculation:
    day = day or timezone.localdate()
    groups = list(measure.groups.all())
    labels = [g.label for g in groups]
    settings = programme_settings()
    selected = set(measure.selected_programmes or [])
    ids = [pid for pid in PROGRAMME_IDS if is_offered(pid, settings) or pid in selected]
    hidden = [
        display_title(pid, load_catalogue()[pid].versions[-1].title, settings)
        for pid in PROGRAMME_IDS
        if pid not in ids
    ]
    data, group_of = case_data(measure, groups, day)
    empty = Combination([], ZERO, ZERO, ZERO, ZERO, ZERO, [], [])
    try:
        case = parse_case(data)
    except CaseError as exc:
        return Calculation(measure, day, groups, [], empty, [], hidden, case_error_text(exc))
    results = evaluate(case, programmes=ids)["results"] if ids else []
    rows = [_row(res, group_of, labels, settings, selected) for res in results]
    rows.sort(key=lambda r: STATUS_ORDER[r.status])  # stable: catalogue order within a status
    combination = combine(rows)
    calc = Calculation(measure, day, groups, rows, combination, [], hidden, case=data)
    calc.open_points = open_points(calc.plan_rows)
    return calc


# --- saving ----------------------------------------------------------------------------------


def save_measure(form, formset, *, company=None, user=None) -> PlannedMeasure:
    """Save the measure and its participant groups in one transaction (nothing half-saved)."""
    with transaction.atomic():
        measure = form.save(commit=False)
        if measure.pk is None:
            measure.company = company
            measure.created_by = user
        measure.save()
        formset.instance = measure
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        position = 0
        for f in formset.forms:
            if f in formset.deleted_forms or not f.has_changed() and f.instance.pk is None:
                continue
            obj = f.instance
            obj.measure = measure
            obj.position = position
            obj.save()
            position += 1
    return measure


def save_selection(measure: PlannedMeasure, ids) -> list[str]:
    wanted = set(ids)
    chosen = [pid for pid in PROGRAMME_IDS if pid in wanted]
    measure.selected_programmes = chosen
    measure.save(update_fields=["selected_programmes", "updated_at"])
    return chosen


def kind_label(kind: str) -> str:
    if kind in MeasureKind.values:
        return str(MeasureKind(kind).label)
    if kind == "transfer":
        return _("Transfer measure")
    return kind


# Firm facts taken from the company record (shown even when missing) and those the user
# confirms on the measure form (shown only when given).
_FROM_COMPANY = (
    "employees_establishment",
    "employees_enterprise",
    "turnover_eur",
    "balance_sheet_eur",
    "land",
    "ags",
    "wz",
)


@dataclass
class FirmFact:
    key: str
    label: str
    value: str  # "" when missing
    from_company: bool


def firm_facts(measure: PlannedMeasure) -> list[FirmFact]:
    firm = firm_data(measure.company, measure)
    yes, no = _("yes"), _("no")
    facts = []
    keys = list(_FROM_COMPANY) + [k for k in firm if k not in _FROM_COMPANY]
    for key in keys:
        value = firm.get(key)
        if value is None:
            shown = ""
        elif isinstance(value, bool):
            shown = yes if value else no
        elif key == "structural_need_share":
            shown = f"{value * 100:g} %".replace(".", ",")
        elif key in ("turnover_eur", "balance_sheet_eur"):
            shown = fmt_eur(value)
        elif key == "ags" and measure.company.kreis is not None:
            shown = f"{measure.company.kreis.name} ({value})"
        else:
            shown = str(value)
        label = str(FIELD_LABELS.get(f"firm.{key}", key))
        facts.append(FirmFact(key, label, shown, key in _FROM_COMPANY))
    return facts
