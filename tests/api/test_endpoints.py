"""Every endpoint × role: what each role gets, scoped exactly like the pages."""

import pytest

from anett.core.models import SensitiveAccess

from .conftest import SECRET_CONTACT_LAST, SECRET_FIRM

pytestmark = pytest.mark.django_db

V1 = "/api/v1"

# path → roles that get 200 (all others with a key get 403; anonymous 401)
OPEN_TO_ALL = [
    "/me",
    "/regions",
    "/regions/pilotregion-westthueringen",
    "/kreise",
    "/kreise/16063",
    "/vocabularies",
    "/offers",
    "/insights",
    "/figures",
    "/figures/identified/kreise",
]
REGISTER_ONLY = ["/branch-rules", "/actors", "/funding/programmes", "/companies"]
ROLES = ["admin", "koordination", "beratung", "beratung_other", "partner"]


def _region_slug():
    from anett.regions.models import Region

    return Region.objects.order_by("slug").first().slug


@pytest.mark.parametrize("path", OPEN_TO_ALL)
def test_reference_data_for_every_role_and_not_anonymous(api_clients, path):
    path = path.replace("pilotregion-westthueringen", _region_slug())
    for role in ROLES:
        r = api_clients[role].get(V1 + path)
        assert r.status_code == 200, (role, path, r.content)
    r = api_clients["anonymous"].get(V1 + path)
    assert r.status_code == 401
    assert r.json()["detail"].startswith("Anmeldung erforderlich")


@pytest.mark.parametrize("path", REGISTER_ONLY)
def test_register_data_only_for_register_roles(api_clients, path):
    for role in ("admin", "koordination", "beratung", "beratung_other"):
        assert api_clients[role].get(V1 + path).status_code == 200, (role, path)
    r = api_clients["partner"].get(V1 + path)
    assert r.status_code == 403
    assert r.json()["detail"].startswith("Nicht erlaubt")
    assert api_clients["anonymous"].get(V1 + path).status_code == 401


def test_me_tells_the_role(api_clients):
    assert api_clients["partner"].get(V1 + "/me").json()["role"] == "partner"
    data = api_clients["koordination"].get(V1 + "/me").json()
    assert data["can_see_sensitive"] and data["role_label"] == "Koordination"


def test_company_list_scoped_like_the_register(api_clients, register):
    firm, unassigned = register["firm"], register["unassigned"]
    data = api_clients["beratung"].get(V1 + "/companies").json()
    rows = {row["id"]: row for row in data["items"]}
    # Beratung finds every firm in the list but may open only its own.
    assert rows[firm.pk]["can_open"] is True
    assert rows[unassigned.pk]["can_open"] is False
    assert data["count"] == 2
    rows = api_clients["koordination"].get(V1 + "/companies").json()["items"]
    assert all(r["can_open"] for r in rows)


def test_company_filters_match_the_page(api_clients, register):
    c = api_clients["koordination"]
    assert [r["name"] for r in c.get(V1 + "/companies?q=zylinder").json()["items"]] == [SECRET_FIRM]
    assert c.get(V1 + "/companies?kreis=16067").json()["count"] == 1
    assert c.get(V1 + "/companies?branch_group=automotive").json()["count"] >= 1
    r = c.get(V1 + "/companies?branch_group=raumfahrt")
    assert r.status_code == 422 and "branch_group" in r.json()["detail"]
    names = [r["name"] for r in c.get(V1 + "/companies?sort=-name").json()["items"]]
    assert names == sorted(names, reverse=True)


def test_paging_limits(api_clients):
    c = api_clients["partner"]
    data = c.get(V1 + "/kreise?limit=3&offset=2").json()
    assert len(data["items"]) == 3 and data["offset"] == 2 and data["count"] > 400
    r = c.get(V1 + "/kreise?limit=1000")
    assert r.status_code == 422
    body = r.json()
    assert "höchstens 200" in body["detail"] and body["errors"][0]["field"] == "limit"
    assert c.get(V1 + "/kreise?limit=abc").json()["errors"][0]["message"].startswith("ganze Zahl")


def test_company_detail_per_role(api_clients, register):
    firm, unassigned = register["firm"], register["unassigned"]
    url = f"{V1}/companies/{firm.pk}"
    assert api_clients["beratung"].get(url).status_code == 200
    r = api_clients["beratung_other"].get(url)
    assert r.status_code == 403 and "nicht zugeordnet" in r.json()["detail"]
    assert api_clients["beratung"].get(f"{V1}/companies/{unassigned.pk}").status_code == 403
    r = api_clients["partner"].get(url)
    assert r.status_code == 403 and r.json()["detail"].startswith("Nicht erlaubt")
    assert SECRET_FIRM not in r.content.decode()
    assert api_clients["anonymous"].get(url).status_code == 401
    assert api_clients["koordination"].get(f"{V1}/companies/999999").status_code == 404


