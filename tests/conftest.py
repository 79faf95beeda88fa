"""Shared fixtures: reference data, users and clients per role, a company factory."""

import io
from itertools import count

import pytest
from django.core.management import call_command
from django.test import Client

from anett.core import roles
from anett.core.models import User

WARTBURGKREIS = "16063"
GOTHA = "16067"
ERFURT = "16051"

_seq = count(1)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the 401 Kreise, the seed regions and the WZ branch rules once per session."""
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0, stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(role: str, username: str | None = None, **fields) -> User:
    username = username or f"{role}-{next(_seq)}"
    fields.setdefault("first_name", role.capitalize())
    fields.setdefault("last_name", "Test")
    return User.objects.create_user(username=username, password="pw-test-1234", role=role, **fields)


def make_company(name: str | None = None, *, ags: str | None = WARTBURGKREIS, **fields):
    """Create a Company in the Kreis with AGS `ags` (None: without Kreis)."""
    from anett.companies.models import Company
    from anett.regions.models import Kreis

    kreis = Kreis.objects.get(ags=ags) if ags else None
    return Company.objects.create(name=name or f"Betrieb {next(_seq)}", kreis=kreis, **fields)


def company_data(**overrides) -> dict:
    """POST data of a valid company form; override single fields."""
    data = {
        "name": "Neue Werke",
        "legal_form": "GmbH",
        "street": "Am Werk 1",
        "postcode": "",
        "city": "",
        "kreis": "",
        "wz_code": "",
        "employees_site": "",
        "employees_enterprise": "",
        "turnover_eur": "",
        "balance_sheet_eur": "",
        "works_council": "unknown",
        "collective_agreement": "unknown",
        "union_scope": "",
        "sources": "",
        "website": "",
        "phone": "",
        "notes": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def user_factory(db):
    return make_user


@pytest.fixture
def company_factory(db):
    return make_company


@pytest.fixture
def user_admin(db):
    return make_user(roles.ADMIN, "t-admin")


@pytest.fixture
def user_koordination(db):
    return make_user(roles.KOORDINATION, "t-koordination")


@pytest.fixture
def user_beratung(db):
    return make_user(roles.BERATUNG, "t-beratung")


@pytest.fixture
def user_partner(db):
    return make_user(roles.PARTNER, "t-partner")


def _logged_in(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def client_admin(user_admin):
    return _logged_in(user_admin)


@pytest.fixture
def client_koordination(user_koordination):
    return _logged_in(user_koordination)


@pytest.fixture
def client_beratung(user_beratung):
    return _logged_in(user_beratung)


@pytest.fixture
def client_partner(user_partner):
    return _logged_in(user_partner)
