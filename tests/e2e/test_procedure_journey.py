"""A coordinator creates a call for contributions with sections and invites an actor in the
browser; the actor submits through the personal link (fresh browser, phone size, no login);
the coordinator downloads the compiled Word document, whose sections and contribution are
checked in order."""

from datetime import date

import pytest
from django.core.management import call_command
from docx import Document
from playwright.sync_api import expect

from anett.core import roles
from anett.core.models import User
from anett.network.models import Actor, ActorContact

pytestmark = pytest.mark.e2e
PASSWORD = "e2e-Verfahren-2026!"

SECTIONS = [
    ("Pilotregion", "Wie begründen wir den Zuschnitt der Pilotregion?"),
    ("Qualifizierung", "Welche bestehenden Angebote nutzen wir?"),
    ("Akteure", "Wo sind Lücken im Netz der Akteure?"),
]


def test_call_for_contributions_journey(live_server, chromium_browser, mailoutbox):
    call_command("load_reference", verbosity=0)
    User.objects.create_user("koordination", password=PASSWORD, role=roles.KOORDINATION)
    actor = Actor.objects.create(name="IG Metall Thüringen (Test)", kind="union")
    ActorContact.objects.create(
        actor=actor,
        first_name="Erika",
        last_name="Beispiel",
        email="erika@example.org",
        consent_purpose="Netzwerkarbeit",
        consent_date=date(2022, 1, 10),
    )

    desk = chromium_browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    page = desk.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/anmelden/")
    page.fill("#id_username", "koordination")
    page.fill("#id_password", PASSWORD)
    page.locator("form.stacked button[type=submit]").click()

    # The coordinator creates the call with three sections.
    page.goto(f"{live_server.url}/verfahren/aufrufe/")
    page.locator("#new-call").click()
    expect(page.locator("h1")).to_have_text("Neuer Beitragsaufruf")
    page.fill("#id_title", "Beiträge zur Skizze 2.0")
    page.fill("#id_document_title", "Projektskizze 2.0")
    page.fill("#id_intro", "Bitte Ideen, Anregungen und Textbausteine für die Skizze 2.0.")
    page.fill("#id_deadline", "2031-02-28")
    for i, (title, question) in enumerate(SECTIONS):
        page.fill(f"#id_sections-{i}-title", title)
        page.fill(f"#id_sections-{i}-question", question)
    page.locator("#save").click()
    expect(page.locator("ul.messages")).to_contain_text("Beitragsaufruf gespeichert")

    # ... and invites the actor's contact person; the invitation goes out by e-mail.
    page.select_option("#id_actor", label="IG Metall Thüringen (Test)")
    page.select_option(
        "#id_contact", label="IG Metall Thüringen (Test): Erika Beispiel <erika@example.org>"
    )
    page.locator("#invite").click()
    expect(page.locator("ul.messages")).to_contain_text("Einladung an erika@example.org versandt")
    expect(page.locator("#deadline")).to_contain_text("KW 9 (bis Fr., 28.02.2031)")
    link = page.locator("#invitations input.linkbox").first.input_value()
    assert link.startswith(f"{live_server.url}/verfahren/b/")
    assert len(mailoutbox) == 1 and link in mailoutbox[0].body

    # The actor opens the personal link in a fresh browser (phone, not logged in).
    phone = chromium_browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="de-DE"
    )
    actor_page = phone.new_page()
    actor_page.on("pageerror", lambda exc: errors.append(str(exc)))
    actor_page.goto(link)
    expect(actor_page.locator("h1")).to_have_text("Beiträge zur Skizze 2.0")
    expect(actor_page.locator("#deadline")).to_contain_text("KW 9 (bis Fr., 28.02.2031)")
    actor_page.get_by_label("1. Pilotregion").fill("Hoher Handlungsbedarf im Wartburgkreis.")
    actor_page.get_by_role("button", name="Entwurf speichern").click()
    expect(actor_page.locator("ul.messages")).to_contain_text("Als Entwurf gespeichert")
    actor_page.get_by_label("3. Akteure").fill("Weiterbildungsverbände (TKA) und ZeTT einbinden.")
    actor_page.get_by_role("button", name="Abgeben").click()
    expect(actor_page.locator("ul.messages")).to_contain_text("Ihr Beitrag ist abgegeben")
    expect(actor_page.get_by_label("1. Pilotregion")).to_have_value(
        "Hoher Handlungsbedarf im Wartburgkreis."
    )
    actor_page.screenshot(path="/tmp/e2e-procedure-phone.png", full_page=True)
    phone.close()

    # The coordinator sees who delivered what and downloads the compiled document.
    page.reload()
    row = page.locator("#invitations tbody tr").first
    expect(row).to_contain_text("abgegeben")
    expect(row.locator(".state.delivered")).to_have_count(2)
    expect(row.locator(".state.missing")).to_have_count(1)
    with page.expect_download() as download_info:
        page.locator("#download-docx").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    doc = Document(download.path())
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    texts = [t for _s, t in paragraphs]
    assert paragraphs[0] == ("Title", "Projektskizze 2.0")
    assert [t for s, t in paragraphs if s == "Heading 1"] == [
        "1. Pilotregion",
        "2. Qualifizierung",
        "3. Akteure",
    ]
    i = texts.index
    assert (
        i("1. Pilotregion")
        < i(SECTIONS[0][1])
        < i("Beitrag von IG Metall Thüringen (Test)")
        < i("Hoher Handlungsbedarf im Wartburgkreis.")
        < i("2. Qualifizierung")
        < i("(noch kein Beitrag)")
        < i("3. Akteure")
        < i("Weiterbildungsverbände (TKA) und ZeTT einbinden.")
    )
    assert errors == []
    desk.close()
