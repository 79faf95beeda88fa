from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from anett.core.models import PersonBase

from . import classification as cls
from . import engagement as eng
from .classification import search_key  # noqa: F401 - also imported from here

plz_validator = RegexValidator(r"^\d{5}$", _("Postal code must have exactly five digits."))


class TriState(models.TextChoices):
    YES = "yes", _("yes")
    NO = "no", _("no")
    UNKNOWN = "unknown", _("unknown")


class BranchGroup(models.TextChoices):
    AUTOMOTIVE = cls.AUTOMOTIVE, _("Automotive core")
    SUPPLIER = cls.SUPPLIER, _("Supplier")
    NEIGHBOURING = cls.NEIGHBOURING, _("Neighbouring branch")
    OTHER = cls.OTHER, _("Other")


class SmeClass(models.TextChoices):
    MICRO = cls.MICRO, _("Micro enterprise")
    SMALL = cls.SMALL, _("Small enterprise")
    MEDIUM = cls.MEDIUM, _("Medium-sized enterprise")
    LARGE = cls.LARGE, _("Large enterprise")
    UNKNOWN = cls.UNKNOWN, _("unknown")


class EngagementStatus(models.TextChoices):
    UNKNOWN = eng.UNKNOWN, _("unknown")
    REACHED = eng.REACHED, _("reached")
    ENGAGED = eng.ENGAGED, _("engaged")
    PASSIVE = eng.PASSIVE, _("passive")


class Stage(models.TextChoices):
    """Stages of the outreach pipeline."""

    IDENTIFIED = "identified", _("identified")
    APPROACHED = "approached", _("approached")
    FIRST_TALK = "first_talk", _("first talk")
    CHECK_DONE = "check_done", _("check done")
    MEASURE_PLANNED = "measure_planned", _("measure planned")
    IN_PROGRESS = "in_progress", _("in implementation")
    COMPLETED = "completed", _("completed")
    NO_INTEREST = "no_interest", _("no interest")
    LATER = "later", _("later")


