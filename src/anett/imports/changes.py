"""What an import row changes in a firm that is already in the register. Plain Python.

- A row of the **same source and id** (re-import) speaks for that firm: its non-empty
  values replace the register's. An empty cell never erases a value, and "unknown" never
  replaces yes or no.
- A **duplicate** (the row describes a firm that another source brought, or an earlier
  row of the same file) only fills what the register does not know yet.

Notes are appended, never replaced. Undo restores a field only while it still holds the
value the import wrote (``restorable``), so later edits by people are never lost.
"""

from __future__ import annotations

from collections.abc import Mapping

# Fields of Company an import may write, in the order they are shown.
COMPANY_FIELDS = (
    "name",
    "legal_form",
    "street",
    "postcode",
    "city",
    "kreis_id",
    "wz_code",
    "employees_site",
    "employees_enterprise",
    "turnover_eur",
    "balance_sheet_eur",
    "works_council",
    "collective_agreement",
    "phone",
    "website",
    "notes",
)
TRISTATE_FIELDS = ("works_council", "collective_agreement")
UPDATE, FILL = "update", "fill"


def is_empty(field: str, value) -> bool:
    if value is None or value == "":
        return True
    return field in TRISTATE_FIELDS and value == "unknown"


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    try:
        return int(a) == int(b) if isinstance(a, int) or isinstance(b, int) else str(a) == str(b)
    except (TypeError, ValueError):
        return str(a) == str(b)


def plan(current: Mapping, data: Mapping, mode: str) -> dict[str, list]:
    """{field: [old, new]} for the fields the row changes (``mode``: UPDATE or FILL)."""
    changes: dict[str, list] = {}
    for field in COMPANY_FIELDS:
        new = data.get(field)
        if new is None or new == "":
            continue
        old = current.get(field)
        if old == new or (field in TRISTATE_FIELDS and new == "unknown"):
            continue
        if field == "notes":
            old_text = old or ""
            if new in old_text:
                continue
            changes[field] = [old_text, f"{old_text}\n{new}".strip() if old_text else new]
            continue
        if _same(old, new):
            continue
        if mode == FILL and not is_empty(field, old):
            continue
        changes[field] = [old, new]
    return changes


def restorable(current: Mapping, changes: Mapping[str, list]) -> tuple[dict, list[str]]:
    """For undo: ({field: old value} still safe to restore, [fields changed since])."""
    restore, conflicts = {}, []
    for field, (old, new) in changes.items():
        if _same(current.get(field), new):
            restore[field] = old
        else:
            conflicts.append(field)
    return restore, conflicts


def with_source(sources: str, name: str, limit: int = 300) -> str | None:
    """``sources`` with ``name`` appended ('IHK, HWK'), or None if it is there already or
    does not fit."""
    present = [s.strip() for s in (sources or "").split(",") if s.strip()]
    if name in present:
        return None
    text = ", ".join([*present, name])
    return text if len(text) <= limit else None
