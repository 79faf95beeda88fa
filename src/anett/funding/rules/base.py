"""Building blocks of the programme formulas: the result builder and helpers.

Every programme module in this package has the same shape:

    PER_PARTICIPANT: bool
    def firm_facts(firm, v, when) -> tuple             # bucketed view of the firm
    def decide_firm(b, v, ff, s) -> None               # firm-level conditions and amounts
    def decide_participant(b, v, ff, s, p) -> None     # only when PER_PARTICIPANT

`decide_*` never see the `Firm`, only its facts `ff` (a hashable tuple of threshold
comparisons and the few exact values a formula needs). So a result is a pure function of
(version, ff, shared part of the case), which lets the engine evaluate a group of firms with
the same facts once (see docs/benchmarks.md). Reasons therefore name the side of a threshold
("weniger als 50 Beschäftigte"), not the exact firm figure.

Plain Python, no Django imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ..case import NEVER, Measure, Participant
from ..catalogue import Version

CENT = Decimal("0.01")
ZERO = Decimal(0)

PASSED, FAILED, UNKNOWN, CHECK = "passed", "failed", "unknown", "check"
ELIGIBLE, NOT_ELIGIBLE = "eligible", "not_eligible"


@dataclass(frozen=True, slots=True)
class Shared:
    """The part of a case shared by all firms of a batch: date, participants, measure."""

    date: date
    participants: tuple[Participant, ...]
    measure: Measure
    when: date  # the date that selected the version (measure start or application)


def dec(x) -> Decimal:
    return x if isinstance(x, Decimal) else Decimal(str(x))


def cents(x) -> Decimal:
    return dec(x).quantize(CENT, rounding=ROUND_HALF_UP)


def fmt_eur(x) -> str:
    """German money format: 6.000,00 €."""
    s = f"{cents(x):,.2f}"
    return s.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".") + " €"


def fmt_pct(rate) -> str:
    v = dec(rate) * 100
    v = v.quantize(Decimal(1)) if v == v.to_integral_value() else v.normalize()
    return f"{v} %".replace(".", ",")


def fmt_num(x) -> str:
    v = dec(x)
    v = v.quantize(Decimal(1)) if v == v.to_integral_value() else v.normalize()
    return str(v).replace(".", ",")


def fmt_date(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def known(*values) -> bool:
    return all(v is not None for v in values)


def hourly_wage(p: Participant) -> Decimal | None:
    """Gross hourly wage from the monthly wage: monthly × 3 / (13 × weekly hours).

    The conversion (13 weeks = 3 months) is the usual payroll convention, not a funding rule.
    """
    if p.monthly_gross_eur is None or not p.weekly_hours:
        return None
    return dec(p.monthly_gross_eur) * 3 / (13 * dec(p.weekly_hours))


class Builder:
    """Collects the reasons, amounts, warnings and relied-on unverified rules of one
    programme for the firm (participant None) or for one participant."""

    __slots__ = (
        "v",
        "when",
        "participant",
        "reasons",
        "warnings",
        "unverified",
        "amounts",
        "cost",
        "days",
        "failed",
        "open",
    )

    def __init__(self, v: Version, when: date, participant: int | None = None):
        self.v = v
        self.when = when
        self.participant = participant
        self.reasons: list[dict] = []
        self.warnings: list[str] = []
        self.unverified: dict[str, dict] = {}
        self.amounts: dict[str, dict] = {}
        self.cost = ZERO
        self.days = ZERO
        self.failed = False
        self.open = False

    # --- parameters and unverified rules -------------------------------------------------
    def param(self, name: str):
        """The parameter's value at the version date; records it when it is unconfirmed."""
        pv = self.v.param(name, self.when)
        if not pv.confirmed:
            p = self.v.parameters[name]
            self.unverified[f"param:{name}"] = {
                "rule": f"param:{name}",
                "tag": pv.tag,
                "text": f"{p.description}: {_show_value(pv.value)}"
                + (f" ({pv.note})" if pv.note else ""),
                "source": pv.source,
            }
        return pv.value

    def peek(self, name: str):
        """The parameter's value without recording reliance (for texts and bucketing)."""
        return self.v.param(name, self.when).value

    def rely(self, key: str) -> None:
        self.unverified[key] = self.v.unverified[key].as_dict()

    # --- conditions ----------------------------------------------------------------------
    def _reason(self, code: str, outcome: str, text: str, ref: str) -> None:
        r = {"code": code, "outcome": outcome, "text": text, "ref": ref}
        if self.participant is not None:
            r["participant"] = self.participant
        self.reasons.append(r)

    def passed(self, code: str, text: str, ref: str) -> None:
        self._reason(code, PASSED, text, ref)

    def failed_(self, code: str, text: str, ref: str, rule: str | None = None) -> None:
        """A failed condition. When the condition rests on an unconfirmed rule (`rule`), the
        failure is not final: the outcome is "check"."""
        if rule is not None:
            self.rely(rule)
            self.open = True
            self._reason(code, CHECK, text + " (Regel nicht bestätigt: prüfen)", ref)
        else:
            self.failed = True
            self._reason(code, FAILED, text, ref)

    def unknown(self, code: str, text: str, ref: str, fields: str) -> None:
        self.open = True
        self._reason(code, UNKNOWN, f"{text}: Angabe fehlt ({fields})", ref)

    def check(self, code: str, text: str, ref: str) -> None:
        self.open = True
        self._reason(code, CHECK, text, ref)

    def cond(
        self,
        code: str,
        ok: bool | None,
        ref: str,
        yes: str,
        no: str,
        fields: str = "",
        rule: str | None = None,
        unknown_text: str | None = None,
    ) -> bool | None:
        if ok is None:
            self.unknown(code, unknown_text or yes, ref, fields)
        elif ok:
            self.passed(code, yes, ref)
        else:
            self.failed_(code, no, ref, rule)
        return ok

    def warn(self, text: str) -> None:
        self.warnings.append(text)

    # --- money ---------------------------------------------------------------------------
    def amount(
        self,
        name: str,
        eur,
        formula: str,
        detail: str,
        ref: str,
        recipient: str = "employer",
        offsets_cost: bool = True,
        conditional: bool = False,
    ) -> Decimal:
        value = cents(eur)
        if value < 0:
            raise ValueError(f"negative amount {name}: {value}")
        self.amounts[name] = {
            "eur": value,
            "formula": formula,
            "detail": detail,
            "ref": ref,
            "recipient": recipient,
            "offsets_cost": offsets_cost,
            "conditional": conditional,
        }
        return value

    def add_cost(self, eur) -> Decimal:
        value = cents(eur)
        self.cost += value
        return value

    @property
    def status(self) -> str:
        if self.failed:
            return NOT_ELIGIBLE
        if self.open or self.unverified:
            return CHECK
        return ELIGIBLE


