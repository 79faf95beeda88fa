"""The import judges its candidate pairs with the model's own comparison levels: for every
pair the same levels, weights and shown values as ``candidate_pairs`` (splink)."""

import pytest

from anett.imports import matching
from anett.imports.scoring import Pack, judge
from anett.linkage.dedupe import candidate_pairs
from anett.linkage.generator import generate


@pytest.fixture(scope="module")
def records():
    out = generate(400, duplicate_share=0.3, seed=3)
    return [{k: v for k, v in r.items() if k != "true_id"} for r in out]


def _evidence(pair):
    return [
        (e.comparison, e.level, e.label, e.match_weight, e.left, e.right) for e in pair.evidence
    ]


def test_link_pairs_are_judged_as_the_model_judges_them(records):
    rows, register = records[:200], records[200:]
    expected = candidate_pairs(rows, register, threshold=0.0)
    assert len(expected) > 100
    pack = Pack(
        records=rows + register,
        pairs=[(p.left, len(rows) + p.right) for p in expected],
        refs=[("row", i) for i in range(len(rows))] + [("reg", i) for i in range(len(register))],
    )
    judged = judge([pack])
    assert [(p.left, p.right) for p in judged] == [
        (("row", p.left), ("reg", p.right)) for p in expected
    ]
    assert [_evidence(p) for p in judged] == [_evidence(p) for p in expected]
    assert [p.weight for p in judged] == [
        round(sum(e.match_weight for e in p.evidence), 2) for p in expected
    ]


def test_pairs_within_a_file_are_judged_as_the_model_judges_them(records):
    rows = records[:250]
    expected = candidate_pairs(rows, threshold=0.0)
    pack = Pack(records=rows, pairs=[(p.left, p.right) for p in expected], refs=list(range(250)))
    judged = judge([pack])
    assert [_evidence(p) for p in judged] == [_evidence(p) for p in expected]
    assert any(p.weight > 10 for p in judged)  # some near-certain pairs among them


def test_no_pairs_no_query():
    assert judge([]) == []
    assert judge([Pack(records=[{"name": "A"}], pairs=[], refs=[1])]) == []


def test_score_candidates_finds_duplicates_in_the_file_and_in_the_register(records):
    rows = {n: r for n, r in enumerate(records[:300], start=2)}
    # rows 2..301; each row's candidates are the two rows before it, and every third row
    # is a candidate of a register entry that is a copy of an earlier row
    register = {1000 + n: dict(rows[n]) for n in range(2, 40)}
    candidates = matching.Candidates(
        rows={n: {n - 1, n - 2} for n in range(4, 302)},
        register={n: {1000 + n} for n in range(2, 40, 3)},
    )
    on_register, in_file = matching.score_candidates(
        candidates, rows, register, n_rows=300, n_register=len(register), pack_size=120
    )
    # an exact copy is a near-certain duplicate, with evidence per comparison
    assert set(on_register) == set(range(2, 40, 3))
    for number, found in on_register.items():
        assert found.other == 1000 + number
        assert found.is_duplicate
        assert {e[0] for e in found.evidence} >= {"name", "address"}
    # within the file: every match names an earlier row among its candidates
    assert in_file
    for number, found in in_file.items():
        assert found.other in candidates.rows[number]
        assert found.probability >= matching.CANDIDATE_THRESHOLD


def test_features_on_several_processes_give_the_same_judgement(records):
    from anett.imports import parallel

    rows = {n: r for n, r in enumerate(records[:300], start=2)}
    candidates = matching.Candidates(rows={n: {n - 1, n - 2} for n in range(4, 302)})
    kwargs = {"n_rows": 300, "n_register": 0, "pack_size": 120}
    here = matching.score_candidates(candidates, rows, {}, **kwargs)
    there = matching.score_candidates(
        candidates, rows, {}, prepare_many=parallel.prepared(2), **kwargs
    )
    assert here == there
    assert here[1]
