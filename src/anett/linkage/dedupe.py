"""Record linkage of company records: blocking, comparison and a Fellegi–Sunter model.

Plain Python, no Django. The model runs in splink on an embedded, in-memory DuckDB.
Our part is what splink leaves to the user: German normalisation (``normalise.py``),
the blocking keys, the comparison levels and the model parameters.

How a pair of records is judged
-------------------------------
Nine comparisons each put a pair into one level (``LEVELS``): name, address, phone,
domain, register number, VAT id, WZ code, legal form and headcount. Every level has
an m-probability (how often records of the same firm fall into it) and a u-probability
(how often records of different firms do); log2(m/u) is the level's match weight, and
the weights of the nine comparisons plus the prior add up to the pair's match weight.
A missing value (one side empty) is weight 0: no evidence either way.

The m-probabilities are fixed (below): they describe how sources differ when they
describe the same firm and do not depend on the size of the file. They were set from
labelled synthetic data (``generator.py``, see ``bench/dedupe_bench.py --fit``) and
rounded. The u-probabilities depend on the data (how common a postcode or a WZ code is)
and are estimated on every run from random record pairs when there are enough records;
small inputs use the shipped defaults. The prior (the probability that two random
records match) is estimated from near-certain matches found by deterministic rules.

Company names are not one bag of words: as in splink's Companies House example, each
name token carries its rarity (-log10 of the share of records that contain it), and the
name levels ask how much rarity two names share ("Wartburg" says a lot, "Metallbau"
little). Identical names are split into rare and common ones the same way.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .normalise import prepare

# Auto-merge threshold: coordinators may set another one; pairs below it go to review.
DEFAULT_MATCH_THRESHOLD = 0.9
# Pairs below this probability are not reported as candidates at all.
DEFAULT_CANDIDATE_THRESHOLD = 0.2
# From this many records on, u-probabilities and the prior are estimated on the data.
MIN_RECORDS_FOR_ESTIMATES = 2000
# Random record pairs sampled to estimate u; a level seen fewer times keeps its default.
U_SAMPLE_PAIRS = 2e5
U_MIN_OBSERVATIONS = 20
# A rare-token block larger than this is split by district, to bound the pair count.
MAX_BLOCK_SIZE = 50

# SQL of "how much rarity do the two names share": the sum of -log10(share of records
# with the token) over the tokens both names contain. A token's rarity is the same in
# every record, so the (token, rarity) structs of both names can be intersected.
_SHARED_RARITY = (
    "coalesce(list_sum(list_transform(list_intersect(name_info_l, name_info_r), lambda x: x.w)), 0)"
)
_HOUSE_OVERLAP = "(house_low_l <= house_high_r and house_low_r <= house_high_l)"
_SAME_TOWN = (
    "(plz_l = plz_r or city_l = city_r "
    "or (plz_l is null and city_l is null) or (plz_r is null and city_r is null))"
)
_EMP_HIGH = "coalesce(employees_high_{s}, 1000000)"

# comparison -> [(level key, label, SQL condition, m, default u)]; the first level whose
# condition holds wins. A level with m None is the null level (no evidence).
LEVELS: dict[str, list[tuple[str, str, str, float | None, float | None]]] = {
    "name": [
        ("missing", "name missing", "name_compact_l is null or name_compact_r is null", None, None),
        (
            "exact_rare",
            "same name, rare",
            "(name_compact_l = name_compact_r or name_sorted_l = name_sorted_r) "
            "and name_rarity_l >= 4.5",
            0.25,
            3e-06,
        ),
        (
            "exact",
            "same name",
            "name_compact_l = name_compact_r or name_sorted_l = name_sorted_r",
            0.28,
            3e-05,
        ),
        (
            "typo",
            "name with a typo",
            # the length check first: it is cheap and spares most pairs the edit distance
            "abs(length(name_compact_l) - length(name_compact_r)) <= 2 and ("
            "(length(name_compact_l) >= 4 "
            "and damerau_levenshtein(name_compact_l, name_compact_r) <= 1) "
            "or (length(name_compact_l) >= 10 "
            "and damerau_levenshtein(name_compact_l, name_compact_r) <= 2))",
            0.33,
            4e-05,
        ),
        (
            "contained",
            "one name contains the other",
            "list_has_all(name_info_l, name_info_r) or list_has_all(name_info_r, name_info_l)",
            0.04,
            5e-05,
        ),
        ("rare_words", "rare words shared", f"{_SHARED_RARITY} >= 4", 0.02, 2e-05),
        (
            "similar",
            "similar name",
            "jaro_winkler_similarity(name_compact_l, name_compact_r) >= 0.9",
            0.03,
            0.0005,
        ),
        ("some_words", "some words shared", f"{_SHARED_RARITY} >= 2", 0.02, 0.0035),
        ("different", "different name", "true", 0.03, 0.996),
    ],
    "address": [
        (
            "missing",
            "address missing",
            "(street_l is null or street_r is null) and (plz_l is null or plz_r is null) "
            "and (city_l is null or city_r is null)",
            None,
            None,
        ),
        (
            "same",
            "same address",
            f"street_l = street_r and {_HOUSE_OVERLAP} and {_SAME_TOWN}",
            0.7,
            3e-05,
        ),
        (
            "same_street",
            "same street, number missing",
            "street_l = street_r and (house_low_l is null or house_low_r is null) "
            f"and {_SAME_TOWN}",
            0.04,
            0.0003,
        ),
        (
            "similar_street",
            "similar street, same number",
            f"jaro_winkler_similarity(street_l, street_r) >= 0.9 and {_HOUSE_OVERLAP} "
            f"and {_SAME_TOWN}",
            0.08,
            1e-05,
        ),
        (
            "other_number",
            "same street, other number",
            f"street_l = street_r and {_SAME_TOWN}",
            0.01,
            0.0001,
        ),
        ("same_town", "same postcode or town", "plz_l = plz_r or city_l = city_r", 0.12, 0.031),
        ("same_district", "same district", "kreis_l = kreis_r", 0.02, 0.026),
        ("different", "other region", "true", 0.03, 0.943),
    ],
    "phone": [
        ("missing", "phone missing", "phone_l is null or phone_r is null", None, None),
        ("same", "same phone", "phone_l = phone_r", 0.93, 4e-05),
        ("different", "other phone", "true", 0.07, 0.99996),
    ],
    "domain": [
        ("missing", "domain missing", "domain_l is null or domain_r is null", None, None),
        ("same", "same internet domain", "domain_l = domain_r", 0.95, 4e-05),
        ("different", "other internet domain", "true", 0.05, 0.99996),
    ],
    "register": [
        ("missing", "register no. missing", "register_l is null or register_r is null", None, None),
        (
            "same",
            "same register no.",
            "register_l = register_r and (register_court_l = register_court_r "
            "or register_court_l is null or register_court_r is null)",
            0.97,
            6e-05,
        ),
        (
            "other_court",
            "same register no., other court",
            "register_l = register_r",
            0.01,
            2e-05,
        ),
        ("different", "other register no.", "true", 0.02, 0.99992),
    ],
    "vat": [
        ("missing", "VAT id missing", "vat_l is null or vat_r is null", None, None),
        ("same", "same VAT id", "vat_l = vat_r", 0.98, 0.0002),
        ("different", "other VAT id", "true", 0.02, 0.9998),
    ],
    "wz": [
        ("missing", "WZ code missing", "wz_l is null or wz_r is null", None, None),
        (
            "same",
            "same WZ code",
            "wz_l = wz_r or starts_with(wz_l, wz_r) or starts_with(wz_r, wz_l)",
            0.9,
            0.05,
        ),
        ("same_division", "same WZ division", "wz2_l = wz2_r", 0.07, 0.14),
        ("different", "other WZ code", "true", 0.03, 0.81),
    ],
    "legal_form": [
        (
            "missing",
            "legal form missing",
            "legal_form_l is null or legal_form_r is null",
            None,
            None,
        ),
        ("same", "same legal form", "legal_form_l = legal_form_r", 0.88, 0.58),
        ("same_family", "related legal form", "legal_family_l = legal_family_r", 0.08, 0.06),
        ("different", "other legal form", "true", 0.04, 0.36),
    ],
    "employees": [
        (
            "missing",
            "headcount missing",
            "employees_low_l is null or employees_low_r is null",
            None,
            None,
        ),
        (
            "overlap",
            "headcount fits",
            f"employees_low_l <= {_EMP_HIGH.format(s='r')} "
            f"and employees_low_r <= {_EMP_HIGH.format(s='l')}",
            0.7,
            0.39,
        ),
        (
            "close",
            "headcount within factor 2",
            f"greatest(employees_low_l, employees_low_r) <= 2 * least("
            f"{_EMP_HIGH.format(s='l')}, {_EMP_HIGH.format(s='r')})",
            0.25,
            0.36,
        ),
        ("different", "headcount differs", "true", 0.05, 0.25),
    ],
}

# Which feature columns a comparison shows as its evidence.
EVIDENCE_COLUMNS = {
    "name": ("name_compact",),
    "address": ("street", "house_no", "plz", "city"),
    "phone": ("phone",),
    "domain": ("domain",),
    "register": ("register_court", "register"),
    "vat": ("vat",),
    "wz": ("wz",),
    "legal_form": ("legal_form",),
    "employees": ("employees_low", "employees_high"),
}

BLOCKING_RULES = [
    # the two rarest name words, in either position (a typo makes a word the rarest)
    "l.block_token_1 = r.block_token_1",
    "l.block_token_2 = r.block_token_2",
    "l.block_token_1 = r.block_token_2",
    "l.block_token_2 = r.block_token_1",
    "l.name_compact = r.name_compact",
    "l.name_prefix = r.name_prefix and l.plz = r.plz",
    "l.name_prefix = r.name_prefix and l.city = r.city",
    "l.plz = r.plz and l.street = r.street",
    "l.city = r.city and l.street = r.street",
    "l.street = r.street and l.house_no = r.house_no",
    "l.phone = r.phone",
    "l.domain = r.domain",
    "l.register = r.register",
    "l.vat = r.vat",
]
# Near-certain matches, to estimate how many pairs match at all (the prior).
DETERMINISTIC_RULES = [
    "l.register = r.register and l.name_compact = r.name_compact",
    "l.vat = r.vat",
    "l.name_compact = r.name_compact and l.plz = r.plz and l.street = r.street",
    "l.domain = r.domain and l.name_compact = r.name_compact",
]
DETERMINISTIC_RECALL = 0.6
# The estimated prior stays within this factor of the default (one record in five has a
# duplicate).
PRIOR_RANGE = 20

_FEATURE_COLUMNS = (
    "name_compact",
    "name_sorted",
    "legal_form",
    "legal_family",
    "street",
    "house_no",
    "house_low",
    "house_high",
    "plz",
    "kreis",
    "city",
    "phone",
    "domain",
    "register",
    "register_court",
    "vat",
    "wz",
    "wz2",
    "employees_low",
    "employees_high",
)


@dataclass(frozen=True)
class FieldEvidence:
    """What one comparison found for a pair: its level and the weight it adds."""

    comparison: str  # name, address, phone, ...
    level: str  # key of the level in LEVELS: same, typo, different, missing, ...
    label: str  # English description of the level
    match_weight: float  # log2 Bayes factor of the level (0 for missing)
    left: str  # the normalised values compared, for display
    right: str

    @property
    def agrees(self) -> bool:
        return self.match_weight > 0


@dataclass(frozen=True)
class CandidatePair:
    """A scored pair: ``left`` indexes records_a, ``right`` records_b (or records_a
    when deduplicating one list; then left < right)."""

    left: int
    right: int
    match_weight: float
    match_probability: float
    evidence: tuple[FieldEvidence, ...]

    @property
    def agreeing(self) -> list[str]:
        return [e.comparison for e in self.evidence if e.agrees]

    @property
    def disagreeing(self) -> list[str]:
        return [e.comparison for e in self.evidence if e.match_weight < 0]


# --------------------------------------------------------------------------- features


def features(records: Iterable[Mapping]) -> list[dict]:
    """Normalised features of raw records, with name-token rarities across all of them.

    Adds ``name_tokens``, ``name_info`` (token and rarity), ``name_rarity`` (the sum)
    and the two blocking tokens: the two rarest words of the name, and for a word that
    is too common to block on alone (more than MAX_BLOCK_SIZE records), that word with
    the district or postcode area.
    """
    rows = [prepare(dict(r)) for r in records]
    n = max(len(rows), 1)
    doc_freq: Counter[str] = Counter()
    for row in rows:
        doc_freq.update(set(row["name_tokens"] or ()))
    rarity = {t: -math.log10(c / n) for t, c in doc_freq.items()}
    for i, row in enumerate(rows):
        row["unique_id"] = i
        tokens = list(dict.fromkeys(row.pop("name_tokens") or ()))
        row["name_tokens"] = tokens or None
        row["name_info"] = [{"t": t, "w": rarity[t]} for t in tokens] or None
        row["name_rarity"] = sum(rarity[t] for t in tokens) if tokens else None
        district = row["kreis"] or (row["plz"] or "")[:2] or row["city"] or ""
        town = row["plz"] or row["city"] or district
        ranked = sorted(tokens, key=lambda t: (doc_freq[t], t))[:2]
        keys = [_block_key(t, doc_freq[t], district, town) for t in ranked]
        row["block_token_1"] = keys[0] if keys else None
        row["block_token_2"] = keys[1] if len(keys) > 1 else None
        row["name_prefix"] = (row["name_compact"] or "")[:4] or None
    return rows


def _block_key(token: str, freq: int, district: str, town: str) -> str:
    """A rare word blocks alone; a common one only within the district, a very common
    one ('metallbau') only within the postcode, so that no block gets huge."""
    if freq <= MAX_BLOCK_SIZE:
        return token
    if freq <= 20 * MAX_BLOCK_SIZE:
        return f"{token}|{district}"
    return f"{token}|{town}"


# --------------------------------------------------------------------------- model


def _settings(link_type: str, prior: float) -> dict:
    comparisons = []
    for name, levels in LEVELS.items():
        out = []
        for key, label, sql, m, u in levels:
            level = {"sql_condition": sql, "label_for_charts": f"{key}: {label}"}
            if m is None:
                level["is_null_level"] = True
            else:
                level["m_probability"] = m
                level["u_probability"] = u
            out.append(level)
        comparisons.append({"output_column_name": name, "comparison_levels": out})
    return {
        "link_type": link_type,
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": prior,
        "comparisons": comparisons,
        "blocking_rules_to_generate_predictions": BLOCKING_RULES,
        "retain_matching_columns": True,
        "retain_intermediate_calculation_columns": True,
    }


def _default_prior(n_a: int, n_b: int | None) -> float:
    """Prior without estimation: about one record in five has a duplicate."""
    if n_b is None:
        pairs = n_a * (n_a - 1) / 2
        return min(0.5, max(1e-9, 0.2 * n_a / max(pairs, 1)))
    return min(0.5, max(1e-9, 0.2 * min(n_a, n_b) / max(n_a * n_b, 1)))


class _Run:
    """One splink linker over one or two lists of records."""

    def __init__(
        self,
        records_a: Sequence[Mapping],
        records_b: Sequence[Mapping] | None,
        labels: Sequence | None = None,
        *,
        prior: float | None = None,
        estimate: bool | None = None,
    ):
        import duckdb
        from splink import DuckDBAPI, Linker

        logging.getLogger("splink").setLevel(logging.ERROR)
        self.n_a = len(records_a)
        rows = features([*records_a, *(records_b or [])])
        if labels is not None:
            for row, value in zip(rows, labels, strict=True):
                row["true_id"] = str(value)
        con = duckdb.connect(":memory:")
        con.execute("SET memory_limit = '1GB'")
        con.execute("SET preserve_insertion_order = false")
        con.execute("SET enable_progress_bar = false")
        self.db = DuckDBAPI(con)
        link = records_b is not None
        default = _default_prior(len(records_a), len(records_b) if link else None)
        self.fixed_prior = prior is not None
        if prior is not None:
            if not 0 < prior < 1:
                raise ValueError("prior must lie between 0 and 1")
        else:
            prior = default
        if link:
            for row in rows[self.n_a :]:
                row["unique_id"] -= self.n_a
            tables = [
                self.db.register(_columns(rows[: self.n_a]), dataset_display_name="records_a"),
                self.db.register(_columns(rows[self.n_a :]), dataset_display_name="records_b"),
            ]
            self.linker = Linker(tables, _settings("link_only", prior), log_level=None)
        else:
            table = self.db.register(_columns(rows), dataset_display_name="records_a")
            self.linker = Linker(table, _settings("dedupe_only", prior), log_level=None)
        if estimate is None:
            estimate = len(rows) >= MIN_RECORDS_FOR_ESTIMATES
        if estimate and len(rows) >= 2:
            self._estimate(prior)

    def _estimate(self, default_prior: float) -> None:
        training = self.linker.training
        settings = self.linker._settings_obj
        training.estimate_u_using_random_sampling(max_pairs=U_SAMPLE_PAIRS, seed=1)
        if self.fixed_prior:
            self._keep_shipped_u_where_rare(settings)
            return
        try:
            training.estimate_probability_two_random_records_match(
                DETERMINISTIC_RULES, recall=DETERMINISTIC_RECALL
            )
        except ValueError:  # more deterministic matches than the recall allows
            pass
        # A file without a single near-certain match would get a prior of 0 and then
        # never match anything: keep the estimate within a factor of 20 of the default.
        estimated = settings._probability_two_random_records_match
        settings._probability_two_random_records_match = min(
            max(estimated, default_prior / PRIOR_RANGE), default_prior * PRIOR_RANGE, 0.5
        )
        self._keep_shipped_u_where_rare(settings)

    @staticmethod
    def _keep_shipped_u_where_rare(settings) -> None:
        # A level seen only a few times among the sampled pairs (same phone, same name)
        # has a u too noisy to use: keep the shipped value for it.
        defaults = {(c, lv[0]): lv[4] for c, levels in LEVELS.items() for lv in levels}
        for comparison in settings.comparisons:
            for level in comparison._comparison_levels_excluding_null:
                u = level.u_probability
                if u is None or u * U_SAMPLE_PAIRS < U_MIN_OBSERVATIONS:
                    key = level.label_for_charts.partition(": ")[0]
                    level.u_probability = defaults[(comparison.output_column_name, key)]

    def predict(self, threshold: float):
        return self.linker.inference.predict(
            threshold_match_probability=threshold, warning_mode="never"
        )

    def level_table(self) -> dict[str, dict[int, tuple[str, str, float]]]:
        """comparison -> gamma value -> (level key, label, weight)."""
        table: dict[str, dict[int, tuple[str, str, float]]] = {}
        for comparison in self.linker._settings_obj.comparisons:
            levels = {}
            for level in comparison.comparison_levels:
                key, _, label = level.label_for_charts.partition(": ")
                weight = 0.0 if level.is_null_level else level._log2_bayes_factor
                levels[level.comparison_vector_value] = (key, label, weight)
            table[comparison.output_column_name] = levels
        return table


_INT_COLUMNS = ("unique_id", "house_low", "house_high", "employees_low", "employees_high")
_STRING_COLUMNS = tuple(c for c in _FEATURE_COLUMNS if c not in _INT_COLUMNS) + (
    "block_token_1",
    "block_token_2",
    "name_prefix",
)


def _columns(rows: list[dict]):
    """The rows as a typed pyarrow table for DuckDB."""
    import pyarrow as pa

    arrays = {c: pa.array([r[c] for r in rows], type=pa.int64()) for c in _INT_COLUMNS}
    arrays |= {c: pa.array([r[c] for r in rows], type=pa.string()) for c in _STRING_COLUMNS}
    arrays["name_info"] = pa.array(
        [r["name_info"] for r in rows],
        type=pa.list_(pa.struct([("t", pa.string()), ("w", pa.float64())])),
    )
    arrays["name_rarity"] = pa.array([r["name_rarity"] for r in rows], type=pa.float64())
    if rows and "true_id" in rows[0]:
        arrays["true_id"] = pa.array([r["true_id"] for r in rows], type=pa.string())
    return pa.table(arrays)


# --------------------------------------------------------------------------- API


def candidate_pairs(
    records_a: Sequence[Mapping],
    records_b: Sequence[Mapping] | None = None,
    *,
    threshold: float = DEFAULT_CANDIDATE_THRESHOLD,
    prior: float | None = None,
    estimate: bool | None = None,
) -> list[CandidatePair]:
    """Scored candidate pairs with their evidence, best first.

    Without ``records_b`` the pairs within ``records_a`` (deduplication of one file);
    with it the pairs between the two (new rows against the register), never within
    either. Records are mappings with the keys of the import CSV (name, street, plz,
    city, wz, employees, phone, email, website, register_no, vat_id). Only pairs with
    a match probability of at least ``threshold`` are returned.

    The model's parameters: ``prior`` fixes the probability that two random records
    match (default: estimated from near-certain matches when the u-probabilities are
    estimated, else one record in five has a duplicate); ``estimate`` says whether the
    u-probabilities are estimated on the input (default: from MIN_RECORDS_FOR_ESTIMATES
    records on). ``estimate=False`` uses the shipped parameters alone, so that a small
    pack of pre-selected records is judged as it would be in the whole register.
    """
    if not records_a or (records_b is not None and not records_b):
        return []
    if records_b is None and len(records_a) < 2:
        return []
    run = _Run(records_a, records_b, prior=prior, estimate=estimate)
    table = run.level_table()
    predictions = run.predict(threshold)
    rel = predictions.as_duckdbpyrelation()
    columns = rel.columns
    pairs = []
    link = records_b is not None
    for values in rel.fetchall():
        row = dict(zip(columns, values, strict=True))
        left, right = int(row["unique_id_l"]), int(row["unique_id_r"])
        if link and row.get("source_dataset_l") == "records_b":
            left, right = right, left
            row = _swap_sides(row)
        elif not link and left > right:
            left, right = right, left
            row = _swap_sides(row)
        evidence = []
        for comparison, levels in table.items():
            gamma = int(row[f"gamma_{comparison}"])
            key, label, weight = levels[gamma]
            cols = EVIDENCE_COLUMNS[comparison]
            evidence.append(
                FieldEvidence(
                    comparison=comparison,
                    level=key,
                    label=label,
                    match_weight=round(weight, 2),
                    left=_show(row, cols, "l"),
                    right=_show(row, cols, "r"),
                )
            )
        pairs.append(
            CandidatePair(
                left=left,
                right=right,
                match_weight=round(float(row["match_weight"]), 2),
                match_probability=float(row["match_probability"]),
                evidence=tuple(evidence),
            )
        )
    pairs.sort(key=lambda p: (-p.match_weight, p.left, p.right))
    return pairs


def _swap_sides(row: dict) -> dict:
    out = dict(row)
    for key, value in row.items():
        if key.endswith("_l"):
            out[key[:-2] + "_r"] = value
        elif key.endswith("_r"):
            out[key[:-2] + "_l"] = value
    return out


def _show(row: dict, cols: tuple[str, ...], side: str) -> str:
    values = [row.get(f"{c}_{side}") for c in cols]
    if cols == ("employees_low", "employees_high"):
        low, high = values
        if low is None:
            return ""
        return str(low) if low == high else f"{low}–{high if high is not None else ''}"
    return " ".join(str(v) for v in values if v not in (None, ""))


def find_clusters(
    records: Sequence[Mapping], *, threshold: float = DEFAULT_MATCH_THRESHOLD
) -> list[int]:
    """Cluster id per record (same order as ``records``): records of the same firm share
    an id. Ids are 1, 2, 3, ... in order of first appearance. Pairs with a match
    probability of at least ``threshold`` are merged, and so, transitively, are their
    clusters (connected components)."""
    n = len(records)
    if n == 0:
        return []
    if n == 1:
        return [1]
    run = _Run(records, None)
    predictions = run.predict(threshold)
    clusters = run.linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=threshold
    )
    rows = clusters.as_duckdbpyrelation().select("unique_id, cluster_id").fetchall()
    raw = dict(rows)
    dense: dict[object, int] = {}
    out = []
    for i in range(n):
        key = raw.get(i, ("single", i))
        if key not in dense:
            dense[key] = len(dense) + 1
        out.append(dense[key])
    return out


def fit_m_probabilities(records: Sequence[Mapping], label: str = "true_id") -> dict:
    """m-probabilities per comparison level estimated from labelled records (each record
    has the id of its firm under ``label``): the share of true pairs in each level.
    A developer tool to set ``LEVELS`` from synthetic data, see bench/dedupe_bench.py."""
    run = _Run(records, None, labels=[r[label] for r in records])
    run.linker.training.estimate_m_from_label_column("true_id")
    fitted: dict[str, dict[str, float]] = {}
    for comparison in run.linker._settings_obj.comparisons:
        levels = {}
        for level in comparison._comparison_levels_excluding_null:
            key = level.label_for_charts.partition(": ")[0]
            levels[key] = level.m_probability
        fitted[comparison.output_column_name] = levels
    return fitted
