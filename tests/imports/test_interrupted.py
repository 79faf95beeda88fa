"""An import interrupted in the middle leaves the register unchanged or resumable."""

import pytest
from django.utils import timezone

from anett.companies.models import Company
from anett.imports import jobs, services
from anett.imports.models import BatchStatus, CompanySourceRecord, ImportSource, Job, JobState

from .conftest import upload, write_csv

pytestmark = pytest.mark.django_db

HEADER = ["ID", "Firma", "PLZ", "Ort", "Mitarbeiter"]


def firms(n):
    return [
        [f"N{i}", f"Firma Nummer{i:03d} Werk GmbH", "99817", "Eisenach", str(i)] for i in range(n)
    ]


def previewed(tmp_path, user, n=50):
    path = write_csv(tmp_path / "firmen.csv", [HEADER, *firms(n)])
    source = ImportSource.objects.create(name="Liste")
    batch = services.create_batch(upload(path), source, user)
    services.analyse(batch)
    batch.refresh_from_db()
    assert batch.count_new == n
    return batch


class Crash(Exception):
    pass


def crash_after(chunks):
    def hook(done_chunks):
        if done_chunks == chunks:
            raise Crash

    return hook


def test_crash_between_chunks_leaves_whole_chunks_and_resumes(tmp_path, user_koordination):
    batch = previewed(tmp_path, user_koordination)
    with pytest.raises(Crash):
        services.commit(batch, chunk_size=10, after_chunk=crash_after(2))
    batch.refresh_from_db()
    # two whole chunks are in the register, and the batch knows how far it got
    assert Company.objects.count() == 20
    assert batch.position == 21  # row numbers start at 2 (row 1 holds the headings)
    assert batch.status == BatchStatus.COMMITTING
    assert batch.can_undo
    # continuing writes the rest, without duplicating what is there
    services.commit(batch, chunk_size=10)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED
    assert Company.objects.count() == 50
    assert CompanySourceRecord.objects.count() == 50
    assert sorted(Company.objects.values_list("employees_site", flat=True)) == list(range(50))


def test_crash_inside_a_chunk_leaves_the_register_unchanged(
    tmp_path, user_koordination, monkeypatch
):
    batch = previewed(tmp_path, user_koordination, n=30)
    real = services.insert_rows
    calls = []

    def failing_insert(model, columns, params):
        calls.append(model.__name__)
        if model is CompanySourceRecord:  # companies and history are written already
            raise Crash
        return real(model, columns, params)

    monkeypatch.setattr(services, "insert_rows", failing_insert)
    with pytest.raises(Crash):
        services.commit(batch)  # one chunk: the whole file in one transaction
    # companies, then their history (copied in the database), then the source records
    assert calls == ["Company", "CompanySourceRecord"]
    assert Company.objects.count() == 0
    assert Company.history.count() == 0
    batch.refresh_from_db()
    assert batch.position == 0


def test_a_job_whose_worker_died_is_taken_over(tmp_path, user_koordination, monkeypatch):
    batch = previewed(tmp_path, user_koordination, n=25)
    # a worker started the import, wrote one chunk and was killed (pid no longer exists)
    with pytest.raises(Crash):
        services.commit(batch, chunk_size=10, after_chunk=crash_after(1))
    batch.refresh_from_db()
    type(batch).objects.filter(pk=batch.pk).update(
        job=Job.COMMIT,
        job_state=JobState.RUNNING,
        worker="elsewhere:1",
        heartbeat=timezone.now(),
    )
    batch.refresh_from_db()
    assert not jobs.is_stale(batch)  # another host, recent heartbeat: leave it alone
    assert jobs.run(batch.pk) is False
    old = timezone.now() - jobs.STALE_AFTER * 2
    type(batch).objects.filter(pk=batch.pk).update(heartbeat=old)
    batch.refresh_from_db()
    assert jobs.is_stale(batch)
    assert jobs.pending() == [batch.pk]
    assert jobs.run_pending() == 1
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED
    assert batch.job_state == JobState.NONE
    assert Company.objects.count() == 25


def test_dead_local_worker_is_noticed_at_once(tmp_path, user_koordination):
    import socket
    import subprocess

    batch = previewed(tmp_path, user_koordination, n=5)
    child = subprocess.Popen(["true"])
    child.wait()
    type(batch).objects.filter(pk=batch.pk).update(
        job=Job.COMMIT,
        job_state=JobState.RUNNING,
        status=BatchStatus.COMMITTING,
        worker=f"{socket.gethostname()}:{child.pid}",
        heartbeat=timezone.now(),
    )
    batch.refresh_from_db()
    assert jobs.is_stale(batch)


def test_undo_of_a_partly_written_import(tmp_path, user_koordination):
    batch = previewed(tmp_path, user_koordination, n=30)
    with pytest.raises(Crash):
        services.commit(batch, chunk_size=10, after_chunk=crash_after(1))
    batch.refresh_from_db()
    assert Company.objects.count() == 10
    jobs.enqueue(batch, Job.UNDO, user=user_koordination)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.UNDONE
    assert Company.objects.count() == 0
