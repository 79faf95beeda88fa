"""Duplicate review of the register: candidate pairs, decisions, merges (undoable),
search runs and the coordinators' auto-merge threshold. See docs/duplicates.md."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import plan


class ThresholdKind(models.TextChoices):
    OFF = plan.OFF, _("off (every pair is reviewed by a person)")
    PROBABILITY = plan.PROBABILITY, _("match probability (0 to 1)")
    WEIGHT = plan.WEIGHT, _("match weight")


class DuplicateSettings(models.Model):
    """The coordinators' rule for automatic merges (one row)."""

    auto_merge = models.CharField(
        _("automatic merge"),
        max_length=12,
        choices=ThresholdKind.choices,
        default=ThresholdKind.OFF,
    )
    threshold = models.FloatField(
        _("threshold"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-100), MaxValueValidator(100)],
        help_text=_(
            "Pairs strictly above it are merged without review. Probability: between 0.5 "
            "and 1, e.g. 0.999. Match weight: e.g. 20 (about a million to one)."
        ),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("duplicate settings")
        verbose_name_plural = _("duplicate settings")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "DuplicateSettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj

    def allows(self, probability: float, weight: float) -> bool:
        return plan.auto_merge_allowed(self.auto_merge, self.threshold, probability, weight)


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to start")
    RUNNING = "running", _("running")
    DONE = "done", _("finished")
    FAILED = "failed", _("failed")


class RunPhase(models.TextChoices):
    READING = "reading", _("Reading the register")
    COMPARING = "comparing", _("Comparing the records")
    SAVING = "saving", _("Saving the pairs")
    MERGING = "merging", _("Merging automatically")
    DONE = "done", _("Done")


class SearchRun(models.Model):
    """One duplicate search over the whole register; the row is also the job."""

    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    phase = models.CharField(
        _("step"), max_length=10, choices=RunPhase.choices, default=RunPhase.READING
    )
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    worker = models.CharField(max_length=100, blank=True)  # host:pid
    heartbeat = models.DateTimeField(null=True, blank=True)
    companies = models.PositiveIntegerField(_("companies compared"), default=0)
    pairs_found = models.PositiveIntegerField(_("pairs found"), default=0)
    pairs_new = models.PositiveIntegerField(_("new pairs"), default=0)
    auto_merged = models.PositiveIntegerField(_("merged automatically"), default=0)
    seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("duplicate search")
        verbose_name_plural = _("duplicate searches")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"#{self.pk} {self.get_status_display()}"

    @property
    def is_busy(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))


class PairStatus(models.TextChoices):
    OPEN = "open", _("open")
    LATER = "later", _("decide later")
    SEPARATE = "separate", _("kept separate")
    MERGED = "merged", _("merged")
    # the pair no longer applies: one record was merged with a third one
    OBSOLETE = "obsolete", _("no longer applies")


class PairQuerySet(models.QuerySet):
    def existing(self):
        """Pairs whose two companies both still exist."""
        from anett.companies.models import Company

        return self.filter(
            Exists(Company.objects.filter(pk=OuterRef("company_a_id"))),
            Exists(Company.objects.filter(pk=OuterRef("company_b_id"))),
        )

    def to_review(self):
        return self.filter(status__in=[PairStatus.OPEN, PairStatus.LATER]).existing()


def _company_ref(label):
    # No database constraint and no cascade: a pair outlives a merge (the removed firm
    # is deleted and may be restored by undo, with its id).
    return models.ForeignKey(
        "companies.Company",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=label,
    )


class CandidatePair(models.Model):
    """Two companies that may be the same firm; ``company_a_id < company_b_id``."""

    company_a = _company_ref(_("company A"))
    company_b = _company_ref(_("company B"))
    match_probability = models.FloatField(_("match probability"))
    match_weight = models.FloatField(_("match weight"), db_index=True)
    # [{comparison, level, label, weight, left, right}] as the model found it
    evidence = models.JSONField(default=list)
    status = models.CharField(
        _("decision"), max_length=10, choices=PairStatus.choices, default=PairStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    found_by = models.ForeignKey(
        SearchRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pairs",
        verbose_name=_("found by search"),
    )
    created_at = models.DateTimeField(_("found"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PairQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidate pair")
        verbose_name_plural = _("candidate pairs")
        ordering = ["-match_weight", "id"]
        constraints = [
            models.UniqueConstraint(fields=["company_a", "company_b"], name="dup_pair_unique"),
            models.CheckConstraint(
                condition=models.Q(company_a__lt=models.F("company_b")),
                name="dup_pair_ordered",
            ),
        ]
        indexes = [models.Index(fields=["status", "-match_weight"])]

    def __str__(self):
        return f"{self.company_a_id} ↔ {self.company_b_id}"

    def get_absolute_url(self):
        return reverse("duplicates:pair", args=[self.pk])

    @property
    def percent(self) -> float:
        return round(100 * self.match_probability, 1)

    @property
    def weight_words(self) -> str:
        return plan.weight_in_words(self.match_weight)


class MergeRecord(models.Model):
    """One merge: what was removed (all values), what moved, so that it can be undone."""

    pair = models.ForeignKey(
        CandidatePair,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merges",
        verbose_name=_("pair"),
    )
    survivor = _company_ref(_("kept company"))
    removed_id = models.PositiveIntegerField(_("id of the removed company"))
    removed_name = models.CharField(_("removed company"), max_length=300)
    # every concrete field of the removed company, as stored (JSON-friendly)
    snapshot = models.JSONField(default=dict)
    # field -> [value before, value after] of the surviving company
    survivor_changes = models.JSONField(default=dict)
    # [{"model": "app.Model", "field": attname, "ids": [...]}] rows moved to the survivor
    moved = models.JSONField(default=list)
    # [{"model": "app.Model", "values": {...}}] rows deleted because the survivor already
    # had the same (unique) row, e.g. the same adviser or membership
    dropped = models.JSONField(default=list)
    # [{"id", "a", "b", "status"}] other pairs of the removed firm before the merge
    pairs_before = models.JSONField(default=list)
    automatic = models.BooleanField(_("automatic"), default=False)
    run = models.ForeignKey(
        SearchRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merges",
        verbose_name=_("search"),
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged by"),
    )
    merged_at = models.DateTimeField(_("merged"), auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    # what undo could not restore as it was (rows deleted or moved since, fields changed)
    undo_notes = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["-merged_at", "-id"]
        indexes = [models.Index(fields=["removed_id"])]

    def __str__(self):
        return f"{self.removed_name} → {self.survivor_id}"

    def get_absolute_url(self):
        return reverse("duplicates:merge", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.undone_at is None

    def moved_count(self) -> int:
        return sum(len(m["ids"]) for m in self.moved)
