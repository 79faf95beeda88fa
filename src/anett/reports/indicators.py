"""Indicators of the dashboard and of the report to the funding body. Plain Python.

The indicators follow `network.md` ("Indicators the funding body and the network care
about"). Definitions (what counts) are in `docs/reports.md`; the SQL that counts them is in
`services.py`. This module turns aggregated rows (district × branch group) into figures,
margins, shares and – for partners – suppressed cells.

Suppression for partners (`protect`): every count of firms from 1 to 4 is hidden ("< 5",
primary suppression, the rule of `core.disclosure`). A district × branch-group table is shown
with its margins (district totals, branch-group totals, the region total on the tiles), and
every margin is a sum of cells. A hidden cell could then be worked out from a margin and the
visible cells. Seen as a bipartite graph (lines of the table as nodes, hidden entries as
edges), a hidden entry is exactly derivable from the margins if and only if its edge lies on
no cycle (it is a bridge). `protect` therefore hides further entries ("–", secondary
suppression) until no hidden entry is a bridge, closing each one with the cheapest rectangle
of four entries, preferring inner cells to margins and the region total last. Sums (employees,
participants, EUR) use the hidden pattern of the firm count they stem from: whether an entry
can be derived depends only on the pattern, not on the values. Counts that are part of a share
(SMEs among the firms reached) are hidden as well when the rest (non-SMEs reached) is 1–4,
since the share would reveal it.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from anett.core.disclosure import DERIVABLE, MIN_CELL_SIZE, SMALL, Hidden


def gettext_noop(text: str) -> str:
    """Marks an English msgid for makemessages; the Django side translates it."""
    return text


# Units
COUNT, PERSONS, EUR, SHARE = "count", "persons", "eur", "share"

# Sections of the report = groups of indicators
OUTREACH = "outreach"
ADVICE = "advice"
QUALIFICATION = "qualification"
WORKS_COUNCILS = "works_councils"
NETWORK = "network"
OUTLOOK = "outlook"
SECTIONS = (
    (OUTREACH, gettext_noop("Outreach")),
    (ADVICE, gettext_noop("Advice and needs")),
    (QUALIFICATION, gettext_noop("Qualification and funding")),
    (WORKS_COUNCILS, gettext_noop("Works councils and SMEs")),
    (NETWORK, gettext_noop("Network and partners")),
    (OUTLOOK, gettext_noop("Outlook")),
)
SECTION_IDS = tuple(s for s, _label in SECTIONS)

# How an indicator is protected for partners
FIRMS = "firms"  # a count of firms: own suppression pattern
SUM = "sum"  # a sum over firms: the pattern of `basis`
PART = "part"  # firms that are part of `basis` (numerator of a share)
RATIO = "ratio"  # numerator / denominator


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str  # English msgid
    unit: str
    section: str
    kind: str
    description: str  # English msgid
    basis: str | None = None  # SUM: pattern source; PART: the whole; RATIO: denominator
    numerator: str | None = None  # RATIO only


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "identified",
        gettext_noop("Firms identified"),
        COUNT,
        OUTREACH,
        FIRMS,
        gettext_noop(
            "Firms in the register (region, branch group); with a period: recorded by its end."
        ),
    ),
    Indicator(
        "reached",
        gettext_noop("Firms reached"),
        COUNT,
        OUTREACH,
        FIRMS,
        gettext_noop(
            "Firms with at least one activity in which the firm answered (contact made, "
            "interested, next step agreed, took part); with a period: such an activity in it."
        ),
    ),
    Indicator(
        "employees_reached",
        gettext_noop("Employees reached"),
        PERSONS,
        OUTREACH,
        SUM,
        gettext_noop(
            "Employees of the establishments of the firms reached (firms without a headcount "
            "count 0)."
        ),
        basis="reached",
    ),
    Indicator(
        "advised",
        gettext_noop("Firms advised"),
        COUNT,
        ADVICE,
        FIRMS,
        gettext_noop(
            "Firms with a visit, transformation check or workshop in which they took part, "
            "showed interest or agreed a next step."
        ),
    ),
    Indicator(
        "with_need",
        gettext_noop("Firms with a high need"),
        COUNT,
        ADVICE,
        FIRMS,
        gettext_noop(
            "Firms with a current need of at least 50 (of 100) in at least one topic; with a "
            "period: recorded in it."
        ),
    ),
    Indicator(
        "with_measure",
        gettext_noop("Firms with a measure"),
        COUNT,
        QUALIFICATION,
        FIRMS,
        gettext_noop(
            "Firms with a measure that is applied for, granted, running or completed (not "
            "only planned, not cancelled); with a period: starting in it."
        ),
    ),
    Indicator(
        "measures",
        gettext_noop("Measures"),
        COUNT,
        QUALIFICATION,
        SUM,
        gettext_noop("Number of such measures."),
        basis="with_measure",
    ),
    Indicator(
        "participants",
        gettext_noop("Participants"),
        PERSONS,
        QUALIFICATION,
        SUM,
        gettext_noop("Participants of these measures."),
        basis="with_measure",
    ),
    Indicator(
        "employed_after_6_months",
        gettext_noop("Participants employed 6 months after the end"),
        PERSONS,
        QUALIFICATION,
        SUM,
        gettext_noop("Participants still employed six months after the end, where recorded."),
        basis="with_measure",
    ),
    Indicator(
        "funding_applied",
        gettext_noop("Funding applied for"),
        EUR,
        QUALIFICATION,
        SUM,
        gettext_noop("Funding applied for these measures (EUR)."),
        basis="with_measure",
    ),
    Indicator(
        "funding_granted",
        gettext_noop("Funding mobilised"),
        EUR,
        QUALIFICATION,
        SUM,
        gettext_noop("Funding granted for these measures (EUR)."),
        basis="with_measure",
    ),
    Indicator(
        "sme_reached",
        gettext_noop("SMEs reached"),
        COUNT,
        WORKS_COUNCILS,
        PART,
        gettext_noop(
            "Firms reached that are micro, small or medium-sized enterprises (EU definition)."
        ),
        basis="reached",
    ),
    Indicator(
        "sme_share",
        gettext_noop("Share of SMEs"),
        SHARE,
        WORKS_COUNCILS,
        RATIO,
        gettext_noop("SMEs reached / firms reached. Firms of unknown size count as not SME."),
        basis="reached",
        numerator="sme_reached",
    ),
    Indicator(
        "no_wc_reached",
        gettext_noop("Firms without works council reached"),
        COUNT,
        WORKS_COUNCILS,
        PART,
        gettext_noop("Firms reached that have no works council (as recorded)."),
        basis="reached",
    ),
    Indicator(
        "no_wc_share",
        gettext_noop("Share of firms without works council reached"),
        SHARE,
        WORKS_COUNCILS,
        RATIO,
        gettext_noop(
            "Firms without works council reached / firms reached. Unknown counts as not 'without'."
        ),
        basis="reached",
        numerator="no_wc_reached",
    ),
    Indicator(
        "referred",
        gettext_noop("Firms referred to an offer"),
        COUNT,
        NETWORK,
        FIRMS,
        gettext_noop(
            "Firms whose need was referred to an offer of a network actor (sent); with a "
            "period: sent in it."
        ),
    ),
)
BY_ID = {i.id: i for i in INDICATORS}
# Base figures the database delivers per district × branch group (all but the ratios).
BASE_IDS = tuple(i.id for i in INDICATORS if i.kind != RATIO)
# Figures on the tiles of the dashboard, in order.
TILE_IDS = (
    "identified",
    "reached",
    "advised",
    "with_measure",
    "employees_reached",
    "funding_granted",
    "sme_share",
    "no_wc_share",
)
# Figures the map may colour districts by.
MAP_IDS = (
    "identified",
    "reached",
    "advised",
    "with_measure",
    "employees_reached",
    "participants",
    "funding_granted",
    "sme_share",
    "no_wc_share",
)
FUNNEL_IDS = ("identified", "reached", "advised", "with_measure")
SERIES_IDS = ("reached", "advised", "with_measure")

# Domain constants of the definitions (documented in docs/reports.md)
ANSWERED_OUTCOMES = ("contacted", "interested", "agreed", "participated")
ADVICE_KINDS = ("visit", "check", "workshop")
ADVICE_OUTCOMES = ("interested", "agreed", "participated")
MEASURE_STATUSES = ("applied", "granted", "running", "completed")
SME_CLASSES = ("micro", "small", "medium")
NEED_THRESHOLD = 50


def section_of(indicator_id: str) -> str:
    return BY_ID[indicator_id].section


def indicators_of(section: str) -> list[Indicator]:
    return [i for i in INDICATORS if i.section == section]


# --- periods -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    code: str = ""

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("period ends before it starts")

    @property
    def label(self) -> str:
        if self.code and "-Q" in self.code:
            year, q = self.code.split("-Q")
            return f"Q{q} {year}"
        if self.code and len(self.code) == 4:
            return self.code
        return f"{self.start:%d.%m.%Y} – {self.end:%d.%m.%Y}"


def parse_period(code: str | None) -> Period | None:
    """'2025' (a year) or '2025-Q3' (a quarter) -> Period; '' or None -> None (all time).
    Raises ValueError for anything else."""
    if not code:
        return None
    code = code.strip()
    if len(code) == 4 and code.isdigit():
        year = int(code)
        return Period(date(year, 1, 1), date(year, 12, 31), code)
    if len(code) == 7 and code[4:6] == "-Q" and code[:4].isdigit() and code[6] in "1234":
        year, q = int(code[:4]), int(code[6])
        first = 3 * (q - 1) + 1
        last = first + 2
        return Period(
            date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]), code
        )
    raise ValueError(code)


def period_codes(first_year: int, today: date) -> list[str]:
    """Years and quarters from `first_year` up to today, newest first."""
    out = []
    for year in range(today.year, first_year - 1, -1):
        out.append(str(year))
        last_q = (today.month - 1) // 3 + 1 if year == today.year else 4
        out += [f"{year}-Q{q}" for q in range(last_q, 0, -1)]
    return out


def months_between(start: date, end: date, limit: int = 60) -> list[date]:
    """First days of the months from start to end (the last `limit` months)."""
    months = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        months.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months[-limit:]


# --- tables and suppression ----------------------------------------------------------------

Cell = int | float | Hidden | None


def is_small(value) -> bool:
    return 0 < value < MIN_CELL_SIZE


def protect(
    counts: Sequence[Sequence[int]], primary: Sequence[Sequence[bool]] | None = None
) -> list[list[Hidden | None]]:
    """Suppression pattern of a rows × columns table of firm counts with its margins.

    Returns an (R+1) × (C+1) grid (the last row holds the column totals, the last column the
    row totals, the corner the grand total): SMALL for primary suppression, DERIVABLE for
    secondary suppression, None for shown. `primary` (an (R+1) × (C+1) grid) overrides the
    primary rule "1 to 4 firms". No hidden entry can be worked out from the visible entries
    and the sums of the table (see the module docstring).
    """
    ext = extend(counts)
    n_rows, n_cols = len(ext), len(ext[0])
    if primary is None:
        primary = [[is_small(v) for v in row] for row in ext]
    grid: list[list[Hidden | None]] = [
        [SMALL if primary[i][j] else None for j in range(n_cols)] for i in range(n_rows)
    ]
    if n_rows < 2 or n_cols < 2:
        return grid

    def cost(i: int, j: int) -> float:
        if grid[i][j] is not None:
            return 0.0
        v = ext[i][j]
        c = float(v) if v > 0 else 50.0  # a hidden zero protects little
        if i == n_rows - 1 and j == n_cols - 1:
            return c * 1e6 + 1e6  # the region total only as the last resort
        if i == n_rows - 1 or j == n_cols - 1:
            return c * 100 + 1000  # margins rather not
        return c

    while True:
        bridges = _bridges(grid)
        if not bridges:
            return grid
        i, j = bridges[0]
        best, best_cost = None, math.inf
        for i2 in range(n_rows):
            if i2 == i:
                continue
            for j2 in range(n_cols):
                if j2 == j:
                    continue
                c = cost(i, j2) + cost(i2, j) + cost(i2, j2)
                if c < best_cost:
                    best, best_cost = (i2, j2), c
        i2, j2 = best
        for a, b in ((i, j2), (i2, j), (i2, j2)):
            if grid[a][b] is None:
                grid[a][b] = DERIVABLE


def extend(counts: Sequence[Sequence[float]]) -> list[list[float]]:
    """The table with its row totals (last column), column totals (last row), grand total."""
    n_cols = len(counts[0]) if counts else 0
    rows = [[*r, sum(r)] for r in counts]
    totals = [sum(r[j] for r in rows) for j in range(n_cols + 1)]
    return [*rows, totals]


def _bridges(grid) -> list[tuple[int, int]]:
    """Hidden entries that lie on no cycle of the bipartite line graph (rows, columns)."""
    edges = [(i, j) for i, row in enumerate(grid) for j, h in enumerate(row) if h is not None]
    if not edges:
        return []
    n_rows = len(grid)
    adj: dict[int, list[tuple[int, int]]] = {}
    for k, (i, j) in enumerate(edges):
        a, b = i, n_rows + j
        adj.setdefault(a, []).append((b, k))
        adj.setdefault(b, []).append((a, k))
    disc: dict[int, int] = {}
    low: dict[int, int] = {}
    out: list[tuple[int, int]] = []
    counter = 0
    for root in adj:
        if root in disc:
            continue
        disc[root] = low[root] = counter
        counter += 1
        stack = [(root, -1, iter(adj[root]))]
        while stack:
            node, via, it = stack[-1]
            for nxt, k in it:
                if k == via:
                    continue
                if nxt in disc:
                    low[node] = min(low[node], disc[nxt])
                else:
                    disc[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append((nxt, k, iter(adj[nxt])))
                    break
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > disc[parent]:
                        out.append(edges[via])
    return sorted(out)


@dataclass
class Table:
    """One base figure: rows (districts) × columns (branch groups), with margins and the
    suppression pattern (None everywhere when not suppressed)."""

    values: list[list[float]]  # extended: (R+1) × (C+1)
    hidden: list[list[Hidden | None]]

    def cell(self, i: int, j: int) -> Cell:
        return self.hidden[i][j] or self.values[i][j]

    def raw(self, i: int, j: int) -> float:
        return self.values[i][j]


@dataclass
class Tables:
    """All base figures and ratios of one scope (region, period)."""

    row_keys: list
    col_keys: list
    tables: dict[str, Table] = field(default_factory=dict)
    suppressed: bool = False

    def _col(self, group) -> int:
        return len(self.col_keys) if group is None else self.col_keys.index(group)

    def _row(self, key) -> int:
        return len(self.row_keys) if key is None else self.row_keys.index(key)

    def value(self, indicator_id: str, row=None, group=None) -> Cell:
        """A figure of one district (row key) or the region (None), for one branch group or
        all (None); Hidden when suppressed, None for a share without denominator."""
        i, j = self._row(row), self._col(group)
        ind = BY_ID[indicator_id]
        if ind.kind == RATIO:
            num, den = self.tables[ind.numerator], self.tables[ind.basis]
            n, d = num.cell(i, j), den.cell(i, j)
            if isinstance(n, Hidden) or isinstance(d, Hidden):
                return DERIVABLE  # a share is not "< 5"
            return (n / d) if d else None
        return self.tables[indicator_id].cell(i, j)

    def raw(self, indicator_id: str, row=None, group=None) -> float:
        return self.tables[indicator_id].raw(self._row(row), self._col(group))


def build_tables(
    row_keys: Sequence,
    col_keys: Sequence,
    data: dict[str, dict[tuple, float]],
    suppress: bool,
) -> Tables:
    """`data[indicator][(row_key, col_key)]` -> Tables (protected when `suppress`)."""
    tables = Tables(list(row_keys), list(col_keys), suppressed=suppress)
    row_index = {k: i for i, k in enumerate(row_keys)}
    col_index = {k: j for j, k in enumerate(col_keys)}

    def matrix(ind_id):
        m = [[0] * len(col_keys) for _ in row_keys]
        for (r, c), v in data.get(ind_id, {}).items():
            if r in row_index and c in col_index:
                m[row_index[r]][col_index[c]] = v or 0
        return m

    order = [i for i in INDICATORS if i.kind == FIRMS]
    order += [i for i in INDICATORS if i.kind == PART]
    order += [i for i in INDICATORS if i.kind == SUM]
    for ind in order:
        ext = extend(matrix(ind.id))
        if not suppress:
            hidden = [[None] * len(r) for r in ext]
        elif ind.kind == FIRMS:
            hidden = protect(matrix(ind.id))
        elif ind.kind == PART:
            whole = tables.tables[ind.basis].values
            primary = [
                [is_small(v) or is_small(whole[i][j] - v) for j, v in enumerate(r)]
                for i, r in enumerate(ext)
            ]
            hidden = protect(matrix(ind.id), primary)
        else:  # SUM: pattern of the firm count it stems from; shown as "–" (a sum of
            # employees or euros is not "< 5")
            hidden = [
                [None if h is None else DERIVABLE for h in r]
                for r in tables.tables[ind.basis].hidden
            ]
        tables.tables[ind.id] = Table(ext, hidden)
    return tables


def primary_only(value: float, suppress: bool) -> Cell:
    """One count outside a table with margins (per month, per topic): 1–4 hidden."""
    return SMALL if suppress and is_small(value) else value


# --- display ------------------------------------------------------------------------------


def fmt_number(value: float, decimals: int = 0) -> str:
    """German number format: 1.234.567 / 12,5."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def display(value: Cell, unit: str) -> str:
    if isinstance(value, Hidden):
        return str(value)
    if value is None:
        return "–"
    if unit == SHARE:
        return fmt_number(value * 100, 1) + " %"
    if unit == EUR:
        return fmt_number(value) + " €"
    return fmt_number(value)


