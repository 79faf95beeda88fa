"""Import sources, batches (one uploaded file each), their rows, and where every imported
company came from."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ImportSource(models.Model):
    """Where lists come from (an IHK list, a union list, an own Excel file); keeps the
    column mapping that was saved for its files."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("import source")
        verbose_name_plural = _("import sources")
        ordering = ["name"]

    def __str__(self):
        return self.name


class BatchStatus(models.TextChoices):
    UPLOADED = "uploaded", _("waiting for the column mapping")
    ANALYSING = "analysing", _("being checked")
    PREVIEW = "preview", _("preview ready")
    COMMITTING = "committing", _("being imported")
    COMMITTED = "committed", _("imported")
    UNDOING = "undoing", _("being undone")
    UNDONE = "undone", _("undone")
    FAILED = "failed", _("failed")


class Job(models.TextChoices):
    ANALYSE = "analyse", _("check")
    COMMIT = "commit", _("import")
    UNDO = "undo", _("undo")


class JobState(models.TextChoices):
    NONE = "", _("none")
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")


class ImportBatch(models.Model):
    """One uploaded file: its mapping, the preview, the import and its undo."""

    source = models.ForeignKey(
        ImportSource, on_delete=models.PROTECT, related_name="batches", verbose_name=_("source")
    )
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", max_length=300)
    file_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(max_length=10, blank=True)
    encoding = models.CharField(max_length=20, blank=True)
    delimiter = models.CharField(max_length=5, blank=True)
    sheet = models.CharField(max_length=100, blank=True)
    header_row = models.PositiveIntegerField(default=1)
    headers = models.JSONField(default=list, blank=True)
    sample = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True)  # column index (str) -> field
    file_warnings = models.JSONField(default=list, blank=True)
    # None: imported on the command line (`anett import`)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="import_batches",
        verbose_name=_("uploaded by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BatchStatus.choices, default=BatchStatus.UPLOADED
    )
    error = models.JSONField(default=list, blank=True)  # a problem [msgid, params] or []

    # background work: what is to be done, by whom, and how far it got
    job = models.CharField(max_length=10, choices=Job.choices, blank=True)
    job_state = models.CharField(max_length=10, choices=JobState.choices, blank=True)
    worker = models.CharField(max_length=100, blank=True)  # host:pid of the running worker
    heartbeat = models.DateTimeField(null=True, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    # commit in chunks: rows up to this row number are written
    position = models.PositiveIntegerField(default=0)

    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    count_new = models.PositiveIntegerField(_("new"), default=0)
    count_update = models.PositiveIntegerField(_("updated"), default=0)
    count_unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    count_duplicate = models.PositiveIntegerField(_("duplicates"), default=0)
    count_rejected = models.PositiveIntegerField(_("rejected"), default=0)
    count_possible = models.PositiveIntegerField(_("possible duplicates"), default=0)
    undo_summary = models.JSONField(default=dict, blank=True)
    timings = models.JSONField(default=dict, blank=True)

    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    analysed_at = models.DateTimeField(null=True, blank=True)
    committed_at = models.DateTimeField(_("imported"), null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["job_state", "heartbeat"])]

    def __str__(self):
        return f"#{self.pk} {self.file_name}"

    def get_absolute_url(self):
        return reverse("imports:batch", args=[self.pk])

    @property
    def column_mapping(self) -> dict[int, str]:
        return {int(k): v for k, v in (self.mapping or {}).items() if v}

    @property
    def is_busy(self) -> bool:
        return self.job_state in (JobState.QUEUED, JobState.RUNNING)

    @property
    def progress_percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def can_commit(self) -> bool:
        return self.status == BatchStatus.PREVIEW and not self.is_busy

    @property
    def can_undo(self) -> bool:
        partly = self.status in (BatchStatus.COMMITTING, BatchStatus.FAILED) and self.position
        return (self.status == BatchStatus.COMMITTED or bool(partly)) and not self.is_busy

    @property
    def can_resume(self) -> bool:
        return (
            self.status in (BatchStatus.COMMITTING, BatchStatus.FAILED)
            and self.job == Job.COMMIT
            and not self.is_busy
        )

    @property
    def can_remap(self) -> bool:
        return (
            self.status in (BatchStatus.UPLOADED, BatchStatus.PREVIEW, BatchStatus.FAILED)
            and not self.position
            and not self.is_busy
        )

    @property
    def can_discard(self) -> bool:
        return not self.position and not self.is_busy and self.status != BatchStatus.COMMITTED


class RowStatus(models.TextChoices):
    NEW = "new", _("new")
    UPDATE = "update", _("update")
    UNCHANGED = "unchanged", _("unchanged")
    DUPLICATE = "duplicate", _("duplicate")
    REJECTED = "rejected", _("rejected")


class ImportRow(models.Model):
    """One data row of a file: as read, normalised, checked and matched."""

    # no index of its own: the unique (batch, row_number) index serves every lookup
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, related_name="rows", db_index=False
    )
    row_number = models.PositiveIntegerField()  # as the spreadsheet numbers it
    external_id = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=10, choices=RowStatus.choices)
    raw = models.JSONField(default=list)  # cells as text, in column order
    data = models.JSONField(default=dict)  # normalised values
    errors = models.JSONField(default=dict, blank=True)  # field -> [[msgid, params], ...]
    warnings = models.JSONField(default=dict, blank=True)
    # update / duplicate: the firm it matched (None for a duplicate of an earlier row)
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    match = models.JSONField(default=dict, blank=True)  # how and why it matched
    # written on commit: the values before and after, for undo
    previous = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["batch", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "row_number"], name="import_row_unique")
        ]
        indexes = [models.Index(fields=["batch", "status", "row_number"])]

    def __str__(self):
        return f"{self.batch_id}:{self.row_number}"


class CompanySourceRecord(models.Model):
    """A company as one source knows it: the source's id for it and the batch that
    brought it. Re-importing the same id of the same source updates this company."""

    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        related_name="source_records",
        verbose_name=_("company"),
    )
    # (source, external_id) and (batch, created_company) are indexed together below;
    # single-column indexes would only cost time on every insert
    source = models.ForeignKey(
        ImportSource,
        on_delete=models.PROTECT,
        related_name="records",
        verbose_name=_("source"),
        db_index=False,
    )
    external_id = models.CharField(_("ID in the source"), max_length=100)
    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.SET_NULL,
        null=True,
        related_name="records",
        verbose_name=_("import"),
        db_index=False,
    )
    row_number = models.PositiveIntegerField(_("row"), null=True)
    # True: the batch created the company; False: it linked an existing one
    created_company = models.BooleanField(default=False)
    register_no = models.CharField(_("commercial register no."), max_length=60, blank=True)
    register_key = models.CharField(max_length=30, blank=True)
    vat_id = models.CharField(_("VAT id"), max_length=20, blank=True)
    email = models.CharField(_("e-mail"), max_length=200, blank=True)
    employees_low = models.PositiveIntegerField(null=True, blank=True)
    employees_high = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("source record")
        verbose_name_plural = _("source records")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"], name="import_source_external_id_unique"
            )
        ]
        indexes = [models.Index(fields=["batch", "created_company"])]

    def __str__(self):
        return f"{self.source} {self.external_id}"
