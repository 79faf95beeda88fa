"""Finding the firm an import row describes: in the register or earlier in the same file.
Plain Python, no Django.

Two steps, so that a file of 100 000 rows is matched in seconds:

1. **Keys** (``keys_for``): the linkage normalisers reduce each record to exact keys:
   folded name without legal form (``name_compact``), postal code, street, house number,
   phone (E.164), internet domain, register number and VAT id. Rows are looked up in a
   hash index of the register and of the rows before them.
   *Near-certain* keys decide on their own; they are the deterministic rules of the
   linkage model (``anett.linkage.dedupe.DETERMINISTIC_RULES``): same register number
   and name, same VAT id, same name + postal code + street, same domain and name.
   *Weaker* keys (same name in the same district or town, same address, same phone,
   same domain, same register number under another name) only make a pair a candidate.
   The same name in another district is not looked at: in test data 96 % of such pairs
   were namesakes, and they made up 70 % of the model's work.
2. **Model** (``score_candidates``): the candidate pairs are judged by the record-linkage
   model of ``anett.linkage.dedupe.candidate_pairs`` (Fellegi–Sunter, explained match
   weights per field), in packs of fewer than 2 000 records, with the match probability
   computed from the match weights and the prior of the whole comparison. From
   ``MATCH_THRESHOLD`` (0.9) on a row counts as a duplicate; from
   ``CANDIDATE_THRESHOLD`` (0.2) it is imported as new with a note "possible duplicate"
   for the review of the register.

What is not found here (a typo in the name *and* a new address and no shared number)
is left to the duplicate review of the whole register (``anett dedupe``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from anett.linkage.normalise import (
    company_domain,
    fold,
    name_compact,
    normalise_phone,
    normalise_plz,
    normalise_register,
    normalise_street,
    normalise_vat,
    split_legal_form,
)

MATCH_THRESHOLD = 0.9
CANDIDATE_THRESHOLD = 0.2
# Pairs the model reports at all (by its own, higher prior of a small pack); the final
# probability is computed with the prior of the whole file (see score_candidates).
MODEL_CALL_THRESHOLD = 0.01
# Records per call of the model: below 2 000 it uses its shipped u-probabilities.
PACK_RECORDS = 1900
# A weak key shared by more records than this says nothing (a common name, a switchboard).
MAX_KEY_RECORDS = 20
MIN_NAME_KEY = 4  # shorter folded names are not looked up on their own

# Rule names, shown to the user as the reason of a near-certain match.
RULE_REGISTER_NAME = "register_name"
RULE_VAT = "vat"
RULE_NAME_ADDRESS = "name_address"
RULE_DOMAIN_NAME = "domain_name"
RULE_SOURCE_ID = "source_id"  # same source, same id: the row updates that firm


@dataclass(frozen=True)
class Keys:
    name: str = ""
    plz: str = ""
    kreis: object = None  # district id (from the postal code)
    city: str = ""
    street: str = ""
    house: str = ""
    phone: str = ""
    domain: str = ""
    register: str = ""
    vat: str = ""

    def strong(self) -> list[tuple[str, tuple]]:
        out = []
        if self.register and self.name:
            out.append((RULE_REGISTER_NAME, ("rn", self.register, self.name)))
        if self.vat:
            out.append((RULE_VAT, ("v", self.vat)))
        if self.name and self.plz and self.street:
            out.append((RULE_NAME_ADDRESS, ("nps", self.name, self.plz, self.street)))
        if self.domain and self.name:
            out.append((RULE_DOMAIN_NAME, ("dn", self.domain, self.name)))
        return out

    def weak(self) -> list[tuple]:
        out = []
        if len(self.name) >= MIN_NAME_KEY:
            # the same name elsewhere is mostly a namesake: only within the district or town
            if self.kreis is not None:
                out.append(("nk", self.name, self.kreis))
            if self.city:
                out.append(("nc", self.name, self.city))
        if self.register:
            out.append(("r", self.register))
        if self.street and self.house and (self.plz or self.city):
            out.append(("a", self.plz or self.city, self.street, self.house))
        if self.phone:
            out.append(("p", self.phone))
        if self.domain:
            out.append(("d", self.domain))
        return out


@lru_cache(maxsize=65536)
def _street(text: str) -> tuple[str, str]:
    street = normalise_street(text)
    return street.compact, street.number


@lru_cache(maxsize=8192)
def _city(text: str) -> str:
    return fold(text)


def keys_from_data(data: Mapping, name_key: str | None = None) -> Keys:
    """Keys of a normalised import row (see ``rows.RowNormaliser``)."""
    street, house = _street(data["street"]) if data.get("street") else ("", "")
    return Keys(
        name=name_key if name_key is not None else name_compact(data.get("name") or ""),
        plz=data.get("postcode") or "",
        kreis=data.get("kreis_id"),
        city=_city(data["city"]) if data.get("city") else "",
        street=street,
        house=house,
        phone=data.get("phone_key") or "",
        domain=data.get("domain") or "",
        register=data.get("register_key") or "",
        vat=data.get("vat_id") or "",
    )


def keys_from_company(values: Mapping) -> Keys:
    """Keys of a register entry: a mapping with the Company field names, plus
    ``register_key``, ``vat_id`` and ``email`` from its source records if known."""
    name = values.get("name") or ""
    core = split_legal_form(name).core or name
    street, house = _street(values["street"]) if values.get("street") else ("", "")
    register = values.get("register_key") or ""
    if not register and values.get("register_no"):
        number = normalise_register(values["register_no"])
        register = number.key if number else ""
    return Keys(
        name=name_compact(core),
        plz=normalise_plz(values.get("postcode") or ""),
        kreis=values.get("kreis_id"),
        city=_city(values["city"]) if values.get("city") else "",
        street=street,
        house=house,
        phone=normalise_phone(values.get("phone") or ""),
        domain=company_domain(values.get("website"), values.get("email")),
        register=register,
        vat=normalise_vat(values.get("vat_id") or "") if values.get("vat_id") else "",
    )


class KeyIndex:
    """Exact-key index of records (register ids or earlier rows)."""

    def __init__(self, cap: int = MAX_KEY_RECORDS):
        self.cap = cap
        self.strong: dict[tuple, Hashable] = {}
        self.weak: dict[tuple, list] = {}

    def add(self, ref: Hashable, keys: Keys) -> None:
        for _rule, key in keys.strong():
            self.strong.setdefault(key, ref)
        for key in keys.weak():
            refs = self.weak.get(key)
            if refs is None:
                self.weak[key] = [ref]
            elif len(refs) <= self.cap:
                refs.append(ref)

    def find_strong(self, keys: Keys) -> tuple[Hashable, str] | None:
        for rule, key in keys.strong():
            ref = self.strong.get(key)
            if ref is not None:
                return ref, rule
        return None

    def find_weak(self, keys: Keys, exclude: Hashable = None) -> set:
        found: set = set()
        for key in keys.weak():
            refs = self.weak.get(key)
            if refs and len(refs) <= self.cap:
                found.update(r for r in refs if r != exclude)
        return found

    def __len__(self) -> int:
        return len(self.strong) + len(self.weak)


@dataclass
class Candidates:
    """Rows that only share weak keys with the register or with earlier rows."""

    register: dict[Hashable, set] = field(default_factory=dict)  # row -> company ids
    rows: dict[Hashable, set] = field(default_factory=dict)  # row -> earlier rows

    def __bool__(self) -> bool:
        return bool(self.register or self.rows)


@dataclass(frozen=True)
class ModelMatch:
    other: Hashable  # company id or row reference
    probability: float
    match_weight: float
    evidence: list  # [[comparison, level, label, weight, left, right], ...]

    @property
    def is_duplicate(self) -> bool:
        return self.probability >= MATCH_THRESHOLD


def record_for_model(data: Mapping) -> dict:
    """A normalised row (or register entry) as the record-linkage model reads it."""
    name = data.get("name") or ""
    if data.get("legal_form"):
        name = f"{name} {data['legal_form']}"
    employees = ""
    rng = data.get("employees_site_range") or data.get("employees_enterprise_range")
    if rng:
        employees = f"{rng[0]}-{rng[1]}" if rng[1] is not None else f"ab {rng[0]}"
    elif data.get("employees_site") is not None:
        employees = str(data["employees_site"])
    elif data.get("employees_enterprise") is not None:
        employees = str(data["employees_enterprise"])
    return {
        "name": name,
        "street": data.get("street") or "",
        "plz": data.get("postcode") or "",
        "city": data.get("city") or "",
        "wz": data.get("wz_code") or "",
        "employees": employees,
        "phone": data.get("phone") or "",
        "email": data.get("email") or "",
        "website": data.get("website") or "",
        "register_no": data.get("register_no") or "",
        "vat_id": data.get("vat_id") or "",
    }


def _evidence(pair) -> list:
    return [
        [e.comparison, e.level, e.label, e.match_weight, e.left, e.right] for e in pair.evidence
    ]


def default_prior(n_a: int, n_b: int | None = None) -> float:
    """Probability that two records of the whole comparison space describe the same firm,
    as the linkage model assumes without data to estimate it (``anett.linkage.dedupe``):
    about one record in five has a duplicate. ``n_b`` None: pairs within one list."""
    if n_b is None:
        pairs = n_a * (n_a - 1) / 2
        return min(0.5, max(1e-9, 0.2 * n_a / max(pairs, 1)))
    return min(0.5, max(1e-9, 0.2 * min(n_a, n_b) / max(n_a * n_b, 1)))


def posterior(evidence_weight: float, prior: float) -> float:
    """Match probability from the summed match weights of the comparisons (log2 Bayes
    factors) and the prior: Fellegi–Sunter, as the model computes it."""
    logit = evidence_weight + math.log2(prior / (1 - prior))
    if logit > 60:
        return 1.0
    return 1 / (1 + 2 ** (-logit))


def _packs(items: Mapping[Hashable, set], size: int) -> list[tuple[list, list]]:
    """Groups of candidate rows with their targets, each at most ``size`` records, so
    that every candidate pair is judged in one call of the model."""
    packs: list[tuple[list, list]] = []
    rows: list = []
    targets: set = set()
    for row in sorted(items):
        new = items[row] - targets
        if rows and len(rows) + len(targets) + 1 + len(new) > size:
            packs.append((rows, sorted(targets)))
            rows, targets = [], set()
            new = items[row]
        rows.append(row)
        targets |= new
    if rows:
        packs.append((rows, sorted(targets)))
    return packs


def pairs_for(request: tuple) -> list:
    """The model's candidate pairs for one pack: ("link", rows, companies) or
    ("dedupe", rows, None)."""
    from anett.linkage.dedupe import candidate_pairs

    kind, left, right = request
    if kind == "link":
        return candidate_pairs(left, right, threshold=MODEL_CALL_THRESHOLD)
    return candidate_pairs(left, threshold=MODEL_CALL_THRESHOLD)


def score_candidates(
    candidates: Candidates,
    row_records: Mapping[Hashable, dict],
    register_records: Mapping[Hashable, dict],
    *,
    n_rows: int,
    n_register: int,
    map_fn: Callable = map,
    pack_size: int = PACK_RECORDS,
) -> tuple[dict[Hashable, ModelMatch], dict[Hashable, ModelMatch]]:
    """The best model match of each candidate row: (against the register, against an
    earlier row). ``row_records`` must hold every row named in ``candidates`` (both
    sides); rows are ordered by their reference (earlier rows first). ``map_fn(f, packs)``
    runs the model over the packs (``map``, or on several processes).

    The candidates are judged in packs of fewer than 2 000 records: the model then uses
    its shipped u-probabilities instead of estimating them from random pairs, which
    among pre-selected look-alikes would be biased. For the same reason the match
    probability is computed here from the comparisons' match weights and the prior of
    the whole file and register (``default_prior``), not from the pack's: a pair gets the
    same probability whatever else is in its pack."""
    register_prior = default_prior(max(n_rows, 1), max(n_register, 1))
    rows_prior = default_prior(max(n_rows, 2))
    register_packs = _packs(candidates.register, pack_size)
    row_packs = [
        (sorted(set(rows) | set(targets)), set(rows))
        for rows, targets in _packs(candidates.rows, pack_size)
    ]
    requests = [
        ("link", [row_records[r] for r in rows], [register_records[c] for c in companies])
        for rows, companies in register_packs
    ] + [("dedupe", [row_records[r] for r in members], None) for members, _w in row_packs]
    results = list(map_fn(pairs_for, requests))
    register_best: dict[Hashable, ModelMatch] = {}
    for (rows, companies), pairs in zip(register_packs, results, strict=False):
        for pair in pairs:
            _keep_best(register_best, rows[pair.left], companies[pair.right], pair, register_prior)
    row_best: dict[Hashable, ModelMatch] = {}
    for (members, wanted), pairs in zip(row_packs, results[len(register_packs) :], strict=True):
        for pair in pairs:
            early, late = members[pair.left], members[pair.right]
            if late in wanted:
                _keep_best(row_best, late, early, pair, rows_prior)
    return register_best, row_best


def _keep_best(best: dict, row: Hashable, other: Hashable, pair, prior: float) -> None:
    weight = round(sum(e.match_weight for e in pair.evidence), 2)
    probability = posterior(weight, prior)
    if probability < CANDIDATE_THRESHOLD:
        return
    found = best.get(row)
    if found is None or probability > found.probability:
        best[row] = ModelMatch(other, probability, weight, _evidence(pair))
