"""Graph metrics on small hand-made networks whose answers are known (no database)."""

import pytest

from anett.network import graph
from anett.network.graph import ActorNode, FirmNode, build, display, metrics


def two_groups_and_a_bridge():
    """Group 1: actors 1, 2 (partners) with firms 10, 11. Group 2: actors 3, 4 with firm 12.
    Actor 5 is related to 1 and 3 – the only bridge between the groups. Firm 13 is isolated.
    """
    actors = [ActorNode(i, f"Akteur {i}", "union") for i in range(1, 6)]
    firms = [
        FirmNode(10, "16063", "Werk 10"),
        FirmNode(11, "16067", "Werk 11"),
        FirmNode(12, "16067", "Werk 12"),
        FirmNode(13, "16068", "Werk 13"),
    ]
    relations = [
        (1, 2, "partner_of"),
        (3, 4, "partner_of"),
        (5, 1, "member_of"),
        (5, 3, "refers_to"),
    ]
    links = [
        (1, 10, graph.REFERRAL),
        (2, 10, graph.MEMBERSHIP),
        (1, 11, graph.ACTIVITY),
        (1, 11, graph.REFERRAL),
        (4, 12, graph.REFERRAL),
    ]
    return build(actors, firms, relations, links)


def test_only_bridge_between_two_groups_is_the_broker():
    m = metrics(two_groups_and_a_bridge())
    by = m.by_id
    # 5 links {1, 2} and {3, 4}: without it they fall apart into two groups of 2.
    assert by[5].broker and by[5].bridged == (2, 2)
    # 1 and 3 are articulation points too (they hold 2 resp. 4 to the rest), but 5 bridges most.
    assert m.brokers[0] == 5
    assert not by[2].broker and not by[4].broker
    # The bridge carries the most shortest paths.
    assert by[5].betweenness == max(f.betweenness for f in m.actors)
    assert by[2].betweenness == 0.0
    assert m.groups == [5]


def test_without_the_bridge_there_are_two_separate_groups():
    g = two_groups_and_a_bridge()
    g.remove_node(graph.A(5))
    m = metrics(g)
    assert m.groups == [2, 2]
    assert not any(f.broker for f in m.actors)


def test_reach_sole_reach_kreise_and_isolated_firms():
    m = metrics(two_groups_and_a_bridge())
    by = m.by_id
    assert (by[1].firms_reached, by[1].sole_reach) == (2, 1)  # 10 (shared with 2), 11 (only 1)
    assert by[1].kreise == {"16063": 1, "16067": 1}
    assert (by[2].firms_reached, by[2].sole_reach) == (1, 0)
    assert (by[4].firms_reached, by[4].sole_reach, by[4].kreise) == (1, 1, {"16067": 1})
    assert by[5].firms_reached == 0 and by[5].relations == 2
    assert m.isolated == [13]
    assert (m.n_firms, m.n_reached) == (4, 3)
    # Most firms reached first.
    assert m.actors[0].id == 1


def test_several_links_make_one_edge_with_kinds_and_weight():
    g = two_groups_and_a_bridge()
    edge = g.edges[graph.A(1), graph.F(11)]
    assert edge["kinds"] == {graph.ACTIVITY, graph.REFERRAL} and edge["weight"] == 2


def test_shared_firm_links_actors_in_the_actor_network():
    g = build(
        [ActorNode(1, "a"), ActorNode(2, "b"), ActorNode(3, "c")],
        [FirmNode(10), FirmNode(11)],
        [],
        [
            (1, 10, graph.REFERRAL),
            (2, 10, graph.MEMBERSHIP),
            (2, 11, graph.ACTIVITY),
            (3, 11, graph.REFERRAL),
        ],
    )
    m = metrics(g)
    # 1 – 2 – 3 through the shared firms: 2 is the bridge, exact betweenness of a path centre.
    assert m.by_id[2].broker and m.by_id[2].bridged == (1, 1)
    assert m.by_id[2].betweenness == pytest.approx(1.0)


def test_links_and_relations_outside_the_view_are_left_out():
    g = build(
        [ActorNode(1, "a")],
        [FirmNode(10)],
        [(1, 2, "partner_of")],
        [(1, 99, graph.REFERRAL), (2, 10, graph.REFERRAL)],
    )
    assert g.number_of_edges() == 0
    assert metrics(g).isolated == [10]


def test_sampled_betweenness_for_large_actor_networks_is_reproducible():
    actors = [ActorNode(i, f"a{i}") for i in range(40)]
    relations = [(i, i + 1, "partner_of") for i in range(39)]
    g = build(actors, [], relations, [])
    first = metrics(g, exact_up_to=10)
    again = metrics(g, exact_up_to=10)
    assert [f.betweenness for f in first.actors] == [f.betweenness for f in again.actors]
    assert all(f.broker for f in first.actors if f.id not in (0, 39))


def test_display_single_firms_and_collapsed_groups():
    g = two_groups_and_a_bridge()
    m = metrics(g)
    data = display(g, m, kreis_names={"16067": "Gotha", "16068": "Sömmerda"})
    assert not data["collapsed"]
    ids = {n["id"]: n for n in data["nodes"]}
    assert ids["a5"]["broker"] and ids["f11"]["kreis"] == "Gotha"
    # Isolated firms are grouped per Kreis (they are listed apart).
    assert "f13" not in ids and ids["k16068i"]["isolated"] and ids["k16068i"]["size"] == 1
    assert len(data["edges"]) == g.number_of_edges()
    small = display(g, m, max_firms=2, kreis_names={"16067": "Gotha"})
    assert small["collapsed"]
    groups = {n["id"]: n for n in small["nodes"] if n["type"] == "firm_group"}
    assert groups["k16067"]["size"] == 2 and groups["k16063"]["size"] == 1
    assert groups["k16068i"]["isolated"]
    weights = {(e["source"], e["target"]): e["weight"] for e in small["edges"]}
    assert weights[("a1", "k16067")] == 1 and weights[("a4", "k16067")] == 1
    assert weights[("a1", "k16063")] == 1 and weights[("a2", "k16063")] == 1
    # Firm names are not sent when the caller hides them.
    anon = display(g, m, firm_label=lambda pk, name: "Betrieb")
    assert {n["label"] for n in anon["nodes"] if n["type"] == "firm"} == {"Betrieb"}


def _brute_force_splits(p):
    import networkx as nx

    out = {}
    for n in nx.articulation_points(p):
        component = nx.node_connected_component(p, n)
        rest = p.subgraph(component - {n})
        out[n] = tuple(sorted((len(c) for c in nx.connected_components(rest)), reverse=True))
    return out


@pytest.mark.parametrize("seed", range(30))
def test_articulation_splits_match_brute_force(seed):
    import random

    import networkx as nx

    rng = random.Random(seed)
    n = rng.randint(1, 40)
    p = nx.gnm_random_graph(n, rng.randint(0, 2 * n), seed=seed)
    # A few extra pendant nodes and separate pieces make cut points likely.
    for extra in range(n, n + rng.randint(0, 6)):
        if n and rng.random() < 0.7:
            p.add_edge(extra, rng.randrange(n))
        else:
            p.add_node(extra)
    assert graph.articulation_splits(p) == _brute_force_splits(p)


def test_betweenness_samples_budget():
    assert graph.betweenness_samples(300, 10_000) is None
    assert graph.betweenness_samples(2_000, 10_000) == graph.BETWEENNESS_BUDGET // 12_000
    assert graph.betweenness_samples(100_000, 10_000_000) == graph.BETWEENNESS_MIN_SAMPLES
    assert graph.betweenness_samples(301, 0) == 301
