"""Adapters between the ORM and the plain modules (gaps, graph), and referral actions."""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q, Sum
from django.utils import timezone

from anett.assessment.models import Need
from anett.companies.models import Activity, Company
from anett.regions.models import Kreis, Region

from . import gaps, graph, vocab
from .models import Actor, ActorRelation, Membership, Offer, Referral
from .neighbours import kreis_neighbours

# --- scope -------------------------------------------------------------------------------


def default_region() -> Region | None:
    """The region a page opens with: the first pilot region, else the first region."""
    return Region.objects.filter(kind="pilot").order_by("name").first() or (
        Region.objects.order_by("name").first()
    )


def scope_kreise(region: Region | None) -> list[Kreis]:
    """Active Kreise of the region (all active Kreise without region), by name."""
    qs = region.kreise.filter(active=True) if region else Kreis.objects.filter(active=True)
    return list(qs.order_by("name"))


def _effective_ags() -> dict[int, str]:
    """Kreis id -> AGS of today's Kreis (merged Kreise count for the one they joined)."""
    out = {}
    rows = Kreis.objects.values_list("id", "ags", "merged_into__ags")
    for pk, ags, merged in rows:
        out[pk] = merged or ags
    return out


# --- gap analysis --------------------------------------------------------------------------


def demand(kreise: list[Kreis], threshold: int = gaps.NEED_THRESHOLD):
    """(AGS, topic) -> Demand from the current needs of the firms in these Kreise.

    One query: needs joined to their firms, grouped by Kreis and topic. A firm has at most
    one current need per topic (assessment.services keeps it so); firms are counted
    distinct all the same.
    """
    ids = [k.id for k in kreise]
    ids += list(Kreis.objects.filter(merged_into_id__in=ids).values_list("id", flat=True))
    rows = (
        Need.objects.filter(current=True, level__gte=threshold, company__kreis_id__in=ids)
        .values_list("company__kreis_id", "topic")
        .annotate(
            firms=Count("company_id", distinct=True), employees=Sum("company__employees_site")
        )
        .order_by()
    )
    ags_of = _effective_ags() if len(ids) > len(kreise) else {k.id: k.ags for k in kreise}
    out: dict[tuple[str, str], gaps.Demand] = {}
    for kreis_id, topic, firms, employees in rows:
        key = (ags_of[kreis_id], topic)
        d = out.setdefault(key, gaps.Demand())
        d.firms += firms
        d.employees += employees or 0
    return out


def supply_inputs(near_ags: set[str] | None = None):
    """Active offers and actors as the gap analysis sees them.

    An offer without districts covers the districts its actor serves. `near_ags` limits what
    is read to the Kreise in scope and their neighbours: offers with a district there, offers
    without districts whose actor serves one there, and the actors of both; None reads all.
    """
    actor_through = Actor.kreise.through.objects.filter(actor__active=True)
    offer_through = Offer.kreise.through.objects.filter(offer__active=True)
    offers_qs = Offer.objects.filter(active=True, actor__active=True)
    if near_ags is not None:
        actor_through = actor_through.filter(kreis__ags__in=near_ags)
        offer_through = offer_through.filter(kreis__ags__in=near_ags)
        has_kreise = Offer.kreise.through.objects.filter(offer_id=OuterRef("pk"))
        offers_qs = offers_qs.filter(
            Q(id__in=offer_through.values("offer_id"))
            | (Q(actor_id__in=actor_through.values("actor_id")) & ~Exists(has_kreise))
        )
    actor_kreise: dict[int, set[str]] = defaultdict(set)
    for actor_id, ags in actor_through.values_list("actor_id", "kreis__ags"):
        actor_kreise[actor_id].add(ags)
    offer_kreise: dict[int, set[str]] = defaultdict(set)
    for offer_id, ags in offer_through.values_list("offer_id", "kreis__ags"):
        offer_kreise[offer_id].add(ags)
    offers = []
    offer_actors = set()
    for pk, actor_id, topics, groups in offers_qs.values_list(
        "id", "actor_id", "topics", "target_groups"
    ):
        # An offer with districts covers those; one without, the districts of its actor.
        where = offer_kreise[pk] if pk in offer_kreise else actor_kreise.get(actor_id, ())
        offers.append(
            gaps.Offer(pk, actor_id, frozenset(topics), frozenset(groups), frozenset(where))
        )
        offer_actors.add(actor_id)
    actors_qs = Actor.objects.filter(active=True)
    if near_ags is not None:
        actors_qs = actors_qs.filter(id__in=offer_actors | set(actor_kreise))
    actors = [
        gaps.Actor(
            pk, short or name, frozenset(actor_kreise.get(pk, ())), frozenset(t), frozenset(g)
        )
        for pk, name, short, t, g in actors_qs.values_list(
            "id", "name", "short_name", "topics", "target_groups"
        )
    ]
    return offers, actors


