"""Matching: for each need of a firm, the offers of the network's actors and the funding
programmes that fit, ranked, each with its reasons.

Plain Python (no Django imports). The views adapt the ORM to the dataclasses below, run the
funding engine for a *standard measure* of the firm (`standard_case`) and turn the reason
codes into German text; this module only decides what fits and why.

Ranking of offers for one need (`rank_offers`)
- Tier first: an offer that covers the need's topic always ranks above one that only comes
  from an actor working on the topic (`TIER_TOPIC` > `TIER_ACTOR`). Offers with neither are
  left out.
- Then the score (0–100), the sum of the reason points: topic, place (the firm's Kreis, a
  neighbouring Kreis, or online), target groups (open to all; reaches a firm without a works
  council; aimed at works councils only while the firm has none), in the firm for an SME,
  cost (free of charge, subsidised), and the funding programme the offer stands for.
- Ties: actor, title, id – the order never depends on the input order.

Ranking of programmes for one need (`rank_programmes`)
- Only programmes the topic map names for the topic and the coordinators offer.
- Score from the topic fit (main instrument or supporting), the engine's status for the
  standard measure (eligible > to be checked), an estimated amount and a legal entitlement.
  Programmes the engine finds not eligible are listed separately with the engine's reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

# --- vocabulary (codes shared with assessment.Topic, network.vocab) --------------------------

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
WORKS_COUNCIL = "works_council"
MANAGEMENT_GROUPS = frozenset({"management", "hr"})

ELIGIBLE, CHECK, NOT_ELIGIBLE = "eligible", "check", "not_eligible"
NO_FACTS = "no_facts"  # the firm's facts do not suffice for the engine

# Programme relevance per topic: 2 = a main instrument, 1 = can support.
TOPIC_PROGRAMMES: dict[str, dict[str, int]] = {
    "drivetrain": {"sgb3-82a": 2, "sgb3-82": 2, "th-fwrl-anpassung": 1, "bafa-beratung": 1},
    "digital": {
        "sgb3-82": 2,
        "th-fwrl-anpassung": 2,
        "th-weiterbildungsscheck": 1,
        "bafa-beratung": 1,
        "inqa-coaching": 1,
        "go-digital": 1,
    },
    "skills": {
        "sgb3-82": 2,
        "th-fwrl-anpassung": 2,
        "th-weiterbildungsscheck": 2,
        "sgb3-82a": 1,
        "th-bildungsfreistellung": 1,
        "afbg": 1,
        "bildungspraemie": 1,
    },
    "labour": {
        "sgb3-82": 2,
        "inqa-coaching": 1,
        "th-weiterbildungsscheck": 1,
        "afbg": 1,
        "th-meisterbonus": 1,
    },
    "energy": {"bafa-beratung": 2, "th-fwrl-anpassung": 1},
    "business_model": {"bafa-beratung": 2, "inqa-coaching": 1},
    "financing": {"bafa-beratung": 2},
    "work_org": {"inqa-coaching": 2, "bafa-beratung": 1},
    "succession": {"bafa-beratung": 2, "afbg": 1, "th-meisterbonus": 1},
}

# Points of each reason (the score is their sum, clipped to 0–100).
POINTS = {
    "topic": 45,
    "actor_topic": 15,
    "kreis": 25,
    "neighbour": 15,
    "online": 10,
    "elsewhere": 0,
    "no_region": 0,
    "all_groups": 10,
    "groups_no_wc": 10,
    "groups_wc": 10,
    "groups": 5,
    "needs_wc": -20,
    "in_firm_sme": 5,
    "free": 10,
    "funded": 6,
    "programme_eligible": 5,
    "programme_check": 2,
    "programme_not_eligible": -5,
    # programmes
    "main_instrument": 35,
    "supports": 20,
    ELIGIBLE: 40,
    CHECK: 25,
    NO_FACTS: 10,
    "amount": 10,
    "entitlement": 5,
}

TIER_TOPIC, TIER_ACTOR = 2, 1


# --- inputs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Firm:
    ags: str = ""  # AGS of the firm's (today's) Kreis, "" when unknown
    neighbours: frozenset[str] = frozenset()  # AGS of the neighbouring Kreise
    sme: bool | None = None  # None: not known
    works_council: bool | None = None
    employees: int | None = None
    branch_group: str = ""


@dataclass(frozen=True)
class NeedIn:
    topic: str
    level: int
    source: str = "check"
    causes: tuple[str, ...] = ()
    id: int | None = None


@dataclass(frozen=True)
class OfferIn:
    id: int
    title: str
    actor: str
    topics: frozenset[str]
    actor_topics: frozenset[str] = frozenset()
    target_groups: frozenset[str] = frozenset()  # empty: all target groups
    kreise: frozenset[str] = frozenset()  # the offer's districts, else its actor's
    kind: str = "advice"
    cost: str = "unknown"
    formats: frozenset[str] = frozenset()
    programme: str = ""


@dataclass(frozen=True)
class ProgrammeIn:
    id: str
    title: str
    legal_basis: str = ""
    kinds: tuple[str, ...] = ()
    offered: bool = True


@dataclass(frozen=True)
class ProgrammeResult:
    """What the engine said for the standard measure of the programme's kind."""

    status: str  # eligible, check, not_eligible
    kind: str = ""
    total_eur: float = 0.0
    entitlement: bool = False
    open_count: int = 0
    first_failure: str = ""  # the engine's text of the first failed condition


