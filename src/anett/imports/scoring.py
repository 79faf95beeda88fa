"""The record-linkage model on given candidate pairs, in one DuckDB query. Plain Python.

``anett.linkage.dedupe.candidate_pairs`` runs the model through splink: it sets up a
linker, generates pairs by its blocking rules and scores them, about 0.7 s per call
whatever the size of the input. The import already knows which pairs to judge (rows
that share a weak key with a register entry or an earlier row, ``matching.py``), so
it needs neither the blocking nor the linker: this module evaluates the same comparison
levels (``dedupe.LEVELS``, the SQL conditions splink runs) on exactly those pairs, as
one query for all of them, with the shipped m- and u-probabilities – what splink
does for inputs below ``MIN_RECORDS_FOR_ESTIMATES`` records, which every pack of the
import is. The features are the model's own (``normalise.prepare`` per record,
computed once per record however many packs it is in, possibly on several processes),
and the name-word rarities are computed among each pack as ``dedupe.features`` does.

A test (``tests/imports/test_scoring.py``) checks that every pair gets the same levels
and weights as ``candidate_pairs``: if the model's levels change, the import follows
(the conditions are read from ``LEVELS``, not copied).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

from anett.linkage.dedupe import EVIDENCE_COLUMNS, LEVELS
from anett.linkage.normalise import prepare

# Feature columns that are numbers (all others are text, or lists for the name words).
_INT_COLUMNS = frozenset(
    {"unique_id", "house_low", "house_high", "employees_low", "employees_high"}
)
_FLOAT_COLUMNS = frozenset({"name_rarity"})
_SKIP = frozenset({"unique_id"})


@dataclass(frozen=True)
class Evidence:
    """What one comparison found for a pair (as ``dedupe.FieldEvidence``)."""

    comparison: str
    level: str
    label: str
    match_weight: float
    left: str
    right: str


class Pair:
    """A judged pair: ``left`` and ``right`` as given, the sum of the comparisons' match
    weights, and the evidence of each comparison (built when asked for: most pairs are
    only compared by their weight)."""

    __slots__ = ("left", "right", "weight", "_gammas", "_shown", "_levels")

    def __init__(self, left, right, gammas, shown, levels):
        self.left, self.right = left, right
        self._gammas, self._shown, self._levels = gammas, shown, levels
        self.weight = round(
            sum(round(levels[c][g][3], 2) for c, g in zip(levels, gammas, strict=True)), 2
        )

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        out = []
        pos = 0
        shown = self._shown
        for comparison, gamma in zip(self._levels, self._gammas, strict=True):
            key, label, _sql, weight = self._levels[comparison][gamma]
            cols = EVIDENCE_COLUMNS.get(comparison, ())
            left = shown[pos : pos + len(cols)]
            right = shown[pos + len(cols) : pos + 2 * len(cols)]
            pos += 2 * len(cols)
            out.append(
                Evidence(
                    comparison, key, label, round(weight, 2), _show(left, cols), _show(right, cols)
                )
            )
        return tuple(out)


@dataclass
class Pack:
    """Records judged together (their name-word rarities are computed among them) and
    the pairs to judge: indexes into ``records``."""

    records: list[dict]
    pairs: list[tuple[int, int]]
    refs: list[Hashable]  # what each record stands for (row number, company id)


def _levels() -> dict[str, list[tuple[str, str, str, float]]]:
    """comparison -> [(level key, label, SQL condition, weight)]; weight 0 for the null
    level (no evidence), else log2(m/u)."""
    out = {}
    for comparison, levels in LEVELS.items():
        out[comparison] = [
            (key, label, sql, 0.0 if m is None else math.log2(m / u))
            for key, label, sql, m, u in levels
        ]
    return out


def _arrow_type(column: str, values: list):
    import pyarrow as pa

    if column in _INT_COLUMNS:
        return pa.int64()
    if column in _FLOAT_COLUMNS:
        return pa.float64()
    sample = next((v for v in values if v is not None), None)
    if column == "name_info" or (
        isinstance(sample, list) and sample and isinstance(sample[0], dict)
    ):
        return pa.list_(pa.struct([("t", pa.string()), ("w", pa.float64())]))
    if isinstance(sample, list):
        return pa.list_(pa.string())
    if isinstance(sample, bool):
        return pa.bool_()
    if isinstance(sample, int):
        return pa.int64()
    if isinstance(sample, float):
        return pa.float64()
    return pa.string()


def _show(values: list, cols: tuple[str, ...]) -> str:
    """A comparison's values as the model shows them (``dedupe._show``)."""
    if cols == ("employees_low", "employees_high"):
        low, high = values
        if low is None:
            return ""
        return str(low) if low == high else f"{low}–{high if high is not None else ''}"
    return " ".join(str(v) for v in values if v not in (None, ""))


