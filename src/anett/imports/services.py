"""Import services: upload, check (preview), write (commit), undo, rejected rows.

The plain modules read (``reader``), map (``mapping``), normalise (``rows``) and match
(``matching``); this module adapts them to the database.

- ``create_batch`` stores the upload, finds the headings and proposes a mapping.
- ``analyse`` reads every row, normalises and checks it, looks for the firm it describes
  and stores the result per row (``ImportRow``); the register is not touched.
- ``commit`` writes the accepted rows in chunks. Each chunk is one transaction that also
  records how far the batch got (``position``): an interrupted import leaves whole chunks
  behind and continues after the last one (``resume``), or is undone.
- ``undo`` deletes the companies the batch created (unless someone has worked on them
  since) and restores the fields it changed (unless someone has changed them since).
"""

from __future__ import annotations

import gc
import json
import logging
import os
import pickle
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from functools import partial
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from anett.companies import classification as cls
from anett.companies.models import BranchRule, Company
from anett.regions.models import Kreis

from . import changes, matching, prebuild
from .fastsql import (
    Inserter,
    adapted_columns,
    allocate_ids,
    bulk_writes,
    insert_rows,
    ready_defaults,
    update_many,
)
from .mapping import propose
from .matching import Candidates, KeyIndex
from .models import (
    BatchStatus,
    CompanySourceRecord,
    ImportBatch,
    ImportRow,
    ImportSource,
    RowStatus,
)
from .parallel import (
    EMPTY_JSON,
    company_keys,
    in_order,
    normalised,
    prepared,
    to_json,
    worker_cpu,
)
from .problems import ImportFileError, problem
from .problems import gettext_noop as _
from .reader import Table, display, open_table
from .rows import ROW, Lookups, kreis_name_keys

log = logging.getLogger(__name__)

ANALYSE_CHUNK = 10000
REGISTER_FETCH = 5000
# Row statuses as plain strings for the loops over every row (enum access is slow).
NEW, UPDATE, UNCHANGED, DUPLICATE, REJECTED = (
    RowStatus.NEW.value,
    RowStatus.UPDATE.value,
    RowStatus.UNCHANGED.value,
    RowStatus.DUPLICATE.value,
    RowStatus.REJECTED.value,
)
_EMPTY: dict = {}  # shared, never changed
EMPTY_LIST_JSON = "[]"
# JSON fields of ImportRow that the analysis hands to the insert as JSON text
_ENCODED = ("raw", "data", "errors", "warnings", "match", "previous")


# From this many rows on, rows are normalised on several processes (see parallel.py).
PARALLEL_MIN_ROWS = 20000


def worker_processes(rows: int) -> int:
    """How many processes normalise a file of ``rows`` rows (1: this one only)."""
    if rows < int(getattr(settings, "ANETT_IMPORT_PARALLEL_MIN_ROWS", PARALLEL_MIN_ROWS)):
        return 1
    wanted = getattr(settings, "ANETT_IMPORT_PROCESSES", None) or os.cpu_count() or 1
    return max(1, int(wanted))


def commit_chunk_size() -> int:
    """Rows written per transaction. Larger chunks write faster (SQLite rewrites fewer
    index pages), smaller ones hold the write lock for less time: 10 000 rows take about
    half a second on SQLite."""
    return int(getattr(settings, "ANETT_IMPORT_CHUNK", 10000))


Progress = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    pass