def supply_version() -> tuple:
    """A fingerprint of everything the supply side depends on, from four cheap aggregates:
    offers and actors (count, last change) and their district links (count, last id).

    Every change through the app moves it: saving an offer or actor sets `updated_at`,
    deleting one lowers a count, changing its districts adds link rows (a higher last id) or
    removes some (a lower count). Bulk `QuerySet.update()` of offers or actors bypasses
    `updated_at`; code doing that must call `forget_supply()`.
    """
    offer_through, actor_through = Offer.kreise.through, Actor.kreise.through
    return (
        tuple(Offer.objects.aggregate(n=Count("id"), t=Max("updated_at")).values()),
        tuple(Actor.objects.aggregate(n=Count("id"), t=Max("updated_at")).values()),
        tuple(offer_through.objects.aggregate(n=Count("id"), m=Max("id")).values()),
        tuple(actor_through.objects.aggregate(n=Count("id"), m=Max("id")).values()),
    )


_SUPPLY_CACHE: OrderedDict = OrderedDict()
_SUPPLY_CACHE_SIZE = 16
_supply_lock = threading.Lock()


def forget_supply() -> None:
    with _supply_lock:
        _SUPPLY_CACHE.clear()


def supply_for(near: set[str] | None) -> gaps.Supply:
    """The supply of these Kreise (None: all), rebuilt only when `supply_version` moved.

    Offers and actors change when coordinators edit them, needs change all the time: the gap
    page reads the demand on every request and reuses the supply index (per process)."""
    key = (supply_version(), frozenset(near) if near is not None else None)
    with _supply_lock:
        hit = _SUPPLY_CACHE.get(key)
        if hit is not None:
            _SUPPLY_CACHE.move_to_end(key)
            return hit
    offers, actors = supply_inputs(near)
    supply = gaps.Supply(offers, actors, near)
    with _supply_lock:
        _SUPPLY_CACHE[key] = supply
        while len(_SUPPLY_CACHE) > _SUPPLY_CACHE_SIZE:
            _SUPPLY_CACHE.popitem(last=False)
    return supply


def gap_analysis(region: Region | None, *, max_candidates: int = gaps.MAX_CANDIDATES):
    kreise = scope_kreise(region)
    neighbours = kreis_neighbours()
    near = gaps.near_kreise([k.ags for k in kreise], neighbours) if region else None
    result = gaps.analyse(
        [(k.ags, k.name) for k in kreise],
        demand(kreise),
        neighbours=neighbours,
        max_candidates=max_candidates,
        supply=supply_for(near),
    )
    return kreise, result


# --- graph --------------------------------------------------------------------------------


@dataclass
class GraphScope:
    region: Region | None = None
    topic: str = ""
    actor_kind: str = ""


