"""Server-time benchmark of the company register at scale.

    .venv/bin/python bench/run.py --companies 100000

Uses its own SQLite file under bench/results/ (gitignored), fills it with
`demo --companies N --replace` (skipped when it already holds N demo companies; --fresh
forces it), then times views in-process with django.test.Client logged in as the
koordination demo user, against a bare Django view as baseline. Prints a table and
updates the generated section of docs/benchmarks.md (see bench/README.md).
"""

import argparse
import contextlib
import io
import json
import os
import platform
import re
import sqlite3
import statistics
import sys
import time
import types
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
DOCS = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

# Targets on SQLite at 100 000 companies (docs/benchmarks.md), (median, p95) in ms.
TARGET_MEDIAN_MS = 50.0
TARGET_P95_MS = 150.0
REGISTER = (TARGET_MEDIAN_MS, TARGET_P95_MS)
PAGE_300 = (None, 300.0)  # priority page: p95 <= 300 ms (issue 5)
PRIORITY_COMPUTE_S = 2.0  # the priority list of all firms computed in <= 2 s
# Queries at least this slow are listed with their query plan in docs/benchmarks.md.
SLOW_QUERY_MS = 5.0


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--companies", type=int, default=100_000, help="demo companies (N)")
    p.add_argument("--requests", type=int, default=50, help="timed requests per case")
    p.add_argument("--warmup", type=int, default=5, help="untimed requests per case first")
    p.add_argument("--fresh", action="store_true", help="regenerate the demo data")
    p.add_argument("--no-docs", action="store_true", help="do not update docs/benchmarks.md")
    p.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    return p.parse_args(argv)


