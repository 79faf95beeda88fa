"""Gap analysis on small hand-made networks whose answers are known (no database)."""

import pytest

from anett.network import gaps
from anett.network.gaps import Actor, Demand, Offer, analyse, demand_from_firms
from anett.network.vocab import (
    HR,
    LOW_SKILLED,
    MANAGEMENT,
    OLDER,
    SKILLED,
    TARGET_GROUPS,
    WORKS_COUNCIL,
)

# Three Kreise in a row: A – B – C (A and C are not neighbours).
KREISE = [("A", "Kreis A"), ("B", "Kreis B"), ("C", "Kreis C")]
NEIGHBOURS = {"A": {"B"}, "B": {"A", "C"}, "C": {"B"}}


def offer(pk, actor, topics, groups, kreise):
    return Offer(pk, actor, frozenset(topics), frozenset(groups), frozenset(kreise))


def cell(result, ags, topic, group):
    return next(
        c for c in result.cells if (c.kreis_ags, c.topic, c.target_group) == (ags, topic, group)
    )


def test_mapping_covers_every_topic_and_target_group():
    from anett.assessment.models import Topic

    assert set(gaps.TOPICS) == set(Topic.values)
    assert set(gaps.TOPIC_TARGET_GROUPS) == set(gaps.TOPICS)
    concerned = {g for groups in gaps.TOPIC_TARGET_GROUPS.values() for g in groups}
    assert concerned == set(TARGET_GROUPS)
    assert set(gaps.TOPIC_TARGET_GROUPS["skills"]) >= {SKILLED, LOW_SKILLED, OLDER}
    assert gaps.TOPIC_TARGET_GROUPS["succession"] == (MANAGEMENT,)
    assert WORKS_COUNCIL in gaps.TOPIC_TARGET_GROUPS["work_org"]


def test_demand_from_firms_counts_firms_above_threshold_once():
    firms = [
        ("A", 100, [("skills", 80), ("digital", 49), ("skills", 90)]),  # skills twice
        ("A", 20, [("skills", 50)]),  # exactly at the threshold
        ("A", None, [("skills", 70)]),  # unknown headcount counts as 0 employees
        ("B", 30, [("skills", 10)]),  # below
        (None, 500, [("skills", 100)]),  # no Kreis: cannot be placed
    ]
    d = demand_from_firms(firms)
    assert d == {("A", "skills"): Demand(3, 120)}


def test_kreis_with_demand_and_no_offer_is_a_gap_ranked_by_demand():
    demand = {("A", "succession"): Demand(7, 300), ("C", "succession"): Demand(2, 900)}
    result = analyse(KREISE, demand, [], [], NEIGHBOURS)
    top = result.cells[0]
    assert (top.kreis_ags, top.topic, top.target_group) == ("A", "succession", MANAGEMENT)
    assert (top.demand_firms, top.demand_employees, top.offers, top.actors) == (7, 300, 0, 0)
    assert top.gap_score == 7 and top.status == gaps.GAP
    # Ranked by demand (firms), not employees.
    assert [(c.kreis_ags, c.gap_score) for c in result.gaps] == [("A", 7), ("C", 2)]
    # Succession concerns management only: other target groups of that cell have no demand.
    assert cell(result, "A", "succession", HR).demand_firms == 0
    assert cell(result, "A", "succession", HR).status == ""
    # One row per Kreis × topic × target group.
    assert len(result.cells) == len(KREISE) * len(gaps.TOPICS) * len(TARGET_GROUPS)
    heat = result.by_kreis_topic[("A", "succession")]
    assert (heat.demand_firms, heat.offers, heat.gap_score, heat.status) == (7, 0, 7, gaps.GAP)


def test_offer_with_no_demand_is_unused():
    offers = [offer(1, 10, ["energy"], [MANAGEMENT], ["B"])]
    result = analyse(KREISE, {}, offers, [Actor(10, "Energieagentur")], NEIGHBOURS)
    c = cell(result, "B", "energy", MANAGEMENT)
    assert (c.demand_firms, c.offers, c.actors, c.gap_score, c.status) == (
        0,
        1,
        1,
        0,
        gaps.UNUSED,
    )
    assert result.gaps == []
    assert result.by_kreis_topic[("B", "energy")].status == gaps.UNUSED


