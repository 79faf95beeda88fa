"""The duplicate pages: roles, German texts, review, merge with confirmation, decisions,
undo, settings, search progress."""

import pytest
from django.urls import reverse

from anett.companies.models import Company, ContactPerson
from anett.core.models import SensitiveAccess
from anett.duplicates.models import (
    CandidatePair,
    DuplicateSettings,
    MergeRecord,
    PairStatus,
    SearchRun,
)

pytestmark = pytest.mark.django_db


def _urls(pair=None, record=None, run=None):
    urls = [
        ("get", reverse("duplicates:index")),
        ("post", reverse("duplicates:start")),
        ("get", reverse("duplicates:merges")),
        ("get", reverse("duplicates:settings")),
    ]
    if pair:
        urls += [
            ("get", reverse("duplicates:pair", args=[pair.pk])),
            ("post", reverse("duplicates:decide", args=[pair.pk])),
            ("post", reverse("duplicates:merge_pair", args=[pair.pk])),
        ]
    if record:
        urls += [
            ("get", reverse("duplicates:merge", args=[record.pk])),
            ("get", reverse("duplicates:undo", args=[record.pk])),
            ("post", reverse("duplicates:undo", args=[record.pk])),
        ]
    if run:
        urls.append(("get", reverse("duplicates:progress", args=[run.pk])))
    return urls


def test_only_koordination_and_admin(
    twin_pair, client_beratung, client_partner, client_koordination, client_admin
):
    record = MergeRecord.objects.create(survivor_id=1, removed_id=2, removed_name="X")
    run = SearchRun.objects.create(status="done")
    for client in (client_beratung, client_partner):
        for method, url in _urls(twin_pair, record, run):
            assert getattr(client, method)(url).status_code == 403, url
    assert CandidatePair.objects.get().status == PairStatus.OPEN
    assert SearchRun.objects.count() == 1
    for client in (client_koordination, client_admin):
        assert client.get(reverse("duplicates:index")).status_code == 200
        assert client.get(reverse("duplicates:pair", args=[twin_pair.pk])).status_code == 200


def test_anonymous_redirected_to_login(client, twin_pair):
    response = client.get(reverse("duplicates:index"))
    assert response.status_code == 302 and "/anmelden/" in response["Location"]


def test_nav_link_only_for_coordinators(client_koordination, client_beratung):
    url = reverse("duplicates:index")
    assert f'href="{url}"' in client_koordination.get(reverse("companies:list")).text
    assert f'href="{url}"' not in client_beratung.get(reverse("companies:list")).text


def test_list_in_german(client_koordination, twin_pair):
    html = client_koordination.get(reverse("duplicates:index")).text
    assert "Dubletten im Register" in html
    assert "Ganzes Register nach Dubletten durchsuchen" in html
    assert "Wartburg Achsenbau" in html
    assert "99,9 %" in html or "99.9 %" in html
    assert 'id="pair-count">1 Paar<' in html
    # filters
    html = client_koordination.get(reverse("duplicates:index") + "?q=gotha").text
    assert 'id="pair-count">0 Paare<' in html
    html = client_koordination.get(reverse("duplicates:index") + "?q=wartburg&min=99").text
    assert 'id="pair-count">1 Paar<' in html
    html = client_koordination.get(reverse("duplicates:index") + "?min=99,95").text
    assert 'id="pair-count">0 Paare<' in html


def test_pair_page_side_by_side_with_evidence_and_logged_sensitive(
    client_koordination, twin_pair, twin_firms
):
    html = client_koordination.get(reverse("duplicates:pair", args=[twin_pair.pk])).text
    assert "Mögliche Dublette prüfen" in html
    assert "gleicher Name" in html and "andere Telefonnummer" in html
    assert "starke Hinweise auf einen Betrieb" in html
    # agreeing and differing fields marked
    assert 'data-field="street" data-state="agree"' in html
    assert 'data-field="phone" data-state="differ"' in html
    # counts and contacts of both
    assert "Albrecht" in html and "Bauer" in html
    assert "Kontaktpersonen" in html
    # the Art. 9 data is shown to coordinators, and logged
    assert "IG Metall" in html
    logged = SensitiveAccess.objects.filter(object_type="contactperson")
    assert {e.object_id for e in logged} == {str(c.pk) for c in twin_firms["contacts"]}


def test_sensitive_hidden_without_access(client_koordination, twin_pair, monkeypatch):
    from anett.core.models import User

    monkeypatch.setattr(User, "can_see_sensitive", property(lambda self: False))
    html = client_koordination.get(reverse("duplicates:pair", args=[twin_pair.pk])).text
    assert "Bauer" in html
    assert "IG Metall" not in html
    assert not SensitiveAccess.objects.exists()


