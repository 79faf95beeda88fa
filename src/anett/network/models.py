"""Actors of the network, their offers, relations, memberships of firms, and referrals."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from anett.assessment.models import Topic
from anett.core.models import PersonBase

from . import vocab
from .fields import CodeListField


class Actor(models.Model):
    """An organisation of the network: union, agency, chamber, education provider …"""

    key = models.SlugField(max_length=60, unique=True, null=True, blank=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=vocab.ACTOR_KIND_CHOICES)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail (general)"), blank=True)
    phone = models.CharField(_("phone (general)"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    seat = models.ForeignKey(
        "regions.Kreis",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("seat (district)"),
    )
    kreise = models.ManyToManyField(
        "regions.Kreis",
        blank=True,
        related_name="network_actors",
        verbose_name=_("districts served"),
    )
    topics = CodeListField(_("topics"), options=Topic.choices)
    target_groups = CodeListField(_("target groups"), options=vocab.TARGET_GROUP_CHOICES)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="network_actors",
        verbose_name=_("user accounts of its staff"),
        help_text=_(
            "Their activities with firms count as reach of this actor; they see the referrals "
            "sent to it."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[kreise], excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:actor_detail", args=[self.pk])

    @property
    def label(self) -> str:
        return self.short_name or self.name


class ActorContact(PersonBase):
    """A contact person at an actor, stored only with consent (purpose and date)."""

    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("actor")
    )
    consent_purpose = models.CharField(_("consent: purpose"), max_length=200)
    consent_date = models.DateField(_("consent: date"))
    consent_source = models.CharField(_("consent: source"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact person of an actor")
        verbose_name_plural = _("contact persons of actors")
        ordering = ["last_name", "first_name"]


class ActorRelation(models.Model):
    """`source` <kind> `target`, e.g. "GFAW is partner of Agentur für Arbeit Suhl"."""

    source = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="relations_out", verbose_name=_("actor")
    )
    kind = models.CharField(_("relation"), max_length=20, choices=vocab.RELATION_CHOICES)
    target = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        related_name="relations_in",
        verbose_name=_("other actor"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("relation between actors")
        verbose_name_plural = _("relations between actors")
        ordering = ["source__name", "kind", "target__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="actor_relation_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="actor_relation_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"

    def clean(self):
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError(_("An actor cannot be related to itself."))


class Membership(models.Model):
    """A firm is a member of an actor (cluster association, company network …)."""

    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("actor")
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="network_memberships",
        verbose_name=_("company"),
    )
    since = models.DateField(_("member since"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["company__name"]
        constraints = [
            models.UniqueConstraint(fields=["actor", "company"], name="membership_actor_company")
        ]

    def __str__(self):
        return f"{self.company} → {self.actor}"


def _programme_choices():
    from anett.funding.catalogue import PROGRAMME_IDS

    return [(pid, pid) for pid in PROGRAMME_IDS]


class Offer(models.Model):
    """What an actor offers to firms: advice, training, funding, events, coaching."""

    key = models.SlugField(max_length=80, unique=True, null=True, blank=True, editable=False)
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="offers", verbose_name=_("actor")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=vocab.OFFER_KIND_CHOICES)
    description = models.TextField(_("description"), blank=True)
    topics = CodeListField(_("topics"), options=Topic.choices, blank=False)
    target_groups = CodeListField(
        _("target groups"),
        options=vocab.TARGET_GROUP_CHOICES,
        help_text=_("None ticked: for all target groups."),
    )
    formats = CodeListField(_("format"), options=vocab.FORMAT_CHOICES)
    cost = models.CharField(_("cost"), max_length=10, choices=vocab.COST_CHOICES, default="unknown")
    cost_note = models.CharField(_("cost details"), max_length=200, blank=True)
    languages = CodeListField(_("languages"), options=vocab.LANGUAGE_CHOICES)
    kreise = models.ManyToManyField(
        "regions.Kreis",
        blank=True,
        related_name="network_offers",
        verbose_name=_("districts"),
        help_text=_("None chosen: the districts the actor serves."),
    )
    url = models.URLField(_("link"), blank=True)
    links = models.TextField(_("further links"), blank=True, help_text=_("One link per line."))
    contact = models.CharField(
        _("contact"),
        max_length=300,
        blank=True,
        help_text=_("How firms get in touch, e.g. a service number or mailbox."),
    )
    contact_person = models.ForeignKey(
        ActorContact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("contact person"),
    )
    funding_programme = models.CharField(
        _("funding programme"),
        max_length=40,
        blank=True,
        choices=_programme_choices,
        help_text=_("The programme of the funding check this offer stands for, if any."),
    )
    active = models.BooleanField(_("available"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[kreise], excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["title", "id"]
        indexes = [
            models.Index(fields=["active", "title"]),
            models.Index(fields=["actor", "active"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("network:offer_detail", args=[self.pk])

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class Referral(models.Model):
    """A firm's need referred to an offer of an actor, and what came of it."""

    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="referrals",
        verbose_name=_("company"),
    )
    need = models.ForeignKey(
        "assessment.Need",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("need"),
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    offer = models.ForeignKey(
        Offer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("offer"),
    )
    actor = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("actor"),
    )
    # Kept when the offer or actor is deleted later.
    offer_title = models.CharField(_("offer"), max_length=200)
    actor_name = models.CharField(_("actor"), max_length=200)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=vocab.REFERRAL_STATUS_CHOICES,
        default=vocab.PROPOSED,
        db_index=True,
    )
    note = models.TextField(_("note"), blank=True)
    measure = models.CharField(
        _("measure that follows"),
        max_length=300,
        blank=True,
        help_text=_("e.g. the course, the advice or the funding the firm takes up."),
    )
    measure_date = models.DateField(_("measure starts"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    # The firm's consent to pass its data to this actor (purpose, date, who recorded it).
    consent_purpose = models.CharField(_("consent: purpose"), max_length=200, blank=True)
    consent_date = models.DateField(_("consent: date"), null=True, blank=True)
    consent_source = models.CharField(
        _("consent: how given"),
        max_length=200,
        blank=True,
        help_text=_("e.g. in writing, by e-mail, orally during the visit"),
    )
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )
    consent_recorded_at = models.DateTimeField(_("consent recorded"), null=True, blank=True)
    # Sending makes the referral visible to the actor; what it sees is fixed at that moment.
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    disclosure = models.CharField(
        _("passed to the actor"), max_length=10, choices=vocab.DISCLOSURE_CHOICES, blank=True
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["company", "-created_at"]),
            models.Index(fields=["actor", "status"]),
        ]

    def __str__(self):
        return f"{self.get_topic_display()} → {self.actor_name}"

    def get_absolute_url(self):
        return reverse("network:referral_detail", args=[self.pk])

    @property
    def has_consent(self) -> bool:
        return bool(self.consent_date and self.consent_purpose)

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None

    @property
    def shows_firm(self) -> bool:
        """The actor sees the firm's data (consent recorded before it was sent)."""
        return self.disclosure == vocab.FULL