def test_art9_fields_only_for_sensitive_roles_and_logged(api_clients, register):
    url = f"{V1}/companies/{register['firm'].pk}"
    before = SensitiveAccess.objects.count()
    contact = api_clients["beratung"].get(url).json()["contacts"][0]
    assert contact["last_name"] == SECRET_CONTACT_LAST
    assert contact["sensitive"] is None
    body = api_clients["beratung"].get(url).content.decode()
    assert "union_membership" not in body and "works_council_member" not in body
    assert SensitiveAccess.objects.count() == before
    for role in ("koordination", "admin"):
        contact = api_clients[role].get(url).json()["contacts"][0]
        assert contact["sensitive"] == {
            "works_council_member": True,
            "union_membership": "IG Metall",
        }
    log = SensitiveAccess.objects.order_by("-at", "-id")[:2]
    assert SensitiveAccess.objects.count() == before + 2
    assert {e.user.username for e in log} == {"api-koordination", "api-admin"}
    assert all(e.path.startswith(url) and e.object_type == "contactperson" for e in log)


def test_offers_hide_contact_persons_from_partners(api_clients, db):
    from datetime import date

    from anett.network.models import Actor, ActorContact, Offer

    actor = Actor.objects.create(name="Bildungswerk Test", kind="education_provider")
    person = ActorContact.objects.create(
        actor=actor,
        first_name="Kunigunde",
        last_name="Lehrgangsowski",
        consent_purpose="Angebote",
        consent_date=date(2026, 1, 1),
    )
    offer = Offer.objects.create(
        actor=actor, title="CNC-Kurs", kind="training", topics=["skills"], contact_person=person
    )
    url = f"{V1}/offers/{offer.pk}"
    assert api_clients["partner"].get(url).json()["contact_person"] is None
    assert "Lehrgangsowski" not in api_clients["partner"].get(V1 + "/offers").content.decode()
    assert (
        api_clients["beratung"].get(url).json()["contact_person"]["name"]
        == "Kunigunde Lehrgangsowski"
    )
    titles = [
        o["title"] for o in api_clients["partner"].get(V1 + "/offers?topic=skills").json()["items"]
    ]
    assert "CNC-Kurs" in titles
    assert api_clients["partner"].get(V1 + "/offers?topic=quantum").status_code == 422
    offer.active = False
    offer.save()
    assert api_clients["partner"].get(url).status_code == 404
    assert api_clients["koordination"].get(url).status_code == 200


def test_programmes_have_active_flags(api_clients):
    from anett.funding.models import ProgrammeSetting

    ProgrammeSetting.objects.create(programme="sgb3-82", active=False, title="Eigener Titel")
    rows = {p["id"]: p for p in api_clients["beratung"].get(V1 + "/funding/programmes").json()}
    assert rows["sgb3-82"]["offered"] is False
    assert rows["sgb3-82"]["set_by_coordination"] is True
    assert rows["sgb3-82"]["title"] == "Eigener Titel"
    assert len(rows) == 14


def test_transfer_pack_for_coordinators_only(api_clients):
    for role in ("admin", "koordination"):
        r = api_clients[role].get(V1 + "/transfer/pack")
        assert r.status_code == 200 and r["Content-Type"] == "application/zip"
    for role in ("beratung", "partner"):
        assert api_clients[role].get(V1 + "/transfer/pack").status_code == 403
    assert api_clients["anonymous"].get(V1 + "/transfer/pack").status_code == 401


def test_session_auth_works_for_the_browser(client_partner, client_koordination):
    assert client_partner.get(V1 + "/me").json()["role"] == "partner"
    assert client_partner.get(V1 + "/companies").status_code == 403
    assert client_koordination.get(V1 + "/companies").status_code == 200


def test_insights_scoped_like_the_partner_area(api_clients, db):
    from django.utils import timezone

    from anett.partners.models import Insight, PartnerOrganisation

    published = Insight.objects.create(
        title="Für alle",
        summary="s",
        body="**fett**",
        kind="finding",
        topics=["skills"],
        status="published",
        published_at=timezone.now(),
    )
    draft = Insight.objects.create(title="Entwurf", summary="s", kind="finding", status="draft")
    org = PartnerOrganisation.objects.create(name="Andere Kammer", kind="chamber")
    selected = Insight.objects.create(
        title="Nur Andere Kammer",
        summary="s",
        kind="finding",
        status="published",
        audience="selected",
        published_at=timezone.now(),
    )
    selected.organisations.add(org)

    def titles(role):
        return {i["title"] for i in api_clients[role].get(V1 + "/insights").json()["items"]}

    assert titles("partner") == {"Für alle"}
    assert "Entwurf" not in titles("beratung")
    assert {"Für alle", "Entwurf", "Nur Andere Kammer"} <= titles("koordination")
    body = api_clients["partner"].get(f"{V1}/insights/{published.pk}").json()
    assert body["body_html"].startswith("<p><strong>fett</strong>")
    assert body["topics"] == ["skills"]
    for pk in (draft.pk, selected.pk):
        assert api_clients["partner"].get(f"{V1}/insights/{pk}").status_code == 404
    assert api_clients["koordination"].get(f"{V1}/insights/{draft.pk}").status_code == 200
    assert titles("partner") == {
        i["title"]
        for i in api_clients["partner"].get(V1 + "/insights?topic=skills").json()["items"]
    }


def test_figure_errors_are_german(api_clients):
    c = api_clients["partner"]
    r = c.get(V1 + "/figures?period=gestern")
    assert r.status_code == 422 and "Zeitraum" in r.json()["detail"]
    assert c.get(V1 + "/figures?region=atlantis").status_code == 404
    r = c.get(V1 + "/figures/erfunden/kreise")
    assert r.status_code == 404 and "erfunden" in r.json()["detail"]
    assert c.get(V1 + "/figures?branch_group=raumfahrt").status_code == 422
