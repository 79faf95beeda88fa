"""The programme catalogue: visible to every register role, edited by the coordination."""

import pytest
from django.urls import reverse

from anett.funding.catalogue import PROGRAMME_IDS
from anett.funding.models import ProgrammeSetting
from anett.funding.services import calculate

from .helpers import demo_firm, make_measure

pytestmark = pytest.mark.django_db

URL = "/foerderung/katalog/"


@pytest.mark.parametrize("who", ["client_admin", "client_koordination", "client_beratung"])
def test_register_roles_see_the_catalogue(request, who):
    response = request.getfixturevalue(who).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for pid in PROGRAMME_IDS:
        assert f'id="programme-{pid}"' in html
    assert "2024-04-01" in html  # a version of § 82
    assert "https://buzer.de/82_SGB_3.htm" in html  # a source
    can_edit = who != "client_beratung"
    assert ('id="edit-sgb3-82"' in html) is can_edit


def test_only_coordination_edits(client_beratung, client_partner):
    url = reverse("funding:catalogue_edit", args=["sgb3-82"])
    assert client_beratung.get(url).status_code == 403
    assert client_beratung.post(url, {"active": "false"}).status_code == 403
    assert client_partner.get(URL).status_code == 403
    assert not ProgrammeSetting.objects.exists()


def test_coordinator_deactivates_and_edits_texts(client_koordination, user_koordination):
    url = reverse("funding:catalogue_edit", args=["sgb3-82"])
    assert client_koordination.get(url).status_code == 200
    response = client_koordination.post(
        url,
        {
            "active": "false",
            "title": "§ 82: Weiterbildung Beschäftigter",
            "description": "Zuständig: Arbeitgeberservice der Agentur",
            "sources": "https://www.arbeitsagentur.de/unternehmen/finanziell/foerderung-von-weiterbildung\n\n",
        },
    )
    assert response.status_code == 302
    setting = ProgrammeSetting.objects.get(programme="sgb3-82")
    assert setting.active is False and setting.updated_by == user_koordination
    assert setting.source_list == [
        "https://www.arbeitsagentur.de/unternehmen/finanziell/foerderung-von-weiterbildung"
    ]
    assert setting.history.count() == 1
    html = client_koordination.get(URL).content.decode()
    assert "§ 82: Weiterbildung Beschäftigter" in html
    assert 'id="programme-sgb3-82" data-offered="false"' in html
    # The Förderrechner no longer offers it.
    calc = calculate(make_measure(demo_firm()))
    assert "sgb3-82" not in [r.id for r in calc.rows]
    # Back to the files' default.
    client_koordination.post(
        url, {"active": "unknown", "title": "", "description": "", "sources": ""}
    )
    setting.refresh_from_db()
    assert setting.active is None
    assert "sgb3-82" in [r.id for r in calculate(make_measure(demo_firm("Zweiter"))).rows]


def test_sources_must_be_web_addresses(client_koordination):
    url = reverse("funding:catalogue_edit", args=["afbg"])
    response = client_koordination.post(
        url, {"active": "unknown", "sources": "https://ok.example/a\nkeine Adresse"}
    )
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["sources"]] == ["invalid"]
    assert not ProgrammeSetting.objects.exists()