def configure(n: int) -> Path:
    """Point Django at the benchmark database. Must run before django.setup()."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    db = RESULTS / f"bench-{n}.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["ANETT_DATA_DIR"] = str(RESULTS / "data")
    (RESULTS / "data" / "static").mkdir(parents=True, exist_ok=True)  # whitenoise wants it
    os.environ["DJANGO_SETTINGS_MODULE"] = "anett.settings"
    # Production-like: DEBUG off (no query log, no debug templates).
    os.environ["DEBUG"] = "0"
    os.environ["SECRET_KEY"] = "bench-only-not-secret"
    os.environ["SECURE_COOKIES"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    return db


def install_urlconf():
    """anett.urls plus two baseline views, as ROOT_URLCONF."""
    from django.conf import settings
    from django.http import HttpResponse
    from django.urls import clear_url_caches, include, path

    def baseline(request):
        return HttpResponse("ok", content_type="text/plain")

    def baseline_user(request):
        # Same, but loads the session and the user like every real view does.
        return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")

    module = types.ModuleType("anett_bench_urls")
    module.urlpatterns = [
        path("__bench__/baseline/", baseline),
        path("__bench__/baseline-user/", baseline_user),
        path("", include("anett.urls")),
    ]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    clear_url_caches()


def prepare_data(n: int, fresh: bool, meta_file: Path) -> dict:
    from django.core.management import call_command

    from anett.companies.models import Company

    meta = json.loads(meta_file.read_text()) if meta_file.exists() else {}
    quiet = io.StringIO()
    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_reference", verbosity=0, stdout=quiet)
    meta["setup_s"] = round(time.perf_counter() - t0, 1)
    have = Company.objects.filter(is_demo=True).count()
    if fresh or have != n:
        print(f"generating {n} demo companies (had {have}) …", flush=True)
        t0 = time.perf_counter()
        with contextlib.redirect_stdout(quiet):
            call_command("demo", companies=n, replace=True, verbosity=0, stdout=quiet)
        meta["demo_s"] = round(time.perf_counter() - t0, 1)
        # --replace first deletes the old demo companies; that is part of the time then.
        meta["demo_replaced"] = have
        meta["demo_at"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        meta["demo_reused"] = False
    else:
        print(f"reusing {have} demo companies (--fresh regenerates them)", flush=True)
        meta["demo_reused"] = True
    meta_file.write_text(json.dumps(meta, indent=2))
    return meta


def cases(n: int):
    from django.db.models import Count

    from anett.companies.models import Company

    detail = (
        Company.objects.filter(is_demo=True)
        .annotate(n_act=Count("activities", distinct=True), n_con=Count("contacts", distinct=True))
        .filter(n_act__gt=0)
        .order_by("-n_act", "-n_con", "id")
        .values("id", "n_act", "n_con")
        .first()
    )
    out = [
        ("baseline (bare view)", "/__bench__/baseline/", None),
        ("baseline + session/user", "/__bench__/baseline-user/", None),
        ("list, page 1", "/betriebe/", REGISTER),
        ("list, filtered", "/betriebe/?region=pilotregion&branch_group=supplier", REGISTER),
        ("list, page 1000", "/betriebe/?page=1000", REGISTER),
        ("list, search q=metall", "/betriebe/?q=metall", REGISTER),
        (
            "list, htmx partial (filtered)",
            "/betriebe/?region=pilotregion&branch_group=supplier",
            REGISTER,
        ),
        ("priority list, page 1", "/ansprache/prioritaeten/", PAGE_300),
        (
            "priority list, SMEs w/o works council in pilot region",
            "/ansprache/prioritaeten/?region=pilotregion&sme_without_wc=on",
            PAGE_300,
        ),
        ("pipeline board", "/ansprache/pipeline/", PAGE_300),
        ("region page (pilot)", "/regionen/pilotregion/", PAGE_300),
    ]
    if detail:
        out.append(
            (
                f"detail ({detail['n_act']} activities, {detail['n_con']} contacts)",
                f"/betriebe/{detail['id']}/",
                REGISTER,
            )
        )
    return out


def measure_computations() -> list[dict]:
    """Work that is not one request: the priority list of all firms."""
    from anett.companies.models import Company
    from anett.outreach import priority, services

    out = []
    best = None
    for _ in range(3):
        t0 = time.perf_counter()
        ranked = priority.rank(services.firms(Company.objects.all()))
        best = min(best or 1e9, time.perf_counter() - t0)
    out.append(
        {
            "name": f"priority list, all {len(ranked):,} firms (fetch + score + sort)",
            "seconds": best,
            "verdict": "met" if best <= PRIORITY_COMPUTE_S else "missed",
        }
    )
    t0 = time.perf_counter()
    services.refresh_priorities()
    out.append(
        {
            "name": "refresh stored priority scores (all firms)",
            "seconds": time.perf_counter() - t0,
            "verdict": "–",
        }
    )
    return out


def measure(client, url: str, warmup: int, requests: int, htmx: bool = False) -> list[float]:
    headers = {"HX-Request": "true"} if htmx else {}
    for _ in range(warmup):
        r = client.get(url, headers=headers)
        assert r.status_code == 200, (url, r.status_code)
    times = []
    for _ in range(requests):
        t0 = time.perf_counter()
        r = client.get(url, headers=headers)
        times.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    return times


def queries_of(client, url: str, htmx: bool = False) -> list[dict]:
    """SQL of one request, each query timed with perf_counter (ms) and, when slow, its
    SQLite query plan."""
    from django.db import connection

    headers = {"HX-Request": "true"} if htmx else {}
    captured = []

    def timer(execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            captured.append(
                {
                    "sql": sql,
                    "params": params,
                    "many": many,
                    "ms": (time.perf_counter() - t0) * 1000,
                }
            )

    with connection.execute_wrapper(timer):
        client.get(url, headers=headers)
    for q in captured:
        q["plan"] = []
        if q["ms"] >= SLOW_QUERY_MS and not q["many"] and q["sql"].lstrip().startswith("SELECT"):
            with connection.cursor() as cur:
                cur.execute("EXPLAIN QUERY PLAN " + q["sql"], q["params"])
                q["plan"] = [row[-1] for row in cur.fetchall()]
        q["text"] = q["sql"]
        if connection.vendor == "sqlite" and not q["many"]:
            q["text"] = connection.ops.last_executed_query(None, q["sql"], q["params"])
    return captured


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    import django

    return {
        "nproc": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
        "os": platform.platform(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "date": datetime.now(UTC).strftime("%a %b %d %H:%M:%S UTC %Y"),
    }


def fmt_table(rows) -> str:
    lines = [
        "| Case | Median ms | p95 ms | × baseline | Queries | SQL ms | Target |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['name']} | {r['median']:.1f} | {r['p95']:.1f} | {r['ratio']:.1f} | "
            f"{r['queries']} | {r['sql_ms']:.1f} | {r['verdict']} |"
        )
    return "\n".join(lines)


def render_section(n, info, meta, rows, args, computations=()) -> str:
    missed = [r for r in [*rows, *computations] if r["verdict"].startswith("missed")]
    demo = f"{meta.get('demo_s', '?')} s"
    if meta.get("demo_replaced"):
        demo += f", including the deletion of {meta['demo_replaced']} earlier demo companies"
    if meta.get("demo_reused"):
        demo = (
            f"data reused from {meta.get('demo_at', 'an earlier run')}; generation then took {demo}"
        )
    else:
        demo += " (empty database)" if not meta.get("demo_replaced") else ""
    out = [
        START,
        "<!-- Generated by bench/run.py; edit outside these markers. -->",
        "",
        f"## Latest run: {n:,} companies".replace(",", " "),
        "",
        f"- Date: {info['date']}",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM, {info['os']}",
        f"- Load average at start: {info['load']}",
        f"- Python {info['python']}, Django {info['django']}, SQLite {info['sqlite']}",
        f"- Database: SQLite file (WAL), {meta.get('db_mb', '?')} MB; "
        f"migrate + reference data {meta.get('setup_s', '?')} s",
        f"- Demo generation (`demo --companies {n} --replace`): {demo}",
        f"- {args.warmup} warm-up + {args.requests} timed requests per case, in-process "
        "(django.test.Client, logged in as koordination, DEBUG off); times include the full "
        "middleware stack and template rendering, not network or a WSGI server.",
        "",
        fmt_table(rows),
        "",
        f"Targets: register list and detail median < {TARGET_MEDIAN_MS:.0f} ms and "
        f"p95 < {TARGET_P95_MS:.0f} ms; priority list, pipeline and region pages "
        f"p95 < {PAGE_300[1]:.0f} ms; on SQLite at 100 000 companies"
        + ("." if n == 100_000 else f" (this run has {n}; the verdicts are indicative only)."),
        "",
        "| Computation | Seconds (best of 3) | Target |",
        "|---|---:|---|",
        *[f"| {c['name']} | {c['seconds']:.2f} | {c['verdict']} |" for c in computations],
        "",
        f"Target: the priority list of 100 000 firms in ≤ {PRIORITY_COMPUTE_S:.0f} s.",
        "",
    ]
    if missed:
        names = "; ".join(
            f"{r['name']} ({r['median']:.0f} / {r['p95']:.0f} ms)"
            if "median" in r
            else f"{r['name']} ({r['seconds']:.2f} s)"
            for r in missed
        )
        out += [f"**Targets missed** (median / p95): {names}.", ""]
    else:
        out += ["All targets met.", ""]
    out += [
        '"SQL ms": time spent in SQL during one extra request of the case (all its queries,',
        "timed around each execute); the rest of the median is Python: view, forms, templates.",
        "",
        f"### Queries slower than {SLOW_QUERY_MS:.0f} ms",
        "",
    ]
    slow = [(r, q) for r in rows for q in r["slow"]]
    if not slow:
        out += ["None.", ""]
    for r, q in slow:
        out += [f"**{r['name']}** – {q['ms']:.1f} ms", "", "```sql", q["text"], "```", ""]
        if q["plan"]:
            out += ["Plan: " + "; ".join(f"`{step}`" for step in q["plan"]), ""]
    out.append(END)
    return "\n".join(out)


DOC_HEAD = """# Benchmarks

