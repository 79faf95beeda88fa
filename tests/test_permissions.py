"""The role table enforced on every request."""

import pytest
from django.urls import reverse

from anett.companies.models import BranchRule, Company
from anett.core import roles
from anett.core.models import User
from anett.regions.models import Kreis, Region

from .conftest import GOTHA, WARTBURGKREIS, company_data, make_company

pytestmark = pytest.mark.django_db


# --- role model --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "register", "all_details", "sensitive", "configure"),
    [
        (roles.ADMIN, True, True, True, True),
        (roles.KOORDINATION, True, True, True, True),
        (roles.BERATUNG, True, False, False, False),
        (roles.PARTNER, False, False, False, False),
    ],
)
def test_role_flags(user_factory, role, register, all_details, sensitive, configure):
    user = user_factory(role)
    assert user.can_see_register is register
    assert user.can_see_all_details is all_details
    assert user.can_see_sensitive is sensitive
    assert user.can_configure is configure
    assert user.is_staff is (role == roles.ADMIN)


def test_superuser_counts_as_admin(db):
    user = User.objects.create_superuser("root", password="x-secret-123", role=roles.PARTNER)
    assert user.effective_role == roles.ADMIN
    assert user.can_see_sensitive
    assert user.is_staff


# --- anonymous ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/betriebe/",
        "/betriebe/export.xlsx",
        "/betriebe/neu/",
        "/betriebe/branchen/",
        "/regionen/",
        "/regionen/pilotregion/",
        "/regionen/pilotregion/bearbeiten/",
        "/zugriffsprotokoll/",
    ],
)
def test_anonymous_is_redirected_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/?next=")


def test_anonymous_company_detail_redirects(client, company_factory):
    company = company_factory()
    response = client.get(f"/betriebe/{company.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/")


def test_login_page_is_public(client):
    assert client.get("/anmelden/").status_code == 200


# --- partner -----------------------------------------------------------------------------


def test_partner_is_sent_from_home_to_the_partner_area(client_partner):
    response = client_partner.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("partners:home")


@pytest.mark.parametrize(
    "url", ["/betriebe/", "/betriebe/export.xlsx", "/betriebe/neu/", "/betriebe/branchen/"]
)
def test_partner_forbidden_in_register(client_partner, url):
    assert client_partner.get(url).status_code == 403


@pytest.mark.parametrize("suffix", ["", "bearbeiten/", "historie/", "loeschen/", "kontakte/neu/"])
def test_partner_forbidden_on_company_pages(client_partner, company_factory, suffix):
    company = company_factory()
    assert client_partner.get(f"/betriebe/{company.pk}/{suffix}").status_code == 403


def test_partner_cannot_post_branch_rule(client_partner):
    response = client_partner.post(
        "/betriebe/branchen/", {"prefix": "46.69", "branch_group": "neighbouring"}
    )
    assert response.status_code == 403
    assert not BranchRule.objects.filter(prefix="46.69").exists()


def test_partner_cannot_add_activity(client_partner, company_factory):
    company = company_factory()
    response = client_partner.post(
        f"/betriebe/{company.pk}/aktivitaeten/neu/",
        {"kind": "call", "date": "2025-01-10", "outcome": "participated"},
    )
    assert response.status_code == 403
    assert not company.activities.exists()


def test_partner_cannot_see_access_log(client_partner, client_koordination, client_admin):
    assert client_partner.get("/zugriffsprotokoll/").status_code == 403
    assert client_koordination.get("/zugriffsprotokoll/").status_code == 403
    assert client_admin.get("/zugriffsprotokoll/").status_code == 200


def test_partner_sees_regions(client_partner):
    response = client_partner.get("/regionen/")
    assert response.status_code == 200
    assert "ANeTT-Pilotregion" in response.content.decode()
    assert client_partner.get("/regionen/pilotregion/").status_code == 200
    assert client_partner.get("/regionen/pilotregion/kreise.geojson").status_code == 200