def class_breaks(values: Iterable[float], k: int = 5) -> list[float]:
    """Upper bounds of up to k classes (quantiles of the distinct visible values)."""
    vals = sorted(v for v in values if v is not None and not isinstance(v, Hidden))
    if not vals:
        return []
    distinct = sorted(set(vals))
    if len(distinct) <= k:
        return distinct
    breaks = []
    for q in range(1, k + 1):
        idx = min(len(vals) - 1, math.ceil(q * len(vals) / k) - 1)
        b = vals[idx]
        if not breaks or b > breaks[-1]:
            breaks.append(b)
    return breaks


def classify(value, breaks: Sequence[float]) -> int | None:
    """Class index of a value (0 = lowest), None for hidden or missing values."""
    if value is None or isinstance(value, Hidden) or not breaks:
        return None
    for i, b in enumerate(breaks):
        if value <= b:
            return i
    return len(breaks) - 1


# Sequential blues for up to five classes (ColorBrewer "Blues", colour-blind safe).
PALETTE = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")


def colours(n_classes: int) -> list[str]:
    if n_classes <= 0:
        return []
    if n_classes >= len(PALETTE):
        return list(PALETTE)
    step = (len(PALETTE) - 1) / max(1, n_classes - 1)
    return [PALETTE[round(i * step)] for i in range(n_classes)]


def legend(breaks: Sequence[float], unit: str) -> list[dict]:
    """Legend rows: colour and range text of each class."""
    cols = colours(len(breaks))
    rows = []
    lower = None
    for b, col in zip(breaks, cols, strict=True):
        if lower is None:
            text = f"≤ {display(b, unit)}"
        else:
            text = f"> {display(lower, unit)} – {display(b, unit)}"
        rows.append({"colour": col, "text": text, "upper": b})
        lower = b
    return rows
