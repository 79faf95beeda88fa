"""Fixtures of the matching and measure-record tests: a small network of their own."""

import pytest

from anett.assessment.models import Need
from anett.network.models import Actor, Offer
from anett.regions.models import Kreis

from ..conftest import make_company

WAK, GOTHA, ERFURT = "16063", "16067", "16051"


def firm(name="Werk am Rennsteig", *, ags=WAK, needs=(("skills", 85),), **kw):
    kw.setdefault("employees_site", 40)
    kw.setdefault("employees_enterprise", 40)
    kw.setdefault("works_council", "no")
    kw.setdefault("wz_code", "25.62.0")
    company = make_company(name, ags=ags, **kw)
    for topic, level in needs:
        Need.objects.create(company=company, topic=topic, level=level, source="check")
    return company


def actor(name, *, ags=(), topics=(), kind="education_provider"):
    a = Actor.objects.create(name=name, kind=kind, topics=list(topics))
    if ags:
        a.kreise.set(Kreis.objects.filter(ags__in=ags))
    return a


def offer(a, title, *, topics=("skills",), ags=(), **kw):
    kw.setdefault("kind", "training")
    o = Offer.objects.create(actor=a, title=title, topics=list(topics), **kw)
    if ags:
        o.kreise.set(Kreis.objects.filter(ags__in=ags))
    return o


@pytest.fixture(autouse=True)
def _own_network(request):
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        Actor.objects.all().delete()
