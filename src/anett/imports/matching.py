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
2. **Model** (``score_candidates``): exactly the candidate pairs are judged by the
   record-linkage model of ``anett.linkage.dedupe`` (Fellegi–Sunter, explained match
   weights per field), evaluated by ``scoring.judge`` in one DuckDB query, in packs of
   fewer than 2 000 records (name-word rarities among the pack, shipped parameters), with
   the match probability computed from the match weights and the prior of the whole
   comparison. From ``MATCH_THRESHOLD`` (0.9) on a row counts as a duplicate; from
   ``CANDIDATE_THRESHOLD`` (0.2) it is imported as new with a note "possible duplicate"
   for the review of the register.

What is not found here (a typo in the name *and* a new address and no shared number)
is left to the duplicate review of the whole register (``anett dedupe``).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
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


# Keys are plain strings (kind, values joined by SEP), computed once per record on the
# worker that normalises it: cheap to send between processes and to look up.
SEP = "\x1f"
_RULE_OF = {
    "rn": RULE_REGISTER_NAME,
    "v": RULE_VAT,
    "nps": RULE_NAME_ADDRESS,
    "dn": RULE_DOMAIN_NAME,
}
KeyStrings = tuple[tuple[str, ...], tuple[str, ...]]  # (near-certain keys, weak keys)


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

    def strong(self) -> tuple[str, ...]:
        """Near-certain keys, in the order of the rules (``rule_of`` names the rule)."""
        out = []
        if self.register and self.name:
            out.append(f"rn{SEP}{self.register}{SEP}{self.name}")
        if self.vat:
            out.append(f"v{SEP}{self.vat}")
        if self.name and self.plz and self.street:
            out.append(f"nps{SEP}{self.name}{SEP}{self.plz}{SEP}{self.street}")
        if self.domain and self.name:
            out.append(f"dn{SEP}{self.domain}{SEP}{self.name}")
        return tuple(out)

    def weak(self) -> tuple[str, ...]:
        out = []
        if len(self.name) >= MIN_NAME_KEY:
            # the same name elsewhere is mostly a namesake: only within the district or town
            if self.kreis is not None:
                out.append(f"nk{SEP}{self.name}{SEP}{self.kreis}")
            if self.city:
                out.append(f"nc{SEP}{self.name}{SEP}{self.city}")
        if self.register:
            out.append(f"r{SEP}{self.register}")
        if self.street and self.house and (self.plz or self.city):
            out.append(f"a{SEP}{self.plz or self.city}{SEP}{self.street}{SEP}{self.house}")
        if self.phone:
            out.append(f"p{SEP}{self.phone}")
        if self.domain:
            out.append(f"d{SEP}{self.domain}")
        return tuple(out)

    def strings(self) -> KeyStrings:
        return self.strong(), self.weak()


def rule_of(key: str) -> str:
    """The rule of a near-certain key (shown as the reason of the match)."""
    return _RULE_OF[key.partition(SEP)[0]]


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
    """Exact-key index of records (register ids or earlier rows), by ``Keys.strings()``."""

    def __init__(self, cap: int = MAX_KEY_RECORDS):
        self.cap = cap
        self.strong: dict[str, Hashable] = {}
        self.weak: dict[str, list] = {}

    def add(self, ref: Hashable, keys: KeyStrings) -> None:
        strong_index = self.strong
        for key in keys[0]:
            if key not in strong_index:
                strong_index[key] = ref
        weak_index, cap = self.weak, self.cap
        for key in keys[1]:
            refs = weak_index.get(key)
            if refs is None:
                weak_index[key] = [ref]
            elif len(refs) <= cap:
                refs.append(ref)

    def match_and_add(
        self, ref: Hashable, keys: KeyStrings, look: bool = True
    ) -> tuple[tuple[Hashable, str] | None, set]:
        """``find_strong`` and, if nothing near-certain is found, ``find_weak`` (when
        ``look``), then ``add``: in one pass over the keys, for the rows of a file."""
        strong_keys, weak_keys = keys
        strong_index = self.strong
        hit = None
        if look and strong_index:
            for key in strong_keys:
                ref_found = strong_index.get(key)
                if ref_found is not None:
                    hit = ref_found, rule_of(key)
                    break
        for key in strong_keys:
            strong_index.setdefault(key, ref)
        found: set = set()
        look_weak = look and hit is None
        weak_index, cap = self.weak, self.cap
        for key in weak_keys:
            refs = weak_index.get(key)
            if refs is None:
                weak_index[key] = [ref]
            elif len(refs) <= cap:
                if look_weak:
                    found.update(refs)
                refs.append(ref)
        return hit, found

    def find_strong(self, keys: KeyStrings) -> tuple[Hashable, str] | None:
        strong_index = self.strong
        if not strong_index:
            return None
        for key in keys[0]:
            ref = strong_index.get(key)
            if ref is not None:
                return ref, rule_of(key)
        return None

    def find_weak(self, keys: KeyStrings, exclude: Hashable = None) -> set:
        found: set = set()
        weak_index = self.weak
        if not weak_index:
            return found
        cap = self.cap
        for key in keys[1]:
            refs = weak_index.get(key)
            if refs and len(refs) <= cap:
                found.update(refs)
        if exclude is not None:
            found.discard(exclude)
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


