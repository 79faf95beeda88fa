"""Pages: permissions per role, public token pages, forms, downloads, deletes."""

import io
from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document

from anett.companies.models import ContactPerson
from anett.procedure import services
from anett.procedure.models import (
    ActionItem,
    Call,
    Contribution,
    FazitPoint,
    Invitation,
    Participant,
    Poll,
    PollOption,
    Workshop,
)
from tests.conftest import make_company


@pytest.fixture
def workshop(db):
    w = Workshop.objects.create(
        title="Workshop II", starts_at=timezone.make_aware(datetime(2022, 2, 23, 10))
    )
    FazitPoint.objects.create(workshop=w, position=1, heading="Pilotregion", text="- hoch")
    return w


@pytest.fixture
def poll(db):
    p = Poll.objects.create(title="Terminfindung")
    PollOption.objects.create(poll=p, starts_at=timezone.make_aware(datetime(2022, 3, 2, 10)))
    return p


def _urls(workshop, call, poll, action):
    view = [
        reverse("procedure:index"),
        reverse("procedure:workshops"),
        reverse("procedure:workshop_detail", args=[workshop.pk]),
        reverse("procedure:minutes_docx", args=[workshop.pk]),
        reverse("procedure:actions"),
        reverse("procedure:actions_mine"),
    ]
    manage = [
        reverse("procedure:workshop_new"),
        reverse("procedure:workshop_edit", args=[workshop.pk]),
        reverse("procedure:workshop_delete", args=[workshop.pk]),
        reverse("procedure:agenda_edit", args=[workshop.pk]),
        reverse("procedure:fazit_edit", args=[workshop.pk]),
        reverse("procedure:fazit_paste", args=[workshop.pk]),
        reverse("procedure:minutes_send", args=[workshop.pk]),
        reverse("procedure:action_new"),
        reverse("procedure:action_edit", args=[action.pk]),
        reverse("procedure:calls"),
        reverse("procedure:call_new"),
        reverse("procedure:call_detail", args=[call.pk]),
        reverse("procedure:call_edit", args=[call.pk]),
        reverse("procedure:call_invite", args=[call.pk]),
        reverse("procedure:call_curate", args=[call.pk]),
        reverse("procedure:call_docx", args=[call.pk]),
        reverse("procedure:call_xlsx", args=[call.pk]),
        reverse("procedure:call_delete", args=[call.pk]),
        reverse("procedure:polls"),
        reverse("procedure:poll_new"),
        reverse("procedure:poll_detail", args=[poll.pk]),
        reverse("procedure:poll_delete", args=[poll.pk]),
    ]
    return view, manage


@pytest.fixture
def action(db, workshop):
    return ActionItem.objects.create(text="Fazit versenden", workshop=workshop)


def test_permissions_per_role(
    workshop, call, poll, action, client_admin, client_koordination, client_beratung, client_partner
):
    view, manage = _urls(workshop, call, poll, action)
    for client in (client_admin, client_koordination):
        for url in view + manage:
            assert client.get(url).status_code == 200, url
    for url in view:
        assert client_beratung.get(url).status_code == 200, url
    for url in manage:
        assert client_beratung.get(url).status_code == 403, url
    for url in view + manage:
        assert client_partner.get(url).status_code == 403, url
        response = Client().get(url)
        assert response.status_code == 302 and "/anmelden/" in response["Location"], url
    # POST-only actions refuse partners too
    assert (
        client_partner.post(reverse("procedure:action_done", args=[action.pk])).status_code == 403
    )
    assert (
        client_beratung.post(reverse("procedure:action_done", args=[action.pk])).status_code == 403
    )


def test_partner_reaches_public_token_pages_only(client_partner, invitation, poll):
    invitee = services.create_poll_invitee(poll, name="P", email="p@example.org")
    for client in (client_partner, Client()):
        assert client.get(services.link_path(invitation)).status_code == 200
        assert client.get(services.link_path(invitee)).status_code == 200


def test_nav_links_by_role(client_koordination, client_beratung, client_partner):
    page = client_koordination.get("/").content.decode()
    assert reverse("procedure:calls") in page and reverse("procedure:workshops") in page
    page = client_beratung.get("/").content.decode()
    assert reverse("procedure:workshops") in page and reverse("procedure:calls") not in page
    response = client_partner.get("/", follow=True)
    assert reverse("procedure:workshops") not in response.content.decode()


# --- public contribution page ------------------------------------------------------------------