def _show_value(value) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(_show_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float | int | Decimal):
        return fmt_num(value)
    return str(value)


def is_never(v) -> bool:
    return v is NEVER


def tri_and(*values: bool | None) -> bool | None:
    """Three-valued AND: False wins, then unknown."""
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def tri_or(*values: bool | None) -> bool | None:
    if any(v is True for v in values):
        return True
    if any(v is None for v in values):
        return None
    return False


def tri_not(v: bool | None) -> bool | None:
    return None if v is None else not v


def below_caps(
    staff: float | None,
    turnover: float | None,
    balance: float | None,
    max_staff: float,
    max_turnover: float,
    max_balance: float,
) -> bool | None:
    """EU-SME style ceiling test (2003/361/EC Annex Art. 2): staff below the ceiling AND
    (turnover OR balance sheet at most their ceilings). Unknown figures give unknown, never yes.
    """
    staff_ok = None if staff is None else staff < max_staff
    fin = tri_or(
        None if turnover is None else turnover <= max_turnover,
        None if balance is None else balance <= max_balance,
    )
    return tri_and(staff_ok, fin)


KIND_DE = {
    "training": "Weiterbildung",
    "consulting": "Beratung",
    "coaching": "Coaching",
    "transfer": "Transfermaßnahme",
}


def application_before_start(b: Builder, m) -> None:
    """§ 324 Abs. 1 SGB III: benefits of the agency need an application before the start.
    A late application gives "check" (rule marked unverified), not a hard no."""
    if m.application is None:
        b.unknown(
            "ANTRAG",
            "Antrag vor Beginn der Maßnahme",
            "§ 324 Abs. 1 SGB III",
            "measure.application",
        )
    elif m.start:
        if m.application <= m.start:
            b.passed("ANTRAG", "Antrag vor Beginn der Maßnahme gestellt", "§ 324 Abs. 1 SGB III")
        else:
            b.failed_(
                "ANTRAG",
                "Antrag erst nach Beginn der Maßnahme gestellt",
                "§ 324 Abs. 1 SGB III",
                rule="application_before_start",
            )
