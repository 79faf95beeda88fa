"""The network as a graph of actors and firms, and its key figures. Plain Python + networkx.

Nodes are actors and firms. Edges:
- actor – actor: relations (member of, partner of, funds, refers to);
- actor – firm: referrals (a firm's need referred to an offer of the actor), activities
  (recorded by a user who works for the actor), memberships (the firm is a member).
Several links between the same two nodes make one edge with all their kinds and a weight.

Key figures per actor
- firms_reached: firms linked to the actor, and in which Kreise they are;
- sole_reach: firms that no other actor reaches (they drop out of the network without it);
- broker: the actor is the only connection between groups of actors that are otherwise
  separate. Measured on the *actor network*: actors are linked when they have a relation or
  reach a common firm; a broker is an articulation point of it, `bridged` lists the sizes of
  the actor groups that fall apart without it (largest first);
- betweenness: share of shortest paths between other actors that run through the actor in
  the actor network (normalised 0–1). Exact up to BETWEENNESS_EXACT_UP_TO actors; above, it
  is estimated from k sampled source actors (Brandes–Pich), with k chosen so that the work
  stays about BETWEENNESS_BUDGET node and edge visits (at least BETWEENNESS_MIN_SAMPLES);
  the seed is fixed, so the same data gives the same figures.
Firms in scope that no actor reaches are `isolated`.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

import networkx as nx

REFERRAL, ACTIVITY, MEMBERSHIP = "referral", "activity", "membership"
FIRM_LINK_KINDS = (REFERRAL, ACTIVITY, MEMBERSHIP)
BETWEENNESS_EXACT_UP_TO = 300
BETWEENNESS_BUDGET = 1_500_000
BETWEENNESS_MIN_SAMPLES = 30


@dataclass(frozen=True, slots=True)
class ActorNode:
    id: int
    name: str
    kind: str = ""


@dataclass(frozen=True, slots=True)
class FirmNode:
    id: int
    kreis: str = ""  # AGS
    name: str = ""


@dataclass(slots=True)
class ActorFigures:
    id: int
    name: str
    kind: str
    firms_reached: int = 0
    sole_reach: int = 0
    kreise: dict[str, int] = field(default_factory=dict)  # AGS -> firms reached there
    relations: int = 0
    betweenness: float = 0.0
    broker: bool = False
    bridged: tuple[int, ...] = ()


@dataclass
class Metrics:
    actors: list[ActorFigures]  # most firms reached first
    isolated: list[int]  # firm ids no actor reaches
    n_firms: int
    n_reached: int
    groups: list[int]  # sizes of the actor groups (components of the actor network)
    brokers: list[int] = field(default_factory=list)  # actor ids, most bridged first

    @property
    def by_id(self) -> dict[int, ActorFigures]:
        return {a.id: a for a in self.actors}


def A(actor_id: int) -> tuple[str, int]:
    return ("a", actor_id)


def F(firm_id: int) -> tuple[str, int]:
    return ("f", firm_id)


@contextmanager
def _gc_paused():
    """Building a graph of 100 000 nodes allocates millions of small containers, and the
    cyclic garbage collector would walk all of them again and again (measured: 1.2 s of the
    1.7 s that building the benchmark graph takes). Nothing here creates cycles to collect."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build(
    actors: Iterable[ActorNode],
    firms: Iterable[FirmNode],
    relations: Iterable[tuple[int, int, str]] = (),
    links: Iterable[tuple[int, int, str]] = (),
) -> nx.Graph:
    """The graph. `relations`: (actor, actor, kind); `links`: (actor, firm, kind).

    Relations and links that name an actor or firm not given are left out (they lie outside
    the filtered view).
    """
    g = nx.Graph()
    with _gc_paused():
        for a in actors:
            g.add_node(A(a.id), type="actor", name=a.name, kind=a.kind)
        for f in firms:
            g.add_node(F(f.id), type="firm", kreis=f.kreis, name=f.name)
        for src, dst, kind in relations:
            _link(g, A(src), A(dst), kind)
        for actor_id, firm_id, kind in links:
            _link(g, A(actor_id), F(firm_id), kind)
    return g


