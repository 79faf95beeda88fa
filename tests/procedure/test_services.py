"""Personal links, contributions, reminders, minutes, compiled document, polls."""

import io
from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from docx import Document

from anett.procedure import exports, services
from anett.procedure.models import (
    ActionItem,
    Contribution,
    FazitPoint,
    Invitation,
    Participant,
    Poll,
    PollOption,
    Reminder,
    Workshop,
    WorkshopStatus,
)


def sections_of(call):
    return list(call.sections.all())


# --- links -----------------------------------------------------------------------------------


def test_link_resolves_and_records_use(invitation):
    token = services.signed_token(invitation)
    assert services.resolve_invitation(token) == invitation
    invitation.refresh_from_db()
    assert invitation.last_used_at is not None


@pytest.mark.parametrize("kind", ["tampered", "unknown", "revoked", "expired"])
def test_link_problems(invitation, kind):
    token = services.signed_token(invitation)
    if kind == "tampered":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    elif kind == "unknown":
        Invitation.objects.filter(pk=invitation.pk).update(token_id="other")
    elif kind == "revoked":
        services.revoke(invitation)
    else:
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
    with pytest.raises(services.LinkProblem) as problem:
        services.resolve_invitation(token)
    assert problem.value.kind == kind


def test_poll_token_is_not_a_contribution_token(invitation):
    """Different salts: a contribution link cannot be replayed as a poll link."""
    with pytest.raises(services.LinkProblem) as problem:
        services.resolve_poll_invitee(services.signed_token(invitation))
    assert problem.value.kind == "tampered"


def test_invitation_takes_contact_data_and_link_outlives_deadline(invitation, contact, call):
    assert invitation.email == "erika@example.org"
    assert invitation.actor == contact.actor
    assert invitation.actor_name == "IG Metall Test"
    assert timezone.localtime(invitation.expires_at).date() == call.deadline + timedelta(days=90)


# --- contributions ----------------------------------------------------------------------------


def test_draft_then_submit_then_change(invitation, call):
    s1, s2, s3 = sections_of(call)
    result = services.save_contributions(
        invitation, {s1.pk: "Entwurf eins", s2.pk: ""}, 0, submit=False
    )
    assert result.saved and not result.submitted
    c1 = Contribution.objects.get(invitation=invitation, section=s1)
    assert c1.state == "draft" and c1.submitted_text == ""
    assert not Contribution.objects.filter(section=s2).exists()  # empty text: no row

    result = services.save_contributions(
        invitation, {s1.pk: "Endfassung eins", s3.pk: "Drei"}, invitation.revision, submit=True
    )
    assert result.submitted
    invitation.refresh_from_db()
    assert invitation.submitted_at is not None
    c1.refresh_from_db()
    assert c1.state == "delivered" and c1.submitted_text == "Endfassung eins"

    services.save_contributions(
        invitation, {s1.pk: "noch besser"}, invitation.revision, submit=False
    )
    c1.refresh_from_db()
    assert c1.state == "changed" and c1.submitted_text == "Endfassung eins"


def test_stale_tab_does_not_overwrite(invitation, call):
    s1 = sections_of(call)[0]
    services.save_contributions(invitation, {s1.pk: "aus Tab A"}, 0, submit=False)
    stale = Invitation.objects.get(pk=invitation.pk)
    stale.revision = 0  # tab B was opened before tab A saved
    result = services.save_contributions(stale, {s1.pk: "aus Tab B"}, 0, submit=False)
    assert result.conflict and not result.saved
    assert Contribution.objects.get(section=s1).text == "aus Tab A"
    # Saving again with the same text as stored is no conflict.
    same = services.save_contributions(stale, {s1.pk: "aus Tab A"}, 0, submit=False)
    assert same.saved


def test_closed_after_deadline_and_extension_reopens(invitation, call):
    s1 = sections_of(call)[0]
    call.deadline = timezone.localdate() - timedelta(days=1)
    call.save()
    invitation.refresh_from_db()
    assert not invitation.is_open()
    result = services.save_contributions(invitation, {s1.pk: "zu spät"}, 0, submit=True)
    assert result.closed and not Contribution.objects.exists()
    services.extend_invitation(invitation, timezone.localdate() + timedelta(days=3))
    invitation.refresh_from_db()
    assert invitation.is_open()
    assert services.save_contributions(invitation, {s1.pk: "doch"}, 0, submit=True).saved


def test_moving_the_call_deadline_keeps_links_valid(invitation, call):
    call.deadline = call.deadline + timedelta(days=200)
    call.save()
    services.sync_call_deadline(call)
    invitation.refresh_from_db()
    assert timezone.localtime(invitation.expires_at).date() == call.deadline + timedelta(days=90)


def test_sections_of_other_calls_are_ignored(invitation, call, user_koordination):
    from anett.procedure.models import Call, Section

    other = Call.objects.create(title="x", document_title="x", deadline=call.deadline)
    foreign = Section.objects.create(call=other, position=1, title="fremd")
    services.save_contributions(invitation, {foreign.pk: "eingeschleust"}, 0, submit=True)
    assert not Contribution.objects.filter(section=foreign).exists()


