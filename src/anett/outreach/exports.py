"""The priority list as CSV or XLSX (same rows and order as the page)."""

import csv
from pathlib import Path

from openpyxl import Workbook

from . import priority

COLUMNS = ["rank", "company_id", "name", "kreis", "score", "reasons"]


def rows(firms: list[priority.Firm], limit=None, weights: priority.Weights | None = None):
    weights = weights or priority.Weights()
    ranked = priority.rank(firms, weights)
    if limit is not None:
        ranked = ranked[:limit]
    for i, (_score, firm) in enumerate(ranked, start=1):
        p = priority.prioritise(firm, weights)
        yield [i, firm.id, firm.name, firm.kreis, p.score, p.reasons]


def write(path: Path, data) -> int:
    n = 0
    if path.suffix.lower() == ".xlsx":
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Prioritäten")
        ws.append(COLUMNS)
        for row in data:
            ws.append(row)
            n += 1
        wb.save(path)
    elif path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(COLUMNS)
            for row in data:
                w.writerow(row)
                n += 1
    else:
        raise ValueError(path.suffix)
    return n