def _link(g: nx.Graph, u, v, kind: str) -> None:
    if u == v or u not in g or v not in g:
        return
    data = g.get_edge_data(u, v)
    if data is None:
        g.add_edge(u, v, kinds={kind}, weight=1)
    else:
        data["kinds"].add(kind)
        data["weight"] += 1


def actor_network(g: nx.Graph) -> nx.Graph:
    """Actors only; linked by a relation or by a firm both reach."""
    p = nx.Graph()
    p.add_nodes_from(n for n, d in g.nodes(data=True) if d["type"] == "actor")
    for u, v in g.edges():
        if u[0] == "a" and v[0] == "a":
            p.add_edge(u, v)
    for n, d in g.nodes(data=True):
        if d["type"] != "firm":
            continue
        reached_by = [m for m in g.adj[n] if m[0] == "a"]
        if len(reached_by) > 1:
            for i, u in enumerate(reached_by):
                for v in reached_by[i + 1 :]:
                    p.add_edge(u, v)
    return p


def metrics(g: nx.Graph, *, exact_up_to: int = BETWEENNESS_EXACT_UP_TO, seed: int = 0) -> Metrics:
    figures: dict[tuple[str, int], ActorFigures] = {}
    for n, d in g.nodes(data=True):
        if d["type"] == "actor":
            figures[n] = ActorFigures(n[1], d["name"], d["kind"])
    isolated: list[int] = []
    n_firms = 0
    kreise: dict[tuple[str, int], Counter] = defaultdict(Counter)
    for n, d in g.nodes(data=True):
        if d["type"] != "firm":
            continue
        n_firms += 1
        reached_by = [m for m in g.adj[n] if m[0] == "a"]
        if not reached_by:
            isolated.append(n[1])
            continue
        for m in reached_by:
            figures[m].firms_reached += 1
            if d["kreis"]:
                kreise[m][d["kreis"]] += 1
        if len(reached_by) == 1:
            figures[reached_by[0]].sole_reach += 1
    for n, fig in figures.items():
        fig.kreise = dict(sorted(kreise[n].items(), key=lambda kv: (-kv[1], kv[0])))
        fig.relations = sum(1 for m in g.adj[n] if m[0] == "a")

    p = actor_network(g)
    brokers: list[tuple[str, int]] = []
    if p.number_of_nodes():
        k = betweenness_samples(p.number_of_nodes(), p.number_of_edges(), exact_up_to)
        for n, value in nx.betweenness_centrality(p, k=k, seed=seed).items():
            figures[n].betweenness = value
        for n, sizes in articulation_splits(p).items():
            figures[n].broker = True
            figures[n].bridged = sizes
            brokers.append(n)
    groups = sorted((len(c) for c in nx.connected_components(p)), reverse=True)
    actors = sorted(figures.values(), key=lambda f: (-f.firms_reached, f.name, f.id))
    broker_ids = [
        figures[n].id
        for n in sorted(
            brokers, key=lambda n: (-sum(figures[n].bridged[1:]), figures[n].name, n[1])
        )
    ]
    return Metrics(
        actors=actors,
        isolated=sorted(isolated),
        n_firms=n_firms,
        n_reached=n_firms - len(isolated),
        groups=groups,
        brokers=broker_ids,
    )


