"""Small-cell suppression for tables shown to partners. Plain Python.

Primary suppression hides every count from 1 to MIN_CELL_SIZE-1. Secondary suppression then
hides every margin (row, column or grand total) that contains a hidden cell, so that no hidden
count can be worked out by subtracting the visible cells from a total. Every total that stays
visible is the sum of visible cells only.
"""

from dataclasses import dataclass

MIN_CELL_SIZE = 5


@dataclass(frozen=True)
class Hidden:
    reason: str  # "small" (fewer than MIN_CELL_SIZE firms) or "derivable"

    def __str__(self):
        return "< 5" if self.reason == "small" else "–"


SMALL = Hidden("small")
DERIVABLE = Hidden("derivable")

Cell = int | Hidden


@dataclass
class SuppressedTable:
    cells: list[list[Cell]]
    row_totals: list[Cell]
    col_totals: list[Cell]
    total: Cell


def suppress_table(counts: list[list[int]], suppress: bool = True) -> SuppressedTable:
    """Rows × columns of counts -> the same table with margins, suppressed where needed."""
    n_cols = len(counts[0]) if counts else 0
    row_totals = [sum(r) for r in counts]
    col_totals = [sum(r[j] for r in counts) for j in range(n_cols)]
    total = sum(row_totals)
    if not suppress:
        return SuppressedTable([list(r) for r in counts], row_totals, col_totals, total)

    def primary(v: int) -> Cell:
        return SMALL if 0 < v < MIN_CELL_SIZE else v

    cells = [[primary(v) for v in r] for r in counts]
    out_rows: list[Cell] = []
    for r, t in zip(cells, row_totals, strict=True):
        if 0 < t < MIN_CELL_SIZE:
            out_rows.append(SMALL)
        elif any(isinstance(c, Hidden) for c in r):
            out_rows.append(DERIVABLE)
        else:
            out_rows.append(t)
    out_cols: list[Cell] = []
    for j, t in enumerate(col_totals):
        if 0 < t < MIN_CELL_SIZE:
            out_cols.append(SMALL)
        elif any(isinstance(r[j], Hidden) for r in cells):
            out_cols.append(DERIVABLE)
        else:
            out_cols.append(t)
    any_hidden = any(isinstance(c, Hidden) for r in cells for c in r)
    grand: Cell = SMALL if 0 < total < MIN_CELL_SIZE else (DERIVABLE if any_hidden else total)
    return SuppressedTable(cells, out_rows, out_cols, grand)
