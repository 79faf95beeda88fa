"""Record linkage on small hand-made sets whose answer is known, and on generated data."""

import itertools
from collections import defaultdict

import pytest

from anett.linkage import dedupe
from anett.linkage.dedupe import candidate_pairs, find_clusters
from anett.linkage.generator import generate

RECORDS = [
    # 0, 1: legal-form spelling, 'Str.', house-number range, phone formats
    {
        "name": "Muster Metall GmbH & Co. KG",
        "street": "Hauptstraße 12-14",
        "plz": "99817",
        "city": "Eisenach",
        "phone": "03691 12345-0",
    },
    {
        "name": "Muster Metall GmbH u. Co. KG",
        "street": "Hauptstr. 12",
        "plz": "99817",
        "city": "Eisenach",
        "phone": "+49 3691 12345",
    },
    # 2, 3: umlauts written out, capitals, G.m.b.H.
    {"name": "Müller Drehteile GmbH", "street": "Goethestraße 5", "plz": "99084", "city": "Erfurt"},
    {
        "name": "MUELLER DREHTEILE G.m.b.H.",
        "street": "Goethestr. 5",
        "plz": "99084",
        "city": "Erfurt",
    },
    # 4, 5: moved to another town; the VAT id and the domain tell it is the same firm
    {
        "name": "Wartburg Guss GmbH",
        "street": "Am Flugplatz 3",
        "plz": "99817",
        "city": "Eisenach",
        "vat_id": "DE136695976",
        "website": "www.wartburg-guss.de",
    },
    {
        "name": "Wartburg-Guss GmbH",
        "street": "Gothaer Straße 40",
        "plz": "99867",
        "city": "Gotha",
        "vat_id": "DE 136 695 976",
        "email": "info@wartburg-guss.de",
    },
    # 6, 7: same common name in other towns with other register numbers: two firms
    {
        "name": "Schmidt Metallbau GmbH",
        "street": "Industriestraße 1",
        "plz": "99084",
        "city": "Erfurt",
        "register_no": "HRB 501234 Jena",
    },
    {
        "name": "Schmidt Metallbau GmbH",
        "street": "Leipziger Straße 9",
        "plz": "07545",
        "city": "Gera",
        "register_no": "Amtsgericht Jena HRB 509876",
    },
    # 8, 9: sister firms at one address with their own register numbers: two firms
    {
        "name": "Kelmor Technik GmbH",
        "street": "Bahnhofstraße 7",
        "plz": "07743",
        "city": "Jena",
        "register_no": "HRB 511111",
    },
    {
        "name": "Kelmor Logistik GmbH",
        "street": "Bahnhofstraße 7",
        "plz": "07743",
        "city": "Jena",
        "register_no": "HRB 522222",
    },
    # 10, 11: a typo in a rare name at the same address
    {"name": "Veltorix Sensorik GmbH", "street": "Carl-Zeiss-Straße 2", "plz": "07743"},
    {"name": "Veltroix Sensorik GmbH", "street": "Carl-Zeiss-Str. 2", "plz": "07743"},
]
SAME_FIRM = [(0, 1), (2, 3), (4, 5), (10, 11)]


def _pairs(labels):
    groups = defaultdict(list)
    for i, label in enumerate(labels):
        groups[label].append(i)
    return {p for members in groups.values() for p in itertools.combinations(members, 2)}


def _scores(labels, truth):
    found, true = _pairs(labels), _pairs(truth)
    tp = len(found & true)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(true)
    return precision, recall, 2 * precision * recall / (precision + recall)


@pytest.fixture(scope="module")
def clusters():
    return find_clusters(RECORDS)


@pytest.fixture(scope="module")
def pairs():
    return candidate_pairs(RECORDS, threshold=0.01)


def test_find_clusters_on_a_known_set(clusters):
    assert len(clusters) == len(RECORDS)
    assert _pairs(clusters) == set(SAME_FIRM)


def test_cluster_ids_count_up_in_order_of_first_appearance(clusters):
    assert clusters[0] == 1
    seen = []
    for c in clusters:
        if c not in seen:
            seen.append(c)
    assert seen == list(range(1, len(seen) + 1))


def test_find_clusters_is_deterministic(clusters):
    assert find_clusters(RECORDS) == clusters


def test_candidate_pairs_carry_weight_probability_and_evidence(pairs):
    by_pair = {(p.left, p.right): p for p in pairs}
    assert set(SAME_FIRM) <= set(by_pair)
    assert all(p.left < p.right for p in pairs)
    assert [p.match_weight for p in pairs] == sorted((p.match_weight for p in pairs), reverse=True)
    for p in pairs:
        assert 0 <= p.match_probability <= 1
        assert [e.comparison for e in p.evidence] == list(dedupe.LEVELS)
        # the pair's weight is the prior plus the weights of its comparisons
        assert p.match_weight == pytest.approx(
            sum(e.match_weight for e in p.evidence) + _prior_weight(p), abs=0.1
        )
    moved = by_pair[(4, 5)]
    evidence = {e.comparison: e for e in moved.evidence}
    assert evidence["vat"].level == "same" and evidence["vat"].match_weight > 5
    assert evidence["vat"].left == evidence["vat"].right == "DE136695976"
    assert evidence["domain"].level == "same"
    assert evidence["address"].level == "different" and evidence["address"].match_weight < 0
    assert evidence["phone"].level == "missing" and evidence["phone"].match_weight == 0
    assert {"vat", "domain", "name"} <= set(moved.agreeing)
    assert "address" in moved.disagreeing


