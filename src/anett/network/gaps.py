"""Gap analysis: who serves whom, where, and where nobody does. Plain Python, no Django.

A *cell* is one Kreis × topic × target group.

Demand of a cell
    Firms of the Kreis with a current need of the topic at or above NEED_THRESHOLD (0–100,
    from the transformation check or entered by hand), and the sum of their employees at the
    site. A need of a topic is demand for the target groups that topic concerns
    (TOPIC_TARGET_GROUPS below); for other target groups the cell has no demand.

Supply of a cell
    Offers whose topics include the topic, whose target groups include the target group (an
    offer without target groups is for all of them) and whose Kreise include the Kreis. The
    caller resolves an offer without Kreise to the Kreise its actor serves; an offer whose
    actor serves no Kreis covers nothing. `actors` counts the distinct actors behind the offers.

Gap score
    The firms of the cell that the offers cannot serve, assuming one offer serves
    FIRMS_PER_OFFER firms: max(0, demand_firms − offers × FIRMS_PER_OFFER). A cell with demand
    and no offer scores its whole demand, so gaps rank by demand; ties go to the cell with
    more employees concerned.

Status: "gap" (demand, no offer), "short" (demand, too few offers), "covered" (demand, enough
offers), "unused" (offers, no demand), "" (neither).

Candidates (who could fill a gap), best first, at most MAX_CANDIDATES, none of them already
offering in the cell:
    1. "neighbour"   – offers the topic to the target group in a neighbouring Kreis,
    2. "other_group" – offers the topic in this Kreis, to another target group,
    3. "profile"     – serves this Kreis and the topic (and target group) but has no offer yet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .vocab import (
    APPRENTICES,
    HR,
    LOW_SKILLED,
    MANAGEMENT,
    OLDER,
    SKILLED,
    TARGET_GROUPS,
    TEAM_LEADERS,
    WORKS_COUNCIL,
)

# The topics of the transformation check (anett.assessment.models.Topic), in display order.
TOPICS = (
    "drivetrain",
    "digital",
    "skills",
    "labour",
    "energy",
    "business_model",
    "financing",
    "work_org",
    "succession",
)

# Which target groups a need of a topic concerns. The reasoning, topic by topic:
# - drive-train change: management decides products and sites, the works council negotiates
#   the change, skilled workers need new skills (e.g. high-voltage, electronics);
# - digitalisation: management invests, skilled workers and team leaders use the new
#   systems, employees 45+ are the group most often left behind;
# - skills and qualification: HR plans it; skilled, low-skilled and 45+ employees take part;
# - skilled labour and demography: management and HR recruit, apprentices are the supply,
#   employees 45+ are the retirement wave;
# - energy and decarbonisation: management invests, team leaders run the shop floor;
# - business model, financing, succession: management;
# - work organisation and co-determination: works council, team leaders, HR.
TOPIC_TARGET_GROUPS: dict[str, tuple[str, ...]] = {
    "drivetrain": (MANAGEMENT, WORKS_COUNCIL, SKILLED),
    "digital": (MANAGEMENT, SKILLED, TEAM_LEADERS, OLDER),
    "skills": (HR, SKILLED, LOW_SKILLED, OLDER),
    "labour": (MANAGEMENT, HR, APPRENTICES, OLDER),
    "energy": (MANAGEMENT, TEAM_LEADERS),
    "business_model": (MANAGEMENT,),
    "financing": (MANAGEMENT,),
    "work_org": (WORKS_COUNCIL, TEAM_LEADERS, HR),
    "succession": (MANAGEMENT,),
}

NEED_THRESHOLD = 50
FIRMS_PER_OFFER = 25
MAX_CANDIDATES = 5

GAP, SHORT, COVERED, UNUSED = "gap", "short", "covered", "unused"
NEIGHBOUR, OTHER_GROUP, PROFILE = "neighbour", "other_group", "profile"
_REASON_RANK = {NEIGHBOUR: 0, OTHER_GROUP: 1, PROFILE: 2}
_STATUS_RANK = {GAP: 0, SHORT: 1, COVERED: 2, UNUSED: 3, "": 4}


@dataclass(frozen=True, slots=True)
class Offer:
    id: int
    actor_id: int
    topics: frozenset[str]
    target_groups: frozenset[str]  # empty: for all target groups
    kreise: frozenset[str]  # AGS


@dataclass(frozen=True, slots=True)
class Actor:
    id: int
    name: str
    kreise: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    target_groups: frozenset[str] = frozenset()  # empty: all


@dataclass(slots=True)
class Demand:
    firms: int = 0
    employees: int = 0


@dataclass(frozen=True, slots=True)
class Candidate:
    actor_id: int
    name: str
    reason: str  # NEIGHBOUR, OTHER_GROUP or PROFILE
    kreis: str = ""  # the neighbouring Kreis (AGS) for NEIGHBOUR


@dataclass(slots=True)
class Cell:
    kreis_ags: str
    kreis: str
    topic: str
    target_group: str
    demand_firms: int
    demand_employees: int
    offers: int
    actors: int
    gap_score: int
    status: str
    candidates: tuple[Candidate, ...] = ()


@dataclass(slots=True)
class TopicCell:
    """Kreis × topic, all target groups together (the heat map)."""

    kreis_ags: str
    topic: str
    demand_firms: int
    demand_employees: int
    offers: int
    actors: int
    gap_score: int  # the largest gap score among the topic's target groups
    status: str


@dataclass
class Result:
    cells: list[Cell]  # every cell, highest gap score first
    by_kreis_topic: dict[tuple[str, str], TopicCell] = field(default_factory=dict)

    @property
    def gaps(self) -> list[Cell]:
        return [c for c in self.cells if c.gap_score > 0]


def demand_from_firms(
    firms: Iterable[tuple[str | None, int | None, Iterable[tuple[str, int]]]],
    threshold: int = NEED_THRESHOLD,
) -> dict[tuple[str, str], Demand]:
    """(kreis AGS, employees, [(topic, level), …]) per firm -> demand per (AGS, topic).

    A firm counts once per topic even if it lists the topic twice; firms without Kreis are
    left out (they cannot be placed in the matrix).
    """
    out: dict[tuple[str, str], Demand] = {}
    for ags, employees, needs in firms:
        if not ags:
            continue
        seen = set()
        for topic, level in needs:
            if level is None or level < threshold or topic in seen:
                continue
            seen.add(topic)
            d = out.get((ags, topic))
            if d is None:
                d = out[(ags, topic)] = Demand()
            d.firms += 1
            d.employees += employees or 0
    return out


class Supply:
    """Offers and actors per cell, for the Kreise in `kreise` (None: all), plus the actor
    profiles (Kreis × topic) and names that the candidates need. Built once per set of
    offers and actors; `analyse` can reuse it for any demand."""

    def __init__(
        self, offers: Iterable[Offer], actors: Iterable[Actor] = (), kreise: set[str] | None = None
    ):
        self.offers: dict[tuple[str, str, str], int] = defaultdict(int)
        self.actors: dict[tuple[str, str, str], set[int]] = defaultdict(set)
        # (Kreis, topic) -> offers and actors for any target group
        self.offers_kt: dict[tuple[str, str], set[int]] = defaultdict(set)
        self.actors_kt: dict[tuple[str, str], set[int]] = defaultdict(set)
        all_groups = frozenset(TARGET_GROUPS)
        for offer in offers:
            where = offer.kreise if kreise is None else offer.kreise & kreise
            if not where or not offer.topics:
                continue
            groups = offer.target_groups or all_groups
            a = offer.actor_id
            for ags in where:
                for topic in offer.topics:
                    self.offers_kt[(ags, topic)].add(offer.id)
                    self.actors_kt[(ags, topic)].add(a)
                    for g in groups:
                        key = (ags, topic, g)
                        self.offers[key] += 1
                        self.actors[key].add(a)
        self.names: dict[int, str] = {}
        self.profiles: dict[tuple[str, str], list[Actor]] = defaultdict(list)
        for actor in actors:
            self.names[actor.id] = actor.name
            where = actor.kreise if kreise is None else actor.kreise & kreise
            for ags in where:
                for topic in actor.topics:
                    self.profiles[(ags, topic)].append(actor)


def _status(demand: int, offers: int, score: int) -> str:
    if demand:
        if not offers:
            return GAP
        return SHORT if score else COVERED
    return UNUSED if offers else ""


def gap_score(demand_firms: int, offers: int, firms_per_offer: int = FIRMS_PER_OFFER) -> int:
    return max(0, demand_firms - offers * firms_per_offer)


def analyse(
    kreise: Sequence[tuple[str, str]],
    demand: Mapping[tuple[str, str], Demand],
    offers: Iterable[Offer] = (),
    actors: Iterable[Actor] = (),
    neighbours: Mapping[str, Iterable[str]] | None = None,
    *,
    firms_per_offer: int = FIRMS_PER_OFFER,
    max_candidates: int = MAX_CANDIDATES,
    topics: Sequence[str] = TOPICS,
    target_groups: Sequence[str] = TARGET_GROUPS,
    supply: Supply | None = None,
) -> Result:
    """The gap table of the Kreise `kreise` ((AGS, name) pairs, in display order).

    `demand` maps (AGS, topic) to the firms with that need (see `demand_from_firms`);
    `neighbours` maps an AGS to the AGS of its neighbouring Kreise. A prebuilt `supply`
    (covering at least these Kreise and their neighbours) replaces `offers` and `actors`.
    """
    neighbours = neighbours or {}
    if supply is None:
        supply = Supply(offers, actors, near_kreise([ags for ags, _n in kreise], neighbours))

    cells: list[Cell] = []
    by_kt: dict[tuple[str, str], TopicCell] = {}
    empty = Demand()
    for ags, name in kreise:
        for topic in topics:
            concerned = TOPIC_TARGET_GROUPS.get(topic, ())
            d_topic = demand.get((ags, topic), empty)
            worst = 0
            for g in target_groups:
                d = d_topic if g in concerned else empty
                key = (ags, topic, g)
                n_offers = supply.offers.get(key, 0)
                cell_actors = supply.actors.get(key, set())
                score = gap_score(d.firms, n_offers, firms_per_offer)
                worst = max(worst, score)
                cands: tuple[Candidate, ...] = ()
                if score and max_candidates:
                    cands = _candidates(ags, topic, g, supply, neighbours, cell_actors)[
                        :max_candidates
                    ]
                cells.append(
                    Cell(
                        ags,
                        name,
                        topic,
                        g,
                        d.firms,
                        d.employees,
                        n_offers,
                        len(cell_actors),
                        score,
                        _status(d.firms, n_offers, score),
                        cands,
                    )
                )
            kt_offers = len(supply.offers_kt.get((ags, topic), ()))
            by_kt[(ags, topic)] = TopicCell(
                ags,
                topic,
                d_topic.firms,
                d_topic.employees,
                kt_offers,
                len(supply.actors_kt.get((ags, topic), ())),
                worst,
                _topic_status(d_topic.firms, kt_offers, worst, concerned, supply, ags, topic),
            )
    order = {ags: i for i, (ags, _n) in enumerate(kreise)}
    t_order = {t: i for i, t in enumerate(topics)}
    g_order = {g: i for i, g in enumerate(target_groups)}
    cells.sort(
        key=lambda c: (
            -c.gap_score,
            -c.demand_employees if c.gap_score else 0,
            _STATUS_RANK[c.status],
            order[c.kreis_ags],
            t_order[c.topic],
            g_order[c.target_group],
        )
    )
    return Result(cells, by_kt)


def _topic_status(demand, offers, worst, concerned, supply, ags, topic) -> str:
    if not demand:
        return UNUSED if offers else ""
    if worst == 0:
        return COVERED
    # A gap when no concerned target group has any offer.
    if all(not supply.offers.get((ags, topic, g)) for g in concerned):
        return GAP
    return SHORT


def near_kreise(scope: Iterable[str], neighbours: Mapping[str, Iterable[str]]) -> set[str]:
    """The Kreise in scope and their neighbours: all the analysis of `scope` looks at."""
    near = set(scope)
    for ags in list(near):
        near.update(neighbours.get(ags, ()))
    return near


def _candidates(ags, topic, group, supply, neighbours, exclude):
    found: dict[int, tuple[str, str]] = {}
    for n in sorted(neighbours.get(ags, ())):
        for a in supply.actors.get((n, topic, group), ()):
            if a not in exclude and a not in found:
                found[a] = (NEIGHBOUR, n)
    for a in supply.actors_kt.get((ags, topic), ()):
        if a not in exclude and a not in found:
            found[a] = (OTHER_GROUP, "")
    for actor in supply.profiles.get((ags, topic), ()):
        a = actor.id
        if a in exclude or a in found:
            continue
        if actor.target_groups and group not in actor.target_groups:
            continue
        found[a] = (PROFILE, "")
    names = supply.names
    ranked = sorted(
        found.items(), key=lambda kv: (_REASON_RANK[kv[1][0]], names.get(kv[0], ""), kv[0])
    )
    return tuple(Candidate(a, names.get(a, str(a)), reason, k) for a, (reason, k) in ranked)


def suppress_small(cells: Iterable[Cell], min_size: int) -> list[Cell]:
    """Cells for partners: drop the gap list entries with 1 … min_size-1 firms.

    Used for the ranked list only; the heat map marks such cells instead (see views).
    """
    return [c for c in cells if not (0 < c.demand_firms < min_size)]
