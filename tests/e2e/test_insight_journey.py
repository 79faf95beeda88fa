"""Journey in a real browser: a coordinator writes an insight and sees the live Markdown
preview, submits it; a second coordinator publishes it; a partner finds it with the search,
opens it and asks a question; the coordinator answers; the partner reads the answer under
"Meine Beiträge"."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from anett.core import roles
from anett.core.models import User
from anett.partners.models import PartnerMembership, PartnerOrganisation

PASSWORD = "e2e-Partner-2026!"

pytestmark = pytest.mark.e2e


def _login(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/anmelden/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(re.compile(r"^(?!.*anmelden).*$"))


def test_insight_from_draft_to_partner_question(live_server, page):
    call_command("load_reference", verbosity=0)
    for username, role in [("kora", roles.KOORDINATION), ("kurt", roles.KOORDINATION)]:
        User.objects.create_user(username, password=PASSWORD, role=role, last_name=username)
    partner = User.objects.create_user(
        "paula", password=PASSWORD, role=roles.PARTNER, email="paula@partner.example"
    )
    org = PartnerOrganisation.objects.create(name="Bildungswerk Test e. V.", kind="chamber")
    PartnerMembership.objects.create(organisation=org, user=partner)
    base = live_server.url

    # Write with live preview.
    _login(page, base, "kora")
    page.goto(f"{base}/partner/erkenntnisse/neu/")
    page.fill("#id_title", "Teilqualifizierung im Schichtbetrieb")
    page.select_option("#id_kind", "good_practice")
    page.fill("#id_summary", "Wie ein Zulieferer Angelernte berufsbegleitend qualifiziert.")
    page.locator("#id_body").press_sequentially("## Vorgehen\n\n**Module** in Blöcken")
    expect(page.locator("#preview h2")).to_have_text("Vorgehen")
    expect(page.locator("#preview strong")).to_have_text("Module")
    page.locator('input[name="topics"][value="skills"]').check()
    page.locator("#save").click()
    expect(page.locator("#status")).to_have_text("Entwurf")
    page.locator("#action-submit button").click()
    expect(page.locator("#status")).to_have_text("in Prüfung")

    # A second coordinator publishes.
    _login(page, base, "kurt")
    page.goto(f"{base}/partner/redaktion/?status=in_review")
    page.get_by_role("link", name="Teilqualifizierung im Schichtbetrieb").click()
    page.locator("#action-publish button").click()
    expect(page.locator("#status")).to_have_text("veröffentlicht")

    # The partner finds it by searching and asks a question.
    _login(page, base, "paula")
    page.goto(f"{base}/partner/erkenntnisse/")
    page.locator("#id_q").press_sequentially("gibtesnicht")
    expect(page.locator("#insight-results")).to_contain_text("Keine Erkenntnis passt")
    page.fill("#id_q", "")
    page.locator("#id_q").press_sequentially("schichtbetrieb")
    expect(page.locator("#insight-results")).to_contain_text("Teilqualifizierung im Schichtbetrieb")
    expect(page).to_have_url(re.compile(r"q=schichtbetrieb"))
    page.get_by_role("link", name="Teilqualifizierung im Schichtbetrieb").click()
    expect(page.locator(".markdown-body h2")).to_have_text("Vorgehen")
    page.locator('#contribute input[value="question"]').check()
    page.fill("#contribute textarea[name=text]", "Wie lange dauerte die Förderzusage?")
    page.locator("#contribute button[type=submit]").click()
    expect(page.locator("#beitraege")).to_contain_text("Bildungswerk Test e. V.")

    # The coordinator answers.
    _login(page, base, "kora")
    page.goto(f"{base}/partner/redaktion/beitraege/")
    page.get_by_role("link", name="Teilqualifizierung im Schichtbetrieb").click()
    page.locator("#beitraege form.stacked textarea[name=text]").first.fill("Rund sechs Wochen.")
    page.locator("#beitraege form.stacked button").first.click()
    expect(page.locator("#beitraege .answer")).to_contain_text("Rund sechs Wochen.")

    # The partner reads the answer under "Meine Beiträge".
    _login(page, base, "paula")
    page.goto(f"{base}/partner/meine-beitraege/")
    expect(page.locator("main")).to_contain_text("Rund sechs Wochen.")
    expect(page.locator("main")).to_contain_text("ANeTT-Netzwerkbüro")
    assert page.js_errors == []
