"""Journey of a coordinator in a real browser: log in, find a company in the register with
the htmx filter, record that the company took part in a workshop, and see its engagement
status change from "unbekannt" to "beteiligt"."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from anett.core import roles
from anett.core.models import User
from anett.regions.models import Kreis

PASSWORD = "e2e-Journey-2026!"
SCREENSHOT = Path("/tmp/e2e-detail.png")
TARGET = "Demo-Zulieferer Testwerk"

pytestmark = pytest.mark.e2e


def _companies():
    from anett.companies.models import Company

    kreise = {k.ags: k for k in Kreis.objects.filter(ags__in=["16063", "16067"])}
    rows = [
        # name, kreis, wz_code, city, postcode
        (TARGET, "16063", "29.32.0", "Eisenach", "99817"),
        ("Demo-Fahrzeugteile Erlengrund", "16063", "29.10.0", "Eisenach", "99817"),
        ("Demo-Kunststofftechnik Wiesenau", "16067", "22.29.0", "Gotha", "99867"),
        ("Demo-Logistik Tannfeld", "16067", "49.41.0", "Gotha", "99867"),
    ]
    created = {}
    for name, ags, wz, city, plz in rows:
        created[name] = Company.objects.create(
            name=name,
            legal_form="GmbH",
            kreis=kreise[ags],
            wz_code=wz,
            city=city,
            postcode=plz,
            employees_site=120,
            works_council="unknown",
            is_demo=True,
        )
    return created


def test_coordinator_records_participation(live_server, page):
    from anett.companies.models import Company

    # live_server runs on a transactional database: reference data is created here.
    call_command("load_reference", verbosity=0)
    User.objects.create_user(
        "koordination",
        password=PASSWORD,
        role=roles.KOORDINATION,
        first_name="Karla",
        last_name="Koordinatorin",
    )
    companies = _companies()
    target = companies[TARGET]
    assert target.branch_group == "automotive"
    assert target.engagement_status == "unknown"

    # Log in (the browser asks for German, the app's main language).
    page.goto(f"{live_server.url}/anmelden/")
    page.fill("#id_username", "koordination")
    page.fill("#id_password", PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))
    expect(page.locator("header.top")).to_contain_text("Karla Koordinatorin")

    # The register lists all four companies.
    page.goto(f"{live_server.url}/betriebe/")
    rows = page.locator("#company-table tbody tr")
    expect(rows).to_have_count(4)

    # Filter by branch group (htmx replaces #results, the URL follows).
    page.select_option("#id_branch_group", label="Automobilkern")
    expect(rows).to_have_count(2)
    expect(page).to_have_url(re.compile(r"branch_group=automotive"))
    # Narrow down with the search box (keyup, debounced).
    page.locator("#id_q").press_sequentially("testwerk", delay=20)
    expect(rows).to_have_count(1)
    expect(page.locator("#company-table")).to_contain_text(TARGET)

    # Open the company.
    page.locator("#company-table").get_by_role("link", name=TARGET).click()
    page.wait_for_url(re.compile(rf"/betriebe/{target.pk}/$"))
    badge = page.locator("#engagement-status")
    expect(badge).to_have_text("unbekannt")

    # Record the participation in a workshop.
    form = page.locator("#activity-form")
    form.locator("#id_kind").select_option("workshop")
    form.locator("#id_date").fill(timezone.localdate().isoformat())
    form.locator("#id_outcome").select_option(label="hat teilgenommen")
    form.locator("#id_note").fill("Transformations-Workshop in Eisenach besucht (E2E)")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/betriebe/{target.pk}/#activities$"))

    expect(badge).to_have_text("beteiligt")
    expect(page.locator("ul.messages")).to_contain_text("Engagement: unbekannt → beteiligt")
    expect(page.locator("#activities table")).to_contain_text("(E2E)")
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    target.refresh_from_db()
    assert target.engagement_status == "engaged"
    assert target.activities.get().outcome == "participated"
    assert Company.objects.filter(engagement_status="engaged").count() == 1
    assert page.js_errors == []
