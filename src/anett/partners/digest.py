"""Which insights go into a user's digest. Plain Python: no Django model imports.

A digest holds the insights a user may see that were published after their last digest
(or, for a first digest, within the last `first_days` days) and that were never sent to
them before. Sent insights are recorded per user, so a re-run never sends one twice.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Candidate:
    insight_id: int
    published_at: datetime


def select(
    candidates: list[Candidate],
    *,
    already_sent: set[int],
    last_digest: datetime | None,
    now: datetime,
    first_days: int = 30,
) -> list[int]:
    """Insight ids for one user's digest, newest first."""
    since = last_digest if last_digest is not None else now - timedelta(days=first_days)
    chosen = [
        c for c in candidates if c.insight_id not in already_sent and since < c.published_at <= now
    ]
    chosen.sort(key=lambda c: (c.published_at, c.insight_id), reverse=True)
    return [c.insight_id for c in chosen]