Server time of the company register with many companies, measured by `bench/run.py`
(how to run it: `bench/README.md`).

"""


def write_docs(section: str) -> None:
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    text = DOCS.read_text() if DOCS.exists() else DOC_HEAD + START + "\n" + END + "\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        text = head + section + tail
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    DOCS.write_text(text)


def main(argv=None) -> int:
    args = parse_args(argv)
    db = configure(args.companies)
    if args.fresh:  # start from an empty database, so the generation is timed alone
        for f in db.parent.glob(db.name + "*"):
            f.unlink()

    import django

    django.setup()
    install_urlconf()

    from django.test import Client

    from anett.core.models import User

    meta_file = db.with_suffix(".json")
    meta = prepare_data(args.companies, args.fresh, meta_file)
    meta["db_mb"] = round(
        sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1024 / 1024
    )
    info = machine()

    client = Client()
    client.force_login(User.objects.get(username="koordination"))

    rows = []
    baseline = None
    for name, url, targeted in cases(args.companies):
        htmx = "htmx" in name
        times = measure(client, url, args.warmup, args.requests, htmx)
        med, high = statistics.median(times), p95(times)
        baseline = baseline or med
        qs = queries_of(client, url, htmx)
        verdict = "–"
        if targeted:
            max_med, max_p95 = targeted
            ok = (max_med is None or med < max_med) and high < max_p95
            verdict = "met" if ok else "missed"
        rows.append(
            {
                "name": name,
                "url": url,
                "median": med,
                "p95": high,
                "ratio": med / baseline,
                "queries": len(qs),
                "sql_ms": sum(q["ms"] for q in qs),
                "verdict": verdict,
                "slow": sorted((q for q in qs if q["ms"] >= SLOW_QUERY_MS), key=lambda q: -q["ms"]),
            }
        )
        print(
            f"{name:<42} median {med:7.1f} ms  p95 {high:7.1f} ms  "
            f"{len(qs):3d} queries ({rows[-1]['sql_ms']:5.1f} ms SQL)  {verdict}",
            flush=True,
        )

    computations = measure_computations()
    for c in computations:
        print(f"{c['name']:<42} {c['seconds']:.2f} s  {c['verdict']}", flush=True)

    print()
    print(fmt_table(rows))
    print(
        f"\nN={args.companies}, demo generation {meta.get('demo_s', '?')} s"
        f"{' (reused)' if meta.get('demo_reused') else ''}, {info['date']}"
    )
    if not args.no_docs:
        write_docs(render_section(args.companies, info, meta, rows, args, computations))
        print(f"updated {DOCS.relative_to(ROOT)}")
    missed = any(r["verdict"] == "missed" for r in [*rows, *computations])
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
