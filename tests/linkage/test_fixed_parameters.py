"""candidate_pairs with a fixed prior and without estimation (for small packs)."""

import math

import pytest

from anett.linkage.dedupe import candidate_pairs

RECORDS = [
    {
        "name": "Wartburg Achsenbau GmbH",
        "street": "Am Flugplatz 3",
        "plz": "99817",
        "city": "Eisenach",
        "phone": "03691 12340",
    },
    {
        "name": "Wartburg-Achsenbau GmbH",
        "street": "Am Flugplatz 3",
        "plz": "99817",
        "city": "Eisenach",
        "phone": "+49 3691 1234-0",
    },
    {"name": "Elektro Hoffmann e.K.", "street": "Markt 2", "plz": "98527", "city": "Suhl"},
]


def _logit2(p):
    return math.log2(p / (1 - p))


def test_fixed_prior_moves_weight_by_prior_odds_only():
    low = candidate_pairs(RECORDS, prior=1e-6, threshold=0.0)
    high = candidate_pairs(RECORDS, prior=1e-2, threshold=0.0)
    (pl,) = [p for p in low if (p.left, p.right) == (0, 1)]
    (ph,) = [p for p in high if (p.left, p.right) == (0, 1)]
    assert pl.evidence == ph.evidence
    assert ph.match_weight - pl.match_weight == pytest.approx(
        _logit2(1e-2) - _logit2(1e-6), abs=0.02
    )
    assert ph.match_probability > pl.match_probability
    level_sum = sum(e.match_weight for e in ph.evidence)
    assert ph.match_weight == pytest.approx(level_sum + _logit2(1e-2), abs=0.05)


def test_default_is_unchanged_and_estimate_false_is_the_default_for_small_inputs():
    assert candidate_pairs(RECORDS) == candidate_pairs(RECORDS, estimate=False)


def test_prior_must_be_a_probability():
    with pytest.raises(ValueError):
        candidate_pairs(RECORDS, prior=1.5)
