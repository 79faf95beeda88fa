"""Workshops with minutes, action items, calls for contributions and meeting polls."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import rules


class WorkshopStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    MINUTES_SENT = "minutes_sent", _("minutes sent")


class Workshop(models.Model):
    title = models.CharField(_("title"), max_length=250)
    starts_at = models.DateTimeField(_("date and time"))
    ends_at = models.DateTimeField(_("end"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=250, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=WorkshopStatus.choices, default=WorkshopStatus.PLANNED
    )
    minutes_intro = models.TextField(_("minutes: introduction"), blank=True)
    minutes_due_days = models.PositiveSmallIntegerField(
        _("send minutes within (days)"),
        default=7,
        help_text=_("Days after the workshop by which the minutes should reach the participants."),
    )
    feedback_until = models.DateField(
        _("feedback on the minutes until"),
        null=True,
        blank=True,
        help_text=_("Stated in the e-mail with the minutes."),
    )
    minutes_sent_at = models.DateTimeField(_("minutes sent"), null=True, blank=True)
    is_reference = models.BooleanField(
        _("reference content"),
        default=False,
        help_text=_("Real, public content of the network (not fictitious demo data)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-starts_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("procedure:workshop_detail", args=[self.pk])

    @property
    def held_on(self):
        return timezone.localtime(self.starts_at).date()

    def minutes_state(self, today=None) -> rules.MinutesState:
        sent = timezone.localtime(self.minutes_sent_at).date() if self.minutes_sent_at else None
        return rules.minutes_state(
            self.held_on, self.minutes_due_days, sent, today or timezone.localdate()
        )


class Participant(models.Model):
    """A participant: a contact of an actor, a contact of a firm (with consent) or free."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="participants", verbose_name=_("workshop")
    )
    actor_contact = models.ForeignKey(
        "network.ActorContact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    company_contact = models.ForeignKey(
        "companies.ContactPerson",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    minutes_sent_at = models.DateTimeField(_("minutes sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["organisation", "name", "id"]

    def __str__(self):
        if self.name and self.organisation:
            return f"{self.name} ({self.organisation})"
        return self.name or self.organisation

    def clean(self):
        if not (self.name or self.organisation):
            raise ValidationError(_("Enter a name or an organisation."))


class AgendaItem(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("no."), default=0)
    title = models.CharField(_("agenda item"), max_length=250)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


class FazitPoint(models.Model):
    """A numbered point of the minutes ("Fazit")."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="fazit")
    position = models.PositiveSmallIntegerField(_("no."), default=0)
    heading = models.CharField(_("heading"), max_length=250)
    text = models.TextField(_("text"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes point")
        verbose_name_plural = _("minutes points")
        ordering = ["position", "id"]

    def __str__(self):
        return self.heading


class Attachment(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to="procedure/attachments/%Y/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.title or self.file.name.rsplit("/", 1)[-1]


# --- action items --------------------------------------------------------------------------


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")


class ActionItem(models.Model):
    text = models.CharField(_("task"), max_length=400)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="procedure_actions",
        verbose_name=_("responsible person"),
    )
    owner_actor = models.ForeignKey(
        "network.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="procedure_actions",
        verbose_name=_("responsible actor"),
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("workshop"),
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["status", "due_date", "id"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return self.text

    @property
    def owner_label(self) -> str:
        parts = []
        if self.owner_user_id:
            parts.append(self.owner_user.get_full_name() or self.owner_user.username)
        if self.owner_actor_id:
            parts.append(self.owner_actor.label)
        return " · ".join(parts)

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status == ActionStatus.OPEN and self.due_date is not None and self.due_date < today
        )


# --- calls for contributions ---------------------------------------------------------------


class Call(models.Model):
    """A call for contributions to a document ("Skizze 2.0") with a deadline."""

    title = models.CharField(_("title"), max_length=250)
    document_title = models.CharField(
        _("title of the document"),
        max_length=250,
        help_text=_("Heading of the compiled Word document, e.g. “Projektskizze 2.0”."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("workshop"),
    )
    deadline = models.DateField(_("deadline"))
    reminder_days = models.CharField(
        _("reminders (days before the deadline)"),
        max_length=40,
        default="7, 2",
        help_text=_("Comma-separated, e.g. “7, 2”."),
    )
    is_demo = models.BooleanField(_("demo"), default=False)
    # Address of the platform the invitations pointed to; reminders reuse it.
    site_url = models.CharField(max_length=200, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("call for contributions")
        verbose_name_plural = _("calls for contributions")
        ordering = ["-deadline", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("procedure:call_detail", args=[self.pk])

    @property
    def deadline_label(self) -> str:
        return rules.deadline_label(self.deadline)

    @property
    def reminder_offsets(self) -> tuple[int, ...]:
        try:
            return rules.parse_reminder_days(self.reminder_days)
        except ValueError:
            return rules.DEFAULT_REMINDER_DAYS


class Section(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("no."), default=0)
    title = models.CharField(_("section"), max_length=250)
    question = models.TextField(_("guiding question"), blank=True)
    curated_text = models.TextField(
        _("edited section text"),
        blank=True,
        help_text=_(
            "If filled, the compiled document uses this text instead of the contributions."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


class LinkMixin(models.Model):
    """A personal link without login: signed, expiring, revocable (as the check's links)."""

    token_id = models.CharField(max_length=40, unique=True, editable=False)
    expires_at = models.DateTimeField(_("link valid until"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last opened"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class Invitation(LinkMixin):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="invitations")
    actor = models.ForeignKey(
        "network.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_name = models.CharField(_("organisation"), max_length=200)
    contact = models.ForeignKey(
        "network.ActorContact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    extended_until = models.DateField(_("deadline extended until"), null=True, blank=True)
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["actor_name", "name", "id"]

    def __str__(self):
        return f"{self.actor_name} – {self.name}" if self.name else self.actor_name

    @property
    def deadline(self):
        if self.extended_until and self.extended_until > self.call.deadline:
            return self.extended_until
        return self.call.deadline

    @property
    def deadline_label(self) -> str:
        return rules.deadline_label(self.deadline)

    def is_open(self, today=None) -> bool:
        return rules.deadline_open(self.deadline, today or timezone.localdate())


class Contribution(models.Model):
    """An invitee's text for one section: a draft, and what was last submitted."""

    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="contributions"
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="contributions")
    text = models.TextField(_("draft"), blank=True)
    submitted_text = models.TextField(_("submitted text"), blank=True)
    updated_at = models.DateTimeField(_("saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["section__position", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "section"], name="procedure_contribution_unique"
            )
        ]

    def __str__(self):
        return f"{self.invitation} → {self.section}"

    @property
    def state(self) -> str:
        """delivered / changed (delivered, newer draft) / draft / missing."""
        if self.submitted_text.strip():
            return "changed" if self.text.strip() != self.submitted_text.strip() else "delivered"
        return "draft" if self.text.strip() else "missing"


class Reminder(models.Model):
    """A reminder e-mail sent for an invitation; one per (invitation, days before deadline)."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "days_before"], name="procedure_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.invitation} ({self.days_before})"


# --- meeting poll -------------------------------------------------------------------------


class Poll(models.Model):
    title = models.CharField(_("title"), max_length=250)
    note = models.TextField(_("note"), blank=True)
    place = models.CharField(_("place"), max_length=250, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    call = models.ForeignKey(
        Call,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="polls",
        verbose_name=_("call for contributions"),
    )
    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("scheduled workshop"),
    )
    is_demo = models.BooleanField(_("demo"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting poll")
        verbose_name_plural = _("meeting polls")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("procedure:poll_detail", args=[self.pk])


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    starts_at = models.DateTimeField(_("date and time"))

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self):
        return f"{timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"


class PollInvitee(LinkMixin):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="invitees")
    actor_contact = models.ForeignKey(
        "network.ActorContact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["organisation", "name", "id"]

    def __str__(self):
        if self.name and self.organisation:
            return f"{self.name} ({self.organisation})"
        return self.name or self.organisation or self.email


class PollAnswer(models.Model):
    ANSWERS = [(rules.YES, _("yes")), (rules.MAYBE, _("maybe")), (rules.NO, _("no"))]
    invitee = models.ForeignKey(PollInvitee, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="answers")
    answer = models.CharField(max_length=5, choices=ANSWERS)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["invitee", "option"], name="procedure_poll_answer_once")
        ]

    def __str__(self):
        return f"{self.invitee}: {self.option} {self.answer}"