def betweenness_samples(n: int, m: int, exact_up_to: int = BETWEENNESS_EXACT_UP_TO):
    """None (exact) for small networks, else the number of sampled sources."""
    if n <= exact_up_to:
        return None
    return min(n, max(BETWEENNESS_MIN_SAMPLES, BETWEENNESS_BUDGET // (n + m)))


def articulation_splits(p: nx.Graph) -> dict:
    """Articulation points -> sizes of the parts their component falls into without them
    (largest first). One depth-first search with low points and subtree sizes (Tarjan),
    linear in the size of the graph."""
    disc: dict = {}
    low: dict = {}
    size: dict = {}
    splits: dict = {}
    counter = 0
    for root in p:
        if root in disc:
            continue
        disc[root] = low[root] = counter
        counter += 1
        size[root] = 1
        cut: dict = defaultdict(list)  # node -> sizes of child subtrees it cuts off
        root_children = 0
        stack = [(root, None, iter(p.adj[root]))]
        while stack:
            v, parent, children = stack[-1]
            advanced = False
            for w in children:
                if w not in disc:
                    disc[w] = low[w] = counter
                    counter += 1
                    size[w] = 1
                    if v == root:
                        root_children += 1
                    stack.append((w, v, iter(p.adj[w])))
                    advanced = True
                    break
                if w != parent:
                    low[v] = min(low[v], disc[w])
            if advanced:
                continue
            stack.pop()
            if parent is not None:
                low[parent] = min(low[parent], low[v])
                size[parent] += size[v]
                if low[v] >= disc[parent]:
                    cut[parent].append(size[v])
        total = size[root]
        for v, parts in cut.items():
            if v == root and root_children < 2:
                continue
            rest = total - 1 - sum(parts)
            sizes = sorted(parts + ([rest] if rest else []), reverse=True)
            if len(sizes) > 1:
                splits[v] = tuple(sizes)
    return splits


def display(
    g: nx.Graph,
    fig: Metrics,
    *,
    max_firms: int = 150,
    kreis_names: dict[str, str] | None = None,
    firm_label=None,
) -> dict:
    """Nodes and edges for the browser.

    Firms that no actor reaches become one node per Kreis ("not reached", with their count;
    they are listed below the graph). Reached firms are shown one by one up to `max_firms`;
    above that, they too become one node per Kreis, linked to each actor with the number of
    its firms there. `firm_label(firm_id, name)` returns the label of a single firm
    (default: its name).
    """
    kreis_names = kreis_names or {}
    by_id = fig.by_id
    nodes: list[dict] = []
    edges: list[dict] = []
    for n, d in g.nodes(data=True):
        if d["type"] != "actor":
            continue
        f = by_id[n[1]]
        nodes.append(
            {
                "id": f"a{n[1]}",
                "type": "actor",
                "label": d["name"],
                "kind": d["kind"],
                "size": f.firms_reached,
                "broker": f.broker,
            }
        )
    for u, v, e in g.edges(data=True):
        if u[0] == "a" and v[0] == "a":
            edges.append(_edge(_key(u), _key(v), e["kinds"], e["weight"]))
    groups: Counter = Counter()
    reached: list[tuple] = []
    for n, d in g.nodes(data=True):
        if d["type"] != "firm":
            continue
        if any(m[0] == "a" for m in g.adj[n]):
            reached.append((n, d))
        else:
            groups[f"k{d['kreis'] or '-'}i"] += 1
    collapse = len(reached) > max_firms
    if not collapse:
        for n, d in reached:
            label = firm_label(n[1], d["name"]) if firm_label else d["name"]
            nodes.append(
                {
                    "id": f"f{n[1]}",
                    "type": "firm",
                    "label": label,
                    "kreis": kreis_names.get(d["kreis"], d["kreis"]),
                    "size": 1,
                    "isolated": False,
                }
            )
            for m in g.adj[n]:
                e = g.edges[n, m]
                edges.append(_edge(_key(m), _key(n), e["kinds"], e["weight"]))
    else:
        weights: Counter = Counter()
        kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
        for n, d in reached:
            gid = f"k{d['kreis'] or '-'}"
            groups[gid] += 1
            for m in g.adj[n]:
                weights[(_key(m), gid)] += 1
                kinds[(_key(m), gid)] |= g.edges[n, m]["kinds"]
        for (src, gid), w in sorted(weights.items()):
            edges.append(_edge(src, gid, kinds[(src, gid)], w))
    for gid, count in sorted(groups.items()):
        ags = gid[1:].rstrip("i")
        nodes.append(
            {
                "id": gid,
                "type": "firm_group",
                "label": kreis_names.get(ags, ags),
                "kreis": kreis_names.get(ags, ags),
                "size": count,
                "isolated": gid.endswith("i"),
            }
        )
    return {"nodes": nodes, "edges": edges, "collapsed": collapse}


def _key(n) -> str:
    return f"{n[0]}{n[1]}"


def _edge(source: str, target: str, kinds: Iterable[str], weight: int) -> dict:
    return {"source": source, "target": target, "kinds": sorted(kinds), "weight": weight}
