"""Server time of the dashboard and the report to the funding body at 100k firms.

    .venv/bin/python bench/reports_bench.py [--companies 100000] [--requests 40]

Uses its own SQLite file in a temp directory (ANETT_REPORTS_BENCH_DIR, default
/tmp/anett-reports-bench), filled with `demo --companies N --replace` (kept when it already
holds N demo firms; the demo hook of `anett.reports` adds fictitious measure records). Then
times, in-process with django.test.Client (DEBUG off):
- the dashboard page as koordination and as partner, with and without filters, warm (the
  aggregates of this data version cached), cold (an activity recorded before each request, so
  the activity version moves) and, for the first two cases, cold after a firm change (the firm
  version moves: every firm-based aggregate is computed anew);
- the map data and the dashboard workbook;
- the report (Word and Excel) of a one-year period, cold.
Prints a table and writes the generated section of docs/reports.md.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
DOCS = ROOT / "docs" / "reports.md"
START, END = "<!-- reports-bench:start -->", "<!-- reports-bench:end -->"
TARGET_P95_MS = 300.0
TARGET_REPORT_S = 10.0


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--companies", type=int, default=100_000)
    p.add_argument("--requests", type=int, default=40, help="timed requests per case (≥ 30)")
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--no-docs", action="store_true")
    return p.parse_args(argv)


def configure(n: int) -> Path:
    base = Path(
        os.environ.get(
            "ANETT_REPORTS_BENCH_DIR", Path(tempfile.gettempdir()) / "anett-reports-bench"
        )
    )
    (base / "data" / "static").mkdir(parents=True, exist_ok=True)
    db = base / f"bench-{n}.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["ANETT_DATA_DIR"] = str(base / "data")
    os.environ["DJANGO_SETTINGS_MODULE"] = "anett.settings"
    os.environ["DEBUG"] = "0"
    os.environ["SECRET_KEY"] = "bench-only-not-secret"
    os.environ["SECURE_COOKIES"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    return db


def prepare(n: int) -> dict:
    import io

    from django.core.management import call_command

    from anett.companies.models import Company
    from anett.reports import demo

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_reference", verbosity=0, stdout=io.StringIO())
    have = Company.objects.filter(is_demo=True).count()
    meta = {"reused": have == n}
    if have != n:
        print(f"generating {n} demo firms (had {have}) …", flush=True)
        t0 = time.perf_counter()
        call_command("demo", companies=n, replace=True, verbosity=0, stdout=io.StringIO())
        meta["demo_s"] = round(time.perf_counter() - t0, 1)
    demo.create_demo(2022, print)  # measure records, if the demo had none yet
    return meta


def p95(values):
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def touch_firm():
    """Change one firm through the ORM (a history row): the firm version moves, so every
    firm-based aggregate is computed anew (the activity index only reads that firm again)."""
    from anett.companies.models import Company

    firm = Company.objects.filter(is_demo=True).order_by("id").first()
    firm.employees_site = (firm.employees_site or 0) % 500 + 1
    firm.save()


def touch():
    """Record one activity: the data version moves, cached aggregates are not used."""
    from anett.companies.models import Activity, Company
    from anett.core.models import User

    firm = Company.objects.filter(is_demo=True).order_by("id").first()
    Activity.objects.create(
        company=firm,
        kind="note",
        outcome="contacted",
        date=date.today(),
        user=User.objects.get(username="koordination"),
        note="Benchmark",
    )


def timed(client, url, requests, warmup, cold=None):
    for _ in range(warmup):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(requests):
        if cold:
            cold()
        t0 = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    return times


def main(argv=None) -> int:
    args = parse_args(argv)
    db = configure(args.companies)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from run import machine

    from anett.companies.models import Activity, Company
    from anett.core.models import User
    from anett.regions.models import Region
    from anett.reports import exports, services
    from anett.reports.models import ReportPeriod

    meta = prepare(args.companies)
    info = machine()
    n_firms = Company.objects.count()
    n_pilot = Company.objects.filter(kreis__regions__slug="pilotregion").count()
    from anett.funding.models import MeasureRecord

    counts = {
        "firms": n_firms,
        "pilot": n_pilot,
        "activities": Activity.objects.count(),
        "measures": MeasureRecord.objects.count(),
    }
    year = date.today().year
    cases = [
        ("dashboard, pilot region", "/auswertung/"),
        ("dashboard, supplier + year", f"/auswertung/?branch_group=supplier&period={year}"),
        (
            "dashboard, transfer region + quarter",
            f"/auswertung/?region=transferregion&period={year}-Q1",
        ),
        ("map data (share of SMEs)", "/auswertung/karte.geojson?figure=sme_share"),
        ("dashboard tables as XLSX", "/auswertung/dashboard.xlsx"),
    ]
    rows = []
    for role in ("koordination", "partner"):
        client = Client()
        client.force_login(User.objects.get(username=role))
        for n_case, (name, url) in enumerate(cases):
            for label, cold in (
                ("warm", None),
                ("cold", touch),
                ("cold, firm changed", touch_firm),
            ):
                if cold and "XLSX" in name or cold is touch_firm and n_case > 1:
                    continue
                times = timed(client, url, args.requests, args.warmup, cold=cold)
                if cold:
                    cold()
                with CaptureQueriesContext(connection) as ctx:
                    client.get(url)
                row = {
                    "name": f"{name} ({role}, {label})",
                    "median": statistics.median(times),
                    "p95": p95(times),
                    "queries": len(ctx.captured_queries),
                    "cold": bool(cold),
                }
                row["verdict"] = "met" if row["p95"] <= TARGET_P95_MS else "missed"
                rows.append(row)
                print(
                    f"{row['name']:<62} median {row['median']:7.1f} ms  p95 {row['p95']:7.1f} ms"
                    f"  {row['queries']:3d} queries  {row['verdict']}",
                    flush=True,
                )

    # Report generation: one year of the pilot region, cold (data version moved first).
    coordinator = User.objects.get(username="koordination")
    report, _ = ReportPeriod.objects.get_or_create(
        title="Benchmark-Bericht",
        defaults={
            "region": Region.objects.get(slug="pilotregion"),
            "date_from": date.today() - timedelta(days=365),
            "date_to": date.today(),
        },
    )
    client = Client()
    client.force_login(coordinator)
    reports = []
    for kind, url in (
        ("Word", f"/auswertung/berichte/{report.pk}/bericht.docx"),
        ("Excel", f"/auswertung/berichte/{report.pk}/bericht.xlsx"),
    ):
        times = []
        for _ in range(5):
            touch()
            t0 = time.perf_counter()
            r = client.get(url)
            times.append(time.perf_counter() - t0)
            assert r.status_code == 200
        reports.append(
            {
                "name": f"report {kind}, pilot region, one year (cold)",
                "seconds": max(times),
                "median": statistics.median(times),
                "bytes": len(r.content),
                "verdict": "met" if max(times) <= TARGET_REPORT_S else "missed",
            }
        )
        print(f"{reports[-1]['name']:<62} max {max(times):.2f} s", flush=True)
    t0 = time.perf_counter()
    services.forget_cache()
    version = services.data_version()
    version_ms = (time.perf_counter() - t0) * 1000
    rebuild = []
    for _ in range(5):  # the activity index from all rows: first request of a process, or
        # after the branch rules changed (all periods, the default 24 months)
        services.forget_cache()
        t0 = time.perf_counter()
        services.aggregate(None, version)
        services.series_all(None, date.today(), version)
        rebuild.append((time.perf_counter() - t0) * 1000)
    version_ms = (version_ms, statistics.median(rebuild), max(rebuild))
    del exports

    section = render(args, info, meta, counts, rows, reports, version_ms, db)
    print(section)
    if not args.no_docs:
        write_docs(section)
        print(f"updated {DOCS.relative_to(ROOT)}")
    return 0


def render(args, info, meta, counts, rows, reports, version_ms, db) -> str:
    lines = [
        START,
        "<!-- Generated by bench/reports_bench.py; edit outside these markers. -->",
        "",
        f"### Latest run: {counts['firms']:,} firms".replace(",", " "),
        "",
        f"- Date: {info['date']}",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM, {info['os']}",
        f"- Load average at start: {info['load']} (the machine was shared with other work)",
        f"- Python {info['python']}, Django {info['django']}, SQLite {info['sqlite']}",
        f"- Data: {counts['firms']:,} demo firms ({counts['pilot']:,} in the pilot region), "
        f"{counts['activities']:,} activities, {counts['measures']:,} measure records; "
        f"database {db.name} in a temp directory"
        + (" (reused)" if meta.get("reused") else f" (generated in {meta.get('demo_s')} s)"),
        f"- {args.warmup} warm-up + {args.requests} timed requests per case, in-process "
        "(django.test.Client, DEBUG off). *warm*: aggregates of the current data version are "
        "cached (the usual case: many views between two changes); *cold*: an activity is "
        "recorded before every request, so the activity-based figures (reached, advised, the "
        "months) are brought up to date (by delta: only the firm touched is read again); "
        "*cold, firm changed*: a firm is saved before every request, so every firm-based "
        "aggregate is computed anew (identified, needs, referrals, measures; the activity "
        "index reads that firm again).",
        "",
        "| Case | Median ms | p95 ms | Queries | Target p95 ≤ 300 ms |",
        "|---|---:|---:|---:|---|",
        *[
            f"| {r['name']} | {r['median']:.1f} | {r['p95']:.1f} | {r['queries']} "
            f"| {r['verdict']} |"
            for r in rows
        ],
        "",
        "| Report | Median s | Max s (5 runs) | Size | Target ≤ 10 s |",
        "|---|---:|---:|---:|---|",
        *[
            f"| {r['name']} | {r['median']:.2f} | {r['seconds']:.2f} "
            f"| {r['bytes'] // 1024} KiB | {r['verdict']} |"
            for r in reports
        ],
        "",
        f"Data version check (one query, uncached): {version_ms[0]:.1f} ms. Everything "
        "computed from nothing (first request of a process, or after the branch rules "
        "changed; aggregates and months of the pilot dashboard without period, 5 runs): "
        f"median {version_ms[1]:.0f} ms, max {version_ms[2]:.0f} ms.",
        END,
    ]
    return "\n".join(lines)


def write_docs(section: str) -> None:
    text = DOCS.read_text() if DOCS.exists() else ""
    if START in text and END in text:
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        text = head + section + tail
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    DOCS.write_text(text)


if __name__ == "__main__":
    sys.exit(main())