@contextmanager
def _no_gc():
    """No cyclic garbage collection while 100 000 rows are kept in dicts: its full passes
    over an ever larger heap cost more than the work itself. The rows hold no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --------------------------------------------------------------------------- upload


def create_batch(upload: UploadedFile, source: ImportSource, user) -> ImportBatch:
    """Store the file and read its headings; raises ImportFileError for unusable files
    (the upload is then deleted again)."""
    batch = ImportBatch(source=source, uploaded_by=user, file_name=upload.name[:255])
    batch.file.save(Path(upload.name).name[:150] or "import", upload, save=False)
    try:
        table = open_table(batch.file.path)
    except ImportFileError:
        batch.file.delete(save=False)
        raise
    _describe(batch, table)
    batch.mapping = proposed_mapping(batch)
    batch.save()
    return batch


def _describe(batch: ImportBatch, table: Table) -> None:
    batch.file_format = table.format
    batch.encoding = table.encoding
    batch.delimiter = table.delimiter
    batch.sheet = table.sheet[:100]
    batch.header_row = table.header_row
    batch.headers = table.headers
    batch.sample = [[display(c) for c in row] for row in table.sample]
    batch.file_warnings = [w.as_json() for w in table.warnings]
    batch.progress_total = table.row_estimate


def proposed_mapping(batch: ImportBatch) -> dict[str, str]:
    proposals = propose(batch.headers, batch.source.mapping)
    return {str(i): p.field for i, p in enumerate(proposals) if p.field}


def save_mapping(batch: ImportBatch, mapping: dict[int, str], remember: bool) -> None:
    batch.mapping = {str(i): f for i, f in sorted(mapping.items()) if f}
    batch.save(update_fields=["mapping"])
    if remember:
        source = batch.source
        saved = dict(source.mapping or {})
        for i, header in enumerate(batch.headers):
            saved[header] = mapping.get(i, "")
        source.mapping = saved
        source.save(update_fields=["mapping", "updated_at"])


# --------------------------------------------------------------------------- lookups


def load_lookups() -> Lookups:
    kreise = list(Kreis.objects.values_list("id", "ags", "name", "nuts3", "active"))
    by_name: dict[str, int] = {}
    # districts that exist today first: their names win over merged-away ones
    for kid, _ags, name, _nuts3, _active in sorted(kreise, key=lambda k: not k[4]):
        for key in kreis_name_keys(name):
            by_name.setdefault(key, kid)
    return Lookups(
        rules=[r.as_rule() for r in BranchRule.objects.all()],
        ags_by_nuts3={nuts3: ags for _id, ags, _name, nuts3, active in kreise if active},
        kreis_id_by_ags={ags: kid for kid, ags, _name, _nuts3, _active in kreise},
        kreis_id_by_name=by_name,
    )


def _columns(batch: ImportBatch) -> list[tuple[int, str]]:
    return sorted(batch.column_mapping.items())


# --------------------------------------------------------------------------- register


class Register:
    """Exact-key index of the companies in the register, built when first needed."""

    FIELDS = (
        "id",
        "name",
        "legal_form",
        "street",
        "postcode",
        "city",
        "kreis_id",
        "phone",
        "website",
    )

    def __init__(self):
        self._index: KeyIndex | None = None
        self.build_seconds = 0.0
        self.size = 0

    @property
    def built(self) -> bool:
        return self._index is not None

    @property
    def index(self) -> KeyIndex:
        if self._index is None:
            started = time.perf_counter()
            ids = _identifiers()
            index = KeyIndex()
            count = Company.objects.count()

            def records():
                qs = Company.objects.order_by("id").values_list(*self.FIELDS)
                for values in qs.iterator(chunk_size=REGISTER_FETCH):
                    record = dict(zip(self.FIELDS, values, strict=True))
                    extra = ids.get(record["id"])
                    if extra:
                        record.update(extra)
                    yield record["id"], record

            for company_id, keys in company_keys(records(), worker_processes(count)):
                index.add(company_id, keys)
                self.size += 1
            self._index = index
            self.build_seconds = time.perf_counter() - started
        return self._index


def _identifiers(company_ids=None) -> dict[int, dict]:
    """Register number, VAT id and e-mail that sources gave for companies."""
    qs = CompanySourceRecord.objects.exclude(register_key="", vat_id="", email="")
    if company_ids is not None:
        qs = qs.filter(company_id__in=company_ids)
    out: dict[int, dict] = {}
    for cid, reg, vat, email in qs.values_list("company_id", "register_key", "vat_id", "email"):
        entry = out.setdefault(cid, {})
        if reg:
            entry.setdefault("register_key", reg)
        if vat:
            entry.setdefault("vat_id", vat)
        if email:
            entry.setdefault("email", email)
    return out


def company_records(ids, identifiers: bool = True) -> dict[int, dict]:
    """Register entries as normalised-row dicts (for the model and for diffs), with the
    identifiers sources gave for them (register no., VAT id, e-mail) if asked."""
    ids = list(ids)
    out: dict[int, dict] = {}
    fields = ("id", *changes.COMPANY_FIELDS)
    meta = Company._meta
    qn = connection.ops.quote_name
    head = (
        f"SELECT {', '.join(qn(meta.get_field(f).column) for f in fields)} "
        f"FROM {qn(meta.db_table)} WHERE {qn(meta.pk.column)} IN "
    )
    with connection.cursor() as cursor:  # plain SQL, as _company_values
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            extra = _identifiers(chunk) if identifiers else {}
            cursor.execute(head + f"({', '.join(['%s'] * len(chunk))})", chunk)
            for values in cursor.fetchall():
                record = dict(zip(fields, values, strict=True))
                for amount in ("turnover_eur", "balance_sheet_eur"):
                    if record[amount] is not None and not isinstance(record[amount], int):
                        record[amount] = int(record[amount])
                record.update(extra.get(record["id"], {}))
                out[record["id"]] = record
    return out


# --------------------------------------------------------------------------- analyse


def analyse(batch: ImportBatch, progress: Progress = _no_progress) -> None:
    """Check every row and find what it matches; store the preview. Does not touch the
    register. Running it again replaces the earlier preview."""
    with bulk_writes(), _no_gc():
        _analyse(batch, progress)


def _analyse(batch: ImportBatch, progress: Progress) -> None:
    t0, cpu0, workers0 = time.perf_counter(), time.process_time(), worker_cpu.seconds
    timings: dict[str, float] = {}
    table = open_table(batch.file.path)
    _describe(batch, table)
    columns = _columns(batch)
    lookups = load_lookups()
    links: dict[str, int] = {}
    primary: set[str] = set()  # ids that speak for their company (see changes.py)
    per_company: Counter[int] = Counter()
    for ext, company_id, created in CompanySourceRecord.objects.filter(
        source=batch.source
    ).values_list("external_id", "company_id", "created_company"):
        links[ext] = company_id
        per_company[company_id] += 1
        if created:
            primary.add(ext)
    primary |= {ext for ext, cid in links.items() if per_company[cid] == 1}
    register = Register()
    ImportRow.objects.filter(batch=batch).delete()
    file_index = KeyIndex()
    seen_ids: dict[str, int] = {}
    candidates = Candidates()
    counts: Counter[str] = Counter()
    inserter = Inserter(ImportRow, encoded=_ENCODED)
    batch_id = batch.pk
    total = table.row_estimate
    buffer: list[dict] = []
    done = 0
    t_norm = t_match = t_write = 0.0

    def flush():
        nonlocal t_write
        started = time.perf_counter()
        _diff_updates(buffer)
        for row in buffer:
            counts[row["status"]] += 1
            match = row["match"]
            row["match"] = to_json(match) if match else EMPTY_JSON
        with transaction.atomic():
            inserter.insert(buffer)
        buffer.clear()
        t_write += time.perf_counter() - started

    if len(links) < total // 2 and Company.objects.exists():
        # most rows will be looked up in the register: index it now, before the rows
        # are normalised on all cores (not in the middle of it)
        register.index  # noqa: B018
    processes = worker_processes(total)
    rows = normalised(table.rows(), columns, lookups, processes)
    register_index: KeyIndex | None = None
    file_match, file_add = file_index.match_and_add, file_index.add
    append = buffer.append
    while True:
        started = time.perf_counter()
        item = next(rows, None)
        t_norm += time.perf_counter() - started
        if item is None:
            break
        started = time.perf_counter()
        cells, (number, ext, derived_id, keys, data, errors, warnings) = item
        status, company_id, match = NEW, None, _EMPTY
        if errors is None:
            first = seen_ids.get(ext)
            if first is not None and derived_id:
                # same name and postal code as an earlier row, and no ID to tell them apart
                status = DUPLICATE
                match = {"kind": "row", "rule": "same_key", "row": first}
            elif first is not None:
                errors = {
                    "external_id": [
                        problem(
                            _(
                                "The ID “%(id)s” appears more than once in the file "
                                "(first in row %(row)s)."
                            ),
                            id=ext,
                            row=str(first),
                        ).as_json()
                    ]
                }
            else:
                seen_ids[ext] = number
                if ext in links:
                    status, company_id = UPDATE, links[ext]
                    match = {"kind": "source", "rule": matching.RULE_SOURCE_ID}
                    if ext not in primary:
                        # another ID of this source came first for the firm: fill only
                        match["mode"] = changes.FILL
                    file_add(number, keys)
                else:
                    if register_index is None:
                        register_index = register.index
                    hit = register_index.find_strong(keys)
                    earlier, weak_rows = file_match(number, keys, hit is None)
                    if hit is not None:
                        status, company_id = DUPLICATE, hit[0]
                        match = {"kind": "register", "rule": hit[1]}
                    elif earlier is not None:
                        status = DUPLICATE
                        match = {"kind": "row", "rule": earlier[1], "row": earlier[0]}
                    else:
                        weak = register_index.find_weak(keys)
                        if weak:
                            candidates.register[number] = weak
                        if weak_rows:
                            candidates.rows[number] = weak_rows
        if errors:
            status = REJECTED
        append(
            {
                "batch_id": batch_id,
                "row_number": number,
                "external_id": ext,
                "status": status,
                # the cells as read are kept for rejected rows (to hand them back)
                "raw": to_json([display(c) for c in cells]) if errors else EMPTY_LIST_JSON,
                "data": data,
                "errors": to_json(errors) if errors else EMPTY_JSON,
                "warnings": warnings,
                "company_id": company_id,
                "match": match,
            }
        )
        t_match += time.perf_counter() - started
        done += 1
        if len(buffer) >= ANALYSE_CHUNK:
            flush()
            progress(done, max(total, done))
    if buffer:
        flush()
    timings.update(read_normalise=t_norm, match_keys=t_match, write_rows=t_write)
    timings["processes"] = processes
    timings["register_index"] = register.build_seconds
    started = time.perf_counter()
    timings["candidate_rows"] = len(set(candidates.register) | set(candidates.rows))
    if candidates:
        n_register = register.size if register.built else Company.objects.count()
        accepted = done - counts[REJECTED]
        counts.update(_score(batch, candidates, accepted, n_register, timings))
    timings["model"] = time.perf_counter() - started
    batch.total_rows = done
    batch.count_new = counts[RowStatus.NEW]
    batch.count_update = counts[RowStatus.UPDATE]
    batch.count_unchanged = counts[RowStatus.UNCHANGED]
    batch.count_duplicate = counts[RowStatus.DUPLICATE]
    batch.count_rejected = counts[RowStatus.REJECTED]
    batch.count_possible = counts["possible"]
    timings["total"] = time.perf_counter() - t0
    timings["cpu_main"] = time.process_time() - cpu0  # this process
    timings["cpu_workers"] = worker_cpu.seconds - workers0  # the worker processes
    batch.timings = {**(batch.timings or {}), "analyse": _rounded(timings)}
    batch.analysed_at = timezone.now()
    batch.progress_done = done
    batch.progress_total = done
    batch.status = BatchStatus.PREVIEW
    batch.error = []
    batch.save()


def _rounded(timings: dict) -> dict:
    return {k: round(v, 3) for k, v in timings.items()}


def _diff_updates(rows: list[dict]) -> None:
    """Rows of the same source and id: 'update' with the changes, or 'unchanged'."""
    ids = {r["company_id"] for r in rows if r["status"] == UPDATE}
    if not ids:
        return
    current = company_records(ids, identifiers=False)
    for row in rows:
        if row["status"] != UPDATE:
            continue
        company = current.get(row["company_id"])
        if company is None:  # deleted meanwhile: the row brings it back as new
            row["status"] = NEW
            row["company_id"] = None
            row["match"] = _EMPTY
            continue
        mode = row["match"].get("mode", changes.UPDATE)
        planned = changes.plan(company, json.loads(row["data"]), mode)
        row["match"] = {**row["match"], "changes": planned}
        if not planned:
            row["status"] = UNCHANGED


def _score(
    batch: ImportBatch, candidates: Candidates, n_rows: int, n_register: int, timings: dict
) -> Counter:
    """Judge the weak candidates with the record-linkage model; update their rows."""
    started = time.perf_counter()
    needed = set(candidates.register) | set(candidates.rows)
    needed |= {r for refs in candidates.rows.values() for r in refs}
    row_data: dict[int, dict] = {}
    needed_list = sorted(needed)
    for i in range(0, len(needed_list), 900):
        chunk = needed_list[i : i + 900]
        for number, data in ImportRow.objects.filter(batch=batch, row_number__in=chunk).values_list(
            "row_number", "data"
        ):
            row_data[number] = data
    row_records = {n: matching.record_for_model(d) for n, d in row_data.items()}
    company_ids = {c for ids in candidates.register.values() for c in ids}
    register_records = {
        cid: matching.record_for_model(rec) for cid, rec in company_records(company_ids).items()
    }
    candidates.register = {
        r: {c for c in ids if c in register_records} for r, ids in candidates.register.items()
    }
    candidates.register = {r: ids for r, ids in candidates.register.items() if ids}
    timings["model_read"] = time.perf_counter() - started
    started = time.perf_counter()
    processes = worker_processes(10 * (len(row_records) + len(register_records)))
    register_best, row_best = matching.score_candidates(
        candidates,
        row_records,
        register_records,
        n_rows=n_rows,
        n_register=n_register,
        prepare_many=prepared(processes) if processes > 1 else None,
    )
    timings["model_judge"] = time.perf_counter() - started
    started = time.perf_counter()
    updates = []
    delta: Counter = Counter()
    for number in sorted(set(register_best) | set(row_best)):
        best = register_best.get(number)
        kind = "register"
        if best is None or (not best.is_duplicate and number in row_best):
            other = row_best.get(number)
            if other is not None and (best is None or other.probability > best.probability):
                best, kind = other, "row"
        if best is None:
            continue
        match = {
            "kind": kind,
            "rule": "model",
            "probability": round(best.probability, 4),
            "weight": best.match_weight,
            "evidence": best.evidence,
        }
        if kind == "row":
            match["row"] = best.other
        status = RowStatus.NEW
        company_id = None
        if best.is_duplicate:
            status = RowStatus.DUPLICATE
            delta[RowStatus.NEW] -= 1
            delta[RowStatus.DUPLICATE] += 1
            if kind == "register":
                company_id = best.other
        else:
            match["possible"] = True
            if kind == "register":
                match["company"] = best.other
            delta["possible"] += 1
        updates.append((status, company_id, match, batch.pk, number))
    if updates:
        qn = connection.ops.quote_name
        field = ImportRow._meta.get_field("match")
        sql = (
            f"UPDATE {qn(ImportRow._meta.db_table)} SET {qn('status')} = %s, "
            f"{qn('company_id')} = %s, {qn('match')} = %s "
            f"WHERE {qn('batch_id')} = %s AND {qn('row_number')} = %s"
        )
        params = [(s, c, field.get_db_prep_save(m, connection), b, n) for s, c, m, b, n in updates]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, params)
    timings["model_write"] = time.perf_counter() - started
    return delta


# --------------------------------------------------------------------------- commit


class Interrupted(Exception):
    """Raised by a test hook to simulate a crash between two chunks."""


def commit(
    batch: ImportBatch,
    progress: Progress = _no_progress,
    chunk_size: int | None = None,
    after_chunk: Callable[[int], None] | None = None,
) -> None:
    """Write the accepted rows (new, update, duplicate) after ``batch.position``."""
    with bulk_writes(), _no_gc():
        _commit(batch, progress, chunk_size, after_chunk)


def _commit(batch, progress, chunk_size, after_chunk) -> None:
    chunk_size = chunk_size or commit_chunk_size()
    t0, cpu0 = time.perf_counter(), time.process_time()
    if batch.status not in (BatchStatus.PREVIEW, BatchStatus.COMMITTING, BatchStatus.FAILED):
        raise RuntimeError(f"batch {batch.pk} cannot be imported in status {batch.status}")
    batch.status = BatchStatus.COMMITTING
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.COMMITTING, error=[])
    writer = _Writer(batch)
    todo = ImportRow.objects.filter(
        batch=batch,
        status__in=[RowStatus.NEW, RowStatus.UPDATE, RowStatus.DUPLICATE],
    )
    total = todo.count()
    done = todo.filter(row_number__lte=batch.position).count()
    progress(done, total)
    chunks = 0
    # New companies' insert rows are built on a worker process while this one writes the
    # chunk before (prebuild.py); without workers here, with the same result.
    layout = writer.layout
    build = partial(prebuild.build_new, layout) if layout is not None else _no_prebuild
    processes = 2 if layout is not None and worker_processes(total) > 1 else 1
    prepared_chunks = in_order(
        _chunks_after(batch.pk, batch.position, chunk_size), build, build, processes
    )
    while True:
        started = time.perf_counter()
        item = next(prepared_chunks, None)
        writer.timings["read_rows"] += time.perf_counter() - started
        if item is None:
            break
        fetched, built = item
        started = time.perf_counter()
        with transaction.atomic():
            fresh = ImportBatch.objects.filter(pk=batch.pk).values_list("status", flat=True)
            if fresh.first() != BatchStatus.COMMITTING:
                raise RuntimeError(f"batch {batch.pk} is no longer being imported")
            writer.write(fetched, built)
            batch.position = fetched[-1][1]
            done += len(fetched)
            ImportBatch.objects.filter(pk=batch.pk).update(
                position=batch.position,
                progress_done=done,
                progress_total=total,
                heartbeat=timezone.now(),
            )
        writer.timings["chunk_transactions"] += time.perf_counter() - started
        chunks += 1
        progress(done, total)
        if after_chunk is not None:
            after_chunk(chunks)
    batch.committed_at = batch.finished_at = timezone.now()
    batch.progress_done = batch.progress_total = total
    timings = dict(writer.timings)
    timings["total"] = time.perf_counter() - t0
    timings["cpu_main"] = time.process_time() - cpu0
    batch.timings = {**(batch.timings or {}), "commit": _rounded(timings)}
    propose_possible_duplicates(batch)
    batch.status = BatchStatus.COMMITTED
    batch.save()


def propose_possible_duplicates(batch: ImportBatch) -> int:
    """Rows imported as new although the model found a possible duplicate (below the
    duplicate threshold) go to the duplicate review (`anett.duplicates`) as pairs, so a
    coordinator decides: merge, keep separate, or later. Idempotent."""
    rows = list(
        ImportRow.objects.filter(
            batch=batch, status=RowStatus.NEW, match__possible=True
        ).values_list("row_number", "match")
    )
    if not rows:
        return 0
    # the company each row of this batch was written to (new rows keep no company link
    # on the row itself; the source record has it)
    wanted = {n for n, _m in rows} | {
        m["row"] for _n, m in rows if m.get("kind") == "row" and "row" in m
    }
    by_row = {}
    numbers = sorted(wanted)
    for i in range(0, len(numbers), 500):
        by_row.update(
            CompanySourceRecord.objects.filter(
                batch=batch, row_number__in=numbers[i : i + 500]
            ).values_list("row_number", "company_id")
        )
    found = []
    for number, match in rows:
        company_id = by_row.get(number)
        other = (
            match.get("company")
            if match.get("kind") == "register"
            else by_row.get(match.get("row"))
        )
        if not other or not company_id:
            continue
        # The model's evidence shows the file's row left and the register right; between
        # two rows of the file, the earlier row left.
        names = ("comparison", "level", "label", "weight", "left", "right")
        if match.get("kind") == "row":
            names = ("comparison", "level", "label", "weight", "right", "left")
        evidence = [dict(zip(names, e, strict=False)) for e in match.get("evidence") or []]
        found.append(
            (company_id, other, match.get("probability", 0.0), match.get("weight", 0.0), evidence)
        )
    from anett.duplicates.services import propose

    return propose(found)


_TO_WRITE = (NEW, UPDATE, DUPLICATE)


def _no_prebuild(fetched) -> dict:
    return {}


def _fetch_after(batch_id: int, position: int, limit: int) -> list[tuple]:
    """The next accepted rows after ``position`` as stored: (id, row number, status,
    external id, data JSON, company id, match JSON)."""
    qn = connection.ops.quote_name
    sql = (
        f"SELECT {qn('id')}, {qn('row_number')}, {qn('status')}, {qn('external_id')}, "
        f"{qn('data')}, {qn('company_id')}, {qn('match')} "
        f"FROM {qn(ImportRow._meta.db_table)} "
        f"WHERE {qn('batch_id')} = %s AND {qn('status')} IN (%s, %s, %s) "
        f"AND {qn('row_number')} > %s ORDER BY {qn('row_number')} LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [batch_id, *_TO_WRITE, position, limit])
        return cursor.fetchall()


def _chunks_after(batch_id: int, position: int, limit: int):
    """Fetched chunks of accepted rows after ``position``, one after the other."""
    while True:
        fetched = _fetch_after(batch_id, position, limit)
        if not fetched:
            return
        position = fetched[-1][1]
        yield fetched


def _decoded(fetched: tuple) -> dict:
    """A fetched row as a dict. The values (``data``) of a new row stay JSON text until
    they are needed (``_data``): new companies are built from ``prebuild``."""
    rid, number, status, ext, data, company_id, match = fetched
    loads = json.loads
    return {
        "id": rid,
        "row_number": number,
        "status": status,
        "external_id": ext,
        "data": data if status == NEW or not isinstance(data, str) else loads(data),
        "company_id": company_id,
        "match": ({} if match == "{}" else loads(match)) if isinstance(match, str) else match,
    }


def _data(row: dict) -> dict:
    data = row["data"]
    if isinstance(data, str):
        data = row["data"] = json.loads(data)
    return data


class _Writer:
    """Writes chunks of accepted rows of one batch."""

    def __init__(self, batch: ImportBatch):
        from anett.outreach.services import current_weights

        self.batch = batch
        self.source = batch.source
        self.rules = [r.as_rule() for r in BranchRule.objects.all()]
        self.kreis_names = dict(Kreis.objects.values_list("id", "name"))
        self.weights = current_weights()
        self.reason = change_reason(batch)
        self.user_id = batch.uploaded_by_id
        self.timings: Counter[str] = Counter()
        self._builder = prebuild.Builder(self.rules, self.weights)
        self.derive = Derive(self.rules)
        self.links: dict[str, int] = {}  # external id of this source -> company
        self._last_link_id: int | None = None
        self.ext_of_row: dict[int, str] = {}  # row number -> external id (rows read)
        self.created: set[int] = set()  # companies created by this run
        self._company_inserter = Inserter(Company, with_pk=True)
        self._link_inserter = Inserter(CompanySourceRecord)
        self.layout = self._layout()

    def _layout(self) -> prebuild.Layout | None:
        """How new companies and their links are laid out for ``prebuild``; None if a
        column the import fills needs the ORM's adaptation (then: the dict path)."""
        companies = Inserter(Company)
        links = Inserter(CompanySourceRecord)
        now = timezone.now()
        stamp = companies._adapters[companies.names.index("created_at")]
        stamp = stamp(now) if stamp is not None else now
        given = {"sources": self.source.name[:300], "created_at": stamp, "updated_at": stamp}
        filled = {*changes.COMPANY_FIELDS, *_DERIVED, *given, "priority_score"}
        # amounts go in as whole numbers, which both databases store in a decimal column
        plain = {"turnover_eur", "balance_sheet_eur", "created_at", "updated_at"}
        if (adapted_columns(companies) & filled) - plain:
            return None
        link_stamp = links._adapters[links.names.index("created_at")]
        link_given = {
            "source_id": self.source.pk,
            "batch_id": self.batch.pk,
            "created_company": True,
            "created_at": link_stamp(now) if link_stamp is not None else now,
        }
        if adapted_columns(links) - {"created_at"}:
            return None
        link_columns = [c for c in links.names if c != "company_id"]
        link_defaults = ready_defaults(links)
        link_defaults = [
            d for c, d in zip(links.names, link_defaults, strict=True) if c != "company_id"
        ]
        layout = prebuild.Layout(
            company_columns=list(companies.names),
            company_defaults=ready_defaults(companies),
            link_columns=link_columns,
            link_defaults=link_defaults,
            import_fields=changes.COMPANY_FIELDS,
            rules=self.rules,
            weights=self.weights,
            given=given,
            link_given=link_given,
        )
        try:  # it goes to worker processes (a database driver's value might not)
            pickle.dumps(layout)
        except (pickle.PicklingError, TypeError, AttributeError):
            return None
        return layout

    # -- helpers

    def _priority(self, values: dict) -> int:
        return self._builder.priority(values)

    def _derived(self, values: dict) -> None:
        self.derive(values)

    def _link(self, row: dict, company_id: int, created: bool) -> dict:
        return {
            "company_id": company_id,
            "source_id": self.source.pk,
            "external_id": row["external_id"],
            "batch_id": self.batch.pk,
            "row_number": row["row_number"],
            "created_company": created,
            **prebuild.link_values(_data(row)),
        }

    # -- main

    def _refresh_links(self) -> None:
        """The source's links (external id -> company) as far as they are new since the
        last look: all of them at first, then the ones written since (by this import or
        by another import of the same source running at the same time)."""
        qn = connection.ops.quote_name
        table = qn(CompanySourceRecord._meta.db_table)
        sql = (
            f"SELECT {qn('id')}, {qn('external_id')}, {qn('company_id')} FROM {table} "
            f"WHERE {qn('source_id')} = %s"
        )
        params: list = [self.source.pk]
        if self._last_link_id is not None:
            sql += f" AND {qn('id')} > %s"
            params.append(self._last_link_id)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        links = self.links
        last = self._last_link_id or 0
        for link_id, ext, company_id in fetched:
            links[ext] = company_id
            if link_id > last:
                last = link_id
        self._last_link_id = last

    def write(self, fetched: list[tuple], built: dict | None = None) -> None:
        """Write one chunk of rows as ``_fetch_after`` reads them; ``built``: insert rows
        of its new companies by row id (from ``prebuild.build_new``), if made. New rows
        with a prebuilt insert row stay tuples (row id, external id); the others become
        dicts (``_decoded``)."""
        started = time.perf_counter()
        self._refresh_links()
        links = self.links
        ext_of_row = self.ext_of_row
        built = built or {}
        ready, new_rows, other_rows = [], [], []
        for item in fetched:
            rid, number, status, ext = item[:4]
            ext_of_row[number] = ext
            if status == NEW and rid in built and ext not in links:
                ready.append((rid, ext))
                continue
            row = _decoded(item)
            if row["status"] == NEW:
                if row["external_id"] in links:
                    # linked meanwhile (another import of the same source): update instead
                    row["status"] = UPDATE
                    row["company_id"] = links[row["external_id"]]
                    _data(row)
                    other_rows.append(row)
                else:
                    _data(row)
                    new_rows.append(row)
            else:
                other_rows.append(row)
        self.timings["prepare"] += time.perf_counter() - started
        if ready:
            self._create_built(ready, built)
        if new_rows:
            self._create(new_rows)
        if other_rows:
            self._change(other_rows)
        if connection.vendor == "sqlite" and connection.in_atomic_block:
            self._skip_own_links()

    def _skip_own_links(self) -> None:
        """Let the next look for new links start after the ones this chunk wrote (SQLite).

        A write transaction on SQLite only succeeds if nobody committed since it began
        to read, so every link up to the table's highest id now is one that
        ``_refresh_links`` read at the start of this transaction or one this run wrote:
        reading them back at the next chunk would only cost time (10 000 per chunk).
        Not on PostgreSQL: there concurrent transactions may commit ids out of order,
        so the next look starts after the last link read, as before."""
        qn = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT max({qn('id')}) FROM {qn(CompanySourceRecord._meta.db_table)}")
            top = cursor.fetchone()[0]
        if top is not None and top > (self._last_link_id or 0):
            self._last_link_id = top

    def _create_built(self, rows: list[tuple[int, str]], built: dict) -> None:
        """New companies ((row id, external id)) from their prebuilt insert rows (in the
        order of the name, see ``_create``): only the ids are added here."""
        started = time.perf_counter()
        now = timezone.now()
        rows = sorted(rows, key=lambda r: built[r[0]][0])
        ids = allocate_ids(Company, len(rows))
        companies, links = [], []
        own_links = self.links
        for (rid, ext), cid in zip(rows, ids, strict=True):
            _name, company, link = built[rid]
            companies.append((cid, *company))
            links.append((cid, *link))
            own_links[ext] = cid
        self.created.update(ids)
        layout = self.layout
        self.timings["build"] += time.perf_counter() - started
        started = time.perf_counter()
        insert_rows(Company, ["id", *layout.company_columns], companies)
        self.timings["insert_companies"] += time.perf_counter() - started
        started = time.perf_counter()
        copy_history(ids, now, "+", self.reason, self.user_id)
        self.timings["insert_history"] += time.perf_counter() - started
        started = time.perf_counter()
        insert_rows(CompanySourceRecord, ["company_id", *layout.link_columns], links)
        self.timings["insert_links"] += time.perf_counter() - started

    def _create(self, rows: list[dict]) -> None:
        """New companies with their derived fields and priority, a history record each
        (copied from the inserted rows by one INSERT ... SELECT) and their source
        records."""
        started = time.perf_counter()
        now = timezone.now()
        # in the order of the name: the register's indexes mostly begin with the name,
        # and SQLite inserts into them a quarter faster in order than scattered
        rows = sorted(rows, key=_name_of)
        ids = allocate_ids(Company, len(rows))
        companies, links = [], []
        source_name = self.source.name[:300]
        derive, priority_of, link = self.derive, self._priority, self._link
        fields = [f for f in changes.COMPANY_FIELDS if f != "kreis_id"]
        for row, cid in zip(rows, ids, strict=True):
            data = row["data"]
            values = {f: data[f] for f in fields if f in data}
            values["kreis_id"] = data.get("kreis_id")
            values["id"] = cid
            values["sources"] = source_name
            derive(values)
            values["priority_score"] = priority_of(values)
            values["created_at"] = values["updated_at"] = now
            companies.append(values)
            links.append(link(row, cid, created=True))
            self.links[row["external_id"]] = cid
        self.created.update(ids)
        self.timings["build"] += time.perf_counter() - started
        started = time.perf_counter()
        self._company_inserter.insert(companies)
        self.timings["insert_companies"] += time.perf_counter() - started
        started = time.perf_counter()
        copy_history(ids, now, "+", self.reason, self.user_id)
        self.timings["insert_history"] += time.perf_counter() - started
        started = time.perf_counter()
        self._link_inserter.insert(links)
        self.timings["insert_links"] += time.perf_counter() - started

    def _own_priority(self, company: dict) -> int | None:
        """The priority of a firm this import created (nobody has worked on it, so it
        depends on its fields alone); None for others (``refresh_priorities``)."""
        return self._priority(company) if company["id"] in self.created else None

    def _target(self, row: dict) -> int | None:
        if row["company_id"]:
            return row["company_id"]
        earlier = row["match"].get("row")
        if earlier is not None:
            return self.links.get(self.ext_of_row.get(earlier, ""))
        return None

    def _earlier_rows(self, rows: list[dict]) -> None:
        """External ids of the earlier rows that duplicates point to and that this run
        has not read (an import resumed after an interruption)."""
        missing = sorted(
            {
                r["match"]["row"]
                for r in rows
                if r["match"].get("row") and r["match"]["row"] not in self.ext_of_row
            }
        )
        for i in range(0, len(missing), 900):
            self.ext_of_row.update(
                ImportRow.objects.filter(
                    batch=self.batch, row_number__in=missing[i : i + 900]
                ).values_list("row_number", "external_id")
            )

    def _change(self, rows: list[dict]) -> None:
        """Updates (same source and ID) and duplicates (fill empty fields) in bulk: the
        new values, the derived fields and a history record per changed company."""
        started = time.perf_counter()
        self._earlier_rows(rows)
        links = self.links
        targets = {r["id"]: self._target(r) for r in rows}
        companies = _company_values([t for t in targets.values() if t])
        touched: dict[int, dict] = {}
        changed: dict[int, set[str]] = {}
        reprioritise: set[int] = set()
        new_links, previous_updates, create_rows = [], [], []
        for row in rows:
            company = companies.get(targets[row["id"]])
            if company is None:
                # the firm it matched is gone: create it from this row after all
                create_rows.append(row)
                continue
            fill = row["status"] != RowStatus.UPDATE or row["match"].get("mode") == changes.FILL
            planned = changes.plan(company, row["data"], changes.FILL if fill else changes.UPDATE)
            sources = changes.with_source(company["sources"], self.source.name)
            if sources is not None:
                planned["sources"] = [company["sources"], sources]
            for field, (_old, new) in planned.items():
                company[field] = new
            if planned:
                touched[company["id"]] = company
                changed.setdefault(company["id"], set()).update(planned)
                if company["id"] not in self.created and not _PRIORITY_INPUTS.isdisjoint(planned):
                    reprioritise.add(company["id"])
            previous_updates.append((planned, company["id"], row["id"]))
            if row["external_id"] not in links:
                new_links.append(self._link(row, company["id"], created=False))
                links[row["external_id"]] = company["id"]
        if touched:
            save_companies(
                touched.values(),
                self.derive,
                self.reason,
                self.user_id,
                priority=self._own_priority,
                changed=changed,
            )
        update_many(ImportRow, ["previous", "company"], previous_updates)
        if new_links:
            self._link_inserter.insert(new_links)
        if reprioritise:
            refresh_priorities(sorted(reprioritise))
        self.timings["change"] += time.perf_counter() - started
        if create_rows:
            for row in create_rows:
                row["status"] = RowStatus.NEW
            self._create(create_rows)