def test_contribution_page_save_draft_and_submit(invitation, call):
    url = services.link_path(invitation)
    client = Client()
    page = client.get(url).content.decode()
    assert "Beiträge zur Skizze 2.0" in page and "Warum diese Region?" in page
    assert call.deadline_label in page
    s1, s2, _s3 = call.sections.all()
    response = client.post(
        url, {"revision": "0", f"section-{s1.pk}": "Mein Entwurf", "save": "1"}, follow=True
    )
    assert "Als Entwurf gespeichert" in response.content.decode()
    assert Contribution.objects.get(section=s1).state == "draft"
    response = client.post(
        url,
        {"revision": "1", f"section-{s1.pk}": "Endfassung", f"section-{s2.pk}": "", "submit": "1"},
        follow=True,
    )
    html = response.content.decode()
    assert "Vielen Dank! Ihr Beitrag ist abgegeben." in html
    assert Contribution.objects.get(section=s1).submitted_text == "Endfassung"


def test_contribution_page_refuses_empty_submit_and_stale_tab(invitation, call):
    url = services.link_path(invitation)
    s1 = call.sections.first()
    client = Client()
    response = client.post(url, {"revision": "0", f"section-{s1.pk}": " ", "submit": "1"})
    assert "in mindestens einem Abschnitt etwas schreiben" in response.content.decode()
    client.post(url, {"revision": "0", f"section-{s1.pk}": "Tab A", "save": "1"})
    response = client.post(url, {"revision": "0", f"section-{s1.pk}": "Tab B", "save": "1"})
    html = response.content.decode()
    assert "in einem anderen Fenster geändert" in html
    assert "Tab A" in html and "Tab B" in html  # stored version in the field, own entry shown
    assert Contribution.objects.get(section=s1).text == "Tab A"


def test_deadline_passed_page(invitation, call):
    s1 = call.sections.first()
    services.save_contributions(invitation, {s1.pk: "Rechtzeitig"}, 0, submit=True)
    call.deadline = timezone.localdate() - timedelta(days=1)
    call.save()
    url = services.link_path(invitation)
    response = Client().get(url)
    assert response.status_code == 410
    html = response.content.decode()
    assert "Frist abgelaufen" in html and "Rechtzeitig" in html
    assert "kann die Frist für Sie verlängern" in html
    response = Client().post(url, {"revision": "1", f"section-{s1.pk}": "zu spät", "submit": "1"})
    assert response.status_code == 410
    assert Contribution.objects.get(section=s1).submitted_text == "Rechtzeitig"


@pytest.mark.parametrize(
    ("kind", "status", "text"),
    [
        ("tampered", 404, "Dieser Link ist ungültig"),
        ("revoked", 410, "Dieser Link ist nicht mehr gültig"),
        ("expired", 410, "Dieser Link ist abgelaufen"),
    ],
)
def test_link_problem_pages_are_german(invitation, poll, kind, status, text):
    invitee = services.create_poll_invitee(poll, name="P", email="p@example.org")
    for obj in (invitation, invitee):
        url = services.link_path(obj)
        if kind == "tampered":
            url = url.rstrip("/")[:-3] + "xyz/"
        elif kind == "revoked":
            services.revoke(obj)
        else:
            type(obj).objects.filter(pk=obj.pk).update(expires_at=timezone.now() - timedelta(1))
        response = Client().get(url)
        assert response.status_code == status
        assert text in response.content.decode()


# --- coordinator: calls -------------------------------------------------------------------------


