"""Plain-Python tests of the indicator module: suppression patterns, shares, periods, classes."""

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anett.core.disclosure import DERIVABLE, SMALL, Hidden
from anett.reports import indicators as ind


def derivable_entries(ext, hidden) -> set[tuple[int, int]]:
    """Hidden entries of an extended table that the visible entries and the sums determine.

    Independent of `protect`: Gaussian elimination over the fractions. Unknowns are the hidden
    entries; every row and every column of the extended table gives one equation (cells sum
    to the margin). An unknown is determined iff its unit vector lies in the row space."""
    n_rows, n_cols = len(ext), len(ext[0])
    unknowns = [(i, j) for i in range(n_rows) for j in range(n_cols) if hidden[i][j]]
    index = {u: k for k, u in enumerate(unknowns)}
    equations = []
    for i in range(n_rows):
        line = [(i, j, 1 if j < n_cols - 1 else -1) for j in range(n_cols)]
        equations.append(line)
    for j in range(n_cols):
        line = [(i, j, 1 if i < n_rows - 1 else -1) for i in range(n_rows)]
        equations.append(line)
    matrix = []
    for line in equations:
        row = [Fraction(0)] * len(unknowns)
        for i, j, sign in line:
            if (i, j) in index:
                row[index[(i, j)]] += sign
        if any(row):
            matrix.append(row)
    # Row-reduce.
    pivots = []
    r = 0
    for c in range(len(unknowns)):
        pivot = next((k for k in range(r, len(matrix)) if matrix[k][c] != 0), None)
        if pivot is None:
            continue
        matrix[r], matrix[pivot] = matrix[pivot], matrix[r]
        p = matrix[r][c]
        matrix[r] = [v / p for v in matrix[r]]
        for k in range(len(matrix)):
            if k != r and matrix[k][c] != 0:
                f = matrix[k][c]
                matrix[k] = [a - f * b for a, b in zip(matrix[k], matrix[r], strict=True)]
        pivots.append(c)
        r += 1
    out = set()
    for k, c in enumerate(pivots):
        if sum(1 for v in matrix[k] if v != 0) == 1:
            out.add(unknowns[c])
    return out


