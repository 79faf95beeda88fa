"""Journey of a coordinator in a real browser: open the dashboard of the pilot region, see
the map coloured by firms reached, switch the map to another figure, then download the
report for the funding body as Word and check its section headings. A partner then sees the
same dashboard with districts of fewer than 5 firms hatched and "< 5"."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from anett.core import roles
from anett.core.models import User
from anett.regions.models import Kreis, Region
from anett.reports.models import ReportPeriod, ReportText

PASSWORD = "e2e-Dashboard-2026!"
WARTBURGKREIS, GOTHA = "16063", "16067"

pytestmark = pytest.mark.e2e


def _firms(user):
    from anett.companies.models import Activity, Company

    for ags, n in ((WARTBURGKREIS, 12), (GOTHA, 7)):
        kreis = Kreis.objects.get(ags=ags)
        for i in range(n):
            firm = Company.objects.create(
                name=f"Demo-Werk {ags}-{i}", kreis=kreis, wz_code="25.62.0", employees_site=40
            )
            if i % 2 == 0:
                Activity.objects.create(
                    company=firm,
                    kind="visit",
                    outcome="participated",
                    date=date.today() - timedelta(days=20),
                    user=user,
                )


def test_coordinator_dashboard_map_and_word_report(live_server, page):
    call_command("load_reference", verbosity=0)
    user = User.objects.create_user(
        "koordination", password=PASSWORD, role=roles.KOORDINATION, first_name="Karla"
    )
    _firms(user)
    report = ReportPeriod.objects.create(
        title="Zwischenbericht Pilotregion",
        region=Region.objects.get(slug="pilotregion"),
        date_from=date.today().replace(month=1, day=1),
        date_to=date.today(),
    )
    ReportText.objects.create(report=report, section="outreach", text="Ansprache lief gut.")

    page.goto(f"{live_server.url}/anmelden/")
    page.fill("#id_username", "koordination")
    page.fill("#id_password", PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))

    page.get_by_role("link", name="Dashboard").first.click()
    page.wait_for_url(re.compile(r"/auswertung/"))
    expect(page.locator('#tiles .kpi[data-figure="reached"] .v')).to_have_text("10")
    expect(page.locator("#kreis-table tr[data-ags='16063'] td").nth(1)).to_have_text("12")
    mapdiv = page.locator("#map")
    expect(mapdiv).to_have_attribute("data-loaded", "6")  # six districts of the pilot region
    expect(page.locator(".map-legend")).to_contain_text("Erreichte Betriebe")
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("GeoBasis-DE / BKG")
    assert page.locator("path.leaflet-interactive").count() == 6

    page.select_option("#map-figure", "identified")
    expect(mapdiv).to_have_attribute("data-figure", "identified")
    expect(page.locator(".map-legend")).to_contain_text("Identifizierte Betriebe")
    assert "figure=identified" in page.url
    page.screenshot(path="/tmp/e2e-dashboard.png", full_page=True)

    page.get_by_role("link", name="Bericht", exact=True).click()
    page.get_by_role("link", name="Zwischenbericht Pilotregion").click()
    expect(page.locator("textarea[name=outreach]")).to_have_value("Ansprache lief gut.")
    page.fill("textarea[name=outlook]", "Weitere Checks im Ilm-Kreis.")
    page.get_by_role("button", name="Texte speichern").click()
    expect(page.locator(".messages")).to_contain_text("Texte gespeichert")

    with page.expect_download() as info:
        page.locator("#report-docx").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    from docx import Document

    doc = Document(io.BytesIO(open(download.path(), "rb").read()))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:6] == [
        "1. Ansprache",
        "2. Beratung und Bedarfe",
        "3. Qualifizierung und Förderung",
        "4. Betriebsräte und KMU",
        "5. Netzwerk und Partner",
        "6. Ausblick",
    ]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Ansprache lief gut." in text and "Weitere Checks im Ilm-Kreis." in text
    assert page.js_errors == []


def test_partner_sees_hatched_small_districts(live_server, page):
    call_command("load_reference", verbosity=0)
    coordinator = User.objects.create_user("koordination", role=roles.KOORDINATION)
    User.objects.create_user("partner", password=PASSWORD, role=roles.PARTNER)
    _firms(coordinator)

    page.goto(f"{live_server.url}/anmelden/")
    page.fill("#id_username", "partner")
    page.fill("#id_password", PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(re.compile(r"/"))
    page.goto(f"{live_server.url}/auswertung/?figure=reached")
    expect(page.locator("#map")).to_have_attribute("data-loaded", "6")
    # Gotha: 4 of 7 firms reached -> hidden; Wartburgkreis: 6 -> shown.
    expect(page.locator("#kreis-table tr[data-ags='16067'] td").nth(2)).to_have_text("< 5")
    expect(page.locator("#kreis-table tr[data-ags='16063'] td").nth(2)).not_to_have_text("6")
    assert page.locator('path[fill="url(#anett-hatch)"]').count() >= 1
    assert page.locator("#map svg pattern#anett-hatch").count() == 1
    expect(page.locator(".map-legend")).to_contain_text("verborgen")
    expect(page.locator("#suppression-note")).to_be_visible()
    page.locator("#map").screenshot(path="/tmp/e2e-dashboard-partner-map.png")
    assert "Demo-Werk" not in page.content()
    assert page.get_by_role("link", name="Bericht", exact=True).count() == 0
    assert page.js_errors == []