def _section_data(rows, prefix="sections", initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, (pos, title, question) in enumerate(rows):
        data.update(
            {
                f"{prefix}-{i}-position": pos,
                f"{prefix}-{i}-title": title,
                f"{prefix}-{i}-question": question,
            }
        )
    return data


def test_create_call_with_sections_and_invite(client_koordination, actor, contact, mailoutbox):
    data = {
        "title": "Skizze 2.0",
        "document_title": "Projektskizze 2.0",
        "intro": "Bitte Beiträge",
        "workshop": "",
        "deadline": "2031-02-28",
        "reminder_days": "2, 7",
        **_section_data([("2", "Zweiter", "F2"), ("", "Dritter", ""), ("1", "Erster", "F1")]),
    }
    response = client_koordination.post(reverse("procedure:call_new"), data)
    call = Call.objects.get(title="Skizze 2.0")
    assert response.status_code == 302 and response["Location"].endswith(
        reverse("procedure:call_invite", args=[call.pk])
    )
    assert call.reminder_days == "7, 2"
    assert list(call.sections.values_list("position", "title")) == [
        (1, "Erster"),
        (2, "Zweiter"),
        (3, "Dritter"),
    ]
    response = client_koordination.post(
        reverse("procedure:call_invite", args=[call.pk]),
        {"actor": actor.pk, "contact": contact.pk, "send_now": "on"},
        follow=True,
    )
    assert "Einladung an erika@example.org versandt." in response.content.decode()
    assert len(mailoutbox) == 1 and "http://testserver/verfahren/b/" in mailoutbox[0].body
    page = client_koordination.get(
        reverse("procedure:call_detail", args=[call.pk])
    ).content.decode()
    assert "KW 9 (bis Fr., 28.02.2031)" in page
    assert services.link_path(Invitation.objects.get()) in page


def test_call_form_errors_are_german(client_koordination, actor):
    data = {
        "title": "X",
        "document_title": "X",
        "deadline": "",
        "reminder_days": "7, zwei",
        **_section_data([("", "", "")]),
    }
    html = client_koordination.post(reverse("procedure:call_new"), data).content.decode()
    assert "„zwei“ ist keine Anzahl Tage zwischen 1 und 60." in html
    data.update({"deadline": "2031-01-01", "reminder_days": "7"})
    html = client_koordination.post(reverse("procedure:call_new"), data).content.decode()
    assert "Bitte mindestens einen Abschnitt des Dokuments eingeben." in html
    assert not Call.objects.exists()


def test_invite_form_validation(client_koordination, call, actor, contact):
    from anett.network.models import Actor

    other = Actor.objects.create(name="Andere", kind="chamber")
    html = client_koordination.post(
        reverse("procedure:call_invite", args=[call.pk]),
        {"actor": other.pk, "contact": contact.pk},
    ).content.decode()
    assert "gehört zu einem anderen Akteur" in html
    html = client_koordination.post(
        reverse("procedure:call_invite", args=[call.pk]), {"organisation": "TKA", "send_now": "on"}
    ).content.decode()
    assert "wird eine E-Mail-Adresse benötigt" in html
    response = client_koordination.post(
        reverse("procedure:call_invite", args=[call.pk]), {"organisation": "TKA", "name": "T"}
    )
    assert response.status_code == 302
    assert Invitation.objects.get().actor_name == "TKA"


def test_revoke_extend_and_downloads(client_koordination, call, invitation):
    base = reverse("procedure:call_detail", args=[call.pk])
    url = reverse("procedure:invitation_extend", args=[call.pk, invitation.pk])
    html = client_koordination.post(url, {"until": call.deadline.isoformat()}).content.decode()
    assert "muss nach der bisherigen liegen" in html
    new = call.deadline + timedelta(days=7)
    assert client_koordination.post(url, {"until": new.isoformat()}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.deadline == new
    url = reverse("procedure:invitation_revoke", args=[call.pk, invitation.pk])
    assert "Persönlichen Link widerrufen?" in client_koordination.get(url).content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is None  # GET only asks
    client_koordination.post(url)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    response = client_koordination.get(base.replace(str(call.pk) + "/", f"{call.pk}/dokument.docx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert Document(io.BytesIO(response.content)).paragraphs[0].text == "Projektskizze 2.0"


def test_curate_section_text(client_koordination, call, invitation):
    s1 = call.sections.first()
    services.save_contributions(invitation, {s1.pk: "Rohtext"}, 0, submit=True)
    url = reverse("procedure:call_curate", args=[call.pk])
    assert "Rohtext" in client_koordination.get(url).content.decode()
    client_koordination.post(url, {f"section-{s1.pk}": "Geglättet"})
    s1.refresh_from_db()
    assert s1.curated_text == "Geglättet"


def test_delete_call_needs_confirmation(client_koordination, call):
    url = reverse("procedure:call_delete", args=[call.pk])
    assert "wirklich" in client_koordination.get(url).content.decode().lower()
    assert Call.objects.filter(pk=call.pk).exists()
    client_koordination.post(url)
    assert not Call.objects.filter(pk=call.pk).exists()


# --- coordinator: workshops ----------------------------------------------------------------------


def test_workshop_create_participants_and_minutes(client_koordination, contact, mailoutbox):
    response = client_koordination.post(
        reverse("procedure:workshop_new"),
        {
            "title": "Workshop III",
            "starts_at": "2031-03-01T10:00",
            "status": "planned",
            "minutes_due_days": "3",
            "feedback_until": "2031-03-10",
        },
    )
    workshop = Workshop.objects.get(title="Workshop III")
    assert response.status_code == 302
    add = reverse("procedure:participant_add", args=[workshop.pk])
    client_koordination.post(add, {"actor_contact": contact.pk})
    company = make_company("Zulieferer Demo")
    with_consent = ContactPerson.objects.create(
        company=company,
        last_name="Muster",
        email="m@example.org",
        consent_purpose="Netzwerk",
        consent_date=date(2022, 1, 1),
    )
    no_consent = ContactPerson.objects.create(company=company, last_name="Ohne", email="o@e.org")
    client_koordination.post(add, {"company_contact": with_consent.pk})
    response = client_koordination.post(add, {"company_contact": no_consent.pk}, follow=True)
    assert "Ansprechperson eines Betriebs" in response.content.decode()  # invalid choice named
    client_koordination.post(add, {"organisation": "TKA"})
    response = client_koordination.post(
        add, {"organisation": "TKA", "actor_contact": contact.pk}, follow=True
    )
    assert "nicht mehreres zugleich" in response.content.decode()
    response = client_koordination.post(add, {}, follow=True)
    assert "Bitte eine Ansprechperson wählen" in response.content.decode()
    contact.actor.email = "info@igm.example"
    contact.actor.save()
    client_koordination.post(add, {"actor": contact.actor.pk})
    assert sorted(workshop.participants.values_list("organisation", "email")) == [
        ("IG Metall Test", "erika@example.org"),
        ("IG Metall Test", "info@igm.example"),
        ("TKA", ""),
        ("Zulieferer Demo", "m@example.org"),
    ]
    # minutes: paste the Fazit, then send
    paste = reverse("procedure:fazit_paste", args=[workshop.pk])
    client_koordination.post(paste, {"text": "1. Pilotregion\n- hoch\n2. Akteure\n- Lücken"})
    assert list(workshop.fazit.values_list("position", "heading")) == [
        (1, "Pilotregion"),
        (2, "Akteure"),
    ]
    send = reverse("procedure:minutes_send", args=[workshop.pk])
    html = client_koordination.get(send).content.decode()
    assert "an 3 Teilnehmende" in html and "TKA" in html
    assert len(mailoutbox) == 0
    client_koordination.post(send)
    assert len(mailoutbox) == 3
    assert mailoutbox[0].subject == "Protokoll: Workshop III (01.03.2031)"
    assert "Ergänzungen oder Korrekturen bis 10.03.2031" in mailoutbox[0].body
    html = client_koordination.get(workshop.get_absolute_url()).content.decode()
    assert "fristgerecht" in html  # sent long before 04.03.2031
    assert "Protokoll versandt" in html


def test_fazit_formset_reorders_and_deletes(client_koordination, workshop):
    FazitPoint.objects.create(workshop=workshop, position=2, heading="Akteure")
    p1, p2 = workshop.fazit.all()
    data = {
        "fazit-TOTAL_FORMS": "3",
        "fazit-INITIAL_FORMS": "2",
        "fazit-MIN_NUM_FORMS": "0",
        "fazit-MAX_NUM_FORMS": "1000",
        "fazit-0-id": p1.pk,
        "fazit-0-position": "5",
        "fazit-0-heading": "Pilotregion",
        "fazit-0-text": "x",
        "fazit-0-workshop": workshop.pk,
        "fazit-1-id": p2.pk,
        "fazit-1-position": "2",
        "fazit-1-heading": "Akteure",
        "fazit-1-text": "",
        "fazit-1-workshop": workshop.pk,
        "fazit-2-position": "",
        "fazit-2-heading": "Neu",
        "fazit-2-text": "",
        "fazit-2-workshop": workshop.pk,
    }
    client_koordination.post(reverse("procedure:fazit_edit", args=[workshop.pk]), data)
    assert list(workshop.fazit.values_list("position", "heading")) == [
        (1, "Akteure"),
        (2, "Pilotregion"),
        (3, "Neu"),
    ]
    data.update({"fazit-TOTAL_FORMS": "2", "fazit-0-DELETE": "on", "fazit-1-position": "1"})
    del data["fazit-2-heading"]
    client_koordination.post(reverse("procedure:fazit_edit", args=[workshop.pk]), data)
    assert list(workshop.fazit.values_list("heading", flat=True)) == ["Akteure", "Neu"]


def test_minutes_state_shown_on_workshop_page(client_beratung, workshop):
    workshop.minutes_due_days = 2
    workshop.minutes_sent_at = timezone.make_aware(datetime(2022, 2, 25, 9))
    workshop.save()
    html = client_beratung.get(workshop.get_absolute_url()).content.decode()
    assert "Versandt am 25.02.2022 09:00, fristgerecht." in html
    assert "Protokoll versenden" not in html  # Beratung only reads


# --- action items --------------------------------------------------------------------------------


def test_open_and_my_tasks(client_beratung, user_beratung, client_koordination, actor):
    today = timezone.localdate()
    mine = ActionItem.objects.create(
        text="Meine überfällige", owner_user=user_beratung, due_date=today - timedelta(days=1)
    )
    actor.users.add(user_beratung)
    via_actor = ActionItem.objects.create(
        text="Über Akteur", owner_actor=actor, due_date=today + timedelta(days=3)
    )
    ActionItem.objects.create(text="Fremde", due_date=today + timedelta(days=3))
    html = client_beratung.get(reverse("procedure:actions")).content.decode()
    assert "Meine überfällige" in html and "Fremde" in html
    assert 'class="overdue"' in html and "1 überfällig" in html
    html = client_beratung.get(reverse("procedure:actions_mine")).content.decode()
    assert "Meine überfällige" in html and "Über Akteur" in html and "Fremde" not in html
    response = client_beratung.post(
        reverse("procedure:action_done", args=[mine.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("procedure:actions")
    mine.refresh_from_db()
    assert mine.status == "done" and mine.done_at
    # coordinator form: someone must be responsible
    html = client_koordination.post(
        reverse("procedure:action_new"), {"text": "Ohne", "status": "open"}
    ).content.decode()
    assert "Bitte eine verantwortliche Person oder einen Akteur angeben." in html
    assert via_actor.status == "open"


# --- polls ---------------------------------------------------------------------------------------


def test_poll_flow(client_koordination, contact, call, invitation, mailoutbox):
    response = client_koordination.post(
        reverse("procedure:poll_new"),
        {
            "title": "Finale Version",
            "options_text": "02.03.2031 10:00\n03.03.2031 14:00",
            "call": call.pk,
        },
    )
    poll = Poll.objects.get(title="Finale Version")
    assert response.status_code == 302
    assert poll.options.count() == 2
    assert poll.invitees.get().email == "erika@example.org"  # taken from the call
    html = client_koordination.post(
        reverse("procedure:poll_new"), {"title": "Y", "options_text": "morgen früh"}
    ).content.decode()
    assert "Zeile 1: „morgen früh“ ist kein Datum mit Uhrzeit" in html
    client_koordination.post(
        reverse("procedure:poll_invite", args=[poll.pk]),
        {"name": "Gast", "email": "gast@example.org", "organisation": "TKA", "send_now": "on"},
    )
    assert len(mailoutbox) == 1 and "/verfahren/t/" in mailoutbox[0].body
    o1, o2 = poll.options.all()
    for invitee, answers in zip(
        poll.invitees.all(), (("no", "yes"), ("maybe", "yes")), strict=True
    ):
        url = services.link_path(invitee)
        html = Client().post(url, {f"option-{o1.pk}": answers[0]}).content.decode()
        assert "Bitte zu jedem Termin antworten" in html
        Client().post(url, {f"option-{o1.pk}": answers[0], f"option-{o2.pk}": answers[1]})
    detail = client_koordination.get(poll.get_absolute_url())
    assert detail.context["best"] == o2
    response = client_koordination.post(
        reverse("procedure:poll_schedule", args=[poll.pk]), {"option": o2.pk}
    )
    poll.refresh_from_db()
    assert response["Location"] == poll.workshop.get_absolute_url()
    assert poll.workshop.participants.count() == 2
    html = Client().get(services.link_path(poll.invitees.first())).content.decode()
    assert "Der Termin steht fest" in html


def test_participant_model_needs_name_or_org(workshop):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Participant(workshop=workshop).full_clean()


def test_attachment_upload_download_delete(
    client_koordination,
    client_beratung,
    workshop,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    url = reverse("procedure:attachment_add", args=[workshop.pk])
    upload = SimpleUploadedFile("praesentation.pdf", b"%PDF-1.4 demo", "application/pdf")
    client_koordination.post(url, {"title": "Folien", "file": upload})
    attachment = workshop.attachments.get()
    stored = tmp_path / attachment.file.name
    assert stored.exists()
    response = client_beratung.get(
        reverse("procedure:attachment_download", args=[workshop.pk, attachment.pk])
    )
    assert b"".join(response.streaming_content) == b"%PDF-1.4 demo"
    delete = reverse("procedure:attachment_delete", args=[workshop.pk, attachment.pk])
    assert client_beratung.get(delete).status_code == 403
    client_koordination.get(delete)
    assert stored.exists()  # GET only asks
    with django_capture_on_commit_callbacks(execute=True):
        client_koordination.post(delete)
    assert not workshop.attachments.exists() and not stored.exists()