def test_merge_needs_confirmation_then_merges(client_koordination, twin_pair, twin_firms):
    a, b = twin_firms["a"], twin_firms["b"]
    url = reverse("duplicates:merge_pair", args=[twin_pair.pk])
    data = {"survivor": b.pk, "choice_phone": str(a.pk)}
    response = client_koordination.post(url, data)
    assert response.status_code == 200
    html = response.text
    assert "Zusammenführen bestätigen" in html or "Ja, zusammenführen" in html
    assert Company.objects.filter(pk=a.pk).exists()  # nothing happened yet
    response = client_koordination.post(url, {**data, "confirmed": "1"})
    record = MergeRecord.objects.get()
    assert response.status_code == 302 and response["Location"] == record.get_absolute_url()
    assert not Company.objects.filter(pk=a.pk).exists()
    b.refresh_from_db()
    assert b.phone == "03691 12340"  # the chosen value of A
    assert ContactPerson.objects.filter(company=b).count() == 2
    html = client_koordination.get(response["Location"]).text
    assert "Zusammengeführt: „Wartburg Achsenbau GmbH“ ist jetzt Teil von" in html
    assert "Zusammenführung rückgängig machen" in html


def test_merge_with_invalid_choice_is_refused(client_koordination, twin_pair, twin_firms):
    url = reverse("duplicates:merge_pair", args=[twin_pair.pk])
    response = client_koordination.post(
        url, {"survivor": twin_firms["a"].pk, "choice_phone": "999", "confirmed": "1"}, follow=True
    )
    assert "Ungültige Auswahl" in response.text
    assert not MergeRecord.objects.exists()
    response = client_koordination.post(url, {"survivor": "7777", "confirmed": "1"}, follow=True)
    assert "Bitte wählen Sie" in response.text


def test_keep_separate_and_later(client_koordination, twin_pair):
    url = reverse("duplicates:decide", args=[twin_pair.pk])
    response = client_koordination.post(url, {"decision": "later"}, follow=True)
    assert "später" in response.text
    twin_pair.refresh_from_db()
    assert twin_pair.status == PairStatus.LATER
    response = client_koordination.post(url, {"decision": "separate"}, follow=True)
    assert "nicht erneut vorgeschlagen" in response.text
    twin_pair.refresh_from_db()
    assert twin_pair.status == PairStatus.SEPARATE
    html = client_koordination.get(reverse("duplicates:index") + "?tab=separate").text
    assert "Wartburg Achsenbau" in html


def test_undo_page_confirms_then_restores(client_koordination, twin_pair, twin_firms):
    from anett.duplicates import services

    b = twin_firms["b"]
    record = services.merge(twin_pair, twin_firms["a"].pk)
    url = reverse("duplicates:undo", args=[record.pk])
    html = client_koordination.get(url).text
    assert "Ja, rückgängig machen" in html
    assert not Company.objects.filter(pk=b.pk).exists()
    response = client_koordination.post(url, follow=True)
    assert "wieder im Register" in response.text
    assert Company.objects.filter(pk=b.pk).exists()
    assert ContactPerson.objects.filter(company=b).count() == 1


def test_settings_validation_and_save(client_koordination):
    url = reverse("duplicates:settings")
    html = client_koordination.get(url).text
    assert "Automatisches Zusammenführen" in html
    response = client_koordination.post(url, {"auto_merge": "probability", "threshold": "1.5"})
    assert "zwischen 0,5 und 1" in response.text
    response = client_koordination.post(url, {"auto_merge": "weight", "threshold": ""})
    assert "Übereinstimmungsgewicht" in response.text
    response = client_koordination.post(url, {"auto_merge": "probability", "threshold": "0.999"})
    assert response.status_code == 302
    rule = DuplicateSettings.current()
    assert (rule.auto_merge, rule.threshold) == ("probability", 0.999)


def test_start_search_and_progress(client_koordination, twin_firms, settings):
    settings.ANETT_DUPLICATES_RUNNER = "external"
    response = client_koordination.post(reverse("duplicates:start"), follow=True)
    run = SearchRun.objects.get()
    assert run.status == "queued"
    assert 'hx-trigger="every 1s"' in response.text
    assert "Sie können diese Seite verlassen" in response.text
    # a second start while one runs is refused
    response = client_koordination.post(reverse("duplicates:start"), follow=True)
    assert "läuft bereits" in response.text
    from anett.duplicates import jobs

    assert jobs.run_pending() == 1
    response = client_koordination.get(
        reverse("duplicates:progress", args=[run.pk]), HTTP_HX_REQUEST="true"
    )
    assert response["HX-Refresh"] == "true"
    assert "Betriebe verglichen" in response.text
    html = client_koordination.get(reverse("duplicates:index")).text
    assert 'data-status="done"' in html
    assert CandidatePair.objects.filter(company_a=twin_firms["a"]).exists()


def test_export_excel_with_filters(client_koordination, twin_pair, client_beratung):
    from io import BytesIO

    from openpyxl import load_workbook

    url = reverse("duplicates:export")
    assert client_beratung.get(url).status_code == 403
    html = client_koordination.get(reverse("duplicates:index") + "?q=wartburg").text
    assert 'id="export-link"' in html and "q=wartburg" in html
    response = client_koordination.get(url + "?tab=open&q=wartburg")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="dubletten-open-' in response["Content-Disposition"]
    ws = load_workbook(BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("Paar", "Betrieb A: Nr.", "Betrieb A")
    assert rows[1][0] == twin_pair.pk
    assert rows[1][2] == "Wartburg Achsenbau GmbH"
    assert rows[1][7] == 0.999 and rows[1][10] == "offen"
    assert rows[1][11].endswith(f"/dubletten/paar/{twin_pair.pk}/")
    response = client_koordination.get(url + "?tab=separate")
    assert len(list(load_workbook(BytesIO(response.content)).active.iter_rows())) == 1
