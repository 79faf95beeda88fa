"""A firm fills in its transformation check by personal link on a phone: answers half,
leaves, comes back, finishes; the coordinator then sees the needs on the company page."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from anett.assessment.models import Assessment, Need
from anett.core import roles
from anett.core.models import User
from tests.conftest import make_company

pytestmark = pytest.mark.e2e
PASSWORD = "e2e-Check-2026!"


def test_firm_fills_check_by_link_on_a_phone(live_server, chromium_browser):
    call_command("load_reference", verbosity=0)
    coordinator = User.objects.create_user(
        "koordination", password=PASSWORD, role=roles.KOORDINATION
    )
    company = make_company("Demo-Handywerk Silberbach", wz_code="25.62.0")

    # The coordinator creates the personal link (server side, as in the app).
    client = Client()
    client.force_login(coordinator)
    response = client.post(f"/checks/neu/{company.pk}/", {"mode": "self"}, follow=True)
    path = response.context["link_url"].removeprefix("http://testserver")
    link = f"{live_server.url}{path}"

    phone = chromium_browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="de-DE"
    )
    page = phone.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(link)
    expect(page.locator("h1")).to_contain_text("Transformations-Check")
    page.locator("#start-check").click()

    # Page 1 (drive-train change): answer and continue; page 2: answer, then leave.
    page.get_by_label("über 60 %").first.check()
    page.locator("#q-dt_product_ev").get_by_label("nein").check()
    page.get_by_role("button", name=re.compile("Speichern und weiter")).click()
    expect(page.locator("h2")).to_have_text("Digitalisierung")
    page.locator("#q-dg_processes").get_by_label(re.compile("gar nicht")).check()
    page.get_by_role("button", name="Speichern und später weitermachen").click()
    expect(page.locator("ul.messages")).to_contain_text("Gespeichert")
    page.screenshot(path="/tmp/e2e-check-phone.png", full_page=True)
    phone.close()

    # Later, in a fresh browser: the link remembers the answers.
    phone = chromium_browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, locale="de-DE"
    )
    page = phone.new_page()
    page.goto(link)
    expect(page.locator("#start-check")).to_have_text(re.compile("Fortsetzen"))
    page.locator("#start-check").click()
    expect(page.locator("#q-dt_share input[value=gt60]")).to_be_checked()
    page.goto(link + "seite/8/")  # succession, the last topic page
    page.locator("#q-su_owner_60").get_by_label("ja").check()
    page.locator("#q-su_arranged").get_by_label("nein").check()
    page.get_by_role("button", name=re.compile("Speichern und weiter")).click()
    page.get_by_role("button", name=re.compile("Speichern und abschließen")).click()
    expect(page.locator("h1")).to_have_text("Check abschicken")
    page.locator("#send-check").click()
    expect(page.locator("#check-done")).to_contain_text("abgeschickt")
    assert errors == []
    phone.close()

    assessment = Assessment.objects.get(company=company)
    assert assessment.status == "submitted"
    assert set(Need.objects.filter(company=company).values_list("topic", flat=True)) == {
        "drivetrain",
        "digital",
        "succession",
    }

    # The coordinator sees the needs and the red signal on the company page.
    desk = chromium_browser.new_context(locale="de-DE")
    page = desk.new_page()
    page.goto(f"{live_server.url}/anmelden/")
    page.fill("#id_username", "koordination")
    page.fill("#id_password", PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.goto(f"{live_server.url}/betriebe/{company.pk}/")
    expect(page.locator("#profile")).to_contain_text("Antriebswechsel")
    expect(page.locator("#profile")).to_contain_text("Unternehmensnachfolge")
    expect(page.locator("#flags")).to_contain_text("Nachfolge ungeregelt")
    expect(page.locator("#engagement-status")).to_have_text("beteiligt")
    # ... and the firm has moved in the pipeline.
    expect(page.locator("#id_stage_move")).to_have_value("check_done")
    page.goto(f"{live_server.url}/ansprache/pipeline/")
    expect(page.locator("[data-stage=check_done]")).to_contain_text("Demo-Handywerk Silberbach")
    desk.close()