def _name_of(row: dict) -> str:
    return row["data"].get("name") or ""


_DERIVED = ("branch_group", "derived_union_scope", "sme_class", "search_text")
# Fields whose change can change a firm's outreach priority (see outreach.priority)
_PRIORITY_INPUTS = frozenset(
    {
        "wz_code",
        "employees_site",
        "employees_enterprise",
        "turnover_eur",
        "balance_sheet_eur",
        "works_council",
    }
)


class Derive:
    """What Company.save() computes (``refresh_derived``), on a dict of column values."""

    def __init__(self, rules: list[cls.BranchRule] | None = None):
        self.rules = rules if rules is not None else [r.as_rule() for r in BranchRule.objects.all()]
        self._classified: dict[str, tuple[str, str]] = {}

    def __call__(self, values: dict) -> None:
        prebuild.derive(values, self.rules, self._classified)


def save_companies(
    companies,
    derive: Derive,
    reason: str,
    user_id,
    priority: Callable | None = None,
    changed: dict[int, set[str]] | None = None,
) -> None:
    """Write changed companies (dicts of all columns) with their derived fields and one
    history record each, as ``save()`` would, in a few statements. ``priority(company)``,
    if given, is the new priority score of a company (None: keep it). ``changed``: the
    fields changed per company, if known; then only those columns (and the derived ones
    that change with them) are written, so that SQLite leaves the other indexes alone."""
    companies = list(companies)
    if not companies:
        return
    now = timezone.now()
    every = (*changes.COMPANY_FIELDS, "sources")
    indexed = _indexed_columns()
    groups: dict[tuple, list[dict]] = {}
    for company in companies:
        before = [company.get(f) for f in _DERIVED]
        derive(company)
        company["updated_at"] = now
        if changed is None:
            fields = [*every, *_DERIVED]
        else:
            # columns without an index are written anyway (cheap, and fewer statements);
            # indexed ones only if they changed
            given = changed.get(company["id"], ())
            fields = [f for f in (*every, *_DERIVED) if f not in indexed or f in given]
            fields += [
                f
                for f, old in zip(_DERIVED, before, strict=True)
                if f in indexed and f not in given and company[f] != old
            ]
        fields.append("updated_at")
        if priority is not None:
            score = priority(company)
            if score is not None and score != company.get("priority_score"):
                company["priority_score"] = score
                fields.append("priority_score")
        groups.setdefault(tuple(fields), []).append(company)
    for fields, group in groups.items():
        update_many(Company, fields, [(*(c[f] for f in fields), c["id"]) for c in group])
    copy_history([c["id"] for c in companies], now, "~", reason, user_id)