small_tables = st.integers(1, 7).flatmap(
    lambda rows: st.integers(1, 5).flatmap(
        lambda cols: st.lists(
            st.lists(
                st.one_of(st.integers(0, 6), st.integers(0, 60)), min_size=cols, max_size=cols
            ),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(small_tables)
def test_protect_hides_every_small_count_and_leaves_nothing_derivable(counts):
    ext = ind.extend(counts)
    hidden = ind.protect(counts)
    for i, row in enumerate(ext):
        for j, v in enumerate(row):
            if 0 < v < 5:
                assert hidden[i][j] is not None, (i, j, v)
    assert derivable_entries(ext, hidden) == set()


def test_the_checker_finds_a_derivable_cell():
    # Guards the property test: primary suppression alone leaves the cell derivable.
    counts = [[2, 30], [20, 31]]
    ext = ind.extend(counts)
    primary = [[SMALL if 0 < v < 5 else None for v in row] for row in ext]
    assert derivable_entries(ext, primary) == {(0, 0)}


def test_protect_keeps_margins_when_inner_cells_suffice():
    counts = [[2, 30, 40], [20, 31, 41], [25, 33, 45]]
    hidden = ind.protect(counts)
    assert hidden[0][0] is SMALL
    # The cheapest rectangle uses inner cells: all margins and the total stay visible.
    assert all(hidden[i][3] is None for i in range(4))
    assert all(hidden[3][j] is None for j in range(4))
    assert sum(h is DERIVABLE for row in hidden for h in row) == 3


def test_single_district_hides_the_equal_region_cell():
    # One row: the region totals equal the district cells and must be hidden alike.
    hidden = ind.protect([[3, 10]])
    assert hidden[0][0] is SMALL and hidden[1][0] is not None


def test_share_hidden_when_complement_is_small():
    data = {
        "identified": {(1, "a"): 40, (2, "a"): 40},
        "reached": {(1, "a"): 20, (2, "a"): 20},
        "sme_reached": {(1, "a"): 18, (2, "a"): 10},  # 2 non-SMEs reached in district 1
    }
    tables = ind.build_tables([1, 2], ["a"], data, suppress=True)
    assert isinstance(tables.value("sme_share", 1), Hidden)
    assert isinstance(tables.value("sme_reached", 1), Hidden)
    # District 2 alone would be fine, but with the region total it would give district 1.
    assert isinstance(tables.value("sme_share", 2), Hidden)
    assert tables.value("sme_share", None) == pytest.approx(28 / 40)
    open_tables = ind.build_tables([1, 2], ["a"], data, suppress=False)
    assert open_tables.value("sme_share", 1) == pytest.approx(0.9)
    assert open_tables.value("sme_share", None) == pytest.approx(28 / 40)


def test_sums_follow_the_pattern_of_their_firm_count():
    data = {
        "reached": {(1, "a"): 3, (2, "a"): 30, (3, "a"): 40},
        "employees_reached": {(1, "a"): 900, (2, "a"): 100, (3, "a"): 500},
    }
    tables = ind.build_tables([1, 2, 3], ["a"], data, suppress=True)
    reached = tables.tables["reached"].hidden
    employees = tables.tables["employees_reached"].hidden
    assert [[h is None for h in r] for r in reached] == [[h is None for h in r] for r in employees]
    # A hidden sum reads "–": "< 5" would mean fewer than five employees.
    assert tables.value("employees_reached", 1) is DERIVABLE


def test_share_without_denominator_is_none():
    tables = ind.build_tables([1], ["a"], {}, suppress=False)
    assert tables.value("sme_share", 1) is None
    assert ind.display(None, ind.SHARE) == "–"


def test_periods():
    assert ind.parse_period("2025") == ind.Period(date(2025, 1, 1), date(2025, 12, 31), "2025")
    q = ind.parse_period("2024-Q1")
    assert (q.start, q.end, q.label) == (date(2024, 1, 1), date(2024, 3, 31), "Q1 2024")
    assert ind.parse_period("") is None
    for bad in ("2025-Q5", "25", "2025-13", "abcd"):
        with pytest.raises(ValueError):
            ind.parse_period(bad)
    with pytest.raises(ValueError):
        ind.Period(date(2025, 2, 1), date(2025, 1, 1))
    codes = ind.period_codes(2025, date(2026, 5, 3))
    assert codes[:3] == ["2026", "2026-Q2", "2026-Q1"]
    assert "2025-Q4" in codes and "2026-Q3" not in codes
    months = ind.months_between(date(2025, 11, 15), date(2026, 2, 1))
    assert months == [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]


def test_class_breaks_and_legend():
    values = [1, 5, 7, 10, 20, 40, 80, 160, SMALL, None]
    breaks = ind.class_breaks(values, k=4)
    assert breaks == sorted(breaks) and len(breaks) == 4 and breaks[-1] == 160
    assert ind.classify(1, breaks) == 0 and ind.classify(160, breaks) == 3
    assert ind.classify(SMALL, breaks) is None
    legend = ind.legend(breaks, ind.COUNT)
    assert legend[0]["text"].startswith("≤") and len({r["colour"] for r in legend}) == 4
    assert ind.class_breaks([3, 3]) == [3]


def test_display_german_numbers():
    assert ind.display(1234567, ind.COUNT) == "1.234.567"
    assert ind.display(0.7025, ind.SHARE) == "70,2 %"
    assert ind.display(35409575.0, ind.EUR) == "35.409.575 €"
    assert ind.display(SMALL, ind.COUNT) == "< 5"


def test_every_indicator_is_well_formed():
    ids = [i.id for i in ind.INDICATORS]
    assert len(ids) == len(set(ids))
    sections = {s for s, _l in ind.SECTIONS}
    for i in ind.INDICATORS:
        assert i.section in sections
        if i.kind in (ind.SUM, ind.PART):
            assert ind.BY_ID[i.basis].kind == ind.FIRMS
        if i.kind == ind.RATIO:
            assert ind.BY_ID[i.numerator].kind == ind.PART
    for group in (ind.TILE_IDS, ind.MAP_IDS, ind.FUNNEL_IDS, ind.SERIES_IDS):
        assert set(group) <= set(ids)
