"""Insights: visibility, Markdown, the review workflow, attachments, the partner list."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from anett.core import roles
from anett.partners import vocab
from anett.partners.models import Insight, InsightAttachment, InsightStatusChange
from anett.partners.services import organisation_of
from anett.regions.models import Kreis, Region

from ..conftest import _logged_in, make_user
from .conftest import make_insight, make_org, member

pytestmark = pytest.mark.django_db


# --- visibility -------------------------------------------------------------------------


def test_visible_to_by_role_and_organisation(org, partner_member, user_factory):
    other = make_org("Andere Kammer")
    outsider = member(other, "p-other")
    loner = user_factory(roles.PARTNER)
    draft = make_insight("Entwurf", status=vocab.DRAFT)
    public = make_insight("Für alle")
    own = make_insight("Nur für uns", orgs=[org])
    foreign = make_insight("Nur für die anderen", orgs=[other])
    withdrawn = make_insight("Zurückgezogen", status=vocab.WITHDRAWN)

    def titles(user):
        return set(Insight.objects.visible_to(user).values_list("title", flat=True))

    assert titles(partner_member) == {"Für alle", "Nur für uns"}
    assert titles(outsider) == {"Für alle", "Nur für die anderen"}
    assert titles(loner) == {"Für alle"}
    assert titles(user_factory(roles.BERATUNG)) == {
        "Für alle", "Nur für uns", "Nur für die anderen"
    }  # fmt: skip
    assert len(titles(user_factory(roles.KOORDINATION))) == 5
    assert set(Insight.objects.published().values_list("pk", flat=True)) == {
        public.pk, own.pk, foreign.pk
    }  # fmt: skip
    assert draft.pk and withdrawn.pk
    org.active = False
    org.save()
    assert titles(partner_member) == set()


def test_unsaved_partner_sees_insights_for_all_partners_only(org):
    from anett.core.models import User

    make_insight("Für alle")
    make_insight("Nur für uns", orgs=[org])
    viewer = User(username="stand-in", role=roles.PARTNER)
    assert list(Insight.objects.visible_to(viewer).values_list("title", flat=True)) == ["Für alle"]
    assert organisation_of(viewer) is None


def test_visible_to_is_not_duplicated_by_several_organisations(org, partner_member):
    make_insight("Für zwei", orgs=[org, make_org("Zweite")])
    assert Insight.objects.visible_to(partner_member).count() == 1


def test_organisation_of(org, partner_member, user_factory):
    assert organisation_of(partner_member) == org
    assert organisation_of(user_factory(roles.PARTNER)) is None


def test_body_html_is_sanitised():
    insight = make_insight(body="**Wichtig** <script>alert(1)</script> [x](javascript:alert(1))")
    html = insight.body_html()
    assert "<strong>Wichtig</strong>" in html
    assert "<script" not in html and "javascript:" not in html


# --- partner list and detail ------------------------------------------------------------


def test_partner_sees_published_list_with_filters_and_search(client_member, org):
    wak = Kreis.objects.get(ags="16063")
    pilot = Region.objects.get(slug="pilotregion")
    a = make_insight(
        "Qualifizierung beim Zulieferer",
        kind=vocab.GOOD_PRACTICE,
        topics=["skills"],
        branch_groups=["supplier"],
        body="Teilqualifizierung für Un- und Angelernte",
    )
    a.kreise.set([wak])
    b = make_insight("Betriebe ohne Betriebsrat", kind=vocab.LESSON_LEARNED, topics=["work_org"])
    b.regions.set([pilot])
    make_insight("Geheimer Entwurf", status=vocab.DRAFT)
    make_insight("Für andere", orgs=[make_org("Fremd")])

    page = client_member.get(reverse("partners:insights")).content.decode()
    assert "Qualifizierung beim Zulieferer" in page and "Betriebe ohne Betriebsrat" in page
    assert "Geheimer Entwurf" not in page and "Für andere" not in page
    assert "2 Erkenntnisse gefunden" in page

    def found(**params):
        html = client_member.get(reverse("partners:insights"), params).content.decode()
        return {t for t in (a.title, b.title) if t in html}

    assert found(kind="good_practice") == {a.title}
    assert found(topic="work_org") == {b.title}
    assert found(branch="supplier") == {a.title}
    assert found(kreis=wak.pk) == {a.title, b.title}  # b through the pilot region
    assert found(region=pilot.pk) == {a.title, b.title}  # a through its Kreis
    assert found(q="angelernte") == {a.title}  # body text, folded
    assert found(q="betriebsrat ohne") == {b.title}


def test_list_answers_htmx_with_the_results_only(client_member):
    make_insight("Eins")
    response = client_member.get(reverse("partners:insights"), HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content and b"Eins" in response.content


def test_partner_cannot_open_draft_or_other_organisations_insight(client_member):
    draft = make_insight("Entwurf", status=vocab.DRAFT)
    foreign = make_insight("Fremd", orgs=[make_org("Fremde Org")])
    withdrawn = make_insight("Weg", status=vocab.WITHDRAWN)
    for insight in (draft, foreign, withdrawn):
        assert client_member.get(insight.get_absolute_url()).status_code == 404


def test_partner_detail_shows_text_but_no_workflow_and_no_names(client_member, user_factory):
    author = user_factory(roles.KOORDINATION, first_name="Kora", last_name="Autorin")
    insight = make_insight("Gute Praxis", body="## Vorgehen\n\n- Schritt", author=author)
    page = client_member.get(insight.get_absolute_url()).content.decode()
    assert "<h2>Vorgehen</h2>" in page
    assert "ANeTT-Netzwerkbüro" in page
    assert "Autorin" not in page and "Prüfung und Veröffentlichung" not in page


# --- editorial workflow -----------------------------------------------------------------


def _insight_data(**overrides):
    data = {
        "title": "Neue Erkenntnis",
        "kind": "finding",
        "summary": "Kurz gesagt.",
        "body": "Text mit **Markdown**.",
        "topics": ["skills"],
        "branch_groups": ["supplier"],
        "audience": "all",
    }
    data.update(overrides)
    return data


def test_write_review_publish_withdraw(client_koordination, user_koordination, client_member):
    response = client_koordination.post(reverse("partners:insight_create"), _insight_data())
    insight = Insight.objects.get(title="Neue Erkenntnis")
    assert response.status_code == 302 and insight.status == vocab.DRAFT
    assert insight.author == user_koordination
    assert client_member.get(insight.get_absolute_url()).status_code == 404

    status_url = reverse("partners:insight_status", args=[insight.pk])
    client_koordination.post(status_url, {"action": "submit"})
    insight.refresh_from_db()
    assert insight.status == vocab.IN_REVIEW

    # The author may not publish it.
    response = client_koordination.post(status_url, {"action": "publish"}, follow=True)
    assert "Eine zweite Person prüft" in response.content.decode()
    insight.refresh_from_db()
    assert insight.status == vocab.IN_REVIEW

    second = _logged_in(make_user(roles.KOORDINATION, "second-coord"))
    response = second.post(status_url, {"action": "return"}, follow=True)
    assert "Bitte schreiben Sie im Kommentar" in response.content.decode()
    second.post(status_url, {"action": "return", "comment": "Bitte Quelle ergänzen."})
    insight.refresh_from_db()
    assert insight.status == vocab.DRAFT

    client_koordination.post(status_url, {"action": "submit"})
    second.post(status_url, {"action": "publish"})
    insight.refresh_from_db()
    assert insight.status == vocab.PUBLISHED and insight.published_at
    assert insight.reviewer.username == "second-coord"
    assert client_member.get(insight.get_absolute_url()).status_code == 200

    client_koordination.post(status_url, {"action": "withdraw"})
    insight.refresh_from_db()
    assert insight.status == vocab.WITHDRAWN
    assert client_member.get(insight.get_absolute_url()).status_code == 404

    steps = list(
        InsightStatusChange.objects.filter(insight=insight)
        .order_by("at", "id")
        .values_list("to_status", flat=True)
    )
    assert steps == ["in_review", "draft", "in_review", "published", "withdrawn"]
    page = client_koordination.get(insight.get_absolute_url()).content.decode()
    assert "Bitte Quelle ergänzen." in page and "zurückgezogen" in page


def test_form_errors_are_german_and_name_the_field(client_koordination):
    response = client_koordination.post(
        reverse("partners:insight_create"), _insight_data(title="", audience="selected")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nichts wurde gespeichert" in page or "Bitte korrigieren" in page
    assert "Wählen Sie mindestens eine Organisation" in page
    assert not Insight.objects.exists()


def test_published_insight_is_not_edited(client_koordination):
    insight = make_insight("Fertig")
    response = client_koordination.get(reverse("partners:insight_edit", args=[insight.pk]))
    assert response.status_code == 302


def test_preview_renders_sanitised_markdown(client_koordination, client_member):
    url = reverse("partners:insight_preview")
    response = client_koordination.post(url, {"body": "**fett** <script>x()</script>"})
    assert b"<strong>fett</strong>" in response.content and b"<script" not in response.content
    assert client_member.post(url, {"body": "x"}).status_code == 403


def test_delete_asks_for_confirmation(client_koordination, media):
    insight = make_insight("Zu löschen")
    url = reverse("partners:insight_delete", args=[insight.pk])
    page = client_koordination.get(url).content.decode()
    assert "wirklich löschen" in page.lower() or "Ja, löschen" in page
    assert Insight.objects.filter(pk=insight.pk).exists()
    client_koordination.post(url)
    assert not Insight.objects.filter(pk=insight.pk).exists()


def test_beratung_reads_but_does_not_edit(client_beratung):
    insight = make_insight("Lesbar")
    assert client_beratung.get(insight.get_absolute_url()).status_code == 200
    assert client_beratung.get(reverse("partners:insights")).status_code == 200
    assert client_beratung.get(reverse("partners:manage")).status_code == 403
    assert client_beratung.get(reverse("partners:insight_create")).status_code == 403


# --- attachments ------------------------------------------------------------------------

PDF = b"%PDF-1.4\n% Testbericht\n"


def _upload(client, insight, name, content, ctype="application/octet-stream"):
    return client.post(
        reverse("partners:attachment_upload", args=[insight.pk]),
        {"file": SimpleUploadedFile(name, content, content_type=ctype)},
        follow=True,
    )


def test_attachment_upload_and_permission_checked_download(
    client_koordination, client_member, media, user_factory
):
    insight = make_insight("Mit Anhang")
    _upload(client_koordination, insight, "Bericht 2025.pdf", PDF)
    attachment = InsightAttachment.objects.get()
    assert attachment.original_name == "Bericht 2025.pdf"
    path = attachment.file.path
    assert path.startswith(str(media)) and "Bericht" not in path  # random stored name

    response = client_member.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"

    other = _logged_in(member(make_org("Fremde"), "p-fremd"))
    insight.audience, _ = vocab.AUDIENCE_SELECTED, insight.organisations.set([])
    insight.save()
    assert other.get(attachment.get_absolute_url()).status_code == 404
    assert (
        _logged_in(user_factory(roles.PARTNER)).get(attachment.get_absolute_url()).status_code
        == 404
    )


def test_attachment_of_draft_is_hidden_from_partners(client_koordination, client_member, media):
    insight = make_insight("Entwurf", status=vocab.DRAFT)
    _upload(client_koordination, insight, "intern.pdf", PDF)
    attachment = InsightAttachment.objects.get()
    assert client_member.get(attachment.get_absolute_url()).status_code == 404
    assert client_koordination.get(attachment.get_absolute_url()).status_code == 200


def test_attachment_wrong_type_and_size_get_german_messages(client_koordination, media, settings):
    insight = make_insight("Anhänge")
    page = _upload(client_koordination, insight, "tool.exe", b"MZ\x90").content.decode()
    assert "Die Datei „tool.exe“ hat einen nicht erlaubten Dateityp" in page
    page = _upload(client_koordination, insight, "fake.pdf", b"MZ\x90").content.decode()
    assert "keine echte PDF-Datei" in page
    settings.ANETT_INSIGHT_ATTACHMENT_MAX_MB = 1
    big = PDF + b"0" * (1024 * 1024 + 1)
    page = _upload(client_koordination, insight, "gross.pdf", big).content.decode()
    assert "höchstens 1 MB" in page
    assert not InsightAttachment.objects.exists()


def test_attachment_delete_removes_the_file(
    client_koordination, media, django_capture_on_commit_callbacks
):
    insight = make_insight("Anhang weg")
    _upload(client_koordination, insight, "weg.pdf", PDF)
    attachment = InsightAttachment.objects.get()
    path = attachment.file.path
    url = reverse("partners:attachment_delete", args=[insight.pk, attachment.pk])
    assert client_koordination.get(url).status_code == 200  # confirmation page
    with django_capture_on_commit_callbacks(execute=True):
        client_koordination.post(url)
    assert not InsightAttachment.objects.exists()
    import os

    assert not os.path.exists(path)


def test_partner_cannot_upload(client_member, media):
    insight = make_insight("Kein Upload")
    response = _upload(client_member, insight, "x.pdf", PDF)
    assert response.status_code == 403
    assert not InsightAttachment.objects.exists()