# --- reminders --------------------------------------------------------------------------------


def test_reminders_are_idempotent_and_skip_delivered(call, contact, mailoutbox, actor):
    open_inv = services.create_invitation(call, contact=contact)
    done_inv = services.create_invitation(call, actor=actor, name="Fertig", email="f@example.org")
    revoked = services.create_invitation(call, actor=actor, name="Weg", email="w@example.org")
    no_mail = services.create_invitation(call, actor=actor, name="Ohne")
    services.save_contributions(done_inv, {sections_of(call)[0].pk: "fertig"}, 0, submit=True)
    services.revoke(revoked)

    seven_before = call.deadline - timedelta(days=7)
    assert services.send_reminders(today=seven_before - timedelta(days=1), base="http://x") == []
    sent = services.send_reminders(today=seven_before, base="https://anett.example")
    assert [(inv.pk, days) for inv, days in sent] == [(open_inv.pk, 7)]
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["erika@example.org"]
    assert "Erinnerung" in mail.subject and call.deadline_label in mail.subject
    assert "https://anett.example/verfahren/b/" in mail.body
    assert mail.alternatives and "<a href=" in mail.alternatives[0][0]
    # Same day again, and the next day: nothing new.
    assert services.send_reminders(today=seven_before, base="http://x") == []
    assert services.send_reminders(today=seven_before + timedelta(days=1)) == []
    # Two days before: the second reminder.
    two_before = call.deadline - timedelta(days=2)
    assert [d for _i, d in services.send_reminders(today=two_before)] == [2]
    assert len(mailoutbox) == 2
    assert set(Reminder.objects.values_list("invitation", "days_before")) == {
        (open_inv.pk, 7),
        (open_inv.pk, 2),
    }
    assert not Reminder.objects.filter(invitation__in=[done_inv, revoked, no_mail]).exists()


def test_remind_calls_command(call, invitation, mailoutbox):
    out = io.StringIO()
    today = (call.deadline - timedelta(days=2)).isoformat()
    call_command("remind_calls", "--today", today, "--base-url", "https://a.example", stdout=out)
    call_command("remind_calls", "--today", today, stdout=out)
    assert len(mailoutbox) == 1
    assert "1 Erinnerung(en) versandt." in out.getvalue()
    assert "0 Erinnerung(en) versandt." in out.getvalue()
    assert "https://a.example/verfahren/b/" in mailoutbox[0].body


def test_invitation_mail_is_german_with_link(invitation, mailoutbox):
    assert services.send_invitation(invitation, "https://anett.example")
    mail = mailoutbox[0]
    assert mail.subject.startswith("Beitragsaufruf: Beiträge zur Skizze 2.0 – Frist KW")
    assert "Guten Tag Erika Beispiel," in mail.body
    assert "1. Pilotregion – Warum diese Region?" in mail.body
    assert services.link_path(invitation) in mail.body
    invitation.refresh_from_db()
    assert invitation.invited_at is not None
    assert invitation.call.site_url == "https://anett.example"


# --- compiled document ------------------------------------------------------------------------


def _docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in Document(io.BytesIO(data)).paragraphs]


def test_compiled_document_order_and_curation(call, contact, actor):
    s1, s2, s3 = sections_of(call)
    first = services.create_invitation(call, contact=contact)
    second = services.create_invitation(call, actor=None, org="GFAW Test", name="G")
    draft_only = services.create_invitation(call, actor=None, org="Entwurf GmbH", name="E")
    services.save_contributions(second, {s2.pk: "Qualifizierung von GFAW"}, 0, submit=True)
    services.save_contributions(
        first, {s2.pk: "Qualifizierung von IGM", s1.pk: "Pilot von IGM"}, 0, submit=True
    )
    services.save_contributions(draft_only, {s1.pk: "nur Entwurf"}, 0, submit=False)

    paragraphs = _docx_paragraphs(exports.compiled_docx(call))
    texts = [t for _s, t in paragraphs]
    assert paragraphs[0] == ("Title", "Projektskizze 2.0")
    headings = [t for s, t in paragraphs if s == "Heading 1"]
    assert headings == ["1. Pilotregion", "2. Qualifizierung", "3. Akteure"]
    i = texts.index
    assert (
        i("1. Pilotregion") < i("Warum diese Region?") < i("Pilot von IGM") < i("2. Qualifizierung")
    )
    # contributions in the order they were submitted
    assert i("Qualifizierung von GFAW") < i("Qualifizierung von IGM") < i("3. Akteure")
    assert "nur Entwurf" not in texts
    assert any("GFAW Test" in t for t in texts)

    s2.curated_text = "Redigierte Fassung Qualifizierung"
    s2.save()
    texts = [t for _s, t in _docx_paragraphs(exports.compiled_docx(call))]
    assert "Redigierte Fassung Qualifizierung" in texts
    assert "Qualifizierung von IGM" not in texts
    # revoked invitees drop out of the document
    services.revoke(first)
    assert "Pilot von IGM" not in [t for _s, t in _docx_paragraphs(exports.compiled_docx(call))]