def _with_rarity(prepared: list[dict]) -> list[dict]:
    """The features of the records of one pack: their prepared features plus the name
    words with their rarity among the pack (as ``dedupe.features``)."""
    rows = [dict(p) for p in prepared]
    n = max(len(rows), 1)
    doc_freq: Counter[str] = Counter()
    for row in rows:
        doc_freq.update(set(row["name_tokens"] or ()))
    rarity = {t: -math.log10(c / n) for t, c in doc_freq.items()}
    for row in rows:
        tokens = list(dict.fromkeys(row.pop("name_tokens") or ()))
        row["name_tokens"] = tokens or None
        row["name_info"] = [{"t": t, "w": rarity[t]} for t in tokens] or None
        row["name_rarity"] = sum(rarity[t] for t in tokens) if tokens else None
    return rows


def prepare_all(records: Iterable[dict]) -> list[dict]:
    return [prepare(r) for r in records]


def judge(
    packs: Sequence[Pack], prepare_many: Callable[[list[dict]], Iterable[dict]] = prepare_all
) -> list[Pair]:
    """Every pair of every pack, judged by the model's comparison levels.
    ``prepare_many(records)`` gives the prepared features of records, in order."""
    import duckdb
    import pyarrow as pa

    packs = [p for p in packs if p.pairs]
    position: dict[int, int] = {}  # id(record) -> index in distinct
    distinct: list[dict] = []
    for pack in packs:
        for record in pack.records:
            if id(record) not in position:
                position[id(record)] = len(distinct)
                distinct.append(record)
    prepared = list(prepare_many(distinct))
    feature_rows: list[dict] = []
    pair_left: list[int] = []
    pair_right: list[int] = []
    refs: list[tuple[Hashable, Hashable]] = []
    offset = 0
    for pack in packs:
        rows = _with_rarity([prepared[position[id(r)]] for r in pack.records])
        for i, row in enumerate(rows):
            row["_key"] = offset + i
        feature_rows.extend(rows)
        for i, j in pack.pairs:
            pair_left.append(offset + i)
            pair_right.append(offset + j)
            refs.append((pack.refs[i], pack.refs[j]))
        offset += len(rows)
    if not refs:
        return []
    columns = [c for c in feature_rows[0] if c not in _SKIP and c != "_key"]
    arrays = {"_key": pa.array([r["_key"] for r in feature_rows], type=pa.int64())}
    for column in columns:
        values = [r.get(column) for r in feature_rows]
        arrays[column] = pa.array(values, type=_arrow_type(column, values))
    feats = pa.table(arrays)  # noqa: F841 - read by name in the query
    pairs = pa.table(  # noqa: F841 - read by name in the query
        {
            "pair_no": pa.array(range(len(refs)), type=pa.int64()),
            "l": pa.array(pair_left, type=pa.int64()),
            "r": pa.array(pair_right, type=pa.int64()),
        }
    )
    levels = _levels()
    sides = ", ".join(f'l."{c}" AS "{c}_l", r."{c}" AS "{c}_r"' for c in columns)
    cases = []
    for comparison, options in levels.items():
        whens = " ".join(f"WHEN ({sql}) THEN {n}" for n, (_k, _l, sql, _w) in enumerate(options))
        cases.append(f'CASE {whens} ELSE {len(options) - 1} END AS "g_{comparison}"')
    shown = []
    for comparison, cols in EVIDENCE_COLUMNS.items():
        if comparison not in levels:
            continue
        for side in ("l", "r"):
            shown.extend(f'"{c}_{side}"' for c in cols)
    sql = (
        f"WITH j AS (SELECT p.pair_no, {sides} FROM pairs p "
        "JOIN feats l ON l._key = p.l JOIN feats r ON r._key = p.r) "
        f"SELECT pair_no, {', '.join(cases)}, {', '.join(shown)} FROM j ORDER BY pair_no"
    )
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET threads = 2")
        result = con.execute(sql).fetchall()
    finally:
        con.close()
    out: list[Pair] = []
    width = len(levels)
    for values in result:
        left_ref, right_ref = refs[values[0]]
        out.append(Pair(left_ref, right_ref, values[1 : 1 + width], values[1 + width :], levels))
    return out
