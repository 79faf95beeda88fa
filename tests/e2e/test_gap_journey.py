"""Journey of a coordinator in a real browser: open the gap analysis of the pilot region,
see a gap (firms in Sömmerda need advice on succession, nobody offers it there), add an offer
of an actor that covers it, and see the gap close."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from anett.assessment.models import Need
from anett.core import roles
from anett.core.models import User
from anett.network.models import Offer
from anett.network.seed import load_actors
from anett.regions.models import Kreis

PASSWORD = "e2e-Gaps-2026!"
SCREENSHOT = Path("/tmp/e2e-gaps.png")
SOEMMERDA = "16068"

pytestmark = pytest.mark.e2e


def _firms_with_succession_need(n: int):
    from anett.companies.models import Company

    kreis = Kreis.objects.get(ags=SOEMMERDA)
    for i in range(n):
        company = Company.objects.create(
            name=f"Demo-Nachfolgebetrieb {i + 1}",
            legal_form="GmbH",
            kreis=kreis,
            wz_code="25.62.0",
            employees_site=30 + i,
            is_demo=True,
        )
        Need.objects.create(company=company, topic="succession", level=85, source="manual")


def test_coordinator_closes_a_gap_with_an_offer(live_server, page):
    # live_server runs on a transactional database: reference data is created here.
    call_command("load_reference", verbosity=0)
    load_actors()  # idempotent; the real institutions of the network and their offers
    User.objects.create_user(
        "koordination",
        password=PASSWORD,
        role=roles.KOORDINATION,
        first_name="Karla",
        last_name="Koordinatorin",
    )
    _firms_with_succession_need(3)

    page.goto(f"{live_server.url}/anmelden/")
    page.fill("#id_username", "koordination")
    page.fill("#id_password", PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))

    # The gap analysis of the pilot region: Sömmerda × succession is a gap.
    page.goto(f"{live_server.url}/netzwerk/luecken/?region=pilotregion")
    cell = page.locator(f'#heatmap td[data-kreis="{SOEMMERDA}"][data-topic="succession"]')
    expect(cell).to_have_attribute("data-status", "gap")
    expect(cell.locator(".d")).to_have_text("3")
    expect(cell.locator(".o")).to_have_text("0")
    row = page.locator(
        f'#gap-list tr[data-kreis="{SOEMMERDA}"][data-topic="succession"][data-group="management"]'
    )
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Sömmerda")

    # Fill it: the link opens the offer form prefilled with topic, target group and district.
    row.locator("a.fill-gap").click()
    page.wait_for_url(re.compile(r"/netzwerk/angebote/neu/"))
    expect(page.locator('input[name="topics"][value="succession"]')).to_be_checked()
    expect(page.locator('input[name="target_groups"][value="management"]')).to_be_checked()
    kreis_id = str(Kreis.objects.get(ags=SOEMMERDA).pk)
    expect(page.locator("#id_kreise")).to_have_values([kreis_id])
    page.select_option("#id_actor", label="IHK Erfurt")
    page.fill("#id_title", "Sprechtag Unternehmensnachfolge Sömmerda")
    page.select_option("#id_kind", "advice")
    page.locator('input[name="formats"][value="on_site"]').check()
    page.locator("#save").click()

    # Back on the gap page: the cell is covered and the gap is gone from the list.
    page.wait_for_url(re.compile(r"/netzwerk/luecken/\?region=pilotregion"))
    expect(page.locator("ul.messages")).to_contain_text("Sprechtag Unternehmensnachfolge")
    expect(cell).to_have_attribute("data-status", "covered")
    expect(cell.locator(".o")).to_have_text("1")
    expect(row).to_have_count(0)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    offer = Offer.objects.get(title="Sprechtag Unternehmensnachfolge Sömmerda")
    assert offer.actor.short_name == "IHK Erfurt"
    assert offer.topics == ["succession"] and offer.target_groups == ["management"]
    assert list(offer.kreise.values_list("ags", flat=True)) == [SOEMMERDA]
    assert page.js_errors == []
