"""Small-cell suppression: no hidden count can be derived from what stays visible."""

import itertools

from anett.core.disclosure import DERIVABLE, SMALL, Hidden, suppress_table


def test_no_suppression_for_internal_roles():
    t = suppress_table([[3, 10], [0, 7]], suppress=False)
    assert t.cells == [[3, 10], [0, 7]]
    assert t.row_totals == [13, 7]
    assert t.col_totals == [3, 17]
    assert t.total == 20


def test_small_cells_hidden_and_margins_secondary():
    t = suppress_table([[3, 10], [0, 7]])
    assert t.cells == [[SMALL, 10], [0, 7]]
    # Row 1 total would reveal the 3 (13 - 10); column 1 total would too.
    assert t.row_totals == [DERIVABLE, 7]
    assert t.col_totals == [SMALL, 17]
    assert t.total == DERIVABLE


def test_zero_and_large_values_stay_visible():
    t = suppress_table([[0, 5], [12, 0]])
    assert t.cells == [[0, 5], [12, 0]]
    assert t.total == 17


def test_small_total_is_small():
    t = suppress_table([[1, 2]])
    assert t.row_totals == [SMALL]
    assert t.total == SMALL
    assert str(SMALL) == "< 5"
    assert str(DERIVABLE) == "–"


def test_every_visible_margin_is_sum_of_visible_cells():
    # Exhaustive over small 2x3 tables: a visible margin never includes a hidden cell,
    # so subtracting visible cells from it never yields a hidden value.
    for values in itertools.product([0, 2, 6], repeat=6):
        counts = [list(values[:3]), list(values[3:])]
        t = suppress_table(counts)
        for i, total in enumerate(t.row_totals):
            if not isinstance(total, Hidden):
                assert all(not isinstance(c, Hidden) for c in t.cells[i])
        for j, total in enumerate(t.col_totals):
            if not isinstance(total, Hidden):
                assert all(not isinstance(r[j], Hidden) for r in t.cells)
        if not isinstance(t.total, Hidden):
            assert all(not isinstance(c, Hidden) for r in t.cells for c in r)