def _indexed_columns() -> frozenset[str]:
    """Company fields that are part of an index (their change costs index updates)."""
    meta = Company._meta
    names = {f.attname for f in meta.concrete_fields if f.db_index or f.unique}
    for index in meta.indexes:
        names.update(meta.get_field(f.lstrip("-")).attname for f in index.fields)
    for together in meta.unique_together:
        names.update(meta.get_field(f).attname for f in together)
    return frozenset(names)


def copy_history(ids: list[int], when, kind: str, reason: str, user_id) -> None:
    """A history record of each of the companies ``ids`` as they are in the table now,
    copied inside the database (INSERT ... SELECT): what simple-history writes on
    ``save()``, without carrying every row through Python."""
    if not ids:
        return
    history = Company.history.model
    qn = connection.ops.quote_name
    company_columns = {f.column for f in Company._meta.concrete_fields}
    given = {
        "history_date": when,
        "history_type": kind,
        "history_change_reason": reason,
        "history_user_id": user_id,
    }
    columns, selects, params = [], [], []

    def param(field) -> str:
        # PostgreSQL is told the type of a bare parameter in the select list (SQLite
        # takes it as it comes: its CAST would turn a timestamp into a number)
        if connection.vendor == "sqlite":
            return "%s"
        return f"CAST(%s AS {field.db_type(connection)})"

    for field in history._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(qn(field.column))
        if field.attname in given:
            selects.append(param(field))
            value = given[field.attname]
            params.append(field.get_db_prep_save(value, connection) if value is not None else None)
        elif field.column in company_columns:
            selects.append(qn(field.column))
        else:  # a field only the history has: its default
            selects.append(param(field))
            default = field.get_default() if field.has_default() else None
            params.append(field.get_db_prep_save(default, connection))
    head = (
        f"INSERT INTO {qn(history._meta.db_table)} ({', '.join(columns)}) "
        f"SELECT {', '.join(selects)} FROM {qn(Company._meta.db_table)} WHERE {qn('id')} "
    )
    ids = sorted(ids)
    with connection.cursor() as cursor:
        if ids[-1] - ids[0] + 1 == len(ids):  # one block of ids (as allocate_ids gives)
            cursor.execute(head + "BETWEEN %s AND %s", [*params, ids[0], ids[-1]])
            return
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            cursor.execute(head + f"IN ({', '.join(['%s'] * len(part))})", [*params, *part])