def test_enough_offers_cover_the_demand_too_few_leave_a_shortfall():
    per = gaps.FIRMS_PER_OFFER
    demand = {("A", "digital"): Demand(per + 5, 1000)}
    one = [offer(1, 10, ["digital"], [MANAGEMENT, SKILLED], ["A"])]
    result = analyse(KREISE, demand, one, [Actor(10, "ZeTT")], NEIGHBOURS)
    c = cell(result, "A", "digital", MANAGEMENT)
    assert (c.offers, c.gap_score, c.status) == (1, 5, gaps.SHORT)
    two = [*one, offer(2, 11, ["digital"], [MANAGEMENT], ["A"])]
    result = analyse(KREISE, demand, two, [Actor(10, "ZeTT"), Actor(11, "IHK")], NEIGHBOURS)
    c = cell(result, "A", "digital", MANAGEMENT)
    assert (c.offers, c.actors, c.gap_score, c.status) == (2, 2, 0, gaps.COVERED)
    # Team leaders and 45+ (also concerned by digitalisation) have no offer: still gaps.
    assert cell(result, "A", "digital", "team_leaders").status == gaps.GAP
    assert result.by_kreis_topic[("A", "digital")].status == gaps.SHORT


def test_offer_without_target_groups_serves_all():
    demand = {("A", "skills"): Demand(3, 40)}
    result = analyse(KREISE, demand, [offer(1, 10, ["skills"], [], ["A"])], [], NEIGHBOURS)
    for g in gaps.TOPIC_TARGET_GROUPS["skills"]:
        assert cell(result, "A", "skills", g).status == gaps.COVERED
    assert result.gaps == []


def test_candidates_neighbours_then_related_offers_then_profiles():
    demand = {("A", "skills"): Demand(10, 100)}
    offers = [
        offer(1, 1, ["skills"], [SKILLED], ["B"]),  # neighbour Kreis, same target group
        offer(2, 2, ["skills"], [SKILLED], ["C"]),  # not a neighbour of A
        offer(3, 3, ["skills"], [HR], ["A"]),  # same Kreis and topic, other target group
        offer(4, 4, ["digital"], [SKILLED], ["A"]),  # other topic: not related
    ]
    actors = [
        Actor(1, "Nachbar"),
        Actor(2, "Fern"),
        Actor(3, "Personalberatung"),
        Actor(4, "Digital"),
        Actor(5, "Kammer", frozenset({"A"}), frozenset({"skills"})),  # profile, no offer
        Actor(6, "Nur Führung", frozenset({"A"}), frozenset({"skills"}), frozenset({HR})),
    ]
    result = analyse(KREISE, demand, offers, actors, NEIGHBOURS)
    c = cell(result, "A", "skills", SKILLED)
    assert c.status == gaps.GAP
    assert [(x.name, x.reason, x.kreis) for x in c.candidates] == [
        ("Nachbar", gaps.NEIGHBOUR, "B"),
        ("Personalberatung", gaps.OTHER_GROUP, ""),
        ("Kammer", gaps.PROFILE, ""),
    ]
    # For HR, actor 3 already offers in the cell: it is supply, not a candidate.
    hr = cell(result, "A", "skills", HR)
    assert hr.status == gaps.COVERED and hr.candidates == ()


def test_candidates_are_limited_and_exclude_existing_suppliers():
    demand = {("B", "skills"): Demand(100, 1000)}
    offers = [offer(i, i, ["skills"], [SKILLED], ["A"]) for i in range(1, 8)]
    offers.append(offer(99, 99, ["skills"], [SKILLED], ["B"]))
    actors = [Actor(i, f"Akteur {i}") for i in [*range(1, 8), 99]]
    result = analyse(KREISE, demand, offers, actors, NEIGHBOURS, max_candidates=3)
    c = cell(result, "B", "skills", SKILLED)
    assert c.status == gaps.SHORT and c.gap_score == 100 - gaps.FIRMS_PER_OFFER
    assert [x.name for x in c.candidates] == ["Akteur 1", "Akteur 2", "Akteur 3"]
    assert all(x.actor_id != 99 for x in c.candidates)


def test_ties_are_broken_by_employees_then_order():
    demand = {("A", "financing"): Demand(4, 10), ("B", "financing"): Demand(4, 500)}
    result = analyse(KREISE, demand, [], [], NEIGHBOURS)
    assert [c.kreis_ags for c in result.gaps] == ["B", "A"]


@pytest.mark.parametrize(
    ("demand", "offers", "score"), [(0, 0, 0), (10, 0, 10), (30, 1, 5), (25, 1, 0), (3, 2, 0)]
)
def test_gap_score(demand, offers, score):
    assert gaps.gap_score(demand, offers, 25) == score


def test_offers_outside_scope_and_neighbours_are_ignored():
    demand = {("A", "skills"): Demand(5, 50)}
    offers = [offer(1, 1, ["skills"], [SKILLED], ["Z"])]
    result = analyse([("A", "Kreis A")], demand, offers, [Actor(1, "Fern")], {"A": set()})
    assert cell(result, "A", "skills", SKILLED).candidates == ()


def test_suppress_small_drops_cells_with_one_to_four_firms():
    demand = {("A", "skills"): Demand(4, 50), ("B", "skills"): Demand(5, 60)}
    result = analyse(KREISE, demand, [], [], NEIGHBOURS)
    shown = gaps.suppress_small(result.gaps, 5)
    assert {c.kreis_ags for c in shown} == {"B"}