def _prior_weight(pair):
    weights = sum(e.match_weight for e in pair.evidence)
    return pair.match_weight - weights  # same for every pair of one run


def test_prior_is_the_same_for_every_pair(pairs):
    priors = {round(_prior_weight(p), 1) for p in pairs}
    assert len(priors) == 1


def test_other_register_number_outweighs_the_same_name(pairs):
    by_pair = {(p.left, p.right): p for p in pairs}
    namesakes = by_pair[(6, 7)]
    evidence = {e.comparison: e for e in namesakes.evidence}
    assert evidence["name"].level in ("exact", "exact_rare")
    assert evidence["register"].level == "different"
    assert namesakes.match_probability < dedupe.DEFAULT_MATCH_THRESHOLD


def test_typo_in_a_name_is_found(pairs):
    by_pair = {(p.left, p.right): p for p in pairs}
    evidence = {e.comparison: e for e in by_pair[(10, 11)].evidence}
    assert evidence["name"].level == "typo"
    assert evidence["address"].level == "same"


def test_threshold_decides_what_is_merged():
    # the sister firms share the address; at a low threshold they are merged
    loose = find_clusters(RECORDS, threshold=0.01)
    assert loose[8] == loose[9]
    strict = find_clusters(RECORDS, threshold=0.999999)
    assert _pairs(strict) <= _pairs(find_clusters(RECORDS))


def test_candidate_pairs_between_new_rows_and_the_register():
    register = [RECORDS[i] for i in (0, 2, 4, 6, 8)]
    new = [RECORDS[i] for i in (1, 3, 5, 9)] + [
        {"name": "Ganz Neue Firma GmbH", "street": "Am Weg 1", "plz": "98527", "city": "Suhl"}
    ]
    pairs = candidate_pairs(new, register, threshold=dedupe.DEFAULT_MATCH_THRESHOLD)
    assert {(p.left, p.right) for p in pairs} == {(0, 0), (1, 1), (2, 2)}
    evidence = {e.comparison: e for e in pairs[0].evidence}
    assert evidence["name"].left and evidence["name"].right


def test_pairs_between_lists_are_never_within_one():
    a = [RECORDS[2], RECORDS[3]]  # the same firm twice
    b = [{"name": "Ganz Andere AG", "street": "Ring 1", "plz": "07545", "city": "Gera"}]
    assert candidate_pairs(a, b, threshold=0.0) == []


@pytest.mark.parametrize("records, expected", [([], []), ([{"name": "Allein GmbH"}], [1])])
def test_find_clusters_on_empty_and_single_input(records, expected):
    assert find_clusters(records) == expected


def test_candidate_pairs_on_too_little_input():
    assert candidate_pairs([]) == []
    assert candidate_pairs([RECORDS[0]]) == []
    assert candidate_pairs([RECORDS[0]], []) == []


def test_records_without_name_or_address_do_not_break_the_run():
    records = [{"name": ""}, {"name": "", "plz": "99817"}, {"name": "Muster GmbH"}, {}]
    assert len(find_clusters(records)) == 4


def test_block_key_splits_common_words_by_area():
    assert dedupe._block_key("veltorix", 3, "DEG0P", "99817") == "veltorix"
    assert dedupe._block_key("schmidt", 500, "DEG0P", "99817") == "schmidt|DEG0P"
    assert dedupe._block_key("metallbau", 5000, "DEG0P", "99817") == "metallbau|99817"


def test_features_rank_name_words_by_rarity():
    rows = dedupe.features(
        [
            {"name": "Metallbau Wartburg GmbH"},
            {"name": "Metallbau Schmidt GmbH"},
            {"name": "Metallbau Kraus GmbH"},
        ]
    )
    first = rows[0]
    assert first["block_token_1"] == "wartburg"  # the rare word first
    assert first["block_token_2"] == "metallbau"
    weights = {x["t"]: x["w"] for x in first["name_info"]}
    assert weights["wartburg"] > weights["metallbau"] == pytest.approx(0)


def test_quality_on_generated_data_below_the_estimation_size():
    records = generate(600, seed=11)
    _, _, f1 = _scores(find_clusters(records), [r["true_id"] for r in records])
    assert f1 >= 0.9


def test_quality_on_generated_data_with_estimated_parameters():
    records = generate(dedupe.MIN_RECORDS_FOR_ESTIMATES + 500, seed=12)
    precision, recall, f1 = _scores(find_clusters(records), [r["true_id"] for r in records])
    assert precision >= 0.95 and recall >= 0.9 and f1 >= 0.94


def test_a_file_without_near_certain_matches_still_finds_duplicates():
    # No pair passes the deterministic rules, so the estimated prior would be 0.
    records = generate(dedupe.MIN_RECORDS_FOR_ESTIMATES + 100, duplicate_share=0, seed=13)
    records += [RECORDS[10], RECORDS[11]]
    clusters = find_clusters(records)
    assert clusters[-1] == clusters[-2]