def refresh_priorities(ids: list[int]) -> None:
    """The outreach priority of changed firms (lazy: outreach builds on companies)."""
    from anett.outreach.services import refresh_priorities as refresh

    for i in range(0, len(ids), 900):
        refresh(ids[i : i + 900])


def _company_values(ids) -> dict[int, dict]:
    """Companies as dicts of all their columns (attnames), amounts as int."""
    fields = Company._meta.concrete_fields
    names = [f.attname for f in fields]
    qn = connection.ops.quote_name
    head = (
        f"SELECT {', '.join(qn(f.column) for f in fields)} FROM {qn(Company._meta.db_table)} "
        f"WHERE {qn(Company._meta.pk.column)} IN "
    )
    out: dict[int, dict] = {}
    ids = list(ids)
    # plain SQL: the ORM's converters cost more than the query (the import only compares
    # and writes back the fields it knows, all of them plain values)
    with connection.cursor() as cursor:
        for i in range(0, len(ids), 900):
            part = ids[i : i + 900]
            cursor.execute(head + f"({', '.join(['%s'] * len(part))})", part)
            for row in cursor.fetchall():
                values = dict(zip(names, row, strict=True))
                for amount in ("turnover_eur", "balance_sheet_eur"):
                    if values[amount] is not None and not isinstance(values[amount], int):
                        values[amount] = int(values[amount])
                out[values["id"]] = values
    return out


