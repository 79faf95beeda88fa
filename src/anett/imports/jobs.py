"""Background work of imports: the ``ImportBatch`` row is the job.

No task queue: a batch records which job it waits for (``job``: check, import, undo),
its state (``job_state``: queued, running), which process runs it (``worker``,
host:pid) and when that process last reported progress (``heartbeat``). A worker claims
a job with one conditional UPDATE, so two workers never run the same job, on SQLite and
on PostgreSQL alike. A job whose worker died (its pid is gone, or no heartbeat for
``STALE_AFTER``) can be claimed again: the check starts over, the import continues
after the last written chunk, the undo goes on with what is left.

How a queued job gets run is set by ``ANETT_IMPORT_RUNNER`` (setting or environment):

- ``subprocess`` (default): the web process starts ``anett import_worker --batch N`` as a
  child process of its own session. Nothing extra has to run: ``anett serve`` is enough,
  the import uses the second core, and it survives the autoreloader of the dev server.
- ``thread``: a thread of the web process (one process only, e.g. in a container).
- ``sync``: at once, in the request (tests, the ``anett import`` command).
- ``external``: only queued; a separately started ``anett import_worker --loop``
  (systemd unit, container) runs it.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from anett.core.background import RUNNERS, start_job, worker_gone, worker_id

from .models import BatchStatus, ImportBatch, Job, JobState
from .problems import ImportFileError, problem
from .problems import gettext_noop as _

log = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=10)
STATUS_WHILE = {
    Job.ANALYSE: BatchStatus.ANALYSING,
    Job.COMMIT: BatchStatus.COMMITTING,
    Job.UNDO: BatchStatus.UNDOING,
}


class Busy(Exception):
    """The batch already has a job queued or running."""


def runner() -> str:
    mode = getattr(settings, "ANETT_IMPORT_RUNNER", None) or os.environ.get(
        "ANETT_IMPORT_RUNNER", "subprocess"
    )
    return mode if mode in RUNNERS else "subprocess"


def enqueue(batch: ImportBatch, job: str, user=None) -> None:
    """Queue ``job`` for the batch and start it (after the transaction commits)."""
    fields = {
        "job": job,
        "job_state": JobState.QUEUED,
        "status": STATUS_WHILE[job],
        "heartbeat": timezone.now(),
        "worker": "",
        "error": [],
    }
    if job == Job.UNDO:
        fields["undone_by"] = user
    if job == Job.ANALYSE:
        fields["progress_done"] = 0
    with transaction.atomic():
        updated = (
            ImportBatch.objects.filter(pk=batch.pk)
            .exclude(job_state__in=[JobState.QUEUED, JobState.RUNNING])
            .update(**fields)
        )
    if not updated:
        raise Busy(batch.pk)
    for name, value in fields.items():
        setattr(batch, name, value)
    if runner() == "sync":
        start(batch.pk)
    else:  # a worker must not look before the queued job is committed
        transaction.on_commit(lambda: start(batch.pk))


def start(batch_id: int) -> None:
    start_job(runner(), ["import_worker", "--batch", str(batch_id)], batch_id, run, "the import")


def is_stale(batch: ImportBatch, now=None) -> bool:
    """Whether the worker of a running job is gone."""
    if batch.job_state != JobState.RUNNING:
        return False
    now = now or timezone.now()
    if batch.heartbeat is None or now - batch.heartbeat > STALE_AFTER:
        return True
    return worker_gone(batch.worker)


def claim(batch_id: int) -> ImportBatch | None:
    """Take the job of a batch: queued, or running with a dead worker."""
    me, now = worker_id(), timezone.now()
    taken = ImportBatch.objects.filter(pk=batch_id, job_state=JobState.QUEUED).update(
        job_state=JobState.RUNNING, worker=me, heartbeat=now
    )
    if not taken:
        batch = ImportBatch.objects.filter(pk=batch_id).first()
        if batch is None or not is_stale(batch, now):
            return None
        taken = ImportBatch.objects.filter(
            pk=batch_id, job_state=JobState.RUNNING, worker=batch.worker
        ).update(worker=me, heartbeat=now)
        if not taken:
            return None
    return (
        ImportBatch.objects.select_related("source", "uploaded_by", "undone_by")
        .filter(pk=batch_id)
        .first()
    )


def run(batch_id: int) -> bool:
    """Run the job of a batch if it can be claimed; True if it ran."""
    from . import services

    batch = claim(batch_id)
    if batch is None:
        return False

    def progress(done: int, total: int) -> None:
        ImportBatch.objects.filter(pk=batch.pk).update(
            progress_done=done, progress_total=total, heartbeat=timezone.now()
        )

    try:
        if batch.job == Job.ANALYSE:
            services.analyse(batch, progress)
        elif batch.job == Job.COMMIT:
            services.commit(batch, progress)
        elif batch.job == Job.UNDO:
            services.undo(batch, batch.undone_by, progress)
    except ImportFileError as exc:
        _fail(batch, exc.problem.as_json())
    except Exception as exc:
        log.exception("import job %s of batch %s failed", batch.job, batch.pk)
        _fail(
            batch,
            problem(_("The job stopped with an error: %(error)s"), error=str(exc)[:300]).as_json(),
        )
    else:
        ImportBatch.objects.filter(pk=batch.pk).update(job_state=JobState.NONE, worker="")
    return True


def _fail(batch: ImportBatch, error: list) -> None:
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=BatchStatus.FAILED, job_state=JobState.NONE, worker="", error=error
    )


def pending() -> list[int]:
    """Batches with a job to run: queued, or running with a dead worker."""
    out = list(
        ImportBatch.objects.filter(job_state=JobState.QUEUED)
        .order_by("heartbeat", "pk")
        .values_list("pk", flat=True)
    )
    for batch in ImportBatch.objects.filter(job_state=JobState.RUNNING):
        if is_stale(batch):
            out.append(batch.pk)
    return out


def run_pending() -> int:
    ran = 0
    for batch_id in pending():
        ran += run(batch_id)
    return ran
