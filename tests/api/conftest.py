"""Fixtures of the API tests: users of every role with keys, and a small register with
names that must never reach a partner."""

import pytest
from django.test import Client

from anett.api.tokens import create_token
from anett.core import roles
from tests.conftest import GOTHA, WARTBURGKREIS, make_company, make_user

SECRET_FIRM = "Geheimwerk Zylinderkopf"
SECRET_CONTACT_FIRST = "Hiltrud"
SECRET_CONTACT_LAST = "Schraubenzieher"
SECRET_ADVISER = "Eberhardine"


@pytest.fixture
def register(db):
    """Firms in two Kreise; one with a contact person holding Art. 9 data."""
    from anett.companies.models import ContactPerson

    adviser = make_user(roles.BERATUNG, "api-beratung", first_name=SECRET_ADVISER)
    other = make_user(roles.BERATUNG, "api-beratung-other")
    firm = make_company(SECRET_FIRM, ags=WARTBURGKREIS, wz_code="29.10", employees_site=120)
    firm.advisers.add(adviser)
    ContactPerson.objects.create(
        company=firm,
        first_name=SECRET_CONTACT_FIRST,
        last_name=SECRET_CONTACT_LAST,
        email="h.schraubenzieher@example.org",
        works_council_member=True,
        union_membership="IG Metall",
    )
    unassigned = make_company("Fremdbetrieb Kolben", ags=GOTHA, wz_code="29.32")
    return {"firm": firm, "unassigned": unassigned, "adviser": adviser, "other": other}


def bearer(user, name="test", **kwargs) -> Client:
    _token, key = create_token(user, name, **kwargs)
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture
def api_clients(register):
    """Clients with a key per role; Beratung assigned to the firm and not assigned."""
    return {
        "admin": bearer(make_user(roles.ADMIN, "api-admin")),
        "koordination": bearer(make_user(roles.KOORDINATION, "api-koordination")),
        "beratung": bearer(register["adviser"]),
        "beratung_other": bearer(register["other"]),
        "partner": bearer(make_user(roles.PARTNER, "api-partner")),
        "anonymous": Client(),
    }
