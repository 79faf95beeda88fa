"""Activity figures (reached, advised, by month) kept up to date firm by firm.

The figures count *firms*, not activities: a firm is reached in a period when at least one of
its answered activities lies in it. Recounting this over all activities after every new
activity costs a pass over the whole table (100–200 ms at 100 000 firms); here the distinct
days with a reached/advised activity are kept per firm, and a change recomputes only the
contribution of the firms it touched (`ActivityIndex.update`).

Plain Python: `services` reads the rows from the database and decides when to rebuild.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

REACHED, ADVISED = 1, 2
TOTAL_IDS = ("reached", "employees_reached", "sme_reached", "no_wc_reached", "advised")
MONTH_IDS = ("reached", "advised")


class Firm(NamedTuple):
    """What the figures need of a firm: the cell it counts in and what it adds there."""

    kreis_id: int | None
    group: str
    employees: int
    sme: bool
    no_wc: bool


def flags(kind: str, outcome: str, answered: Iterable[str], advice_kinds, advice_outcomes) -> int:
    """REACHED | ADVISED bits of one activity."""
    out = REACHED if outcome in answered else 0
    if kind in advice_kinds and outcome in advice_outcomes:
        out |= ADVISED
    return out


def firm_days(
    rows: Iterable[tuple[int, str, str, str]], answered, advice_kinds, advice_outcomes
) -> dict[int, dict[str, int]]:
    """(firm id, day 'YYYY-MM-DD', kind, outcome) rows -> {firm id: {day: flags}} (rows
    without flags dropped). Days are ISO text: they compare like dates, and the month is
    their first seven characters."""
    bits_of: dict[tuple[str, str], int] = {}
    days: dict[int, dict[str, int]] = {}
    for firm_id, day, kind, outcome in rows:
        bits = bits_of.get((kind, outcome))
        if bits is None:
            bits = bits_of[(kind, outcome)] = flags(
                kind, outcome, answered, advice_kinds, advice_outcomes
            )
        if bits:
            per_firm = days.get(firm_id)
            if per_firm is None:
                days[firm_id] = {day: bits}
            else:
                per_firm[day] = per_firm.get(day, 0) | bits
    return days


def _in(day: str, start: str | None, end: str | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def total_contribution(firm: Firm, days: dict[str, int], start, end) -> list[tuple]:
    """(indicator, (kreis, group), value) that one firm adds to the totals of a period."""
    bits = 0
    for day, b in days.items():
        if _in(day, start, end):
            bits |= b
    key = (firm.kreis_id, firm.group)
    out = []
    if bits & REACHED:
        out += [
            ("reached", key, 1),
            ("employees_reached", key, firm.employees or 0),
            ("sme_reached", key, int(firm.sme)),
            ("no_wc_reached", key, int(firm.no_wc)),
        ]
    if bits & ADVISED:
        out.append(("advised", key, 1))
    return out


def month_contribution(firm: Firm, days: dict[str, int], start, end) -> list[tuple]:
    """(indicator, ('YYYY-MM', kreis, group), 1) per month of [start, end] in which the firm
    was reached/advised (a firm counts once per month)."""
    months: dict[str, int] = {}
    for day, b in days.items():
        if _in(day, start, end):
            m = day[:7]
            months[m] = months.get(m, 0) | b
    out = []
    for m, bits in months.items():
        key = (m, firm.kreis_id, firm.group)
        if bits & REACHED:
            out.append(("reached", key, 1))
        if bits & ADVISED:
            out.append(("advised", key, 1))
    return out


def _apply(figures: dict[str, dict], parts: Iterable[tuple], sign: int) -> None:
    for ind_id, key, value in parts:
        cells = figures[ind_id]
        v = cells.get(key, 0) + sign * value
        if v:
            cells[key] = v
        else:
            cells.pop(key, None)


_KINDS = {"totals": (TOTAL_IDS, total_contribution), "months": (MONTH_IDS, month_contribution)}


class ActivityIndex:
    """Per firm the days (ISO text) with a reached/advised activity, and the figures derived
    from them (totals of a period, firms per month of a range), updated by delta when firms
    change.

    Derived figures handed out are never changed afterwards (an update builds new dicts), so
    callers may keep them while another thread updates the index."""

    def __init__(self, firms: dict[int, Firm], days: dict[int, dict[str, int]], size=64):
        self.firms = firms
        self.days = days
        self.size = size
        self.derived: OrderedDict[tuple, dict] = OrderedDict()

    def _compute(self, kind: str, start, end) -> dict:
        """The figures from all firms: the sum of their contributions (`total_contribution`,
        `month_contribution`), written out as loops (this runs over every firm)."""
        lo, hi = start or "", end or "\uffff"
        figures: dict[str, dict] = {i: {} for i in _KINDS[kind][0]}
        firms = self.firms
        if kind == "totals":
            reached, emp, sme, no_wc, advised = (figures[i] for i in TOTAL_IDS)
            for firm_id, days in self.days.items():
                firm = firms.get(firm_id)
                if firm is None:
                    continue
                bits = 0
                for day, b in days.items():
                    if lo <= day <= hi:
                        bits |= b
                if not bits:
                    continue
                key = (firm.kreis_id, firm.group)
                if bits & REACHED:
                    reached[key] = reached.get(key, 0) + 1
                    emp[key] = emp.get(key, 0) + (firm.employees or 0)
                    sme[key] = sme.get(key, 0) + firm.sme
                    no_wc[key] = no_wc.get(key, 0) + firm.no_wc
                if bits & ADVISED:
                    advised[key] = advised.get(key, 0) + 1
        else:
            reached, advised = figures["reached"], figures["advised"]
            for firm_id, days in self.days.items():
                firm = firms.get(firm_id)
                if firm is None:
                    continue
                months: dict[str, int] = {}
                for day, b in days.items():
                    if lo <= day <= hi:
                        m = day[:7]
                        months[m] = months.get(m, 0) | b
                for m, bits in months.items():
                    key = (m, firm.kreis_id, firm.group)
                    if bits & REACHED:
                        reached[key] = reached.get(key, 0) + 1
                    if bits & ADVISED:
                        advised[key] = advised.get(key, 0) + 1
        return {i: {k: v for k, v in cells.items() if v} for i, cells in figures.items()}

    def figures(self, kind: str, start: date | None, end: date | None) -> dict:
        """kind 'totals' ({indicator: {(kreis, group): value}}) or 'months'
        ({indicator: {(month, kreis, group): firms}}) of the days in [start, end]
        (None: open)."""
        start = start.isoformat() if isinstance(start, date) else start
        end = end.isoformat() if isinstance(end, date) else end
        key = (kind, start, end)
        if key in self.derived:
            self.derived.move_to_end(key)
            return self.derived[key]
        value = self.derived[key] = self._compute(kind, start, end)
        while len(self.derived) > self.size:
            self.derived.popitem(last=False)
        return value

    def update(self, firms: dict[int, Firm], days: dict[int, dict[str, int]], ids) -> None:
        """Replace what is known of the firms `ids` by `firms`/`days` (their current rows; a
        firm missing in `days` has no counted activity any more, one missing in `firms` no
        longer exists) and adjust every derived figure
        by the difference of their contributions."""
        ids = set(ids)
        derived = OrderedDict()
        for (kind, start, end), figures in self.derived.items():
            _ids, contribution = _KINDS[kind]
            new = {i: dict(cells) for i, cells in figures.items()}
            for firm_id in ids:
                old_firm, old_days = self.firms.get(firm_id), self.days.get(firm_id)
                if old_firm is not None and old_days:
                    _apply(new, contribution(old_firm, old_days, start, end), -1)
                new_firm, new_days = firms.get(firm_id), days.get(firm_id)
                if new_firm is not None and new_days:
                    _apply(new, contribution(new_firm, new_days, start, end), 1)
            derived[(kind, start, end)] = new
        for firm_id in ids:
            if firm_id in days:
                self.days[firm_id] = days[firm_id]
            else:
                self.days.pop(firm_id, None)
            if firm_id in firms:
                self.firms[firm_id] = firms[firm_id]
            else:
                self.firms.pop(firm_id, None)
        self.derived = derived
