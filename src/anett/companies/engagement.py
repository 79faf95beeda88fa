"""Engagement status of a company, derived from its activities. Plain Python.

unknown  – no activity recorded
reached  – contact was made (someone answered) but the firm has not engaged yet
engaged  – the firm takes part: interest, agreement, a visit, event or workshop it attended,
           within the last `stale_days`
passive  – the firm was approached but did not answer or declined (the last approach is
           older than `passive_after_days` with no answer), or its engagement went stale
"""

from dataclasses import dataclass
from datetime import date, timedelta

UNKNOWN, REACHED, ENGAGED, PASSIVE = "unknown", "reached", "engaged", "passive"
STATUSES = (UNKNOWN, REACHED, ENGAGED, PASSIVE)

# Outcomes of an activity.
OPEN = "open"  # approach made, answer pending
NO_RESPONSE = "no_response"
DECLINED = "declined"
CONTACTED = "contacted"  # someone answered
INTERESTED = "interested"
AGREED = "agreed"  # agreed on a next step (visit, check, measure)
PARTICIPATED = "participated"  # took part in a visit, event or workshop
OUTCOMES = (OPEN, NO_RESPONSE, DECLINED, CONTACTED, INTERESTED, AGREED, PARTICIPATED)

ENGAGING = {INTERESTED, AGREED, PARTICIPATED}
ANSWERED = {CONTACTED} | ENGAGING


@dataclass(frozen=True)
class ActivityFact:
    date: date
    outcome: str


@dataclass(frozen=True)
class EngagementResult:
    status: str
    reason: str


def derive_status(
    activities: list[ActivityFact],
    today: date,
    passive_after_days: int = 90,
    stale_days: int = 365,
) -> EngagementResult:
    if not activities:
        return EngagementResult(UNKNOWN, "Keine Aktivität erfasst.")
    ordered = sorted(activities, key=lambda a: a.date)  # stable: same-day order is kept
    last_engaging = next((a for a in reversed(ordered) if a.outcome in ENGAGING), None)
    last_answer = next((a for a in reversed(ordered) if a.outcome in ANSWERED), None)
    last = ordered[-1]

    if last_engaging and (today - last_engaging.date) <= timedelta(days=stale_days):
        # Activities of one day keep the order in which they were recorded.
        if last.outcome == DECLINED:
            return EngagementResult(PASSIVE, f"Zuletzt abgelehnt am {last.date:%d.%m.%Y}.")
        return EngagementResult(
            ENGAGED, f"Beteiligt seit Aktivität vom {last_engaging.date:%d.%m.%Y}."
        )
    if last_engaging:
        return EngagementResult(
            PASSIVE,
            f"Letzte Beteiligung am {last_engaging.date:%d.%m.%Y} liegt über "
            f"{stale_days} Tage zurück.",
        )
    if last.outcome == DECLINED:
        return EngagementResult(PASSIVE, f"Abgelehnt am {last.date:%d.%m.%Y}.")
    if last_answer and last_answer.date >= max(
        (a.date for a in ordered if a.outcome in {NO_RESPONSE, DECLINED}), default=date.min
    ):
        return EngagementResult(REACHED, f"Erreicht am {last_answer.date:%d.%m.%Y}.")
    approaches = [a for a in ordered if a.outcome in {OPEN, NO_RESPONSE}]
    if any(a.outcome == NO_RESPONSE for a in approaches) or (
        approaches and (today - approaches[-1].date) > timedelta(days=passive_after_days)
    ):
        return EngagementResult(
            PASSIVE, f"Angesprochen, keine Rückmeldung (zuletzt {last.date:%d.%m.%Y})."
        )
    if last_answer:
        return EngagementResult(REACHED, f"Erreicht am {last_answer.date:%d.%m.%Y}.")
    return EngagementResult(UNKNOWN, f"Angesprochen am {last.date:%d.%m.%Y}, Antwort offen.")