# --- outputs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    params: tuple[tuple[str, str], ...] = ()

    def param(self, key: str, default: str = "") -> str:
        return dict(self.params).get(key, default)


@dataclass(frozen=True)
class Ranked:
    id: object  # offer id (int) or programme id (str)
    score: int
    tier: int
    reasons: tuple[Reason, ...]
    status: str = ""  # programmes: engine status


@dataclass
class NeedMatch:
    need: NeedIn
    offers: list[Ranked] = field(default_factory=list)
    programmes: list[Ranked] = field(default_factory=list)
    not_eligible: list[Ranked] = field(default_factory=list)


def _reason(code: str, **params) -> Reason:
    return Reason(code, POINTS[code], tuple(sorted((k, str(v)) for k, v in params.items())))


def _score(reasons: Iterable[Reason]) -> int:
    return max(0, min(100, sum(r.points for r in reasons)))


# --- offers -------------------------------------------------------------------------------


def offer_reasons(
    firm: Firm,
    need: NeedIn,
    offer: OfferIn,
    programme_results: Mapping[str, ProgrammeResult] | None = None,
) -> tuple[int, list[Reason]]:
    """(tier, reasons) of one offer for one need; tier 0 means the offer does not fit."""
    reasons: list[Reason] = []
    if need.topic in offer.topics:
        tier = TIER_TOPIC
        reasons.append(_reason("topic", topic=need.topic))
    elif need.topic in offer.actor_topics:
        tier = TIER_ACTOR
        reasons.append(_reason("actor_topic", topic=need.topic))
    else:
        return 0, []

    near = offer.kreise & firm.neighbours
    if firm.ags and firm.ags in offer.kreise:
        reasons.append(_reason("kreis", kreis=firm.ags))
    elif near:
        reasons.append(_reason("neighbour", kreise=",".join(sorted(near))))
    elif "online" in offer.formats:
        reasons.append(_reason("online"))
    elif offer.kreise:
        reasons.append(_reason("elsewhere"))
    else:
        reasons.append(_reason("no_region"))

    groups = offer.target_groups
    if not groups:
        reasons.append(_reason("all_groups"))
    elif groups == {WORKS_COUNCIL} and firm.works_council is False:
        reasons.append(_reason("needs_wc"))
    elif firm.works_council is False and groups - {WORKS_COUNCIL}:
        reasons.append(_reason("groups_no_wc", groups=",".join(sorted(groups - {WORKS_COUNCIL}))))
    elif firm.works_council is True and WORKS_COUNCIL in groups:
        reasons.append(_reason("groups_wc"))
    else:
        reasons.append(_reason("groups", groups=",".join(sorted(groups))))

    if firm.sme and "in_firm" in offer.formats:
        reasons.append(_reason("in_firm_sme"))
    if offer.cost == "free":
        reasons.append(_reason("free"))
    elif offer.cost == "funded":
        reasons.append(_reason("funded"))

    if offer.programme and programme_results:
        res = programme_results.get(offer.programme)
        if res is not None and res.status == ELIGIBLE:
            reasons.append(_reason("programme_eligible", programme=offer.programme))
        elif res is not None and res.status == CHECK:
            reasons.append(_reason("programme_check", programme=offer.programme))
        elif res is not None and res.status == NOT_ELIGIBLE:
            reasons.append(_reason("programme_not_eligible", programme=offer.programme))
    return tier, reasons


def rank_offers(
    firm: Firm,
    need: NeedIn,
    offers: Iterable[OfferIn],
    programme_results: Mapping[str, ProgrammeResult] | None = None,
    limit: int | None = None,
) -> list[Ranked]:
    ranked = []
    names = {}
    for offer in offers:
        tier, reasons = offer_reasons(firm, need, offer, programme_results)
        if not tier:
            continue
        names[offer.id] = (offer.actor.casefold(), offer.title.casefold())
        ranked.append(Ranked(offer.id, _score(reasons), tier, tuple(reasons)))
    ranked.sort(key=lambda r: (-r.tier, -r.score, *names[r.id], r.id))
    return ranked[:limit] if limit is not None else ranked


# --- programmes ---------------------------------------------------------------------------