def network_graph(scope: GraphScope):
    """The graph of the filtered network and its metrics (see `graph`)."""
    firms_qs = Company.objects.all()
    if scope.region is not None:
        ids = [k.id for k in scope_kreise(scope.region)]
        firms_qs = firms_qs.filter(kreis_id__in=ids)
    if scope.topic:
        firms_qs = firms_qs.filter(
            id__in=Need.objects.filter(
                current=True, topic=scope.topic, level__gte=gaps.NEED_THRESHOLD
            ).values("company_id")
        )
    ags_of = _effective_ags()
    firms = [
        graph.FirmNode(pk, ags_of.get(kreis_id, "") if kreis_id else "", name)
        for pk, kreis_id, name in firms_qs.values_list("id", "kreis_id", "name")
    ]
    firm_ids = {f.id for f in firms}

    actors_qs = Actor.objects.filter(active=True)
    if scope.actor_kind:
        actors_qs = actors_qs.filter(kind=scope.actor_kind)
    if scope.topic:
        actors_qs = actors_qs.filter(
            Q(topics__has=scope.topic) | Q(offers__topics__has=scope.topic, offers__active=True)
        ).distinct()
    actor_rows = list(actors_qs.values_list("id", "name", "short_name", "kind"))
    actor_ids = {r[0] for r in actor_rows}

    links: list[tuple[int, int, str]] = []
    referrals = Referral.objects.filter(actor_id__in=actor_ids)
    if scope.topic:
        referrals = referrals.filter(topic=scope.topic)
    for a, c in referrals.values_list("actor_id", "company_id").order_by().distinct():
        if c in firm_ids:
            links.append((a, c, graph.REFERRAL))
    for a, c in Membership.objects.filter(actor_id__in=actor_ids).values_list(
        "actor_id", "company_id"
    ):
        if c in firm_ids:
            links.append((a, c, graph.MEMBERSHIP))
    actors_of_user: dict[int, list[int]] = defaultdict(list)
    for a, u in Actor.users.through.objects.filter(actor_id__in=actor_ids).values_list(
        "actor_id", "user_id"
    ):
        actors_of_user[u].append(a)
    if actors_of_user:
        pairs = (
            Activity.objects.filter(user_id__in=list(actors_of_user))
            .values_list("user_id", "company_id")
            .order_by()
            .distinct()
        )
        for u, c in pairs:
            if c in firm_ids:
                for a in actors_of_user[u]:
                    links.append((a, c, graph.ACTIVITY))

    if scope.region is not None:
        # Actors that neither serve the region nor reach a firm in it stay out of the view.
        serving = set(
            Actor.kreise.through.objects.filter(
                kreis__in=scope.region.kreise.all(), actor_id__in=actor_ids
            ).values_list("actor_id", flat=True)
        )
        reaching = {a for a, _c, _k in links}
        keep = serving | reaching
        actor_rows = [r for r in actor_rows if r[0] in keep]
        actor_ids = keep & actor_ids
    relations = [
        (s, t, k)
        for s, t, k in ActorRelation.objects.values_list("source_id", "target_id", "kind")
        if s in actor_ids and t in actor_ids
    ]
    g = graph.build(
        [graph.ActorNode(pk, short or name, kind) for pk, name, short, kind in actor_rows],
        firms,
        relations,
        links,
    )
    return g, graph.metrics(g)


# --- matching and referrals ------------------------------------------------------------------


def matching_offers(company: Company, topic: str, limit: int = 30) -> list[tuple[Offer, str]]:
    """Active offers of the topic, those for the firm's Kreis first, then neighbouring Kreise,
    then the rest. Returns (offer, where) with where in {"kreis", "neighbour", "elsewhere"}."""
    offers = list(
        Offer.objects.filter(active=True, actor__active=True, topics__has=topic)
        .select_related("actor")
        .prefetch_related("kreise", "actor__kreise")
    )
    ags = company.kreis.ags if company.kreis else ""
    if company.kreis and company.kreis.merged_into_id:
        ags = company.kreis.merged_into.ags
    near = kreis_neighbours().get(ags, frozenset())
    rank = {"kreis": 0, "neighbour": 1, "elsewhere": 2}
    out = []
    for offer in offers:
        where_set = {k.ags for k in offer.kreise.all()} or {k.ags for k in offer.actor.kreise.all()}
        if ags and ags in where_set:
            where = "kreis"
        elif where_set & near:
            where = "neighbour"
        else:
            where = "elsewhere"
        out.append((offer, where))
    out.sort(key=lambda ow: (rank[ow[1]], ow[0].actor.name, ow[0].title))
    return out[:limit]


@transaction.atomic
def create_referral(
    company: Company, offer: Offer, topic: str, user, need=None, note=""
) -> Referral:
    return Referral.objects.create(
        company=company,
        need=need,
        topic=topic,
        offer=offer,
        actor=offer.actor,
        offer_title=offer.title[:200],
        actor_name=offer.actor.name[:200],
        note=note,
        created_by=user,
    )


def record_consent(referral: Referral, *, purpose: str, date, source: str, user) -> None:
    referral.consent_purpose = purpose
    referral.consent_date = date
    referral.consent_source = source
    referral.consent_by = user
    referral.consent_recorded_at = timezone.now()
    referral.save()


def send_referral(referral: Referral, user) -> str:
    """Make the referral visible to the actor. With recorded consent the actor sees the firm,
    without it only the anonymous need (topic, Kreis, size class). Returns the disclosure."""
    referral.disclosure = vocab.FULL if referral.has_consent else vocab.ANONYMOUS
    referral.sent_at = timezone.now()
    referral.sent_by = user
    if referral.status == vocab.PROPOSED:
        referral.status = vocab.CONTACTED
    referral.save()
    return referral.disclosure


def referrals_for(user):
    """Referrals a user may see and edit: coordinators all, advisers those of their firms."""
    qs = Referral.objects.all()
    if not user.can_see_all_details:
        qs = qs.filter(company__in=Company.objects.for_detail(user))
    return qs


def inbox_for(user):
    """Referrals sent to the actors this user works for."""
    return Referral.objects.filter(
        sent_at__isnull=False, actor__in=Actor.objects.filter(users=user)
    )
