"""Journey of a coordinator importing a list in a real browser: upload a CSV as Excel
writes it (Windows-1252, semicolons), correct the proposed column mapping, see the check
queued with a progress bar, leave and come back to the preview (new, duplicate of a known
firm and why, rejected with reasons), import, and download the rejected rows as Excel.

The jobs run as with ``ANETT_IMPORT_RUNNER=external``: queued by the page and run by a
worker, here the test itself (``jobs.run_pending()``) while the browser is away. (The
live server shares the test's in-memory SQLite connection; a worker thread of its own
would need a second connection, which in-memory SQLite does not share safely.)"""

import csv
import re
from io import BytesIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from anett.core import roles
from anett.core.models import User

PASSWORD = "e2e-Import-2026!"

pytestmark = pytest.mark.e2e

HEADER = [
    "Kd.-Nr.",
    "Firmenname",
    "Straße",
    "PLZ",
    "Ort",
    "WZ 2008",
    "Beschäftigte",
    "BR",
    "Notiz intern",
]
ROWS = [
    [
        "101",
        "Thüringer Achsenwerk GmbH",
        "Am Werk 1",
        "99817",
        "Eisenach",
        "2932",
        "50-249",
        "ja",
        "x",
    ],
    [
        "102",
        "Wartburg Guss GmbH",
        "Am Flugplatz 3",
        "99817",
        "Eisenach",
        "24.51.0",
        "10 bis 49",
        "nein",
        "",
    ],
    [
        "103",
        "Sömmerdaer Kunststoff KG",
        "Weg 5",
        "99610",
        "Sömmerda",
        "22.29.0",
        "über 500",
        "",
        "",
    ],
    [
        "104",
        "Fehlerhaft & Söhne e.K.",
        "Hauptstraße 1",
        "998",
        "Nirgendwo",
        "99.99",
        "viele",
        "",
        "",
    ],
]


@pytest.fixture
def import_settings(settings, tmp_path):
    settings.ANETT_IMPORT_RUNNER = "external"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


def leave_and_come_back(page, url):
    """The user leaves the page while the worker runs the job, and comes back."""
    from anett.imports import jobs

    page.goto("about:blank")
    assert jobs.run_pending() == 1
    page.goto(url)


def test_upload_mapping_preview_commit_download(live_server, page, tmp_path, import_settings):
    from anett.companies.models import Company
    from anett.imports.models import ImportBatch

    call_command("load_reference", verbosity=0)
    User.objects.create_user(
        "koordination",
        password=PASSWORD,
        role=roles.KOORDINATION,
        first_name="Karla",
        last_name="Koordinatorin",
    )
    known = Company.objects.create(
        name="Wartburg Guss",
        legal_form="GmbH",
        street="Am Flugplatz 3",
        postcode="99817",
        city="Eisenach",
    )
    path = tmp_path / "IHK-Liste.csv"
    with path.open("w", encoding="cp1252", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows([HEADER, *ROWS])

    page.goto(f"{live_server.url}/anmelden/")
    page.fill("#id_username", "koordination")
    page.fill("#id_password", PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))

    # Upload.
    page.goto(f"{live_server.url}/import/")
    page.set_input_files("#id_file", str(path))
    page.fill("#id_new_source", "IHK Testliste")
    page.locator("#upload-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/import/\d+/zuordnung/$"))
    batch = ImportBatch.objects.get()

    # The proposal: read from the German headings; the umlauts survived Windows-1252.
    expect(page.locator("#id_col_1")).to_have_value("name")
    expect(page.locator("#id_col_3")).to_have_value("postcode")
    expect(page.locator("#id_col_6")).to_have_value("employees_site")
    expect(page.locator("#id_col_8")).to_have_value("")
    expect(page.locator("#mapping-form")).to_contain_text("Thüringer Achsenwerk GmbH")
    # "Kd.-Nr." and "BR" are not recognised at once: the user assigns them.
    page.select_option("#id_col_0", "external_id")
    page.select_option("#id_col_7", "works_council")
    page.locator("#check-button").click()

    # The check is queued; the page shows a progress bar that polls for news.
    page.wait_for_url(re.compile(rf"/import/{batch.pk}/$"))
    batch_url = page.url
    expect(page.locator("#progress-bar")).to_be_visible()
    expect(page.locator("#import-progress")).to_have_attribute("hx-trigger", "every 1s")
    leave_and_come_back(page, batch_url)
    expect(page.locator("#batch-status")).to_have_attribute("data-status", "preview")
    expect(page.locator("#import-progress")).to_have_count(0)
    expect(page.locator("#count-total")).to_have_text("4")
    expect(page.locator("#count-new")).to_have_text("2")
    expect(page.locator("#count-duplicate")).to_have_text("1")
    expect(page.locator("#count-rejected")).to_have_text("1")
    assert Company.objects.count() == 1  # nothing written yet

    duplicate = page.locator('#row-table tr[data-row="3"]')
    expect(duplicate).to_have_attribute("data-status", "duplicate")
    expect(duplicate.get_by_role("link", name=re.compile("Wartburg Guss"))).to_have_attribute(
        "href", f"/betriebe/{known.pk}/"
    )
    rejected = page.locator('#row-table tr[data-row="5"]')
    expect(rejected).to_have_attribute("data-status", "rejected")
    expect(rejected).to_contain_text("998")
    expect(rejected).to_contain_text("99.99")
    expect(rejected).to_contain_text("viele")
    first = page.locator('#row-table tr[data-row="2"]')
    expect(first).to_contain_text("Thüringer Achsenwerk GmbH")
    expect(first).to_contain_text("149 (50–249)")
    expect(first).to_contain_text("Wartburgkreis")

    # Import.
    page.locator("#commit-button").click()
    expect(page.locator("#batch-status")).to_have_attribute("data-status", "committing")
    expect(page.locator("#progress-bar")).to_be_visible()
    leave_and_come_back(page, batch_url)
    expect(page.locator("#batch-status")).to_have_attribute("data-status", "committed")
    assert Company.objects.count() == 3
    known.refresh_from_db()
    assert known.wz_code == "24.51.0"  # the duplicate filled the empty WZ code
    assert known.sources == "IHK Testliste"
    new = Company.objects.get(name="Thüringer Achsenwerk")
    assert (new.legal_form, new.employees_site, new.works_council) == ("GmbH", 149, "yes")
    expect(page.locator("#undo-link")).to_be_visible()

    # Download the rejected rows.
    with page.expect_download() as info:
        page.locator("#rejected-link").click()
    download = info.value
    assert download.suggested_filename.startswith("abgelehnt-IHK-Liste-")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    ws = load_workbook(BytesIO(saved.read_bytes())).active
    values = list(ws.iter_rows(values_only=True))
    assert values[0][-2:] == ("Importfehler", "Zeile in Originaldatei")
    assert values[1][:9] == tuple(v or None for v in ROWS[3])
    reasons = values[1][9]
    assert "998" in reasons and "99.99" in reasons and "viele" in reasons
    assert values[1][10] == 5
    assert ws.cell(row=2, column=4).comment is not None
    assert page.js_errors == []