# --------------------------------------------------------------------------- undo


def change_reason(batch: ImportBatch) -> str:
    """The change reason of every history record the batch writes."""
    return f"Import #{batch.pk}: {batch.source.name}"[:100]


def undo_reason(batch: ImportBatch) -> str:
    return f"Undo import #{batch.pk}: {batch.source.name}"[:100]


def undo(batch: ImportBatch, user, progress: Progress = _no_progress) -> dict:
    """Take back what the batch wrote. Returns a summary (also stored on the batch).

    Companies the batch created are deleted unless someone has worked on them since
    (``_worked_on``); fields it changed get their earlier value back unless they were
    changed again since (``changes.restorable``). Deleted and restored companies get a
    history record each ("Undo import #N"), written in bulk like the import's own."""
    with bulk_writes(), _no_gc():
        return _undo(batch, user, progress)


def _undo(batch: ImportBatch, user, progress: Progress) -> dict:
    created = list(
        CompanySourceRecord.objects.filter(batch=batch, created_company=True)
        .order_by("company_id")
        .values_list("company_id", flat=True)
    )
    changed_rows = list(
        ImportRow.objects.filter(batch=batch)
        .exclude(previous={})
        .exclude(company=None)
        .order_by("-row_number")  # the latest change first: the earliest value remains
        .values_list("company_id", "previous")
    )
    total = len(created) + len(changed_rows)
    done = 0
    batch.status = BatchStatus.UNDOING
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.UNDOING, error=[])
    reason = undo_reason(batch)
    user_id = user.pk if user is not None else None
    summary = Counter()
    kept: list[int] = []
    for i in range(0, len(created), UNDO_CHUNK):
        chunk = created[i : i + UNDO_CHUNK]
        with transaction.atomic():
            keep = _worked_on(chunk, batch)
            delete = [c for c in chunk if c not in keep]
            _delete_companies(delete, reason, user_id)
            summary["deleted"] += len(delete)
            kept.extend(sorted(keep))
        done += len(chunk)
        progress(done, total)
    derive = Derive()
    for i in range(0, len(changed_rows), UNDO_CHUNK):
        chunk = changed_rows[i : i + UNDO_CHUNK]
        with transaction.atomic():
            companies = _company_values({cid for cid, _p in chunk})
            touched: dict[int, dict] = {}
            for cid, previous in chunk:
                company = companies.get(cid)
                if company is None:
                    continue
                restore, conflicts = changes.restorable(company, previous)
                if restore:
                    company.update(restore)
                    touched[cid] = company
                if conflicts:
                    summary["conflicts"] += 1
            save_companies(touched.values(), derive, reason, user_id)
            refresh_priorities(list(touched))
            summary["restored"] += len(touched)
        done += len(chunk)
        progress(done, total)
    with transaction.atomic():
        # links this batch made to firms that were there before
        CompanySourceRecord.objects.filter(batch=batch, created_company=False).delete()
    summary_dict = {
        "deleted": summary["deleted"],
        "kept": len(kept),
        "kept_ids": kept[:200],
        "restored": summary["restored"],
        "conflicts": summary["conflicts"],
    }
    batch.undo_summary = summary_dict
    batch.status = BatchStatus.UNDONE
    batch.undone_at = batch.finished_at = timezone.now()
    batch.undone_by = user
    batch.save()
    return summary_dict