def programme_reasons(
    need: NeedIn, programme: ProgrammeIn, result: ProgrammeResult | None
) -> tuple[int, list[Reason], str]:
    """(relevance, reasons, status) of a programme for a need; relevance 0: not relevant."""
    relevance = TOPIC_PROGRAMMES.get(need.topic, {}).get(programme.id, 0)
    if not relevance or not programme.offered:
        return 0, [], ""
    reasons = [
        _reason("main_instrument" if relevance == 2 else "supports", topic=need.topic),
    ]
    if result is None:
        reasons.append(_reason(NO_FACTS, basis=programme.legal_basis))
        return relevance, reasons, NO_FACTS
    if result.status == NOT_ELIGIBLE:
        reasons.append(
            Reason(
                NOT_ELIGIBLE,
                0,
                (
                    ("basis", programme.legal_basis),
                    ("kind", result.kind),
                    ("why", result.first_failure),
                ),
            )
        )
        return relevance, reasons, NOT_ELIGIBLE
    if result.status == ELIGIBLE:
        reasons.append(_reason(ELIGIBLE, kind=result.kind, basis=programme.legal_basis))
    else:
        reasons.append(
            _reason(CHECK, kind=result.kind, basis=programme.legal_basis, n=result.open_count)
        )
    if result.total_eur > 0:
        reasons.append(_reason("amount", eur=f"{result.total_eur:.2f}", kind=result.kind))
    if result.entitlement:
        reasons.append(_reason("entitlement"))
    return relevance, reasons, result.status


def rank_programmes(
    need: NeedIn,
    programmes: Sequence[ProgrammeIn],
    results: Mapping[str, ProgrammeResult | None],
) -> tuple[list[Ranked], list[Ranked]]:
    """(fitting programmes ranked, programmes of the topic that are not eligible)."""
    order = {p.id: i for i, p in enumerate(programmes)}
    fitting, excluded = [], []
    for p in programmes:
        relevance, reasons, status = programme_reasons(need, p, results.get(p.id))
        if not relevance:
            continue
        ranked = Ranked(p.id, _score(reasons), relevance, tuple(reasons), status)
        (excluded if status == NOT_ELIGIBLE else fitting).append(ranked)
    fitting.sort(key=lambda r: (-r.score, -r.tier, order[r.id]))
    excluded.sort(key=lambda r: order[r.id])
    return fitting, excluded


# --- the whole firm -----------------------------------------------------------------------


def match(
    firm: Firm,
    needs: Iterable[NeedIn],
    offers: Sequence[OfferIn],
    programmes: Sequence[ProgrammeIn],
    results: Mapping[str, ProgrammeResult | None],
    *,
    offer_limit: int | None = 8,
) -> list[NeedMatch]:
    """Per need (highest level first, then topic), the ranked offers and programmes."""
    out = []
    for need in sorted(needs, key=lambda n: (-n.level, n.topic)):
        fitting, excluded = rank_programmes(need, programmes, results)
        out.append(
            NeedMatch(
                need=need,
                offers=rank_offers(firm, need, offers, results, offer_limit),
                programmes=fitting,
                not_eligible=excluded,
            )
        )
    return out


# --- the standard measure of a firm ----------------------------------------------------------

# What the engine is asked when a firm has no planned measure yet: a typical continuing
# education course (160 hours, 4,000 EUR per participant, one participant of 40), a consulting
# project (5 days, 4,000 EUR fee) and a coaching (8 days at 1,000 EUR). The application is
# filed in two weeks, the measure starts in two months.
STANDARD_MEASURES = {
    "training": {"hours": 160, "course_costs_eur": 4000},
    "consulting": {"days": 5, "consulting_fee_eur": 4000},
    "coaching": {"days": 8, "day_rate_eur": 1000},
}
STANDARD_PARTICIPANTS = {"training": [{"age": 40}], "consulting": [], "coaching": [{"age": 40}]}
REQUIRED_FIRM_FACTS = ("employees", "land")


def missing_firm_facts(firm_case: Mapping) -> list[str]:
    """Facts the standard measure needs and the company record lacks."""
    missing = []
    if firm_case.get("employees_establishment") is None and (
        firm_case.get("employees_enterprise") is None
    ):
        missing.append("employees")
    if not firm_case.get("land"):
        missing.append("land")
    return missing


def standard_kind(kinds: Sequence[str]) -> str | None:
    """The kind of standard measure a programme is evaluated for (None: not covered)."""
    for kind in ("training", "consulting", "coaching"):
        if kind in kinds:
            return kind
    return None


def standard_case(firm_case: Mapping, kind: str, day: date) -> dict:
    """A case file (the shape `case.parse_case` reads) of the standard measure."""
    return {
        "date": day.isoformat(),
        "firm": dict(firm_case),
        "participants": [dict(p) for p in STANDARD_PARTICIPANTS[kind]],
        "measure": {
            "kind": kind,
            **STANDARD_MEASURES[kind],
            "application": (day + timedelta(days=14)).isoformat(),
            "start": (day + timedelta(days=60)).isoformat(),
        },
    }


def result_from_engine(res: Mapping, kind: str) -> ProgrammeResult:
    """Condense one programme result of `engine.evaluate`."""
    reasons = res.get("reasons", [])
    failed = next((r["text"] for r in reasons if r.get("outcome") == "failed"), "")
    open_count = sum(1 for r in reasons if r.get("outcome") in ("unknown", "check"))
    open_count += len(res.get("unverified", []))
    return ProgrammeResult(
        status=res["status"],
        kind=kind,
        total_eur=float(res.get("total_eur") or 0),
        entitlement=bool(res.get("entitlement")),
        open_count=open_count,
        first_failure=failed,
    )
