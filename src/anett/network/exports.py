"""The gap table as CSV or XLSX: the same rows and order as the gap page."""

import csv
import io
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook

from . import gaps, vocab

COLUMNS = [
    "kreis_ags",
    "kreis",
    "topic",
    "target_group",
    "demand_firms",
    "demand_employees",
    "offers",
    "actors",
    "gap_score",
    "candidates",
]


def topic_labels() -> dict[str, str]:
    from anett.assessment.models import Topic

    return {code: str(label) for code, label in Topic.choices}


def group_labels() -> dict[str, str]:
    return {code: str(label) for code, label in vocab.TARGET_GROUP_CHOICES}


def reason_text(c: gaps.Candidate, kreis_names: dict[str, str]) -> str:
    """Why a candidate could fill a gap, in words."""
    if c.reason == gaps.NEIGHBOUR:
        return _("offers it in the neighbouring district %(kreis)s") % {
            "kreis": kreis_names.get(c.kreis, c.kreis)
        }
    if c.reason == gaps.OTHER_GROUP:
        return _("same topic, other target group")
    return _("serves district and topic, no offer yet")


def candidate_text(c: gaps.Candidate, kreis_names: dict[str, str]) -> str:
    return f"{c.name} ({reason_text(c, kreis_names)})"


def rows(result: gaps.Result, kreis_names: dict[str, str]):
    topics, groups = topic_labels(), group_labels()
    for c in result.cells:
        yield [
            c.kreis_ags,
            c.kreis,
            topics.get(c.topic, c.topic),
            groups.get(c.target_group, c.target_group),
            c.demand_firms,
            c.demand_employees,
            c.offers,
            c.actors,
            c.gap_score,
            "; ".join(candidate_text(x, kreis_names) for x in c.candidates),
        ]


def write(target, data, suffix: str) -> int:
    """Write COLUMNS and the rows to a path or binary file object; returns the row count."""
    n = 0
    if suffix == ".xlsx":
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Lücken")
        ws.append(COLUMNS)
        for row in data:
            ws.append(row)
            n += 1
        wb.save(target)
    elif suffix == ".csv":
        if isinstance(target, str | Path):
            fh = Path(target).open("w", encoding="utf-8", newline="")
        else:
            fh = io.TextIOWrapper(target, encoding="utf-8", newline="", write_through=True)
        try:
            w = csv.writer(fh)
            w.writerow(COLUMNS)
            for row in data:
                w.writerow(row)
                n += 1
        finally:
            if isinstance(target, str | Path):
                fh.close()
            else:
                fh.detach()
    else:
        raise ValueError(suffix)
    return n
