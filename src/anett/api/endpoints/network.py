"""Actors and offers of the network. Offers are the public catalogue (every role; partners
see active offers without named contact persons); actors are for the register roles, as in
the UI."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from anett.network import vocab
from anett.network.models import Actor, Offer
from anett.regions.models import Kreis

from ..schemas import ActorOut, ActorPage, OfferOut, OfferPage
from .common import REGISTER, PagingQuery, kreis_ref, page, require_role, responses

router = Router(tags=["Netzwerk"])


def _codes(value: str | None, options, field: str) -> str | None:
    if value is None:
        return None
    allowed = {code for code, _label in options}
    if value not in allowed:
        raise HttpError(422, f"Unbekannter Wert für „{field}“: {value}")
    return value


def _words(qs, fields, text: str):
    for word in text.split():
        q = Q()
        for f in fields:
            q |= Q(**{f"{f}__icontains": word})
        qs = qs.filter(q)
    return qs


def actor_dict(a: Actor) -> dict:
    return {
        "id": a.pk,
        "name": a.name,
        "short_name": a.short_name,
        "kind": a.kind,
        "kind_label": vocab.label(vocab.ACTOR_KIND_CHOICES, a.kind),
        "description": a.description,
        "website": a.website,
        "email": a.email,
        "phone": a.phone,
        "address": a.address,
        "seat": kreis_ref(a.seat),
        "kreise": [kreis_ref(k) for k in a.kreise.all()],
        "topics": a.topics,
        "target_groups": a.target_groups,
        "active": a.active,
    }


class ActorFilter(Schema):
    q: str | None = Field(None, max_length=100, description="Name oder Kurzname")
    kind: str | None = Field(None, description="Art des Akteurs (Code)")
    topic: str | None = Field(None, description="Thema (Code)")
    kreis: str | None = Field(None, description="AGS eines betreuten Kreises")
    region: str | None = Field(None, description="Kurzname einer Region")


@router.get("/actors", response=responses(ActorPage, 403, 422), summary="Akteure")
def actors(request, filters: Query[ActorFilter], paging: PagingQuery):
    """Actors of the network (register roles)."""
    from anett.assessment.models import Topic

    require_role(request, REGISTER)
    qs = Actor.objects.select_related("seat").prefetch_related("kreise").order_by("name", "id")
    if filters.q:
        qs = _words(qs, ["name", "short_name"], filters.q)
    if _codes(filters.kind, vocab.ACTOR_KIND_CHOICES, "kind"):
        qs = qs.filter(kind=filters.kind)
    if _codes(filters.topic, Topic.choices, "topic"):
        qs = qs.filter(topics__has=filters.topic)
    if filters.kreis:
        qs = qs.filter(kreise__ags=filters.kreis)
    if filters.region:
        qs = qs.filter(kreise__regions__slug=filters.region).distinct()
    return page(qs, paging, actor_dict)


@router.get("/actors/{actor_id}", response=responses(ActorOut, 403, 404), summary="Ein Akteur")
def actor(request, actor_id: int):
    require_role(request, REGISTER)
    return actor_dict(
        get_object_or_404(
            Actor.objects.select_related("seat").prefetch_related("kreise"), pk=actor_id
        )
    )


def offer_dict(o: Offer, *, with_person: bool) -> dict:
    kreise = list(o.kreise.all())
    person = o.contact_person if with_person else None
    return {
        "id": o.pk,
        "title": o.title,
        "kind": o.kind,
        "kind_label": vocab.label(vocab.OFFER_KIND_CHOICES, o.kind),
        "description": o.description,
        "actor": {
            "id": o.actor.pk,
            "name": o.actor.name,
            "short_name": o.actor.short_name,
            "kind": o.actor.kind,
        },
        "topics": o.topics,
        "target_groups": o.target_groups,
        "formats": o.formats,
        "cost": o.cost,
        "cost_note": o.cost_note,
        "languages": o.languages,
        "kreise": [kreis_ref(k) for k in (kreise or o.actor.kreise.all())],
        "kreise_from_actor": not kreise,
        "url": o.url,
        "links": o.link_list,
        "contact": o.contact,
        "contact_person": (
            {
                "name": str(person),
                "function": person.function,
                "email": person.email,
                "phone": person.phone,
            }
            if person is not None
            else None
        ),
        "funding_programme": o.funding_programme,
        "active": o.active,
    }


class OfferFilter(Schema):
    q: str | None = Field(None, max_length=100, description="Titel, Akteur, Text")
    kind: str | None = Field(None, description="Angebotsart (Code)")
    topic: str | None = Field(None, description="Thema (Code)")
    target_group: str | None = Field(None, description="Zielgruppe (Code)")
    format: str | None = Field(None, description="Format (Code)")
    cost: str | None = Field(None, description="Kosten (Code)")
    region: str | None = Field(None, description="Kurzname einer Region")
    actor: int | None = Field(None, description="Id eines Akteurs")


def _offers(request):
    qs = Offer.objects.select_related("actor", "contact_person").prefetch_related(
        "kreise", "actor__kreise"
    )
    if not request.user.can_see_register:
        qs = qs.filter(active=True)
    return qs


@router.get("/offers", response=responses(OfferPage, 422), summary="Angebote")
def offers(request, filters: Query[OfferFilter], paging: PagingQuery):
    """The offer catalogue (active offers), filtered like the page “Angebote”."""
    from anett.assessment.models import Topic

    qs = _offers(request).filter(active=True).order_by("title", "id")
    if filters.q:
        qs = _words(qs, ["title", "description", "actor__name", "actor__short_name"], filters.q)
    if _codes(filters.kind, vocab.OFFER_KIND_CHOICES, "kind"):
        qs = qs.filter(kind=filters.kind)
    if _codes(filters.topic, Topic.choices, "topic"):
        qs = qs.filter(topics__has=filters.topic)
    if _codes(filters.target_group, vocab.TARGET_GROUP_CHOICES, "target_group"):
        # No target group ticked means "for all target groups" (as the page filters).
        qs = qs.filter(Q(target_groups__has=filters.target_group) | Q(target_groups=""))
    if _codes(filters.format, vocab.FORMAT_CHOICES, "format"):
        qs = qs.filter(formats__has=filters.format)
    if _codes(filters.cost, vocab.COST_CHOICES, "cost"):
        qs = qs.filter(cost=filters.cost)
    if filters.region:
        ids = list(Kreis.objects.filter(regions__slug=filters.region).values_list("id", flat=True))
        qs = qs.filter(Q(kreise__in=ids) | Q(kreise__isnull=True, actor__kreise__in=ids)).distinct()
    if filters.actor is not None:
        qs = qs.filter(actor_id=filters.actor)
    with_person = request.user.can_see_register
    return page(qs, paging, lambda o: offer_dict(o, with_person=with_person))


@router.get("/offers/{offer_id}", response=responses(OfferOut, 404), summary="Ein Angebot")
def offer(request, offer_id: int):
    o = get_object_or_404(_offers(request), pk=offer_id)
    return offer_dict(o, with_person=request.user.can_see_register)
