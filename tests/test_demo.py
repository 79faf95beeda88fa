"""Fictitious demo data."""

import io

import pytest
from django.core.management import call_command

from anett.companies.demo import create_demo
from anett.companies.models import Activity, Company, ContactPerson
from anett.core import roles
from anett.core.models import User
from anett.regions.models import Region

pytestmark = pytest.mark.django_db


def region_kreis_ids() -> set[int]:
    return set(
        Region.objects.filter(slug__in=["pilotregion", "transferregion"]).values_list(
            "kreise__id", flat=True
        )
    )


def test_create_demo():
    result = create_demo(40, log=lambda *a: None)
    assert result["companies"] == 40
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["admin", "koordination", "beratung", "partner"])
    }
    assert {name: u.role for name, u in users.items()} == {
        "admin": roles.ADMIN,
        "koordination": roles.KOORDINATION,
        "beratung": roles.BERATUNG,
        "partner": roles.PARTNER,
    }
    assert users["admin"].is_superuser and users["admin"].is_staff
    assert not users["partner"].is_staff
    assert users["beratung"].check_password(result["password"])

    companies = list(Company.objects.select_related("kreis"))
    assert len(companies) == 40
    assert all(c.is_demo for c in companies)
    assert all(c.name.startswith("Demo-") for c in companies)
    allowed = region_kreis_ids()
    assert all(c.kreis_id in allowed for c in companies)
    assert all(c.kreis.active for c in companies)
    assert all(len(c.postcode) == 5 and c.postcode.isdigit() for c in companies)
    assert Activity.objects.exists()
    assert ContactPerson.objects.exists()
    assert Company.objects.filter(advisers=users["beratung"]).exists()
    # derived fields are filled as on a normal save
    for c in companies:
        assert c.search_text
        assert c.branch_group in {"automotive", "supplier", "neighbouring", "other"}
    assert Company.objects.exclude(branch_group="other").exists()
    assert Company.objects.exclude(engagement_status="unknown").exists()


def test_demo_is_deterministic():
    create_demo(40, log=lambda *a: None)
    first = sorted(Company.objects.values_list("name", "wz_code", "kreis__ags"))
    create_demo(40, replace=True, log=lambda *a: None)
    assert sorted(Company.objects.values_list("name", "wz_code", "kreis__ags")) == first


def test_demo_command_does_not_duplicate():
    call_command("demo", companies=40, stdout=io.StringIO())
    n_companies = Company.objects.count()
    n_activities = Activity.objects.count()
    n_users = User.objects.count()
    assert n_companies == 40
    call_command("demo", companies=40, stdout=io.StringIO())
    assert Company.objects.count() == n_companies
    assert Activity.objects.count() == n_activities
    assert User.objects.count() == n_users


def test_demo_replace_keeps_real_companies(company_factory):
    real = company_factory("Echte Firma")
    create_demo(40, log=lambda *a: None)
    create_demo(40, replace=True, log=lambda *a: None)
    assert Company.objects.filter(is_demo=True).count() == 40
    assert Company.objects.filter(pk=real.pk).exists()


def test_demo_users_can_log_in(client):
    result = create_demo(40, log=lambda *a: None)
    response = client.post(
        "/anmelden/", {"username": "koordination", "password": result["password"]}
    )
    assert response.status_code == 302
    assert client.get("/betriebe/").status_code == 200


def test_demo_has_completed_checks_with_needs(db):
    from anett.assessment.models import Assessment, Need
    from anett.companies.demo import create_demo

    result = create_demo(120, seed=7)
    submitted = Assessment.objects.filter(status="submitted", company__is_demo=True)
    assert result["checks"] == submitted.count() > 0
    assert Need.objects.filter(company__is_demo=True, current=True).exists()
    for a in submitted:
        assert a.company.engagement_status == "engaged"
