from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .questionnaire import Definition, parse_definition


class Questionnaire(models.Model):
    """One version of a questionnaire; the definition is the versioned JSON data."""

    slug = models.SlugField(_("short name"), max_length=80)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    definition = models.JSONField(_("definition"))
    active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="questionnaire_version")
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    @property
    def parsed(self) -> Definition:
        cached = getattr(self, "_parsed", None)
        if cached is None:
            cached = self._parsed = parse_definition(self.definition)
        return cached


class Mode(models.TextChoices):
    VISIT = "visit", _("during a visit")
    SELF = "self", _("by the company itself (link)")


class Status(models.TextChoices):
    DRAFT = "draft", _("in progress")
    SUBMITTED = "submitted", _("completed")


class Assessment(models.Model):
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("company"),
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, verbose_name=_("questionnaire")
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    revision = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("completed"), null=True, blank=True)
    exposure = models.PositiveSmallIntegerField(_("exposure"), null=True, blank=True)
    exposure_reason = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("transformation check")
        verbose_name_plural = _("transformation checks")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.questionnaire.title} {self.created_at:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("assessment:detail", args=[self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.status == Status.SUBMITTED


class CheckLink(models.Model):
    """A personal link for the company: no login, expiring, revocable."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="links")
    token_id = models.CharField(max_length=40, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("check link")
        verbose_name_plural = _("check links")
        ordering = ["-created_at"]

    def __str__(self):
        return f"Link {self.token_id[:6]}… ({self.assessment.company})"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class Topic(models.TextChoices):
    DRIVETRAIN = "drivetrain", _("Drive-train change")
    DIGITAL = "digital", _("Digitalisation")
    SKILLS = "skills", _("Skills and qualification")
    LABOUR = "labour", _("Skilled labour and demography")
    ENERGY = "energy", _("Energy and decarbonisation")
    BUSINESS_MODEL = "business_model", _("Business model and diversification")
    FINANCING = "financing", _("Financing")
    WORK_ORG = "work_org", _("Work organisation and co-determination")
    SUCCESSION = "succession", _("Succession")


class NeedSource(models.TextChoices):
    CHECK = "check", _("transformation check")
    MANUAL = "manual", _("entered by hand")


class Need(models.Model):
    """A change need of a company in one topic (0–100)."""

    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="needs",
        verbose_name=_("company"),
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    level = models.PositiveSmallIntegerField(
        _("need level"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    source = models.CharField(_("source"), max_length=10, choices=NeedSource.choices)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, null=True, blank=True, related_name="needs"
    )
    causes = models.JSONField(_("causes"), default=list, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    current = models.BooleanField(_("current"), default=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["topic", "-created_at"]
        indexes = [models.Index(fields=["company", "current", "topic"])]

    def __str__(self):
        return f"{self.get_topic_display()}: {self.level}"


class FlagLevel(models.TextChoices):
    RED = "red", _("red")
    YELLOW = "yellow", _("yellow")


class Flag(models.Model):
    """A warning signal from a check, with its follow-up task."""

    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="flags",
        verbose_name=_("company"),
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="flags", null=True, blank=True
    )
    rule_id = models.CharField(_("rule"), max_length=60)
    level = models.CharField(_("level"), max_length=10, choices=FlagLevel.choices)
    title = models.CharField(_("title"), max_length=200)
    evidence = models.TextField(_("evidence"), blank=True)
    follow_up = models.CharField(_("follow-up"), max_length=300, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="flags",
        verbose_name=_("responsible"),
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    created_at = models.DateTimeField(_("raised"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.TextField(_("resolution"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["resolved_at", "level", "due_date"]
        indexes = [models.Index(fields=["resolved_at", "level"])]

    def __str__(self):
        return f"{self.get_level_display()}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
