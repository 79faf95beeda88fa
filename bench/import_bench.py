"""Speed of the import: a CSV of N rows through check, classification, duplicate search
and writing, end to end on SQLite, against a raw ``executemany`` of the same rows.

    .venv/bin/python bench/import_bench.py                  # 100 000 rows
    .venv/bin/python bench/import_bench.py --rows 20000     # quicker
    .venv/bin/python bench/import_bench.py --out bench/results/import.md

Uses its own SQLite file ``bench/results/import-bench.sqlite3`` (recreated each run,
WAL as in production, ``DEBUG=0``). The file is made by ``anett.linkage.generator``:
2 N German company records of which 20 % are further records of a firm already in the
list (typos, legal-form and umlaut variants, other spellings of street, phone and
register number, moved addresses, missing fields), written as a semicolon CSV with the
German headings of an IHK export plus an ID, works council and turnover column. The
first N rows are file A, the others file B; records of one firm can be in both.

Scenarios, each end to end (``create_batch`` + ``analyse`` + ``commit``, as the web page
and ``anett import`` run them, in one process):

1. **A into an empty register** – the target case: N rows, validation, WZ
   classification, PLZ → district, duplicate search within the file, writing
   companies, history and source records.
2. **A again** – re-import of the same file: every row is found by its source ID and
   compared with the register ("unchanged").
3. **B into the register of A** – N new rows against N companies (duplicate search
   against the register too).

Baseline: the same N rows read with ``csv`` and inserted with one ``executemany`` into
the company table in one transaction (no checks, no history, no source records) – the
physical limit of this machine and database for "N rows into the register".

Quality: the generator knows which records describe the same firm, so the duplicate
decisions of the import are scored: precision (linked rows that are really the same
firm) and recall (rows of an already imported firm that were linked, not created again).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import sqlite3
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
DB = RESULTS / "import-bench.sqlite3"
TARGET_ROWS_PER_S = 10_000

HEADINGS = {
    "name": "Firmenname",
    "street": "Straße",
    "plz": "PLZ",
    "city": "Ort",
    "wz": "WZ 2008",
    "employees": "Beschäftigte",
    "phone": "Telefon",
    "email": "E-Mail",
    "website": "Internet",
    "register_no": "Handelsregister",
    "vat_id": "USt-IdNr.",
}


def configure() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ["ANETT_DATA_DIR"] = str(RESULTS / "import-data")
    os.environ["DJANGO_SETTINGS_MODULE"] = "anett.settings"
    os.environ["DEBUG"] = "0"
    os.environ["SECRET_KEY"] = "bench-only-not-secret"
    os.environ["ANETT_IMPORT_RUNNER"] = "sync"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT / "src"))


def write_files(n: int, seed: int) -> tuple[Path, Path, dict[str, int]]:
    from anett.linkage.generator import generate

    records = generate(2 * n, duplicate_share=0.2, seed=seed)
    truth = {}
    paths = []
    for part, chunk in (("a", records[:n]), ("b", records[n:])):
        path = RESULTS / f"import-{n}-{part}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, delimiter=";")
            writer.writerow(["Kundennummer", *HEADINGS.values(), "Betriebsrat", "Umsatz"])
            for i, record in enumerate(chunk):
                ext = f"{part.upper()}{i + 1}"
                truth[ext] = record["true_id"]
                council = ("ja", "nein", "", "k. A.")[i % 4]
                turnover = ("", "2,5 Mio", "850.000", "")[i % 4]
                writer.writerow([ext, *(record[k] for k in HEADINGS), council, turnover])
        paths.append(path)
    return paths[0], paths[1], truth


def raw_executemany(path: Path) -> float:
    """Read the CSV and insert its rows into the company table of a copy of the empty
    database with one executemany: the physical limit."""
    import shutil

    from anett.companies.models import Company

    copy = RESULTS / "import-bench-raw.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    src = sqlite3.connect(DB)
    src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    src.close()
    shutil.copy(DB, copy)
    con = sqlite3.connect(copy, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA cache_size=-262144")  # as the import's bulk writes (fastsql.py)
    con.execute("DELETE FROM companies_company")
    fields = [f for f in Company._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    sql = (
        f"INSERT INTO companies_company ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    now = datetime.now(UTC).isoformat()
    defaults = {
        f.column: (f.get_default() if f.has_default() else (None if f.null else "")) for f in fields
    }
    defaults.update(created_at=now, updated_at=now)
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        next(reader)
        rows = []
        for cells in reader:
            values = dict(defaults)
            values.update(name=cells[1], street=cells[2], postcode=cells[3][:5], city=cells[4])
            values.update(phone=cells[7][:40], search_text=cells[1].lower())
            rows.append(tuple(values[c] for c in columns))
    con.execute("BEGIN IMMEDIATE")
    con.executemany(sql, rows)
    con.execute("COMMIT")
    elapsed = time.perf_counter() - started
    count = con.execute("SELECT count(*) FROM companies_company").fetchone()[0]
    con.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    assert count == len(rows)
    return elapsed


def run_import(path: Path, source: str, user) -> dict:
    from django.core.files import File

    from anett.imports import services
    from anett.imports.models import ImportSource

    src, _ = ImportSource.objects.get_or_create(name=source)
    t0 = time.perf_counter()
    with path.open("rb") as fh:
        batch = services.create_batch(File(fh, name=path.name), src, user)
    t_upload = time.perf_counter() - t0
    t1 = time.perf_counter()
    services.analyse(batch)
    t_analyse = time.perf_counter() - t1
    t2 = time.perf_counter()
    services.commit(batch)
    t_commit = time.perf_counter() - t2
    total = time.perf_counter() - t0
    batch.refresh_from_db()
    return {
        "batch": batch,
        "upload": t_upload,
        "analyse": t_analyse,
        "commit": t_commit,
        "total": total,
        "rows_per_s": batch.total_rows / total,
    }


def quality(batch, truth: dict[str, int]) -> dict:
    """Precision and recall of the duplicate decisions against the generator's truth.

    A row whose firm was already in the register (from an earlier import or an earlier
    row of the file) should be linked to that firm's company; any other row should be
    new. Precision: linked rows that went to a company of their own firm. Recall: rows of
    an already known firm that were linked to it (not created again)."""
    from anett.imports.models import CompanySourceRecord, ImportRow

    origin = {
        company_id: truth.get(ext)
        for company_id, ext in CompanySourceRecord.objects.filter(created_company=True).values_list(
            "company_id", "external_id"
        )
    }
    company_of = dict(
        CompanySourceRecord.objects.filter(source=batch.source).values_list(
            "external_id", "company_id"
        )
    )
    known = {
        truth.get(ext)
        for ext in CompanySourceRecord.objects.exclude(batch=batch).values_list(
            "external_id", flat=True
        )
    }
    right = wrong = missed = known_rows = 0
    rows = ImportRow.objects.filter(batch=batch).order_by("row_number")
    for ext, status in rows.values_list("external_id", "status"):
        firm = truth.get(ext)
        if status == "rejected":
            continue
        if firm in known:
            known_rows += 1
        if status == "duplicate":
            if origin.get(company_of.get(ext)) == firm:
                right += 1
            else:
                wrong += 1
        elif status == "new" and firm in known:
            missed += 1
        known.add(firm)
    linked = right + wrong
    return {
        "linked": linked,
        "precision": right / linked if linked else 1.0,
        "recall": right / known_rows if known_rows else 1.0,
        "missed": missed,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", help="also write the Markdown section to this file")
    parser.add_argument("--skip-b", action="store_true", help="skip scenario 3")
    args = parser.parse_args(argv)
    configure()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from anett.core.models import User

    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    setup_s = time.perf_counter() - t
    user = User.objects.create_user("bench", password="x", role="koordination")
    file_a, file_b, truth = write_files(args.rows, args.seed)
    raw_s = raw_executemany(file_a)

    results = []
    a = run_import(file_a, "IHK Bench", user)
    results.append(("A into an empty register", a, quality(a["batch"], truth)))
    again = run_import(file_a, "IHK Bench", user)
    results.append(("A again (re-import, same IDs)", again, None))
    undo_line = ""
    if not args.skip_b:
        b = run_import(file_b, "HWK Bench", user)
        results.append(("B into the register of A", b, quality(b["batch"], truth)))
        from anett.imports import services

        t = time.perf_counter()
        summary = services.undo(b["batch"], user)
        undo_s = time.perf_counter() - t
        undo_line = (
            f"Undo of scenario 3 (background job): {undo_s:.1f} s – {summary['deleted']:,} "
            f"companies deleted, {summary['restored']:,} restored, {summary['kept']:,} kept."
        )

    with connection.cursor() as cursor:
        cursor.execute("select sqlite_version()")
        sqlite_version = cursor.fetchone()[0]
    lines = [
        f"## Import: {args.rows:,} rows CSV end to end",
        "",
        f"- Date: {datetime.now(UTC):%a %b %d %H:%M:%S UTC %Y}",
        f"- Machine: {os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), "
        f"{platform.platform()}",
        f"- Load average at start: {load}",
        f"- Python {platform.python_version()}, SQLite {sqlite_version} (file, WAL), DEBUG off; "
        f"migrate + reference data {setup_s:.1f} s",
        f"- File: `anett.linkage.generator`, seed {args.seed}, 20 % duplicates, "
        f"{file_a.stat().st_size / 1e6:.1f} MB, 14 columns (ID, 11 IHK columns, works council, "
        "turnover)",
        f"- Raw `executemany` of the same {args.rows:,} rows into the company table (read CSV + "
        f"insert, one transaction, 256 MB page cache, no checks): **{raw_s:.2f} s** "
        f"({args.rows / raw_s:,.0f} rows/s) – the physical limit",
        "",
        "| Scenario | rows/s | total s | × raw | check s | write s | CPU main s | "
        "CPU workers s | new | updated | unchanged | duplicates | rejected |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, r, _q in results:
        bt = r["batch"]
        analysed = bt.timings.get("analyse", {})
        committed = bt.timings.get("commit", {})
        cpu_main = analysed.get("cpu_main", 0) + committed.get("cpu_main", 0)
        lines.append(
            f"| {label} | **{r['rows_per_s']:,.0f}** | {r['total']:.2f} | "
            f"{r['total'] / raw_s:.1f} | {r['upload'] + r['analyse']:.2f} | {r['commit']:.2f} | "
            f"{cpu_main:.2f} | {analysed.get('cpu_workers', 0):.2f} | "
            f"{bt.count_new:,} | {bt.count_update:,} | {bt.count_unchanged:,} | "
            f"{bt.count_duplicate:,} | {bt.count_rejected:,} |"
        )
    target = results[0][1]["rows_per_s"]
    load_end = " ".join(f"{x:.2f}" for x in os.getloadavg())
    lines += [
        "",
        f"Load average at the end: {load_end} (the machine is shared: other processes take "
        "CPU time, so wall-clock figures vary from run to run; the CPU columns do not).",
        "",
        f"Target ≥ {TARGET_ROWS_PER_S:,} rows/s for scenario 1: "
        f"**{'met' if target >= TARGET_ROWS_PER_S else 'missed'}** "
        f"({target:,.0f} rows/s, {results[0][1]['total'] / raw_s:.1f} × the raw insert).",
        "",
        "Time per phase (seconds, from `ImportBatch.timings`):",
        "",
        "| Scenario | phase | seconds |",
        "|---|---|---:|",
    ]
    for label, r, _q in results:
        for phase, values in r["batch"].timings.items():
            for key, value in values.items():
                lines.append(f"| {label} | {phase}: {key} | {value:.2f} |")
    if undo_line:
        lines += ["", undo_line]
    lines += ["", "Duplicate decisions against the generator's truth:", ""]
    lines += ["| Scenario | rows linked as duplicate | precision | recall | missed |"]
    lines += ["|---|---:|---:|---:|---:|"]
    for label, _r, q in results:
        if q:
            lines.append(
                f"| {label} | {q['linked']:,} | {q['precision']:.3f} | {q['recall']:.3f} | "
                f"{q['missed']:,} |"
            )
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
