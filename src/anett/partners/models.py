"""Partner organisations, their member users, insights (knowledge transfer) with attachments,
comments and questions, the review history, digests and personal feed links."""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from anett.assessment.models import Topic
from anett.companies.models import BranchGroup, search_key
from anett.core import roles
from anett.network.fields import CodeListField

from . import rendering, vocab

STAFF_ROLES = frozenset({roles.ADMIN, roles.KOORDINATION})
READER_ROLES = frozenset({roles.ADMIN, roles.KOORDINATION, roles.BERATUNG, roles.PARTNER})


class PartnerOrganisation(models.Model):
    """An organisation of the partner network whose users read the published insights."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=30, choices=vocab.ORGANISATION_KIND_CHOICES, default="other"
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("General mailbox of the organisation; never shown to other partners."),
    )
    kreise = models.ManyToManyField(
        "regions.Kreis",
        blank=True,
        related_name="partner_organisations",
        verbose_name=_("districts of interest"),
    )
    regions = models.ManyToManyField(
        "regions.Region",
        blank=True,
        related_name="partner_organisations",
        verbose_name=_("regions of interest"),
    )
    note = models.TextField(_("note"), blank=True)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Members of an inactive organisation see no insights and get no digest."),
    )
    is_demo = models.BooleanField(_("demo"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[kreise, regions], excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partners:organisation_detail", args=[self.pk])

    def interest_kreis_ids(self) -> set[int]:
        """The districts of interest, directly and through the regions."""
        ids = set(self.kreise.values_list("id", flat=True))
        ids |= set(self.regions.values_list("kreise__id", flat=True))
        ids.discard(None)
        return ids


class PartnerMembership(models.Model):
    """A user account belongs to (at most) one partner organisation."""

    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("partner organisation"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_membership",
        verbose_name=_("user"),
    )
    added_at = models.DateTimeField(_("member since"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership in a partner organisation")
        verbose_name_plural = _("memberships in partner organisations")
        ordering = ["user__last_name", "user__first_name", "user__username"]

    def __str__(self):
        return f"{self.user} → {self.organisation}"


class InsightQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=vocab.PUBLISHED, published_at__isnull=False)

    def visible_to(self, user):
        """Insights `user` may open. Coordination and administration: every insight (also
        drafts); advice: the published ones; partners: the published ones meant for all
        partners or for their own organisation (none when their organisation is inactive)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        role = user.effective_role
        if role in STAFF_ROLES:
            return self
        if role == roles.BERATUNG:
            return self.published()
        if role != roles.PARTNER:
            return self.none()
        membership = (
            PartnerMembership.objects.filter(user=user).select_related("organisation").first()
            if user.pk
            else None  # an unsaved stand-in user (e.g. for exports) belongs to no organisation
        )
        if membership is None:
            return self.published().filter(audience=vocab.AUDIENCE_ALL)
        if not membership.organisation.active:
            return self.none()
        return (
            self.published()
            .filter(
                Q(audience=vocab.AUDIENCE_ALL)
                | Q(audience=vocab.AUDIENCE_SELECTED, organisations=membership.organisation_id)
            )
            .distinct()
        )


