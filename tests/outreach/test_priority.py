"""Priority, passivity and channels: plain Python, table-driven and property tests."""

import itertools
from dataclasses import replace

import pytest

from anett.outreach.priority import (
    Firm,
    channels,
    passivity,
    prioritise,
    rank,
    score,
    size_points,
)

BASE = Firm(
    id=1,
    name="Basis",
    branch_group="supplier",
    sme_class="small",
    works_council="no",
    employees=40,
    engagement="unknown",
)

GROUPS = ["automotive", "supplier", "neighbouring", "other"]
SMES = ["micro", "small", "medium", "large", "unknown"]
WCS = ["yes", "no", "unknown"]
ENGS = ["unknown", "reached", "engaged", "passive"]


def all_firms():
    for i, (g, s, w, e, exp, need, emp) in enumerate(
        itertools.product(
            GROUPS, SMES, WCS, ENGS, [None, 0, 40, 90], [None, 0, 60, 100], [None, 3, 250, 5000]
        )
    ):
        yield Firm(
            id=i,
            name=f"F{i}",
            branch_group=g,
            sme_class=s,
            works_council=w,
            engagement=e,
            exposure=exp,
            max_need=need,
            employees=emp,
        )


def test_fast_score_equals_explained_score():
    for firm in all_firms():
        assert score(firm) == prioritise(firm).score


def test_scores_stay_in_range():
    for firm in all_firms():
        assert 0 <= score(firm) <= 100


@pytest.mark.parametrize(
    "field,values",
    [
        ("exposure", [0, 10, 40, 70, 100]),
        ("max_need", [0, 20, 50, 90, 100]),
        ("employees", [1, 9, 50, 249, 1000, 10000]),
    ],
)
def test_more_of_a_component_never_lowers_priority(field, values):
    for firm in all_firms():
        scores = [score(replace(firm, **{field: v})) for v in values]
        assert scores == sorted(scores), (firm, field, scores)


def test_passive_ranks_above_engaged_all_else_equal():
    for firm in all_firms():
        assert score(replace(firm, engagement="passive")) >= score(
            replace(firm, engagement="engaged")
        )


def test_sme_without_works_council_ranks_above_large_with_one():
    small = replace(BASE, sme_class="small", works_council="no")
    large = replace(BASE, sme_class="large", works_council="yes")
    assert score(small) > score(large)
    assert prioritise(small).sme_without_works_council
    assert not prioritise(large).sme_without_works_council


@pytest.mark.parametrize(
    ("engagement", "group", "expected"),
    [
        ("passive", "supplier", 100),
        ("unknown", "automotive", 80),
        ("unknown", "other", 40),
        ("reached", "supplier", 40),
        ("engaged", "supplier", 0),
    ],
)
def test_passivity(engagement, group, expected):
    level, reason = passivity(replace(BASE, engagement=engagement, branch_group=group))
    assert level == expected
    assert reason


def test_reasons_name_every_positive_component():
    p = prioritise(replace(BASE, exposure=80, max_need=90, engagement="passive"))
    assert "Betroffenheit 80 (Check)" in p.reasons
    assert "höchster Bedarf 90" in p.reasons
    assert "passiv" in p.reasons
    assert "KMU" in p.reasons and "kein Betriebsrat" in p.reasons
    # Highest contribution first.
    assert p.reasons.startswith("Betroffenheit 80")


def test_no_needs_are_said_not_invented():
    p = prioritise(replace(BASE, max_need=None))
    need = next(c for c in p.components if c.key == "need")
    assert need.value == 0
    assert need.reason == "keine Bedarfe erfasst"


def test_channels_look_beyond_works_councils():
    assert channels(replace(BASE, works_council="yes", union_scope="IG Metall"))[:2] == [
        "Betriebsrat",
        "Gewerkschaft (IG Metall)",
    ]
    no_wc = channels(replace(BASE, works_council="no", employees=80, union_scope="IG BCE"))
    assert no_wc[0] == "Geschäftsführung"
    assert "Personalleitung" in no_wc
    assert "Belegschaftsveranstaltung" in no_wc
    assert "Gewerkschaft (IG BCE) über die Belegschaft" in no_wc
    micro = channels(replace(BASE, sme_class="micro", employees=5))
    assert "Kammer (IHK/HWK)" in micro


def test_size_points():
    assert size_points(None) == 0
    assert size_points(1) == 0
    assert size_points(10) == 33
    assert size_points(1000) == 100
    assert size_points(10**6) == 100


def test_rank_is_ordered_and_reproducible():
    firms = list(all_firms())[:500]
    ranked = rank(firms)
    scores = [s for s, _f in ranked]
    assert scores == sorted(scores, reverse=True)
    assert rank(list(reversed(firms))) == ranked
