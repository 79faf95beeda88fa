"""Referrals and measure records move a firm along the outreach pipeline; measure records
add up to the figures the network reports. Plain Python (no Django imports).

- `forward(current, target)`: the stage a firm moves to, or None. The pipeline only moves
  forward. A firm parked at "no interest" or "later" moves on only when it commits to a
  measure (a referral accepted, a measure planned or started), not when an adviser merely
  proposes a referral.
- `REFERRAL_STAGE`, `RECORD_STAGE`: the stage a referral status / measure status implies.
- `follow_up_due(...)`: the outcome six months after the end is missing although due.
- `totals(rows)`: participants, hours, cost, funding, employed after six months, retention.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# Stage codes of companies.models.Stage, in pipeline order, and the side stages.
IDENTIFIED = "identified"
APPROACHED = "approached"
FIRST_TALK = "first_talk"
CHECK_DONE = "check_done"
MEASURE_PLANNED = "measure_planned"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
NO_INTEREST = "no_interest"
LATER = "later"
MAIN_STAGES = (
    IDENTIFIED,
    APPROACHED,
    FIRST_TALK,
    CHECK_DONE,
    MEASURE_PLANNED,
    IN_PROGRESS,
    COMPLETED,
)
SIDE_STAGES = (NO_INTEREST, LATER)

# Referral statuses (network.vocab) and measure statuses (funding.models.MeasureStatus).
PROPOSED, CONTACTED, ACCEPTED, DONE, DECLINED = (
    "proposed",
    "contacted",
    "accepted",
    "done",
    "declined",
)
REFERRAL_STAGE = {
    PROPOSED: FIRST_TALK,  # a referral is proposed after talking with the firm
    CONTACTED: FIRST_TALK,
    ACCEPTED: MEASURE_PLANNED,
    DONE: IN_PROGRESS,  # "done" names the measure that followed
    DECLINED: None,
}
# Engagement outcome of the activity recorded for a referral change (companies.Outcome).
REFERRAL_OUTCOME = {
    PROPOSED: "interested",
    CONTACTED: "contacted",
    ACCEPTED: "agreed",
    DONE: "participated",
    DECLINED: "contacted",  # the actor or the firm declined this offer, not the network
}
RECORD_STAGE = {
    "planned": MEASURE_PLANNED,
    "applied": MEASURE_PLANNED,
    "granted": MEASURE_PLANNED,
    "running": IN_PROGRESS,
    "completed": COMPLETED,
    "cancelled": None,
}
COMMITTED = MAIN_STAGES.index(MEASURE_PLANNED)


def forward(current: str, target: str | None) -> str | None:
    """The stage to move to (None: stay). Never backwards."""
    if target is None or target not in MAIN_STAGES:
        return None
    goal = MAIN_STAGES.index(target)
    if current in SIDE_STAGES:
        return target if goal >= COMMITTED else None
    if current not in MAIN_STAGES:
        return target
    return target if MAIN_STAGES.index(current) < goal else None


# --- outcome after six months -------------------------------------------------------------

FOLLOW_UP_MONTHS = 6
CLOSED = ("cancelled",)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the last day of the month where it does not exist)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def follow_up_date(end: date | None) -> date | None:
    return add_months(end, FOLLOW_UP_MONTHS) if end else None


def follow_up_due(status: str, end: date | None, employed: int | None, today: date) -> bool:
    """Six months after the end have passed and the outcome is not recorded."""
    if status in CLOSED or employed is not None or end is None:
        return False
    return follow_up_date(end) <= today


# --- totals ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordRow:
    status: str
    participants: int
    hours: Decimal | None
    cost: Decimal | None
    applied: Decimal | None
    granted: Decimal | None
    employed: int | None


@dataclass(frozen=True)
class Totals:
    measures: int
    participants: int
    participant_hours: Decimal
    cost: Decimal
    applied: Decimal
    granted: Decimal
    with_outcome: int  # participants of measures whose outcome is recorded
    employed: int
    retention: Decimal | None  # employed / with_outcome, as a share 0–1 (None: no outcome)


ZERO = Decimal("0")


def totals(rows: Iterable[RecordRow]) -> Totals:
    """Sums over measure records; cancelled measures count for nothing but their number."""
    n = participants = with_outcome = employed = 0
    hours = cost = applied = granted = ZERO
    for r in rows:
        n += 1
        if r.status in CLOSED:
            continue
        participants += r.participants
        hours += (r.hours or ZERO) * r.participants
        cost += r.cost or ZERO
        applied += r.applied or ZERO
        granted += r.granted or ZERO
        if r.employed is not None:
            with_outcome += r.participants
            employed += min(r.employed, r.participants)
    retention = (Decimal(employed) / Decimal(with_outcome)) if with_outcome else None
    return Totals(n, participants, hours, cost, applied, granted, with_outcome, employed, retention)
