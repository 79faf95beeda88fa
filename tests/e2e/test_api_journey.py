"""Journey of a partner in a real browser: create a personal API key on “API-Zugänge”
(shown once), read the API with it, get “not permitted” on a firm's page and on the API's
firm endpoint, revoke the key after a confirmation, and see the key refused."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from anett.core import roles
from anett.core.models import User
from tests.conftest import make_company

PASSWORD = "e2e-Api-2026!"

pytestmark = pytest.mark.e2e


def test_partner_key_firm_refused_and_revoked(live_server, page):
    call_command("load_reference", verbosity=0)
    User.objects.create_user("partnerin", password=PASSWORD, role=roles.PARTNER)
    firm = make_company("Geheimwerk Browsertest")

    page.goto(f"{live_server.url}/anmelden/")
    page.fill("#id_username", "partnerin")
    page.fill("#id_password", PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))

    page.goto(f"{live_server.url}/api/zugaenge/")
    expect(page.locator("h1")).to_have_text("API-Zugänge")
    page.fill("#id_name", "Kreisbericht")
    page.get_by_role("button", name="Schlüssel anlegen").click()
    expect(page.locator("#new-key")).to_contain_text("nur dieses eine Mal")
    key = page.locator("#new-key-value").input_value()
    assert key.startswith("anett_")

    api = page.context.request
    headers = {"Authorization": f"Bearer {key}"}
    me = api.get(f"{live_server.url}/api/v1/me", headers=headers)
    assert me.status == 200 and me.json()["role"] == "partner"

    # The firm's page and the API's firm endpoint: not permitted.
    response = page.goto(f"{live_server.url}/betriebe/{firm.pk}/")
    assert response.status == 403
    assert "Geheimwerk" not in page.content()
    refused = api.get(f"{live_server.url}/api/v1/companies/{firm.pk}", headers=headers)
    assert refused.status == 403
    assert refused.json()["detail"].startswith("Nicht erlaubt")
    page.goto(f"{live_server.url}/api/v1/companies/{firm.pk}")  # with the browser session
    expect(page.locator("body")).to_contain_text("Nicht erlaubt")
    assert "Geheimwerk" not in page.content()

    # Revoke after the confirmation page; the key no longer works.
    page.goto(f"{live_server.url}/api/zugaenge/")
    page.get_by_role("link", name="Widerrufen").click()
    expect(page.locator("h1")).to_contain_text("wirklich widerrufen")
    page.get_by_role("button", name="Ja, widerrufen").click()
    expect(page.locator("#tokens")).to_contain_text("widerrufen")
    gone = api.get(f"{live_server.url}/api/v1/me", headers=headers)
    assert gone.status == 401
    assert "widerrufen" in gone.json()["detail"]
    assert page.js_errors == []


def test_api_docs_render_offline(live_server, page):  # noqa: F811
    """Swagger UI draws the operations from files served by this installation."""
    external = []
    page.on(
        "request",
        lambda r: external.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    page.goto(f"{live_server.url}/api/v1/docs")
    expect(page.locator("#swagger-ui")).to_contain_text("/api/v1/companies", timeout=20_000)
    assert external == []