def test_matrix_and_xlsx(call, invitation):
    from openpyxl import load_workbook

    s1, s2, _s3 = sections_of(call)
    services.save_contributions(invitation, {s1.pk: "eins"}, 0, submit=True)
    services.save_contributions(invitation, {s2.pk: "zwei"}, invitation.revision, submit=False)
    sections, rows = services.matrix(call)
    assert [c["state"] for c in rows[0]["cells"]] == ["delivered", "draft", "missing"]
    assert rows[0]["delivered"] == 1
    ws = load_workbook(io.BytesIO(exports.matrix_xlsx(call))).active
    assert ws["A3"].value == "Organisation" and ws["E3"].value == "1. Pilotregion"
    assert ws["A4"].value == "IG Metall Test"
    assert ws["E4"].value.startswith("geliefert (")
    assert ws["F4"].value.startswith("Entwurf (") and ws["G4"].value == "fehlt"


# --- workshops and minutes --------------------------------------------------------------------


@pytest.fixture
def workshop(db):
    w = Workshop.objects.create(
        title="Workshop II",
        starts_at=timezone.make_aware(datetime(2022, 2, 23, 10, 0)),
        minutes_due_days=2,
        feedback_until=date(2022, 3, 1),
    )
    FazitPoint.objects.create(workshop=w, position=1, heading="Pilotregion", text="- Bedarf hoch")
    FazitPoint.objects.create(workshop=w, position=2, heading="Betriebsräte", text="- proaktiv")
    return w


def test_send_minutes_records_recipients(workshop, mailoutbox, contact):
    with_mail = Participant.objects.create(
        workshop=workshop, actor_contact=contact, name="Erika Beispiel", email=contact.email
    )
    without = Participant.objects.create(workshop=workshop, organisation="TKA")
    ActionItem.objects.create(
        text="Skizze 2.0 einreichen", workshop=workshop, due_date=date(2022, 3, 10)
    )
    sent = services.send_minutes(workshop)
    assert sent == [with_mail]
    mail = mailoutbox[0]
    assert mail.subject == "Protokoll: Workshop II (23.02.2022)"
    assert "1. Pilotregion" in mail.body and "2. Betriebsräte" in mail.body
    assert "Ergänzungen oder Korrekturen bis 01.03.2022" in mail.body
    assert "Skizze 2.0 einreichen" in mail.body
    with_mail.refresh_from_db()
    without.refresh_from_db()
    assert with_mail.minutes_sent_at and without.minutes_sent_at is None
    workshop.refresh_from_db()
    assert workshop.status == WorkshopStatus.MINUTES_SENT
    # sent in 2026, planned for 25.02.2022: late
    state = workshop.minutes_state()
    assert state.due == date(2022, 2, 25) and state.on_time is False


def test_minutes_docx(workshop):
    paragraphs = _docx_paragraphs(exports.minutes_docx(workshop))
    texts = [t for _s, t in paragraphs]
    assert "Workshop II" in texts
    assert (
        texts.index("1. Pilotregion") < texts.index("Bedarf hoch") < texts.index("2. Betriebsräte")
    )
    assert any("01.03.2022" in t for t in texts)


# --- polls -------------------------------------------------------------------------------------


def test_poll_best_option_and_schedule(user_koordination, contact):
    poll = Poll.objects.create(title="Abstimmung", place="online")
    o1, o2 = (
        PollOption.objects.create(
            poll=poll, starts_at=timezone.make_aware(datetime(2022, 3, d, 10))
        )
        for d in (2, 3)
    )
    a = services.create_poll_invitee(poll, contact=contact)
    b = services.create_poll_invitee(poll, name="Bernd", email="b@example.org", org="GFAW")
    assert a.organisation == "IG Metall Test" and a.email == "erika@example.org"
    services.save_poll_answers(a, {o1.pk: "maybe", o2.pk: "yes"})
    services.save_poll_answers(b, {o1.pk: "yes", o2.pk: "yes", 999: "yes"})
    results = services.poll_results(poll)
    assert results["best"] == o2
    # invitees ordered by organisation: GFAW, IG Metall Test
    assert [r["answers"] for r in results["rows"]] == [["yes", "yes"], ["maybe", "yes"]]
    assert [(c.yes, c.maybe) for c in results["counts"]] == [(1, 1), (2, 0)]
    assert services.resolve_poll_invitee(services.signed_token(a)) == a
    workshop = services.schedule(poll, o2, user_koordination)
    assert workshop.starts_at == o2.starts_at and workshop.place == "online"
    assert sorted(p.email for p in workshop.participants.all()) == [
        "b@example.org",
        "erika@example.org",
    ]
    poll.refresh_from_db()
    assert poll.workshop == workshop