class Insight(models.Model):
    """A short finding, good practice or lesson learned of the network for its partners."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("Two or three sentences for lists and e-mails.")
    )
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Markdown: **bold**, *italic*, lists with “-”, links as [text](https://…)."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=vocab.INSIGHT_KIND_CHOICES)
    topics = CodeListField(_("topics"), options=Topic.choices)
    kreise = models.ManyToManyField(
        "regions.Kreis", blank=True, related_name="insights", verbose_name=_("districts")
    )
    regions = models.ManyToManyField(
        "regions.Region", blank=True, related_name="insights", verbose_name=_("regions")
    )
    branch_groups = CodeListField(_("branch groups"), options=BranchGroup.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=vocab.STATUS_CHOICES,
        default=vocab.DRAFT,
        db_index=True,
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=vocab.AUDIENCE_CHOICES, default=vocab.AUDIENCE_ALL
    )
    organisations = models.ManyToManyField(
        PartnerOrganisation,
        blank=True,
        related_name="insights",
        verbose_name=_("chosen organisations"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    search_text = models.TextField(editable=False, blank=True, default="")
    is_demo = models.BooleanField(_("demo"), default=False)
    history = HistoricalRecords(
        m2m_fields=[kreise, regions, organisations], excluded_fields=["updated_at", "search_text"]
    )

    objects = InsightQuerySet.as_manager()

    class Meta:
        verbose_name = _("insight")
        verbose_name_plural = _("insights")
        ordering = ["-published_at", "-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-published_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = search_key(
            " ".join([self.title, self.summary, rendering.plain_text(self.body)])
        )[:20000]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_text"]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partners:insight_detail", args=[self.pk])

    def body_html(self) -> str:
        """The Markdown text as sanitised HTML (no script, no event handlers, safe links)."""
        return rendering.markdown_to_html(self.body)

    @property
    def is_published(self) -> bool:
        return self.status == vocab.PUBLISHED

    def topic_labels(self) -> list[str]:
        names = dict(Topic.choices)
        return [str(names.get(c, c)) for c in self.topics]

    def branch_labels(self) -> list[str]:
        names = dict(BranchGroup.choices)
        return [str(names.get(c, c)) for c in self.branch_groups]


class InsightStatusChange(models.Model):
    """One step of the review workflow (who moved the insight from which status to which)."""

    insight = models.ForeignKey(
        Insight, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("insight")
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=vocab.STATUS_CHOICES, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=vocab.STATUS_CHOICES)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("time"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("status change of an insight")
        verbose_name_plural = _("status changes of insights")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.insight}: {self.from_status} → {self.to_status}"


def attachment_path(instance, filename):
    # A random name: nothing about the file can be guessed from its path.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"partners/insights/{instance.insight_id}/{uuid.uuid4().hex}.{ext}"


class InsightAttachment(models.Model):
    """A file attached to an insight, kept under MEDIA_ROOT and only downloaded through a
    view that checks who may see the insight."""

    insight = models.ForeignKey(
        Insight, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("insight")
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["original_name", "id"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("partners:attachment", args=[self.insight_id, self.pk])

    @property
    def size_label(self) -> str:
        if self.size < 1024 * 1024:
            return f"{max(1, round(self.size / 1024))} KB"
        return f"{self.size / 1024 / 1024:.1f} MB".replace(".", ",")


class Contribution(models.Model):
    """A comment or question on a published insight, or a coordinator's answer to one.
    Readers see the organisation's name, never a person's name or e-mail address."""

    insight = models.ForeignKey(
        Insight, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("insight")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("answer to"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=vocab.CONTRIBUTION_KIND_CHOICES)
    text = models.TextField(_("text"), max_length=4000)
    private = models.BooleanField(
        _("only for the network office"),
        default=False,
        help_text=_("Other partner organisations do not see it (nor the answer)."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="partner_contributions",
        verbose_name=_("author"),
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("partner organisation"),
    )
    # The name shown to readers, fixed when written.
    organisation_name = models.CharField(_("organisation"), max_length=200)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["insight", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.organisation_name}"

    @property
    def is_answered(self) -> bool:
        return self.answers.exists()


class PartnerProfile(models.Model):
    """Per user: the personal feed link (only its hash is stored), digest choice and the
    time of the last digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_profile",
        verbose_name=_("user"),
    )
    feed_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    feed_token_created_at = models.DateTimeField(_("feed link created"), null=True, blank=True)
    digest_enabled = models.BooleanField(_("receive the digest e-mail"), default=True)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner settings of a user")
        verbose_name_plural = _("partner settings of users")

    def __str__(self):
        return str(self.user)

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def new_feed_token(self) -> str:
        """A new secret token (the old one stops working); returned once, stored hashed."""
        token = secrets.token_urlsafe(32)
        self.feed_token_hash = self.hash_token(token)
        self.feed_token_created_at = timezone.now()
        self.save(update_fields=["feed_token_hash", "feed_token_created_at"])
        return token

    def revoke_feed_token(self):
        self.feed_token_hash = None
        self.feed_token_created_at = None
        self.save(update_fields=["feed_token_hash", "feed_token_created_at"])


class DigestRun(models.Model):
    """One run of the digest (by the command or from the page)."""

    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    via = models.CharField(_("started via"), max_length=20, default="command")
    recipients = models.PositiveIntegerField(_("e-mails sent"), default=0)
    insights = models.PositiveIntegerField(_("insights sent"), default=0)
    failures = models.PositiveIntegerField(_("failed e-mails"), default=0)

    class Meta:
        verbose_name = _("digest run")
        verbose_name_plural = _("digest runs")
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.started_at:%d.%m.%Y %H:%M}"


class DigestDelivery(models.Model):
    """An insight sent to a user in a digest; never sent to them again."""

    run = models.ForeignKey(DigestRun, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_deliveries"
    )
    insight = models.ForeignKey(Insight, on_delete=models.CASCADE, related_name="deliveries")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("insight sent in a digest")
        verbose_name_plural = _("insights sent in digests")
        constraints = [
            models.UniqueConstraint(fields=["user", "insight"], name="digest_once_per_user")
        ]

    def __str__(self):
        return f"{self.insight} → {self.user}"