def score_candidates(
    candidates: Candidates,
    row_records: Mapping[Hashable, dict],
    register_records: Mapping[Hashable, dict],
    *,
    n_rows: int,
    n_register: int,
    pack_size: int = PACK_RECORDS,
    prepare_many=None,
) -> tuple[dict[Hashable, ModelMatch], dict[Hashable, ModelMatch]]:
    """The best model match of each candidate row: (against the register, against an
    earlier row). ``row_records`` must hold every row named in ``candidates`` (both
    sides); rows are ordered by their reference (earlier rows first).

    Exactly the candidate pairs are judged (``scoring.judge``: the model's comparison
    levels and shipped parameters, in one query), in packs of fewer than 2 000 records
    whose name-word rarities are computed among the pack, as the model does for such
    inputs. The match probability is computed here from the comparisons' match weights
    and the prior of the whole file and register (``default_prior``).
    ``prepare_many`` computes the model's features of many records (see
    ``parallel.prepared``; default: here)."""
    from .scoring import Pack, judge

    register_prior = default_prior(max(n_rows, 1), max(n_register, 1))
    rows_prior = default_prior(max(n_rows, 2))
    packs: list[Pack] = []
    for rows, companies in _packs(candidates.register, pack_size):
        at = {c: len(rows) + i for i, c in enumerate(companies)}
        pairs = [(i, at[c]) for i, r in enumerate(rows) for c in sorted(candidates.register[r])]
        records = [row_records[r] for r in rows] + [register_records[c] for c in companies]
        packs.append(
            Pack(records, pairs, [("row", r) for r in rows] + [("reg", c) for c in companies])
        )
    for rows, targets in _packs(candidates.rows, pack_size):
        members = sorted(set(rows) | set(targets))
        at = {m: i for i, m in enumerate(members)}
        pairs = [(at[e], at[r]) for r in rows for e in sorted(candidates.rows[r])]
        packs.append(Pack([row_records[m] for m in members], pairs, [("row", m) for m in members]))
    register_best: dict[Hashable, tuple] = {}
    row_best: dict[Hashable, tuple] = {}
    for pair in judge(packs, prepare_many) if prepare_many else judge(packs):
        (_kind, left), (kind, right) = pair.left, pair.right
        if kind == "reg":
            _keep_best(register_best, left, right, pair, register_prior)
        else:  # left: the earlier row, right: the later one
            _keep_best(row_best, right, left, pair, rows_prior)
    return _matches(register_best), _matches(row_best)


def _keep_best(best: dict, row: Hashable, other: Hashable, pair, prior: float) -> None:
    """Keep the most probable pair of ``row`` (the evidence is read at the end only)."""
    weight = pair.weight
    probability = posterior(weight, prior)
    if probability < CANDIDATE_THRESHOLD:
        return
    found = best.get(row)
    if found is None or probability > found[0]:
        best[row] = (probability, weight, other, pair)


def _matches(best: dict) -> dict[Hashable, ModelMatch]:
    return {
        row: ModelMatch(other, probability, weight, _evidence(pair))
        for row, (probability, weight, other, pair) in best.items()
    }
