"""What an import does with one configuration item. Plain Python.

Three fingerprints decide: the item in the pack, the item here (None if missing), and the
item as a previous import left it (None if it never came from a pack).

- missing here, never imported          → create
- missing here, but imported before     → conflict (deleted here; not recreated silently)
- here equal to the pack                → unchanged
- here unchanged since the last import  → update (the source changed it)
- otherwise                             → conflict (edited here or made here; kept)
"""

from __future__ import annotations

import hashlib
import json

CREATE = "create"
UPDATE = "update"
UNCHANGED = "unchanged"
CONFLICT = "conflict"
SKIP = "skip"
ACTIONS = (CREATE, UPDATE, UNCHANGED, CONFLICT, SKIP)


def fingerprint(item) -> str:
    """SHA-256 of the item's canonical JSON."""
    raw = json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


# Why an action was chosen (codes; the pages and the command turn them into text).
NEW = "new"
DELETED_HERE = "deleted_here"
EQUAL = "equal"
CHANGED_AT_SOURCE = "changed_at_source"
DIFFERS_HERE = "differs_here"
EDITED_HERE = "edited_here"


def decide(pack_hash: str, local_hash: str | None, imported_hash: str | None) -> tuple[str, str]:
    """(action, reason code)."""
    if local_hash is None:
        if imported_hash is not None:
            return CONFLICT, DELETED_HERE
        return CREATE, NEW
    if local_hash == pack_hash:
        return UNCHANGED, EQUAL
    if imported_hash is not None and imported_hash == local_hash:
        return UPDATE, CHANGED_AT_SOURCE
    if imported_hash is None:
        return CONFLICT, DIFFERS_HERE
    return CONFLICT, EDITED_HERE
