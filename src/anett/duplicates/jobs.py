"""Background duplicate searches: the ``SearchRun`` row is the job (as imports do it).

A coordinator starts a search; the web process starts ``anett find_duplicates --run N``
as a child process of its own session, so the search uses the second core and survives
the dev server's autoreload. ``ANETT_DUPLICATES_RUNNER`` (setting or environment; else
``ANETT_IMPORT_RUNNER``) chooses another way: ``thread``, ``sync`` (tests, the command
line) or ``external`` (a separately started ``anett find_duplicates --pending --loop``).
Only one search runs at a time; a run whose process died (pid gone on this host, or no
sign of life for ``STALE_AFTER``) counts as interrupted and a new one may start.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from anett.core.background import RUNNERS, start_job, worker_gone, worker_id

from .models import DuplicateSettings, RunStatus, SearchRun

log = logging.getLogger(__name__)

# The comparison step reports no progress of its own (one call into the model, about a
# minute for 100 000 firms); a run silent for this long is taken as dead.
STALE_AFTER = timedelta(minutes=30)


class Busy(Exception):
    """A search is already queued or running."""

    def __init__(self, run: SearchRun):
        super().__init__(run.pk)
        self.run = run


def runner() -> str:
    mode = (
        getattr(settings, "ANETT_DUPLICATES_RUNNER", None)
        or os.environ.get("ANETT_DUPLICATES_RUNNER")
        or getattr(settings, "ANETT_IMPORT_RUNNER", None)
        or os.environ.get("ANETT_IMPORT_RUNNER", "subprocess")
    )
    return mode if mode in RUNNERS else "subprocess"


def is_stale(run: SearchRun, now=None) -> bool:
    """Whether a queued or running search will never finish (its process is gone)."""
    if not run.is_busy:
        return False
    now = now or timezone.now()
    beat = run.heartbeat or run.created_at
    if beat is None or now - beat > STALE_AFTER:
        return True
    if run.status == RunStatus.RUNNING:
        return worker_gone(run.worker)
    return False


def current() -> SearchRun | None:
    """The search queued or running now, if any (an interrupted one is closed)."""
    for run in SearchRun.objects.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]):
        if is_stale(run):
            SearchRun.objects.filter(pk=run.pk, status=run.status).update(
                status=RunStatus.FAILED, error="interrupted", worker=""
            )
            continue
        return run
    return None


def enqueue(user) -> SearchRun:
    """Queue a new search and start it (after the transaction commits)."""
    DuplicateSettings.current()  # the row exists, so that it can serve as the lock
    with transaction.atomic():
        # a write first: two coordinators clicking at once queue one search, not two
        # (a row lock on PostgreSQL, the write lock on SQLite)
        DuplicateSettings.objects.filter(pk=1).update(auto_merge=F("auto_merge"))
        busy = current()
        if busy is not None:
            raise Busy(busy)
        run = SearchRun.objects.create(started_by=user, heartbeat=timezone.now())
    if runner() == "sync":
        start(run.pk)
    else:
        transaction.on_commit(lambda: start(run.pk))
    return run


def start(run_id: int) -> None:
    start_job(
        runner(), ["find_duplicates", "--run", str(run_id)], run_id, run, "the duplicate search"
    )


def claim(run_id: int) -> SearchRun | None:
    taken = SearchRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, worker=worker_id(), heartbeat=timezone.now()
    )
    if not taken:
        return None
    return SearchRun.objects.select_related("started_by").get(pk=run_id)


def run(run_id: int) -> bool:
    """Run a queued search if it can be claimed; True if it ran."""
    from . import services

    search = claim(run_id)
    if search is None:
        return False
    try:
        services.run_search(search)
    except Exception as exc:
        log.exception("duplicate search %s failed", run_id)
        SearchRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED, error=str(exc)[:1000], worker="", finished_at=timezone.now()
        )
    return True


def run_pending() -> int:
    ran = 0
    for run_id in SearchRun.objects.filter(status=RunStatus.QUEUED).values_list("pk", flat=True):
        ran += run(run_id)
    return ran
