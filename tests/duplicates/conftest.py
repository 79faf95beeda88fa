"""Fixtures of the duplicate tests: searches run at once, and two records of one firm
with contacts, activities, source records, advisers and a membership each."""

import datetime as dt

import pytest

from anett.core import roles
from tests.conftest import make_company, make_user


@pytest.fixture(autouse=True)
def _duplicates_settings(settings):
    settings.ANETT_DUPLICATES_RUNNER = "sync"


@pytest.fixture
def twin_firms(db):
    """Two records of 'Wartburg Achsenbau': A (with more work attached) and B."""
    from anett.companies.models import Activity, ContactPerson
    from anett.imports.models import CompanySourceRecord, ImportSource
    from anett.network.models import Actor, Membership

    adviser = make_user(roles.BERATUNG, "twin-adviser")
    other_adviser = make_user(roles.BERATUNG, "twin-adviser-2")
    coordinator = make_user(roles.KOORDINATION, "twin-coordinator")
    a = make_company(
        "Wartburg Achsenbau",
        legal_form="GmbH",
        street="Am Flugplatz 3",
        postcode="99817",
        city="Eisenach",
        wz_code="29.32.0",
        phone="03691 12340",
        sources="IHK",
        notes="Kontakt über Messe.",
    )
    b = make_company(
        "Wartburg Achsenbau",
        legal_form="GmbH",
        street="Am Flugplatz 3",
        postcode="99817",
        city="Eisenach",
        employees_site=120,
        website="https://www.wartburg-achsenbau.de",
        phone="03691 99999",
        sources="HWK",
        notes="Betriebsrat gegründet 2023.",
    )
    a.advisers.add(adviser)
    b.advisers.add(adviser, other_adviser)
    ca = ContactPerson.objects.create(company=a, first_name="Anna", last_name="Albrecht")
    cb = ContactPerson.objects.create(
        company=b,
        first_name="Bernd",
        last_name="Bauer",
        works_council_member=True,
        union_membership="IG Metall",
    )
    acts = [
        Activity.objects.create(
            company=a,
            contact=ca,
            kind="call",
            date=dt.date(2026, 3, 1),
            user=coordinator,
            outcome="interested",
        ),
        Activity.objects.create(
            company=a,
            kind="email",
            date=dt.date(2026, 3, 2),
            user=coordinator,
        ),
        Activity.objects.create(
            company=b,
            contact=cb,
            kind="visit",
            date=dt.date(2026, 4, 1),
            user=coordinator,
            outcome="agreed",
        ),
    ]
    ihk = ImportSource.objects.create(name="IHK")
    hwk = ImportSource.objects.create(name="HWK")
    sa = CompanySourceRecord.objects.create(company=a, source=ihk, external_id="I-1")
    sb = CompanySourceRecord.objects.create(
        company=b, source=hwk, external_id="H-7", register_no="HRB 501234"
    )
    actor = Actor.objects.create(name="IHK Erfurt", kind="chamber")
    other_actor = Actor.objects.create(name="Automotive Thüringen e.V.", kind="cluster_association")
    ma = Membership.objects.create(actor=actor, company=a)
    mb = Membership.objects.create(actor=actor, company=b, note="seit 2019")
    mb2 = Membership.objects.create(actor=other_actor, company=b)
    return {
        "a": a,
        "b": b,
        "contacts": (ca, cb),
        "activities": acts,
        "sources": (sa, sb),
        "memberships": (ma, mb, mb2),
        "advisers": (adviser, other_adviser),
        "coordinator": coordinator,
    }


@pytest.fixture
def twin_pair(twin_firms):
    from anett.duplicates.models import CandidatePair

    a, b = twin_firms["a"], twin_firms["b"]
    return CandidatePair.objects.create(
        company_a=a,
        company_b=b,
        match_probability=0.999,
        match_weight=14.2,
        evidence=[
            {
                "comparison": "name",
                "level": "exact",
                "label": "same name",
                "weight": 13.2,
                "left": "wartburgachsenbau",
                "right": "wartburgachsenbau",
            },
            {
                "comparison": "phone",
                "level": "different",
                "label": "other phone",
                "weight": -3.8,
                "left": "+49369112340",
                "right": "+49369199999",
            },
        ],
    )
