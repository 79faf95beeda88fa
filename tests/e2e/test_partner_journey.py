"""The partner's journey the issue names: log in, see the dashboard and a published insight,
and get "not permitted" on a firm's page and on the API's firm endpoint."""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from anett.core import roles
from anett.core.models import User
from anett.partners import vocab
from anett.partners.models import Insight, PartnerMembership, PartnerOrganisation
from tests.conftest import make_company

PASSWORD = "e2e-Partner-2026!"

pytestmark = pytest.mark.e2e


def test_partner_sees_dashboard_and_insight_but_no_firm(live_server, page):
    call_command("load_reference", verbosity=0)
    org = PartnerOrganisation.objects.create(name="IHK Erfurt (Test)", kind="chamber")
    partner = User.objects.create_user("paula", password=PASSWORD, role=roles.PARTNER)
    PartnerMembership.objects.create(organisation=org, user=partner)
    firm = make_company("Verborgenwerk Zulieferteile GmbH")
    Insight.objects.create(
        title="Teilqualifizierung im Schichtbetrieb",
        summary="Wie ein Zulieferer Angelernte berufsbegleitend qualifiziert.",
        body="**Ergebnis:** 14 von 15 Teilnehmenden haben die Prüfung bestanden.",
        kind=vocab.GOOD_PRACTICE,
        status=vocab.PUBLISHED,
        audience=vocab.AUDIENCE_ALL,
        published_at=timezone.now(),
    )
    Insight.objects.create(
        title="Entwurf, nicht für Partner",
        summary="noch in Arbeit",
        kind=vocab.FINDING,
        status=vocab.DRAFT,
        audience=vocab.AUDIENCE_ALL,
    )

    page.goto(f"{live_server.url}/anmelden/")
    page.fill("#id_username", "paula")
    page.fill("#id_password", PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(re.compile(r"/partner/$"))

    # The partner area lists the published insight, never the draft.
    expect(page.locator("main")).to_contain_text("Teilqualifizierung im Schichtbetrieb")
    expect(page.locator("main")).not_to_contain_text("Entwurf, nicht für Partner")
    page.get_by_role("link", name="Teilqualifizierung im Schichtbetrieb").first.click()
    expect(page.locator("main strong", has_text="Ergebnis:")).to_be_visible()

    # The dashboard opens with suppressed figures; no firm name anywhere.
    page.goto(f"{live_server.url}/auswertung/")
    expect(page.locator("#tiles")).to_be_visible()
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("GeoBasis-DE / BKG")
    assert "Verborgenwerk" not in page.content()

    # A firm's page and the API's firm endpoint: not permitted.
    response = page.goto(f"{live_server.url}/betriebe/{firm.pk}/")
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("Kein Zugriff")
    assert "Verborgenwerk" not in page.content()
    api = page.context.request.get(f"{live_server.url}/api/v1/companies/{firm.pk}")
    assert api.status == 403
    assert api.json()["detail"].startswith("Nicht erlaubt")
    assert "Verborgenwerk" not in api.text()
    assert page.js_errors == []
