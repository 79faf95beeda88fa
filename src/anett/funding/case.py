"""The case file of the funding check: parsing and validation into frozen dataclasses.

Plain Python, no Django imports. `parse_case(data)` takes the decoded JSON object and returns
a `Case`, or raises `CaseError` whose message (German, user-facing) names the field.

Conventions (see docs/foerdercheck.md):
- A missing optional key means "unknown" and is stored as `None`.
- For most keys `null` means "unknown" as well. For the keys in `_NULL_MEANS_NONE`
  (`qualification_year`, `last_funded_82`, ...) `null` means "none/never" and is stored as the
  sentinel `NEVER`, because the law asks whether something happened at all.
- Unknown keys are rejected, so that a typo never silently turns a fact into "unknown".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from anett.companies.classification import InvalidWZ, normalise_wz

LAENDER = (
    "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH",
)  # fmt: skip
KINDS = ("training", "consulting", "coaching", "transfer")


class _Never:
    """Marks an explicit `null` for keys where null means "none/never" (not "unknown")."""

    __slots__ = ()
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NEVER"

    def __reduce__(self):
        return (_Never, ())


NEVER = _Never()


class CaseError(ValueError):
    """Invalid case file. `field` is the dotted path, `str(err)` the German message."""

    def __init__(self, field_path: str, message: str):
        self.field = field_path
        super().__init__(f"Feld {field_path}: {message}" if field_path else message)


@dataclass(frozen=True, slots=True)
class Firm:
    employees_establishment: float | None = None  # Betrieb (§ 82a Abs. 2 Satz 3, ThürBfG)
    employees_enterprise: float | None = None  # Unternehmen/Konzern, weighted (§ 82 Abs. 6)
    employees_sme: float | None = None  # EU-SME AWU incl. partner/linked (BAFA, INQA, go-digital)
    turnover_eur: float | None = None
    balance_sheet_eur: float | None = None
    land: str | None = None  # Land of the establishment
    ags: str | None = None  # Kreis (AGS), for regional rates
    wz: str | None = None
    training_agreement: bool | None = None  # BV/TV on training (§ 82 Abs. 4)
    qg_agreement: bool | None = None  # BV/TV per § 82a Abs. 2 Nr. 3
    written_declaration_qg: bool | None = None
    structural_need_share: float | None = None  # 0..1
    employer_pays_training: bool | None = None
    short_time_work: bool | None = None  # Kurzarbeitergeld drawn at the start (§ 82 Abs. 7)
    insolvent: bool | None = None
    founded: date | None = None
    bafa_consultations_total: int | None = None  # in the current Richtlinie period
    bafa_consultations_year: int | None = None  # in the calendar year of the application
    restructuring: bool | None = None  # Betriebsänderung with permanent loss of work
    agency_consulted: bool | None = None  # Agentur für Arbeit advised beforehand
    transfer_unit: bool | None = None  # betriebsorganisatorisch eigenständige Einheit formed
    transfer_months: float | None = None  # planned duration of Transfer-Kug


@dataclass(frozen=True, slots=True)
class Participant:
    age: int | None = None  # at the start of the measure
    severely_disabled: bool | None = None
    qualification_year: int | _Never | None = None  # NEVER: no vocational qualification
    qualification_date: date | None = None
    last_funded_82: date | _Never | None = None  # end date of the last § 82-funded training
    last_funded_82a: date | _Never | None = None
    notice_given: bool | None = None
    children: bool | None = None
    monthly_gross_eur: float | None = None
    weekly_hours: float | None = None
    net_monthly_eur: float | None = None  # pauschaliertes Netto of the Soll-Entgelt
    structural_change_affected: bool | None = None  # § 82 Abs. 1 Satz 2/3 a.F.
    taxable_income_eur: float | None = None  # zvE, last assessment
    joint_assessment: bool | None = None
    last_weiterbildungsscheck: date | _Never | None = None  # date of the last cheque
    employed_since: date | None = None
    days_per_week: float | None = None
    apprentice: bool | None = None
    master_exam_passed: date | _Never | None = None  # date the result was established
    master_trade_hwo: bool | None = None  # trade in HwO Anlage A or B
    master_exam_th: bool | None = None  # taken before a Thuringian HWK
    in_transfer_unit: bool | None = None


@dataclass(frozen=True, slots=True)
class Measure:
    kind: str = "training"
    hours: float | None = None
    course_costs_eur: float | None = None  # per participant
    exam_fees_eur: float | None = None  # per participant
    start: date | None = None
    application: date | None = None
    provider_azav: bool | None = None
    measure_azav: bool | None = None
    wage_loss_hours: float | None = None  # per participant
    consulting_fee_eur: float | None = None  # net, whole consultation
    days: float | None = None  # consulting/coaching days, or event days
    day_rate_eur: float | None = None
    adaptation_only: bool | None = None  # only job-specific short adaptation (§ 82 Abs. 1 Nr. 1)
    legally_required: bool | None = None  # employer legally obliged (§ 82 Abs. 1 Satz 2)
    leads_to_qualification: bool | None = None  # leads to a Berufsabschluss (§ 81 Abs. 2)
    upgrade_exam: bool | None = None  # prepares a public-law Fortbildungsprüfung (AFBG)
    updates_existing_skills: bool | None = None  # Anpassungsqualifizierung (FWRL)
    during_working_time: bool | None = None
    bfg_recognised: bool | None = None  # recognised event under ThürBfG § 1 Abs. 2
    consultant_registered: bool | None = None  # BAFA-registered consultant
    inqa_check: bool | None = None  # Beratungsscheck of an INQA-Beratungsstelle
    info_talk: bool | None = None  # information talk with a regional partner (BAFA)
    ends_during_transfer: bool | None = None  # § 111a Abs. 1 vs Abs. 2


@dataclass(frozen=True, slots=True)
class Case:
    date: date
    firm: Firm
    participants: tuple[Participant, ...] = field(default_factory=tuple)
    measure: Measure = field(default_factory=Measure)


# ---------------------------------------------------------------------------------------------
# field parsers: (value, path) -> parsed value; raise CaseError with a German message


def _bool(v: Any, path: str) -> bool:
    if isinstance(v, bool):
        return v
    raise CaseError(path, f"true oder false erwartet, erhalten {_show(v)}")


def _number(lo: float | None = 0, hi: float | None = None, integer: bool = False):
    def parse(v: Any, path: str) -> float:
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            raise CaseError(path, f"Zahl erwartet, erhalten {_show(v)}")
        if integer and v != int(v):
            raise CaseError(path, f"ganze Zahl erwartet, erhalten {_show(v)}")
        if lo is not None and v < lo:
            raise CaseError(path, f"Wert muss mindestens {lo} sein, erhalten {_show(v)}")
        if hi is not None and v > hi:
            raise CaseError(path, f"Wert darf höchstens {hi} sein, erhalten {_show(v)}")
        return int(v) if integer else v

    return parse


def _date(v: Any, path: str) -> date:
    if isinstance(v, str) and len(v) == 10:
        try:
            return date.fromisoformat(v)
        except ValueError:
            pass
    raise CaseError(path, f"Datum im Format JJJJ-MM-TT erwartet, erhalten {_show(v)}")


def _date_or_year(v: Any, path: str) -> date:
    """A date, or a bare year (taken as 1 January: the earliest possible day)."""
    if isinstance(v, int) and not isinstance(v, bool) and 1900 <= v <= 2100:
        return date(v, 1, 1)
    return _date(v, path)


def _land(v: Any, path: str) -> str:
    if isinstance(v, str) and v.strip().upper() in LAENDER:
        return v.strip().upper()
    raise CaseError(path, f"Länderkürzel erwartet ({', '.join(LAENDER)}), erhalten {_show(v)}")


def _ags(v: Any, path: str) -> str:
    if isinstance(v, str) and v.isdigit() and len(v) in (5, 8):
        return v[:5]
    raise CaseError(path, f"Kreisschlüssel (AGS, 5 Ziffern) erwartet, erhalten {_show(v)}")


def _wz(v: Any, path: str) -> str:
    if isinstance(v, str):
        try:
            return normalise_wz(v)
        except InvalidWZ:
            pass
    raise CaseError(path, f'WZ-2008-Code erwartet (z. B. "29.32"), erhalten {_show(v)}')


def _kind(v: Any, path: str) -> str:
    if v in KINDS:
        return v
    raise CaseError(path, f"einer von {', '.join(KINDS)} erwartet, erhalten {_show(v)}")


def _show(v: Any) -> str:
    text = repr(v) if not isinstance(v, str) else f'"{v}"'
    return text if len(text) <= 40 else text[:37] + "..."


_COUNT = _number(0, 10_000_000)
_EUR = _number(0, 1e12)
_BOOL = _bool

FIRM_FIELDS = {
    "employees_establishment": _COUNT,
    "employees_enterprise": _COUNT,
    "employees_sme": _COUNT,
    "turnover_eur": _EUR,
    "balance_sheet_eur": _EUR,
    "land": _land,
    "ags": _ags,
    "wz": _wz,
    "training_agreement": _BOOL,
    "qg_agreement": _BOOL,
    "written_declaration_qg": _BOOL,
    "structural_need_share": _number(0, 1),
    "employer_pays_training": _BOOL,
    "short_time_work": _BOOL,
    "insolvent": _BOOL,
    "founded": _date_or_year,
    "bafa_consultations_total": _number(0, 1000, integer=True),
    "bafa_consultations_year": _number(0, 1000, integer=True),
    "restructuring": _BOOL,
    "agency_consulted": _BOOL,
    "transfer_unit": _BOOL,
    "transfer_months": _number(0, 120),
}

PARTICIPANT_FIELDS = {
    "age": _number(14, 99, integer=True),
    "severely_disabled": _BOOL,
    "qualification_year": _number(1950, 2100, integer=True),
    "qualification_date": _date,
    "last_funded_82": _date,
    "last_funded_82a": _date,
    "notice_given": _BOOL,
    "children": _BOOL,
    "monthly_gross_eur": _number(0, 1e6),
    "weekly_hours": _number(0.5, 80),
    "net_monthly_eur": _number(0, 1e6),
    "structural_change_affected": _BOOL,
    "taxable_income_eur": _EUR,
    "joint_assessment": _BOOL,
    "last_weiterbildungsscheck": _date,
    "employed_since": _date,
    "days_per_week": _number(0.5, 7),
    "apprentice": _BOOL,
    "master_exam_passed": _date,
    "master_trade_hwo": _BOOL,
    "master_exam_th": _BOOL,
    "in_transfer_unit": _BOOL,
}

MEASURE_FIELDS = {
    "kind": _kind,
    "hours": _number(0, 100_000),
    "course_costs_eur": _number(0, 1e7),
    "exam_fees_eur": _number(0, 1e7),
    "start": _date,
    "application": _date,
    "provider_azav": _BOOL,
    "measure_azav": _BOOL,
    "wage_loss_hours": _number(0, 100_000),
    "consulting_fee_eur": _number(0, 1e7),
    "days": _number(0, 3650),
    "day_rate_eur": _number(0, 1e6),
    "adaptation_only": _BOOL,
    "legally_required": _BOOL,
    "leads_to_qualification": _BOOL,
    "upgrade_exam": _BOOL,
    "updates_existing_skills": _BOOL,
    "during_working_time": _BOOL,
    "bfg_recognised": _BOOL,
    "consultant_registered": _BOOL,
    "inqa_check": _BOOL,
    "info_talk": _BOOL,
    "ends_during_transfer": _BOOL,
}

# Keys where `null` means "none/never" rather than "unknown".
_NULL_MEANS_NONE = {
    "qualification_year",
    "last_funded_82",
    "last_funded_82a",
    "last_weiterbildungsscheck",
    "master_exam_passed",
}


def _section(data: Any, path: str, spec: dict, required: tuple[str, ...] = ()) -> dict:
    if not isinstance(data, dict):
        raise CaseError(path, f"Objekt erwartet, erhalten {_show(data)}")
    for key in data:
        if key not in spec:
            raise CaseError(f"{path}.{key}", "unbekanntes Feld (Tippfehler?)")
    out = {}
    for key, parse in spec.items():
        sub = f"{path}.{key}"
        if key not in data:
            if key in required:
                raise CaseError(sub, "Pflichtfeld fehlt")
            continue
        value = data[key]
        if value is None:
            if key in required:
                raise CaseError(sub, "Pflichtfeld darf nicht null sein")
            if key in _NULL_MEANS_NONE:
                out[key] = NEVER
            continue
        out[key] = parse(value, sub)
    return out


def parse_firm(data: Any, path: str = "firm") -> Firm:
    """Validate only the firm part of a case (for batches of firms with one measure)."""
    firm = Firm(**_section(data, path, FIRM_FIELDS))
    _check_consistency(None, firm, (), Measure())
    return firm


def parse_case(data: Any) -> Case:
    """Validate a decoded case file and build a `Case`. Raises `CaseError`."""
    if not isinstance(data, dict):
        raise CaseError("", "Die Falldatei muss ein JSON-Objekt enthalten.")
    allowed = {"date", "firm", "participants", "measure"}
    for key in data:
        if key not in allowed:
            raise CaseError(key, "unbekanntes Feld (Tippfehler?)")
    for key in ("date", "firm", "measure"):
        if key not in data or data[key] is None:
            raise CaseError(key, "Pflichtfeld fehlt")
    day = _date(data["date"], "date")
    firm = Firm(**_section(data["firm"], "firm", FIRM_FIELDS))
    raw_participants = data.get("participants", [])
    if raw_participants is None:
        raw_participants = []
    if not isinstance(raw_participants, list):
        raise CaseError("participants", f"Liste erwartet, erhalten {_show(raw_participants)}")
    if len(raw_participants) > 1000:
        raise CaseError("participants", "höchstens 1000 Teilnehmende je Fall")
    participants = tuple(
        Participant(**_section(p, f"participants[{i}]", PARTICIPANT_FIELDS))
        for i, p in enumerate(raw_participants)
    )
    measure = Measure(**_section(data["measure"], "measure", MEASURE_FIELDS, required=("kind",)))
    _check_consistency(day, firm, participants, measure)
    return Case(date=day, firm=firm, participants=participants, measure=measure)


def _check_consistency(day, firm: Firm, participants, measure: Measure) -> None:
    # A late application (after the start) is not rejected here: the programmes that
    # require an application before the start report it as a failed condition.
    e, b = firm.employees_enterprise, firm.employees_establishment
    if e is not None and b is not None and b > e:
        raise CaseError(
            "firm.employees_establishment",
            f"der Betrieb ({b:g}) kann nicht mehr Beschäftigte haben als das Unternehmen ({e:g})",
        )
    for i, p in enumerate(participants):
        if p.qualification_date is not None and isinstance(p.qualification_year, int):
            if p.qualification_date.year != p.qualification_year:
                raise CaseError(
                    f"participants[{i}].qualification_date",
                    "widerspricht qualification_year",
                )
        if p.qualification_date is not None and p.qualification_year is NEVER:
            raise CaseError(
                f"participants[{i}].qualification_date",
                "angegeben, obwohl qualification_year null (kein Berufsabschluss) ist",
            )