def _kreis_row(html: str, ags: str) -> str:
    rows = [row for row in html.split("<tr>") if f"<td>{ags}</td>" in row]
    assert len(rows) == 1, f"no single table row for Kreis {ags}"
    return rows[0].split("</tr>")[0]


def test_partner_sees_small_counts_suppressed(client_partner, company_factory):
    for i in range(3):
        company_factory(f"Klein {i}", ags=WARTBURGKREIS, wz_code="29.32.0")
    html = client_partner.get("/regionen/pilotregion/").content.decode()
    row = _kreis_row(html, WARTBURGKREIS)
    assert "&lt; 5" in row
    assert '<td class="num">3</td>' not in row
    assert ">3<" not in row
    # the region total and the branch group totals are suppressed as well
    assert ">3<" not in html.split("<h2>")[1]


def test_partner_sees_counts_of_five_and_more(client_partner, company_factory):
    for i in range(6):
        company_factory(f"Gross {i}", ags=GOTHA, wz_code="29.32.0")
    row = _kreis_row(client_partner.get("/regionen/pilotregion/").content.decode(), GOTHA)
    assert '<td class="num">6</td>' in row


def test_koordination_sees_small_counts(client_koordination, company_factory):
    for i in range(3):
        company_factory(f"Klein {i}", ags=WARTBURGKREIS, wz_code="29.32.0")
    html = client_koordination.get("/regionen/pilotregion/").content.decode()
    row = _kreis_row(html, WARTBURGKREIS)
    assert '<td class="num">3</td>' in row
    assert "&lt; 5" not in row


# --- beratung: only assigned companies in detail -------------------------------------------


def test_beratung_sees_list_with_all_companies(client_beratung, company_factory):
    company_factory("Fremdfirma")
    response = client_beratung.get("/betriebe/")
    assert response.status_code == 200
    assert "Fremdfirma" in response.content.decode()
    assert response.context["openable"] == set()


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("get", ""),
        ("get", "bearbeiten/"),
        ("post", "bearbeiten/"),
        ("get", "historie/"),
        ("get", "kontakte/neu/"),
        ("post", "aktivitaeten/neu/"),
    ],
)
def test_beratung_forbidden_on_unassigned_company(client_beratung, company_factory, method, suffix):
    company = company_factory("Fremdfirma")
    data = {"kind": "call", "date": "2025-01-10", "outcome": "participated", "name": "X"}
    response = getattr(client_beratung, method)(f"/betriebe/{company.pk}/{suffix}", data)
    assert response.status_code == 403
    company.refresh_from_db()
    assert company.name == "Fremdfirma"
    assert not company.activities.exists()


@pytest.mark.parametrize("suffix", ["", "bearbeiten/", "historie/", "kontakte/neu/"])
def test_beratung_allowed_on_assigned_company(
    client_beratung, user_beratung, company_factory, suffix
):
    company = company_factory("Eigene Firma")
    company.advisers.add(user_beratung)
    assert client_beratung.get(f"/betriebe/{company.pk}/{suffix}").status_code == 200


def test_beratung_can_add_activity_to_assigned_company(
    client_beratung, user_beratung, company_factory
):
    company = company_factory("Eigene Firma")
    company.advisers.add(user_beratung)
    response = client_beratung.post(
        f"/betriebe/{company.pk}/aktivitaeten/neu/",
        {"kind": "call", "date": "2025-01-10", "outcome": "contacted"},
    )
    assert response.status_code == 302
    assert company.activities.get().user == user_beratung


def test_beratung_list_links_only_assigned(client_beratung, user_beratung, company_factory):
    mine = company_factory("Eigene Firma")
    mine.advisers.add(user_beratung)
    other = company_factory("Fremdfirma")
    response = client_beratung.get("/betriebe/")
    html = response.content.decode()
    assert response.context["openable"] == {mine.pk}
    assert f'href="/betriebe/{mine.pk}/"' in html
    assert f'href="/betriebe/{other.pk}/"' not in html