UNDO_CHUNK = 2000


def _delete_companies(ids: list[int], reason: str, user_id) -> None:
    """Delete companies nobody has worked on (see ``_worked_on``): a history record
    each, their source records, the rows' references to them, then the rows – no
    cascade is needed, and should a reference remain the database refuses."""
    if not ids:
        return
    copy_history(ids, timezone.now(), "-", reason, user_id)
    qn = connection.ops.quote_name
    for i in range(0, len(ids), 900):
        part = ids[i : i + 900]
        CompanySourceRecord.objects.filter(company_id__in=part).delete()
        ImportRow.objects.filter(company_id__in=part).update(company=None)
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {qn(Company._meta.db_table)} WHERE {qn('id')} IN "
                f"({', '.join(['%s'] * len(part))})",
                part,
            )


def _worked_on(company_ids: list[int], batch: ImportBatch) -> set[int]:
    """Companies among ``company_ids`` that someone or something changed after the
    import: edited (a history record not written by the batch), with contacts, activities, checks,
    tasks, advisers or any other related record, or linked by another import."""
    # Every save() writes a history record. The batch's own ones do not count, nor those
    # of imports that were undone since (and of their undo): they cancel out.
    own = {change_reason(batch)}
    for undone in ImportBatch.objects.filter(status=BatchStatus.UNDONE).select_related("source"):
        own |= {change_reason(undone), undo_reason(undone)}
    keep: set[int] = set(
        Company.history.filter(id__in=company_ids)
        .exclude(history_change_reason__in=own)
        .values_list("id", flat=True)
        .distinct()
    )
    for rel in Company._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)):
            continue
        model = rel.related_model
        if model in (CompanySourceRecord, ImportRow) or hasattr(model, "instance_type"):
            continue  # our own links, and the change history (simple-history)
        if model._meta.label == "duplicates.CandidatePair":
            continue  # being proposed as a possible duplicate is no work on the firm
        attname = rel.field.attname
        keep.update(
            model._default_manager.filter(**{f"{attname}__in": company_ids})
            .values_list(attname, flat=True)
            .distinct()
        )
    for m2m in Company._meta.many_to_many:
        through = m2m.remote_field.through
        column = m2m.m2m_field_name() + "_id"
        keep.update(
            through.objects.filter(**{f"{column}__in": company_ids})
            .values_list(column, flat=True)
            .distinct()
        )
    keep.update(
        CompanySourceRecord.objects.filter(company_id__in=company_ids)
        .exclude(batch=batch)
        .values_list("company_id", flat=True)
    )
    return keep