class BranchRule(models.Model):
    """Editable mapping of a WZ 2008 prefix to a branch group and union scope."""

    prefix = models.CharField(_("WZ prefix"), max_length=8, unique=True)
    branch_group = models.CharField(_("branch group"), max_length=20, choices=BranchGroup.choices)
    union_scope = models.CharField(_("union scope"), max_length=60, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("branch rule")
        verbose_name_plural = _("branch mapping (WZ 2008)")
        ordering = ["prefix"]

    def __str__(self):
        return f"{self.prefix} → {self.get_branch_group_display()}"

    @property
    def title(self) -> str:
        return cls.wz_title(self.prefix) or ""

    def as_rule(self) -> cls.BranchRule:
        return cls.BranchRule(self.prefix, self.branch_group, self.union_scope)


class CompanyQuerySet(models.QuerySet):
    def for_list(self, user):
        """Companies a user may find in the register list."""
        if not user.is_authenticated or not user.can_see_register:
            return self.none()
        return self

    def for_detail(self, user):
        """Companies a user may open in full detail."""
        if not user.is_authenticated or not user.can_see_register:
            return self.none()
        if user.can_see_all_details:
            return self
        return self.filter(advisers=user)


class Company(models.Model):
    name = models.CharField(_("name"), max_length=200)
    legal_form = models.CharField(_("legal form"), max_length=60, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postal code"), max_length=5, blank=True, validators=[plz_validator]
    )
    city = models.CharField(_("town"), max_length=120, blank=True)
    kreis = models.ForeignKey(
        "regions.Kreis",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="companies",
        verbose_name=_("district"),
    )
    wz_code = models.CharField(_("WZ 2008 code"), max_length=8, blank=True, db_index=True)
    employees_site = models.PositiveIntegerField(
        _("employees (establishment)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    employees_enterprise = models.PositiveIntegerField(
        _("employees (enterprise)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    turnover_eur = models.DecimalField(
        _("annual turnover (EUR)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    balance_sheet_eur = models.DecimalField(
        _("balance sheet total (EUR)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    works_council = models.CharField(
        _("works council"), max_length=10, choices=TriState.choices, default=TriState.UNKNOWN
    )
    collective_agreement = models.CharField(
        _("collective agreement"),
        max_length=10,
        choices=TriState.choices,
        default=TriState.UNKNOWN,
    )
    union_scope = models.CharField(
        _("union scope"),
        max_length=60,
        blank=True,
        help_text=_("Left empty, it follows the branch mapping."),
    )
    sources = models.CharField(
        _("sources"),
        max_length=300,
        blank=True,
        help_text=_("Where the record comes from, several separated by commas."),
    )
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)
    advisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="assigned_companies",
        verbose_name=_("responsible advisers"),
    )

    # Derived and stored for filtering at scale; recomputed on save.
    branch_group = models.CharField(
        _("branch group"),
        max_length=20,
        choices=BranchGroup.choices,
        default=BranchGroup.OTHER,
        editable=False,
    )
    derived_union_scope = models.CharField(max_length=60, blank=True, editable=False)
    sme_class = models.CharField(
        _("SME class"),
        max_length=10,
        choices=SmeClass.choices,
        default=SmeClass.UNKNOWN,
        editable=False,
    )
    engagement_status = models.CharField(
        _("engagement"),
        max_length=10,
        choices=EngagementStatus.choices,
        default=EngagementStatus.UNKNOWN,
        editable=False,
    )
    engagement_reason = models.CharField(max_length=200, blank=True, editable=False)
    stage = models.CharField(
        _("pipeline stage"),
        max_length=20,
        choices=Stage.choices,
        default=Stage.IDENTIFIED,
        editable=False,
    )
    priority_score = models.PositiveSmallIntegerField(_("priority"), default=0, editable=False)
    search_text = models.CharField(max_length=400, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["search_text", "updated_at", "priority_score"])
    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["kreis", "name"]),
            models.Index(fields=["branch_group", "name"]),
            models.Index(fields=["sme_class", "name"]),
            models.Index(fields=["engagement_status", "name"]),
            models.Index(fields=["works_council", "name"]),
            # Covers paging by name and the search on search_text without table reads.
            models.Index(fields=["name", "id", "search_text"]),
            # Covers counts by region and branch group (filters, region key figures).
            models.Index(fields=["kreis", "branch_group"]),
            # The priority list and the pipeline board sort by priority, then name.
            models.Index(fields=["-priority_score", "name", "id"]),
            models.Index(fields=["stage", "-priority_score", "name"]),
            # "SMEs without works council" in a region, by priority.
            models.Index(fields=["works_council", "sme_class", "kreis", "-priority_score"]),
        ]

    def __str__(self):
        return f"{self.name} {self.legal_form}".strip()

    def save(self, *args, **kwargs):
        self.refresh_derived()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("companies:detail", args=[self.pk])

    @property
    def effective_union_scope(self) -> str:
        return self.union_scope or self.derived_union_scope

    @property
    def headcount_for_sme(self) -> int | None:
        if self.employees_enterprise is not None:
            return self.employees_enterprise
        return self.employees_site

    @property
    def wz_title(self) -> str:
        return (cls.wz_title(self.wz_code) or "") if self.wz_code else ""

    def refresh_derived(self, rules: list[cls.BranchRule] | None = None) -> None:
        if rules is None:
            rules = [r.as_rule() for r in BranchRule.objects.all()]
        self.branch_group, self.derived_union_scope = cls.classify_branch(self.wz_code, rules)
        self.sme_class = cls.sme_class(
            self.headcount_for_sme, self.turnover_eur, self.balance_sheet_eur
        )
        self.search_text = search_key(f"{self.name} {self.legal_form} {self.city}")


class UnionMembership(models.TextChoices):
    UNKNOWN = "", _("not recorded")
    NONE = "none", _("no union member")
    IG_METALL = "IG Metall", "IG Metall"
    IG_BCE = "IG BCE", "IG BCE"
    OTHER = "other", _("other union")


class ContactPerson(PersonBase):
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("company")
    )
    # Consent to store and use the contact data.
    consent_purpose = models.CharField(_("consent: purpose"), max_length=200, blank=True)
    consent_date = models.DateField(_("consent: date"), null=True, blank=True)
    consent_source = models.CharField(_("consent: source"), max_length=200, blank=True)
    # Art. 9 GDPR data: visible only to roles with SENSITIVE access, every view logged.
    works_council_member = models.BooleanField(_("member of the works council"), default=False)
    union_membership = models.CharField(
        _("union membership"), max_length=20, choices=UnionMembership.choices, blank=True
    )
    history = HistoricalRecords()

    SENSITIVE_FIELDS = ("works_council_member", "union_membership")

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["last_name", "first_name"]

    @property
    def has_consent(self) -> bool:
        return bool(self.consent_date and self.consent_purpose)


class ActivityKind(models.TextChoices):
    CALL = "call", _("Phone call")
    VISIT = "visit", _("Visit")
    EMAIL = "email", _("E-mail")
    EVENT = "event", _("Event")
    WORKSHOP = "workshop", _("Workshop")
    LETTER = "letter", _("Letter")
    CHECK = "check", _("Transformation check")
    NOTE = "note", _("Note")


class Outcome(models.TextChoices):
    OPEN = eng.OPEN, _("answer pending")
    NO_RESPONSE = eng.NO_RESPONSE, _("no response")
    DECLINED = eng.DECLINED, _("declined")
    CONTACTED = eng.CONTACTED, _("contact made")
    INTERESTED = eng.INTERESTED, _("interested")
    AGREED = eng.AGREED, _("next step agreed")
    PARTICIPATED = eng.PARTICIPATED, _("took part")


class Activity(models.Model):
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="activities", verbose_name=_("company")
    )
    contact = models.ForeignKey(
        ContactPerson,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("contact person"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    date = models.DateField(_("date"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("by"),
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.CONTACTED
    )
    note = models.TextField(_("note"), blank=True)
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    due_date = models.DateField(_("due"), null=True, blank=True)
    done = models.BooleanField(_("next step done"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["company", "-date"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"
