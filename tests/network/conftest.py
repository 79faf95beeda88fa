"""Helpers for the network tests: needs, actors and offers in a few lines."""

import pytest

from anett.assessment.models import Need
from anett.network.models import Actor, Offer
from anett.regions.models import Kreis

from ..conftest import make_company

SOEMMERDA = "16068"


def kreise(*ags):
    return list(Kreis.objects.filter(ags__in=ags))


def firm_with_need(name=None, *, ags="16063", topic="succession", level=80, employees=40, **kw):
    company = make_company(name, ags=ags, employees_site=employees, **kw)
    Need.objects.create(company=company, topic=topic, level=level, source="manual")
    return company


def make_actor(name="Testakteur", *, ags=(), topics=(), groups=(), kind="chamber", **kw):
    actor = Actor.objects.create(
        name=name, kind=kind, topics=list(topics), target_groups=list(groups), **kw
    )
    if ags:
        actor.kreise.set(kreise(*ags))
    return actor


def make_offer(actor, title="Testangebot", *, topics=("succession",), groups=(), ags=(), **kw):
    kw.setdefault("kind", "advice")
    offer = Offer.objects.create(
        actor=actor, title=title, topics=list(topics), target_groups=list(groups), **kw
    )
    if ags:
        offer.kreise.set(kreise(*ags))
    return offer


@pytest.fixture
def helpers(db):
    class H:
        firm_with_need = staticmethod(firm_with_need)
        actor = staticmethod(make_actor)
        offer = staticmethod(make_offer)

    return H


@pytest.fixture(autouse=True)
def _without_seed_actors(request):
    """`load_reference` seeds the real institutions; these tests build their own small
    networks whose answers are known, so they start without the seed."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        Actor.objects.all().delete()
