"""ORM side of the procedure: personal links, saving contributions, e-mails, reminders,
the compiled document's content and meeting polls. Rules live in `rules.py`."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from anett.core.links import public_base_url

from . import rules
from .models import (
    Call,
    Contribution,
    Invitation,
    Participant,
    Poll,
    PollAnswer,
    PollInvitee,
    PollOption,
    Reminder,
    Workshop,
    WorkshopStatus,
)

# Links stay usable this long after the deadline: invitees see what they sent and the
# "Frist abgelaufen" page instead of a dead link.
LINK_GRACE_DAYS = 90
POLL_LINK_DAYS = 60
_SALTS = {"call": "anett.procedure.contribution", "poll": "anett.procedure.poll"}


# --- personal links -------------------------------------------------------------------------


def _signer(kind: str) -> signing.Signer:
    return signing.Signer(salt=_SALTS[kind])


def signed_token(obj) -> str:
    kind = "call" if isinstance(obj, Invitation) else "poll"
    return _signer(kind).sign(obj.token_id)


def link_path(obj) -> str:
    name = "procedure:contribute" if isinstance(obj, Invitation) else "procedure:poll_answer"
    return reverse(name, args=[signed_token(obj)])


def absolute(base: str, path: str) -> str:
    return base.rstrip("/") + path


class LinkProblem(Exception):
    def __init__(self, kind: str, obj=None):
        super().__init__(kind)
        self.kind = kind  # tampered, unknown, revoked, expired
        self.obj = obj


def _resolve(kind: str, token: str, queryset):
    try:
        token_id = _signer(kind).unsign(token)
    except signing.BadSignature:
        raise LinkProblem("tampered") from None
    obj = queryset.filter(token_id=token_id).first()
    if obj is None:
        raise LinkProblem("unknown")
    if obj.revoked_at is not None:
        raise LinkProblem("revoked", obj)
    if obj.expires_at <= timezone.now():
        raise LinkProblem("expired", obj)
    type(obj).objects.filter(pk=obj.pk).update(last_used_at=timezone.now())
    return obj


def resolve_invitation(token: str) -> Invitation:
    return _resolve("call", token, Invitation.objects.select_related("call"))


def resolve_poll_invitee(token: str) -> PollInvitee:
    return _resolve("poll", token, PollInvitee.objects.select_related("poll"))


def _end_of_day(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def invitation_expiry(deadline) -> datetime:
    return _end_of_day(deadline + timedelta(days=LINK_GRACE_DAYS))


def create_invitation(
    call: Call, *, actor=None, contact=None, name="", email="", org=""
) -> Invitation:
    if contact is not None:
        name = name or str(contact)
        email = email or contact.email
        actor = actor or contact.actor
    return Invitation.objects.create(
        call=call,
        actor=actor,
        actor_name=org or (actor.name if actor else name),
        contact=contact,
        name=name,
        email=email,
        token_id=secrets.token_urlsafe(24),
        expires_at=invitation_expiry(call.deadline),
    )


def extend_invitation(invitation: Invitation, until) -> None:
    invitation.extended_until = until
    invitation.expires_at = max(invitation.expires_at, invitation_expiry(until))
    invitation.save(update_fields=["extended_until", "expires_at"])


def sync_call_deadline(call: Call) -> None:
    """After the coordinator moved the deadline: keep the links valid long enough."""
    expiry = invitation_expiry(call.deadline)
    call.invitations.filter(expires_at__lt=expiry, revoked_at__isnull=True).update(
        expires_at=expiry
    )


def revoke(obj) -> None:
    if obj.revoked_at is None:
        obj.revoked_at = timezone.now()
        obj.save(update_fields=["revoked_at"])


# --- contributions ----------------------------------------------------------------------------


@dataclass
class SaveResult:
    saved: bool
    conflict: bool = False
    closed: bool = False
    submitted: bool = False


def save_contributions(
    invitation: Invitation, texts: dict[int, str], revision: int, *, submit: bool
) -> SaveResult:
    """Store the draft texts of an invitee (section id → text); `submit` also hands them in.

    `revision` is the invitation's revision the form was rendered with: if the texts were
    saved in between from another tab, nothing is overwritten (the caller shows the stored
    version).
    """
    section_ids = set(invitation.call.sections.values_list("id", flat=True))
    texts = {sid: (text or "").strip() for sid, text in texts.items() if sid in section_ids}
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_open():
            return SaveResult(False, closed=True)
        existing = {c.section_id: c for c in locked.contributions.all()}
        if locked.revision != revision:
            changed = [
                sid
                for sid, text in texts.items()
                if (existing[sid].text if sid in existing else "") != text
            ]
            if changed:
                invitation.revision = locked.revision
                return SaveResult(False, conflict=True)
        now = timezone.now()
        for sid, text in texts.items():
            contribution = existing.get(sid)
            if contribution is None:
                if not text:
                    continue
                contribution = Contribution(invitation=locked, section_id=sid)
                existing[sid] = contribution
            contribution.text = text
            contribution.save()
        if submit:
            for contribution in existing.values():
                if contribution.text != contribution.submitted_text:
                    contribution.submitted_text = contribution.text
                    contribution.submitted_at = now if contribution.text else None
                    contribution.save()
            locked.submitted_at = now
        locked.revision += 1
        locked.save(update_fields=["revision", "submitted_at"])
    invitation.revision, invitation.submitted_at = locked.revision, locked.submitted_at
    return SaveResult(True, submitted=submit)


STATE_ORDER = ("delivered", "changed", "draft", "missing")


def matrix(call: Call) -> tuple[list, list[dict]]:
    """(sections, rows): per invitation one cell per section with state and timestamps."""
    sections = list(call.sections.all())
    contributions = {}
    for c in Contribution.objects.filter(invitation__call=call):
        contributions[(c.invitation_id, c.section_id)] = c
    rows = []
    for inv in call.invitations.prefetch_related("reminders"):
        cells = []
        for s in sections:
            c = contributions.get((inv.pk, s.pk))
            cells.append(
                {
                    "section": s,
                    "state": c.state if c else "missing",
                    "contribution": c,
                    "submitted_at": c.submitted_at if c else None,
                    "updated_at": c.updated_at if c else None,
                }
            )
        delivered = sum(1 for cell in cells if cell["state"] in ("delivered", "changed"))
        rows.append({"invitation": inv, "cells": cells, "delivered": delivered})
    return sections, rows


def compiled(call: Call) -> list[rules.CompiledSection]:
    sections = [
        (s.pk, s.position, s.title, s.question, s.curated_text) for s in call.sections.all()
    ]
    contributions = [
        (
            c.section_id,
            c.invitation.actor_name,
            c.submitted_text,
            (c.submitted_at.timestamp() if c.submitted_at else 0.0, c.pk),
        )
        for c in Contribution.objects.filter(invitation__call=call, invitation__revoked_at=None)
        .exclude(submitted_text="")
        .select_related("invitation")
    ]
    return rules.compile_sections(sections, contributions)


# --- e-mail -----------------------------------------------------------------------------------


def _send(template: str, context: dict, to: list[str]) -> None:
    """German e-mail, plain text and HTML, from `procedure/email/<template>.{txt,html}`."""
    with translation.override("de"):
        subject = render_to_string(f"procedure/email/{template}_subject.txt", context).strip()
        text = render_to_string(f"procedure/email/{template}.txt", context)
        html = render_to_string(f"procedure/email/{template}.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, None, to)
    message.attach_alternative(html, "text/html")
    message.send()


def send_invitation(invitation: Invitation, base: str) -> bool:
    if not invitation.email:
        return False
    call = invitation.call
    if base and call.site_url != base:
        call.site_url = base
        call.save(update_fields=["site_url"])
    _send(
        "invitation",
        {
            "invitation": invitation,
            "call": call,
            "url": absolute(base, link_path(invitation)),
            "sections": list(call.sections.all()),
        },
        [invitation.email],
    )
    invitation.invited_at = timezone.now()
    invitation.save(update_fields=["invited_at"])
    return True


def send_reminders(today=None, base: str | None = None) -> list[tuple[Invitation, int]]:
    """Send every reminder due today (idempotent: each (invitation, days) at most once)."""
    today = today or timezone.localdate()
    sent = []
    invitations = (
        Invitation.objects.select_related("call")
        .filter(submitted_at__isnull=True, revoked_at__isnull=True)
        .exclude(email="")
        .prefetch_related("reminders")
    )
    for inv in invitations:
        days = rules.due_reminder(
            inv.deadline,
            today,
            inv.call.reminder_offsets,
            [r.days_before for r in inv.reminders.all()],
        )
        if days is None or not inv.is_valid:
            continue
        with transaction.atomic():
            reminder, created = Reminder.objects.get_or_create(invitation=inv, days_before=days)
            if not created:
                continue
            url = absolute(base or inv.call.site_url or public_base_url(), link_path(inv))
            _send(
                "reminder",
                {
                    "invitation": inv,
                    "call": inv.call,
                    "url": url,
                    "days": days,
                    "drafts": inv.contributions.exclude(text="").count(),
                },
                [inv.email],
            )
        sent.append((inv, days))
    return sent


def send_minutes(workshop: Workshop) -> list[Participant]:
    """E-mail the minutes to every participant with an e-mail; record who got them and when."""
    recipients = [p for p in workshop.participants.all() if p.email]
    context = {
        "workshop": workshop,
        "agenda": list(workshop.agenda.all()),
        "points": list(workshop.fazit.all()),
        "actions": list(workshop.actions.select_related("owner_user", "owner_actor")),
    }
    now = timezone.now()
    for p in recipients:
        _send("minutes", {**context, "participant": p}, [p.email])
        Participant.objects.filter(pk=p.pk).update(minutes_sent_at=now)
    if recipients:
        first = workshop.minutes_sent_at is None
        workshop.status = WorkshopStatus.MINUTES_SENT
        if first:
            workshop.minutes_sent_at = now
        workshop.save(update_fields=["status", "minutes_sent_at"])
    return recipients


def send_poll_invitation(invitee: PollInvitee, base: str) -> bool:
    if not invitee.email:
        return False
    _send(
        "poll",
        {
            "invitee": invitee,
            "poll": invitee.poll,
            "url": absolute(base, link_path(invitee)),
            "options": list(invitee.poll.options.all()),
        },
        [invitee.email],
    )
    invitee.invited_at = timezone.now()
    invitee.save(update_fields=["invited_at"])
    return True


# --- meeting polls ----------------------------------------------------------------------------


def create_poll_invitee(poll: Poll, *, contact=None, name="", email="", org="") -> PollInvitee:
    if contact is not None:
        name, email, org = name or str(contact), email or contact.email, org or contact.actor.name
    return PollInvitee.objects.create(
        poll=poll,
        actor_contact=contact,
        name=name,
        email=email,
        organisation=org,
        token_id=secrets.token_urlsafe(24),
        expires_at=timezone.now() + timedelta(days=POLL_LINK_DAYS),
    )


def poll_results(poll: Poll) -> dict:
    options = list(poll.options.all())
    answers = list(PollAnswer.objects.filter(option__poll=poll))
    counts = rules.count_answers(
        [o.pk for o in options], [(a.option_id, a.answer) for a in answers]
    )
    best = rules.best_option(counts)
    by_invitee = {(a.invitee_id, a.option_id): a.answer for a in answers}
    rows = [
        {"invitee": inv, "answers": [by_invitee.get((inv.pk, o.pk), "") for o in options]}
        for inv in poll.invitees.all()
    ]
    return {
        "options": options,
        "counts": counts,
        "best": next((o for o in options if o.pk == best), None),
        "rows": rows,
    }


def save_poll_answers(invitee: PollInvitee, answers: dict[int, str]) -> None:
    option_ids = set(invitee.poll.options.values_list("id", flat=True))
    with transaction.atomic():
        for option_id, answer in answers.items():
            if option_id not in option_ids or answer not in (rules.YES, rules.MAYBE, rules.NO):
                continue
            PollAnswer.objects.update_or_create(
                invitee=invitee, option_id=option_id, defaults={"answer": answer}
            )
        invitee.answered_at = timezone.now()
        invitee.save(update_fields=["answered_at"])


def schedule(poll: Poll, option: PollOption, user) -> Workshop:
    """ "Termin festlegen": a planned workshop at the option's time with the poll's invitees."""
    with transaction.atomic():
        workshop = Workshop.objects.create(
            title=poll.title,
            starts_at=option.starts_at,
            place=poll.place,
            online_url=poll.online_url,
            organiser="ANeTT",
            created_by=user,
        )
        Participant.objects.bulk_create(
            Participant(
                workshop=workshop,
                actor_contact=inv.actor_contact,
                name=inv.name,
                email=inv.email,
                organisation=inv.organisation,
            )
            for inv in poll.invitees.filter(revoked_at__isnull=True)
        )
        poll.workshop = workshop
        poll.save(update_fields=["workshop"])
    return workshop


def my_actions(user):
    from django.db.models import Q

    from .models import ActionItem

    return ActionItem.objects.filter(
        Q(owner_user=user) | Q(owner_actor__in=user.network_actors.all())
    ).select_related("owner_user", "owner_actor", "workshop")
