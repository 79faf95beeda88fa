"""Dates and decisions of the network's procedure. Plain Python: no Django models.

- German deadline labels with the ISO calendar week ("KW 9 (bis Di., 01.03.2022)"),
- which reminder is due for a call for contributions,
- whether the minutes of a workshop went out in time,
- the best date of a meeting poll,
- the order of the compiled document.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

WEEKDAYS_DE = ("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So.")
DEFAULT_REMINDER_DAYS = (7, 2)


def calendar_week(day: date) -> tuple[int, int]:
    """(ISO year, ISO week). 1 Jan 2021 is in week 53 of 2020, 31 Dec 2024 in week 1 of 2025."""
    iso = day.isocalendar()
    return iso[0], iso[1]


def week_label(day: date) -> str:
    """ "KW 9"; the ISO year is added when it differs from the calendar year ("KW 53/2020")."""
    year, week = calendar_week(day)
    return f"KW {week}" if year == day.year else f"KW {week}/{year}"


def deadline_label(day: date) -> str:
    """German deadline text: "KW 9 (bis Di., 01.03.2022)"."""
    return f"{week_label(day)} (bis {WEEKDAYS_DE[day.weekday()]}, {day:%d.%m.%Y})"


def week_range(year: int, week: int) -> tuple[date, date]:
    """Monday and Sunday of an ISO week (raises ValueError for a week the year lacks)."""
    monday = date.fromisocalendar(year, week, 1)
    return monday, monday + timedelta(days=6)


def parse_reminder_days(text: str) -> tuple[int, ...]:
    """ "7, 2" → (7, 2) (descending, unique). Raises ValueError naming the bad part."""
    days = set()
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= 60:
            raise ValueError(part)
        days.add(int(part))
    return tuple(sorted(days, reverse=True))


def due_reminder(
    deadline: date, today: date, offsets: Iterable[int], already_sent: Iterable[int]
) -> int | None:
    """The reminder to send today, or None.

    A reminder "N days before" is due from `deadline - N` up to the deadline itself. Only the
    closest due one is sent: when the command did not run for a while, the invitee gets one
    reminder, not a burst. Once it was sent, the farther ones count as passed.
    """
    if today > deadline:
        return None
    due = [n for n in offsets if deadline - timedelta(days=n) <= today]
    if not due:
        return None
    closest = min(due)
    sent = set(already_sent)
    if any(n <= closest for n in sent):
        return None
    return closest


def deadline_open(deadline: date, today: date) -> bool:
    """Contributions are accepted up to and including the deadline day."""
    return today <= deadline


@dataclass(frozen=True)
class MinutesState:
    due: date
    sent_on: date | None
    on_time: bool | None  # None: not sent yet and not yet late
    late: bool


def minutes_state(held_on: date, due_days: int, sent_on: date | None, today: date) -> MinutesState:
    """Whether the minutes went (or are going) out within `due_days` after the workshop."""
    due = held_on + timedelta(days=due_days)
    if sent_on is not None:
        return MinutesState(due, sent_on, sent_on <= due, sent_on > due)
    return MinutesState(due, None, None, today > due)


# --- meeting poll -------------------------------------------------------------------------

YES, MAYBE, NO = "yes", "maybe", "no"


@dataclass
class OptionCount:
    key: object
    yes: int = 0
    maybe: int = 0
    no: int = 0


def count_answers(options: Sequence, answers: Iterable[tuple[object, str]]) -> list[OptionCount]:
    """Yes/maybe/no per option (answers: (option key, answer))."""
    counts = {key: OptionCount(key) for key in options}
    for key, answer in answers:
        if key in counts and answer in (YES, MAYBE, NO):
            c = counts[key]
            setattr(c, answer, getattr(c, answer) + 1)
    return [counts[key] for key in options]


def best_option(counts: Sequence[OptionCount]) -> object | None:
    """Most yes, then most maybe, then fewest no; ties keep the earlier option. None if no yes
    or maybe at all."""
    best = None
    for c in counts:
        if c.yes == 0 and c.maybe == 0:
            continue
        if best is None or (c.yes, c.maybe, -c.no) > (best.yes, best.maybe, -best.no):
            best = c
    return best.key if best else None


# --- compiled document ----------------------------------------------------------------------


@dataclass
class CompiledSection:
    number: int
    title: str
    question: str
    curated: str
    contributions: list[tuple[str, str]] = field(default_factory=list)  # (actor, text)


def compile_sections(
    sections: Sequence[tuple[object, int, str, str, str]],
    contributions: Iterable[tuple[object, str, str, object]],
) -> list[CompiledSection]:
    """Sections (key, position, title, question, curated text) in position order, each with its
    non-empty contributions (section key, actor name, text, sort key) in sort-key order."""
    ordered = sorted(sections, key=lambda s: (s[1], str(s[0])))
    by_key = {
        s[0]: CompiledSection(i, s[2], s[3], (s[4] or "").strip()) for i, s in enumerate(ordered, 1)
    }
    for section_key, actor, text, _sort in sorted(contributions, key=lambda c: _sortable(c[3])):
        text = (text or "").strip()
        if text and section_key in by_key:
            by_key[section_key].contributions.append((actor, text))
    return [by_key[s[0]] for s in ordered]


def _sortable(value):
    if isinstance(value, datetime):
        return value.timestamp()
    return value
