"""Journey of an adviser in a real browser: open a demo firm's "Passende Angebote", refer its
need to the best offer ("Verweisen"), record the consent and send it, record the measure that
followed with participants and granted funding, and find it in the network's measure list."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from anett.core import roles
from anett.core.models import User
from anett.regions.models import Kreis

PASSWORD = "e2e-Matching-2026!"
SCREENSHOT = Path("/tmp/e2e-matching.png")

pytestmark = pytest.mark.e2e


def _setup():
    from anett.assessment.models import Need
    from anett.companies.models import Company
    from anett.network.models import Actor, Offer

    adviser = User.objects.create_user(
        "beratung", password=PASSWORD, role=roles.BERATUNG, first_name="Bea", last_name="Berater"
    )
    wak = Kreis.objects.get(ags="16063")
    company = Company.objects.create(
        name="Demo-Gießerei Rennsteig",
        legal_form="GmbH",
        kreis=wak,
        wz_code="24.52.0",
        city="Eisenach",
        postcode="99817",
        employees_site=45,
        employees_enterprise=45,
        works_council="no",
        is_demo=True,
    )
    company.advisers.add(adviser)
    Need.objects.create(company=company, topic="skills", level=90, source="check")
    actor = Actor.objects.create(name="Bildungszentrum Wartburg (Demo)", kind="education_provider")
    actor.kreise.set([wak])
    offer = Offer.objects.create(
        actor=actor,
        title="Gießereifachkraft Leichtbau (Demo)",
        kind="training",
        topics=["skills"],
        cost="free",
        funding_programme="sgb3-82",
    )
    offer.kreise.set([wak])
    return adviser, company, offer


def test_adviser_refers_and_records_a_measure(live_server, page):
    from anett.funding.models import MeasureRecord
    from anett.network.models import Referral

    call_command("load_reference", verbosity=0)
    adviser, company, offer = _setup()

    page.goto(f"{live_server.url}/anmelden/")
    page.fill("#id_username", "beratung")
    page.fill("#id_password", PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))

    # From the company page to the matching page.
    page.goto(f"{live_server.url}/betriebe/{company.pk}/")
    page.click("#funding-matching")
    page.wait_for_url(re.compile(rf"/foerderung/betriebe/{company.pk}/passende-angebote/$"))
    # The seed's real institutions are ranked too; the demo offer is in the firm's Kreis.
    first = page.locator(f'#offers-skills tr[data-offer="{offer.pk}"]')
    expect(first).to_contain_text("Gießereifachkraft Leichtbau (Demo)")
    expect(first).to_contain_text("bedient den Landkreis des Betriebs Wartburgkreis")
    expect(first).to_contain_text("kostenfrei")
    expect(page.locator("#programmes-skills")).to_contain_text("§ 82 SGB III")
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    # "Verweisen": the referral, then consent and sending as in the network's flow.
    page.click(f"#refer-skills-{offer.pk}")
    page.wait_for_url(re.compile(r"/netzwerk/vermittlungen/\d+/$"))
    expect(page.locator("#referral-status")).to_have_text("vorgeschlagen")
    page.fill("#id_consent_purpose", "Weitergabe an das Bildungszentrum")
    page.check("#id_confirm")
    page.locator("#consent-form button[type=submit]").click()
    expect(page.locator("#consent-state")).to_contain_text("Weitergabe an das Bildungszentrum")
    page.locator("#send-form button[type=submit]").click()
    expect(page.locator("#referral-status")).to_have_text("Kontakt aufgenommen")
    expect(page.locator("#referral-timeline")).to_contain_text("vorgeschlagen")
    referral = Referral.objects.get()
    assert referral.disclosure == "full"

    # Record the measure that followed, with participants and granted funding.
    page.click("#record-from-referral")
    page.wait_for_url(re.compile(r"/durchfuehrung/neu/\?referral=\d+$"))
    expect(page.locator("#id_provider")).to_have_value("Bildungszentrum Wartburg (Demo)")
    expect(page.locator("#id_programme")).to_have_value("sgb3-82")
    end = timezone.localdate() - timedelta(days=200)
    start = end - timedelta(days=60)
    page.select_option("#id_status", "completed")
    page.fill("#id_start", start.isoformat())
    page.fill("#id_end", end.isoformat())
    page.fill("#id_participants", "4")
    page.fill("#id_hours", "160")
    page.fill("#id_cost_eur", "16000")
    page.fill("#id_funding_applied_eur", "16000")
    page.fill("#id_funding_granted_eur", "15000")
    page.fill("#id_employed_after_6_months", "3")
    page.click("#save-record")
    page.wait_for_url(re.compile(rf"/foerderung/betriebe/{company.pk}/durchfuehrung/$"))
    expect(page.locator("#records")).to_contain_text("Gießereifachkraft Leichtbau (Demo)")

    record = MeasureRecord.objects.get()
    assert (record.participants, record.funding_granted_eur, record.referral) == (
        4,
        15000,
        referral,
    )
    referral.refresh_from_db()
    company.refresh_from_db()
    assert referral.status == "done" and company.stage == "completed"

    # The network-wide list shows it with the totals.
    page.goto(f"{live_server.url}/foerderung/massnahmen/")
    expect(page.locator("#records")).to_contain_text("Demo-Gießerei Rennsteig")
    expect(page.locator("#total-participants")).to_have_text("4")
    expect(page.locator("#total-granted")).to_have_text("15.000,00 €")
    expect(page.locator("#total-retention")).to_have_text("75,0 %")
    page.screenshot(path="/tmp/e2e-records.png", full_page=True)
    assert page.js_errors == []
