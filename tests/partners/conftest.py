"""Helpers for the partner tests: organisations, members and insights in a few lines."""

import pytest
from django.utils import timezone

from anett.core import roles
from anett.partners import vocab
from anett.partners.models import Insight, PartnerMembership, PartnerOrganisation

from ..conftest import _logged_in, make_user


def make_org(name="Testpartner e. V.", **kw) -> PartnerOrganisation:
    kw.setdefault("kind", "chamber")
    return PartnerOrganisation.objects.create(name=name, **kw)


def member(org, username=None, **kw):
    kw.setdefault("email", f"{username or 'p'}@partner.example")
    user = make_user(roles.PARTNER, username, **kw)
    PartnerMembership.objects.create(organisation=org, user=user)
    return user


def make_insight(title="Erkenntnis", *, status=vocab.PUBLISHED, orgs=(), author=None, **kw):
    kw.setdefault("summary", f"Kurzfassung von {title}")
    kw.setdefault("kind", vocab.FINDING)
    if status == vocab.PUBLISHED:
        kw.setdefault("published_at", timezone.now())
    insight = Insight.objects.create(
        title=title,
        status=status,
        audience=vocab.AUDIENCE_SELECTED if orgs else vocab.AUDIENCE_ALL,
        author=author,
        **kw,
    )
    if orgs:
        insight.organisations.set(orgs)
    return insight


@pytest.fixture
def org(db):
    return make_org()


@pytest.fixture
def partner_member(org):
    return member(org, "p-member", first_name="Quirin", last_name="Quastenflosser")


@pytest.fixture
def client_member(partner_member):
    return _logged_in(partner_member)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
