"""Planned measures of a firm (the Förderrechner) and the coordinators' catalogue settings.

The rules and parameters of the programmes stay in `programmes/*.toml` (reviewed in code);
the database holds only what users plan and the display overrides coordinators edit.
A `ParticipantGroup` of N identical participants is expanded into N participants of the
engine's case (see docs/foerdercheck.md, "Förderrechner"), so every rule the engine applies
per person or per firm holds exactly.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The engine limits a case to 1000 participants (case.parse_case).
MAX_PARTICIPANTS = 1000
MIN_AGE, MAX_AGE = 15, 70


class MeasureKind(models.TextChoices):
    TRAINING = "training", _("Training")
    CONSULTING = "consulting", _("Consulting")
    COACHING = "coaching", _("Coaching")


class FundingHistory(models.TextChoices):
    UNKNOWN = "unknown", _("not known")
    NEVER = "never", _("never funded under § 82 or § 82a")
    DATES = "dates", _("funded before (dates below)")


def _money(label, help_text=""):
    return models.DecimalField(
        label,
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=help_text,
    )


def _tri(label, help_text=""):
    """Yes / no / unknown: None is "unknown", which the engine never turns into a yes."""
    return models.BooleanField(label, null=True, blank=True, help_text=help_text)


class PlannedMeasure(models.Model):
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="planned_measures",
        verbose_name=_("company"),
    )
    title = models.CharField(_("title of the measure"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    kind = models.CharField(
        _("kind of measure"),
        max_length=20,
        choices=MeasureKind.choices,
        default=MeasureKind.TRAINING,
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    course_costs_eur = _money(_("course costs per participant (EUR)"))
    exam_fees_eur = _money(_("exam fees per participant (EUR)"))
    consulting_fee_eur = _money(_("consulting fee, net (EUR)"))
    days = models.DecimalField(
        _("days (consulting, coaching or event days)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    start = models.DateField(_("start"))
    application_date = models.DateField(_("application date"), null=True, blank=True)
    provider_azav = _tri(_("provider approved under AZAV"))
    measure_azav = _tri(_("measure approved under AZAV"))
    wage_loss_hours = models.DecimalField(
        _("working hours lost per participant"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    adaptation_only = _tri(_("only a short job-specific adaptation"))
    legally_required = _tri(_("the employer is legally obliged to provide it"))
    consultant_registered = _tri(_("consultant registered with BAFA / INQA"))
    # Firm facts that the company record cannot tell; confirmed by the user for this measure.
    training_agreement = _tri(_("works or collective agreement on training"))
    qg_agreement = _tri(_("agreement on Qualifizierungsgeld (§ 82a Abs. 2 Nr. 3)"))
    written_declaration_qg = _tri(_("written employer declaration (fewer than 10 employees)"))
    structural_need_percent = models.DecimalField(
        _("share of staff with structural-change training need (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    employer_pays_training = _tri(_("employer bears the course costs"))
    short_time_work = _tri(_("short-time work at the start"))
    employees_sme = models.PositiveIntegerField(
        _("EU-SME headcount incl. partner and linked enterprises"), null=True, blank=True
    )
    selected_programmes = models.JSONField(_("chosen programmes"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("planned measure")
        verbose_name_plural = _("planned measures")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["company", "-created_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("funding:detail", args=[self.pk])

    @property
    def participant_total(self) -> int:
        return sum(g.count for g in self.groups.all())


class ParticipantGroup(models.Model):
    """N participants with the same facts (a named person is a group of one)."""

    measure = models.ForeignKey(
        PlannedMeasure, on_delete=models.CASCADE, related_name="groups", verbose_name=_("measure")
    )
    label = models.CharField(_("group or name"), max_length=120)
    count = models.PositiveIntegerField(
        _("number of participants"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PARTICIPANTS)],
    )
    age = models.PositiveSmallIntegerField(
        _("age at the start"),
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)],
    )
    severely_disabled = _tri(_("severely disabled"))
    qualification_year = models.PositiveSmallIntegerField(
        _("year of the vocational qualification"), null=True, blank=True
    )
    no_qualification = models.BooleanField(_("no vocational qualification"), default=False)
    funding_history = models.CharField(
        _("earlier funding"),
        max_length=10,
        choices=FundingHistory.choices,
        default=FundingHistory.UNKNOWN,
    )
    last_funded_82 = models.DateField(_("end of the last § 82 training"), null=True, blank=True)
    last_funded_82a = models.DateField(_("end of the last § 82a training"), null=True, blank=True)
    notice_given = _tri(_("employment terminated"))
    children = _tri(_("has children"))
    monthly_gross_eur = _money(_("monthly gross wage (EUR)"))
    weekly_hours = models.DecimalField(
        _("weekly working hours"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(80)],
    )
    net_monthly_eur = _money(_("monthly net wage (EUR)"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("participant group")
        verbose_name_plural = _("participant groups")
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.label} ({self.count})"


class ProgrammeSetting(models.Model):
    """Coordinators' overrides for one programme of the catalogue: shown or not, and the
    texts users see. Rules and parameters stay in the versioned TOML files."""

    programme = models.CharField(_("programme"), max_length=40, unique=True)
    active = models.BooleanField(
        _("offered in the Förderrechner"),
        null=True,
        blank=True,
        help_text=_("Left at “as in the catalogue”, the programme files decide."),
    )
    title = models.CharField(_("display title"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    sources = models.TextField(
        _("sources"),
        blank=True,
        help_text=_("One web address per line; left empty, the sources of the files are shown."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("programme setting")
        verbose_name_plural = _("programme settings")
        ordering = ["programme"]

    def __str__(self):
        return self.programme

    @property
    def source_list(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    APPLIED = "applied", _("funding applied for")
    GRANTED = "granted", _("funding granted")
    RUNNING = "running", _("running")
    COMPLETED = "completed", _("completed")
    CANCELLED = "cancelled", _("cancelled")


class MeasureRecord(models.Model):
    """A qualification or consulting measure that actually happens at a firm: who took part,
    how many hours, the funding applied for and granted, and the outcome that the network
    is judged by (participants still employed six months after the end)."""

    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="measure_records",
        verbose_name=_("company"),
    )
    planned_measure = models.ForeignKey(
        PlannedMeasure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("planned measure (Förderrechner)"),
    )
    referral = models.ForeignKey(
        "network.Referral",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measure_records",
        verbose_name=_("referral"),
        help_text=_("The referral to an actor this measure came from, if any."),
    )
    title = models.CharField(_("title of the measure"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=MeasureKind.choices, default=MeasureKind.TRAINING
    )
    programme = models.CharField(
        _("funding programme"), max_length=40, blank=True, help_text=_("programme id, e.g. sgb3-82")
    )
    topic = models.CharField(_("topic"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    hours = models.DecimalField(
        _("hours per participant"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    cost_eur = _money(_("total cost (EUR)"))
    funding_applied_eur = _money(_("funding applied for (EUR)"))
    funding_granted_eur = _money(_("funding granted (EUR)"))
    employed_after_6_months = models.PositiveIntegerField(
        _("participants still employed 6 months after the end"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("measure record")
        verbose_name_plural = _("measure records")
        ordering = ["-start", "-id"]
        indexes = [
            models.Index(fields=["company", "status"]),
            models.Index(fields=["status", "start"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("funding:record_edit", args=[self.pk])
