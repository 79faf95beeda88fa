"""Journey of a coordinator cleaning duplicates in a real browser: start a search of the
whole register, see its progress, leave and come back to the result, open the strongest
pair, see the evidence side by side, merge with confirmation, find the contacts of both
records at the kept firm, and undo the merge.

The search runs as with ``ANETT_DUPLICATES_RUNNER=external``: queued by the page and run
by a worker, here the test itself (``jobs.run_pending()``) while the browser is away (the
live server shares the test's in-memory SQLite connection, see the import journey)."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from anett.core import roles
from anett.core.models import User

PASSWORD = "e2e-Dubletten-2026!"

pytestmark = pytest.mark.e2e


def test_search_review_merge_undo(live_server, page, settings):
    from anett.companies.models import Company, ContactPerson
    from anett.duplicates import jobs
    from anett.duplicates.models import CandidatePair, MergeRecord

    settings.ANETT_DUPLICATES_RUNNER = "external"
    call_command("load_reference", verbosity=0)
    User.objects.create_user(
        "koordination",
        password=PASSWORD,
        role=roles.KOORDINATION,
        first_name="Karla",
        last_name="Koordinatorin",
    )
    a = Company.objects.create(
        name="Wartburg Achsenbau",
        legal_form="GmbH",
        street="Am Flugplatz 3",
        postcode="99817",
        city="Eisenach",
        phone="03691 12340",
        sources="IHK",
    )
    b = Company.objects.create(
        name="Wartburg-Achsenbau",
        legal_form="GmbH",
        street="Am Flugplatz 3",
        postcode="99817",
        city="Eisenach",
        phone="+49 3691 12340",
        employees_site=120,
        sources="HWK",
    )
    Company.objects.create(
        name="Elektro Hoffmann",
        legal_form="e.K.",
        street="Markt 2",
        postcode="98527",
        city="Suhl",
    )
    ContactPerson.objects.create(company=a, first_name="Anna", last_name="Albrecht")
    ContactPerson.objects.create(company=b, first_name="Bernd", last_name="Bauer")

    page.goto(f"{live_server.url}/anmelden/")
    page.fill("#id_username", "koordination")
    page.fill("#id_password", PASSWORD)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(re.compile(r"/$"))

    # The menu leads to the duplicates; the search is started with a button.
    page.locator("summary", has_text="Administration").click()
    page.get_by_role("link", name="Dubletten").click()
    page.wait_for_url(re.compile(r"/dubletten/$"))
    expect(page.locator("#no-pairs")).to_be_visible()
    page.locator("#start-search").click()
    expect(page.locator("#search-progress")).to_have_attribute("hx-trigger", "every 1s")
    expect(page.locator("#search-progress")).to_contain_text("Dublettensuche läuft")
    expect(page.locator("#start-search")).to_be_disabled()

    # Leave; the worker runs the search; come back to the result.
    page.goto("about:blank")
    assert jobs.run_pending() == 1
    page.goto(f"{live_server.url}/dubletten/")
    expect(page.locator("#search-progress")).to_have_attribute("data-status", "done")
    expect(page.locator("#search-result")).to_contain_text("3 Betriebe verglichen")
    expect(page.locator("#count-open")).to_have_text("1")
    pair = CandidatePair.objects.get()
    row = page.locator(f'#pair-table tr[data-pair="{pair.pk}"]')
    expect(row).to_contain_text("Wartburg Achsenbau GmbH")
    expect(row).to_contain_text("Wartburg-Achsenbau GmbH")

    # The pair side by side, with the evidence.
    row.get_by_role("link", name="Prüfen").click()
    page.wait_for_url(re.compile(rf"/dubletten/paar/{pair.pk}/$"))
    expect(page.locator("#evidence")).to_contain_text("gleiche Adresse")
    expect(page.locator("#evidence")).to_contain_text("gleiche Telefonnummer")
    expect(page.locator('tr[data-field="street"]')).to_have_attribute("data-state", "agree")
    expect(page.locator("#contacts-a")).to_contain_text("Albrecht")
    expect(page.locator("#contacts-b")).to_contain_text("Bauer")
    # keep record A (the older one), then merge with confirmation
    if page.locator("#keep-a").get_attribute("href"):
        page.locator("#keep-a").click()
    expect(page.locator("#keep-a")).to_have_text("wird behalten")
    page.locator("#merge-button").click()
    expect(page.locator("#confirm-merge")).to_contain_text("Ansprechpersonen: 1")
    assert Company.objects.filter(pk=b.pk).exists()
    page.locator("#confirm-merge-button").click()
    record = MergeRecord.objects.get()
    page.wait_for_url(re.compile(rf"/dubletten/zusammenfuehrungen/{record.pk}/$"))
    expect(page.locator(".messages")).to_contain_text("ist jetzt Teil von")
    assert not Company.objects.filter(pk=b.pk).exists()

    # The kept firm has the contacts of both records and the filled headcount.
    page.locator("#survivor-link").click()
    page.wait_for_url(re.compile(rf"/betriebe/{a.pk}/$"))
    expect(page.locator("main")).to_contain_text("Albrecht")
    expect(page.locator("main")).to_contain_text("Bauer")
    a.refresh_from_db()
    assert a.employees_site == 120 and a.sources == "IHK, HWK"

    # Undo.
    page.goto(f"{live_server.url}{record.get_absolute_url()}")
    page.locator("#undo-link").click()
    page.locator("#confirm-undo-button").click()
    expect(page.locator(".messages")).to_contain_text("wieder im Register")
    expect(page.locator("#merge-record")).to_have_attribute("data-active", "no")
    assert ContactPerson.objects.get(last_name="Bauer").company_id == b.pk
    assert ContactPerson.objects.get(last_name="Albrecht").company_id == a.pk
    a.refresh_from_db()
    assert a.employees_site is None and a.sources == "IHK"
    page.goto(f"{live_server.url}/dubletten/")
    expect(page.locator("#count-open")).to_have_text("1")
    assert page.js_errors == []