def test_beratung_cannot_delete_even_assigned(client_beratung, user_beratung, company_factory):
    company = company_factory()
    company.advisers.add(user_beratung)
    assert client_beratung.post(f"/betriebe/{company.pk}/loeschen/").status_code == 403
    assert Company.objects.filter(pk=company.pk).exists()


def test_beratung_create_assigns_self(client_beratung, user_beratung):
    response = client_beratung.post(
        "/betriebe/neu/",
        {"name": "Neu GmbH", "works_council": "unknown", "collective_agreement": "unknown"},
    )
    assert response.status_code == 302
    company = Company.objects.get(name="Neu GmbH")
    assert list(company.advisers.all()) == [user_beratung]
    assert client_beratung.get(company.get_absolute_url()).status_code == 200


def test_beratung_form_has_no_adviser_field(client_beratung, client_koordination):
    assert "advisers" not in client_beratung.get("/betriebe/neu/").context["form"].fields
    assert "advisers" in client_koordination.get("/betriebe/neu/").context["form"].fields


def test_koordination_opens_every_company(client_koordination, company_factory):
    company = company_factory()
    assert client_koordination.get(f"/betriebe/{company.pk}/").status_code == 200
    assert client_koordination.get(f"/betriebe/{company.pk}/bearbeiten/").status_code == 200


def test_missing_company_is_404(client_koordination):
    assert client_koordination.get("/betriebe/999999/").status_code == 404


# --- regions: configuration only for coordination and admin ------------------------------


def _region_post(region: Region, name: str) -> dict:
    return {
        "name": name,
        "kind": region.kind,
        "description": "geändert",
        "kreise": [k.pk for k in region.kreise.all()][:3],
    }


def test_koordination_can_edit_region(client_koordination):
    region = Region.objects.get(slug="pilotregion")
    response = client_koordination.post(
        "/regionen/pilotregion/bearbeiten/", _region_post(region, "Pilotregion neu")
    )
    assert response.status_code == 302
    region.refresh_from_db()
    assert region.name == "Pilotregion neu"
    assert region.kreise.count() == 3
    assert response["Location"] == f"/regionen/{region.slug}/"


@pytest.mark.parametrize("client_fixture", ["client_beratung", "client_partner"])
def test_others_cannot_edit_region(request, client_fixture):
    client = request.getfixturevalue(client_fixture)
    region = Region.objects.get(slug="pilotregion")
    n_kreise = region.kreise.count()
    assert client.get("/regionen/pilotregion/bearbeiten/").status_code == 403
    response = client.post("/regionen/pilotregion/bearbeiten/", _region_post(region, "Gehackt"))
    assert response.status_code == 403
    region.refresh_from_db()
    assert region.name == "ANeTT-Pilotregion"
    assert region.kreise.count() == n_kreise
    assert client.post("/regionen/pilotregion/loeschen/").status_code == 403
    assert client.post("/regionen/neu/", _region_post(region, "Neu")).status_code == 403
    assert Region.objects.filter(slug="pilotregion").exists()


def test_region_delete_needs_post(client_admin):
    region = Region.objects.create(name="Wegwerf", kind="accent")
    region.kreise.set(Kreis.objects.filter(ags=WARTBURGKREIS))
    assert client_admin.get(f"/regionen/{region.slug}/loeschen/").status_code == 200
    assert Region.objects.filter(pk=region.pk).exists()
    response = client_admin.post(f"/regionen/{region.slug}/loeschen/")
    assert response.status_code == 302
    assert not Region.objects.filter(pk=region.pk).exists()
    assert Kreis.objects.filter(ags=WARTBURGKREIS).exists()


def test_beratung_edit_keeps_assignments(client_beratung, user_beratung, user_koordination):
    company = make_company("Eigene Firma")
    company.advisers.add(user_beratung, user_koordination)
    response = client_beratung.post(
        f"/betriebe/{company.pk}/bearbeiten/",
        company_data(name="Eigene Firma 2", kreis=str(company.kreis_id), advisers=[]),
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.name == "Eigene Firma 2"
    assert set(company.advisers.all()) == {user_beratung, user_koordination}
