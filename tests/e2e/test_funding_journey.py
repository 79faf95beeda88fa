"""Journey of an adviser in a real browser: plan a training for an assigned demo firm in the
Förderrechner (two participant groups, the second added with the "add a group" button),
choose § 82 SGB III, and download the Förderfahrplan as a Word file whose amounts are
checked with python-docx."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from docx import Document
from playwright.sync_api import expect

from anett.core import roles
from anett.core.models import User
from anett.regions.models import Kreis

PASSWORD = "e2e-Foerderung-2026!"
SCREENSHOT = Path("/tmp/e2e-funding.png")

pytestmark = pytest.mark.e2e


def _demo_firm(adviser):
    from anett.companies.models import Company

    company = Company.objects.create(
        name="Demo-Zulieferer Förderwerk",
        legal_form="GmbH",
        kreis=Kreis.objects.get(ags="16063"),
        wz_code="29.32.0",
        city="Eisenach",
        postcode="99817",
        employees_site=30,
        employees_enterprise=30,
        turnover_eur=4_000_000,
        balance_sheet_eur=3_000_000,
        is_demo=True,
    )
    company.advisers.add(adviser)
    return company


def _fill_group(page, i, label, count, age, year):
    page.fill(f"#id_groups-{i}-label", label)
    page.fill(f"#id_groups-{i}-count", str(count))
    page.fill(f"#id_groups-{i}-age", str(age))
    page.select_option(f"#id_groups-{i}-severely_disabled", "false")
    page.fill(f"#id_groups-{i}-qualification_year", str(year))
    page.select_option(f"#id_groups-{i}-funding_history", "never")
    page.fill(f"#id_groups-{i}-monthly_gross_eur", "3500")
    page.fill(f"#id_groups-{i}-weekly_hours", "40")


def test_adviser_plans_a_measure_and_downloads_the_word_plan(live_server, page, tmp_path):
    from anett.funding.models import PlannedMeasure

    # live_server runs on a transactional database: reference data is created here.
    call_command("load_reference", verbosity=0)
    adviser = User.objects.create_user(
        "beratung", password=PASSWORD, role=roles.BERATUNG, first_name="Bea", last_name="Berater"
    )
    company = _demo_firm(adviser)

    page.goto(f"{live_server.url}/anmelden/")
    page.fill("#id_username", "beratung")
    page.fill("#id_password", PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))

    # The firm's planned measures, then a new one.
    page.goto(f"{live_server.url}/foerderung/betriebe/{company.pk}/")
    page.click("#new-measure")
    page.wait_for_url(re.compile(rf"/foerderung/betriebe/{company.pk}/neu/$"))

    page.fill("#id_title", "CNC-Fachkraft Elektromobilität")
    page.fill("#id_provider", "Bildungswerk Eisenach")
    page.select_option("#id_kind", "training")
    page.fill("#id_start", "2025-03-01")
    page.fill("#id_application_date", "2025-01-15")
    page.fill("#id_hours", "200")
    page.fill("#id_course_costs_eur", "6000")
    page.fill("#id_wage_loss_hours", "100")
    for field in ("provider_azav", "measure_azav"):
        page.select_option(f"#id_{field}", "true")
    for field in ("adaptation_only", "legally_required"):
        page.select_option(f"#id_{field}", "false")
    _fill_group(page, 0, "Facharbeiter 45+", 2, 48, 2005)
    page.click("#add-group")
    expect(page.locator("#id_groups-1-label")).to_be_visible()
    _fill_group(page, 1, "Anna Beispiel", 1, 30, 2015)
    page.click("#save-measure")
    page.wait_for_url(re.compile(r"/foerderung/massnahmen/\d+/$"))

    measure = PlannedMeasure.objects.get()
    assert measure.company == company and measure.created_by == adviser
    assert [(g.label, g.count) for g in measure.groups.all()] == [
        ("Facharbeiter 45+", 2),
        ("Anna Beispiel", 1),
    ]

    # The programme table: § 82 is eligible for three participants.
    row = page.locator("#programme-sgb3-82")
    expect(row).to_have_attribute("data-status", "eligible")
    expect(row.locator('[data-component="lehrgangskosten"]')).to_have_text("18.000,00 €")
    expect(row.locator('[data-component="arbeitsentgeltzuschuss"]')).to_have_text("4.543,26 €")

    # Choose § 82 and save the combination.
    page.check("#choose-sgb3-82")
    page.click("#save-selection")
    page.wait_for_url(re.compile(r"/foerderung/massnahmen/\d+/#combination$"))
    expect(page.locator("#total-grants")).to_have_text("22.543,26 €")
    expect(page.locator("#total-remaining")).to_have_text("1.514,43 €")
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    # Download the Förderfahrplan and read it.
    with page.expect_download() as info:
        page.click("#export-docx")
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    doc = Document(str(path))
    text = "\n".join(
        [p.text for p in doc.paragraphs]
        + [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    )
    assert "CNC-Fachkraft Elektromobilität" in text
    assert "Demo-Zulieferer Förderwerk" in text
    assert "18.000,00 €" in text  # course costs, 3 × 6,000 €
    assert "4.543,26 €" in text  # wage subsidy, 3 × 75 % × 2,019.23 €
    assert "22.543,26 €" in text  # grants to the employer
    assert "1.514,43 €" in text  # the employer's remaining cost
    assert "§ 82 Abs. 2 SGB III" in text and "§ 82 Abs. 3 SGB III" in text
    plan = next(t for t in doc.tables if "sgb3" not in t.cell(0, 0).text and len(t.columns) == 6)
    cells = [c.text for c in plan.rows[1].cells]
    assert cells[0] == "Förderung beschäftigter Arbeitnehmer (§ 82 SGB III)"
    assert cells[3] == "22.543,26 €" and cells[4] == "1.514,43 €"
    assert page.js_errors == []