# --------------------------------------------------------------------------- rejected rows


def rejected_workbook(batch: ImportBatch) -> bytes:
    """The rejected rows as XLSX, as they were in the file, with the reasons: a column
    "Importfehler" (reason per field) and the original row number, the faulty cells
    marked red with the reason as a comment. Fixed, the file can be imported again (the
    two extra columns are ignored)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from .mapping import OUR_COLUMNS
    from .texts import joined, render

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Abgelehnt")
    headers = list(batch.headers)
    ws.freeze_panes = "A2"
    for i, header in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(10, min(40, len(header) + 4))
    ws.column_dimensions[get_column_letter(len(headers) + 1)].width = 60
    ws.column_dimensions[get_column_letter(len(headers) + 2)].width = 12
    bold = Font(bold=True)
    red = PatternFill("solid", fgColor="FFC7CE")
    header_cells = []
    for text in [*headers, *OUR_COLUMNS]:
        cell = WriteOnlyCell(ws, value=text)
        cell.font = bold
        _as_text(cell)
        header_cells.append(cell)
    ws.append(header_cells)
    column_of = {f: i for i, f in batch.column_mapping.items()}
    column_of.setdefault("postcode", column_of.get("postcode_city"))
    column_of.setdefault("city", column_of.get("postcode_city"))
    name_column = column_of.get("name")
    rows = (
        ImportRow.objects.filter(batch=batch, status=RowStatus.REJECTED)
        .order_by("row_number")
        .values_list("row_number", "raw", "errors")
    )
    for number, raw, errors in rows.iterator(chunk_size=2000):
        by_column: dict[int, list[str]] = {}
        for field, problems in errors.items():
            col = column_of.get(field)
            if col is None and field in (ROW, "external_id"):
                col = column_of.get("external_id", name_column)
            if col is not None:
                by_column.setdefault(col, []).extend(render(p) for p in problems)
        cells = []
        for i in range(len(headers)):
            value = raw[i] if i < len(raw) else ""
            cell = WriteOnlyCell(ws, value=value if value != "" else None)
            _as_text(cell)
            if i in by_column:
                cell.fill = red
                cell.comment = Comment("\n".join(by_column[i]), "ANeTT")
            cells.append(cell)
        reason = WriteOnlyCell(ws, value=joined(errors))
        _as_text(reason)
        cells.append(reason)
        cells.append(WriteOnlyCell(ws, value=number))
        ws.append(cells)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _as_text(cell) -> None:
    """Keep text as text: a value starting with '=' must not become a formula."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(("=", "+", "-", "@")):
            cell.quotePrefix = True


# --------------------------------------------------------------------------- queries


def row_company_ids(batch: ImportBatch, rows) -> dict[int, int]:
    """Company per shown row: the matched one, or the one created from it."""
    out = {r.row_number: r.company_id for r in rows if r.company_id}
    missing = [r.external_id for r in rows if r.row_number not in out]
    if missing:
        links = dict(
            CompanySourceRecord.objects.filter(
                source=batch.source, external_id__in=missing
            ).values_list("external_id", "company_id")
        )
        for r in rows:
            if r.row_number not in out and r.external_id in links:
                out[r.row_number] = links[r.external_id]
    return out


def sources_for(company: Company) -> list[CompanySourceRecord]:
    """Where a company came from (for the company page)."""
    return list(
        CompanySourceRecord.objects.filter(company=company)
        .select_related("source", "batch")
        .order_by("created_at")
    )


def recent_batches(limit: int = 30):
    return ImportBatch.objects.select_related("source", "uploaded_by").order_by("-created_at")[
        :limit
    ]


def q_rows(status: str) -> Q:
    if status == "possible":
        return Q(status=RowStatus.NEW, match__possible=True)
    if status:
        return Q(status=status)
    return Q()
