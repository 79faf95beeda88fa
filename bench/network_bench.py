"""Benchmark of the network analysis: gap analysis, graph metrics and the gap page.

    .venv/bin/python bench/network_bench.py                # print the results
    .venv/bin/python bench/network_bench.py --write-docs   # also update docs/benchmarks.md

1. Plain modules, data generated in memory (seeded): 100 000 firms with needs, 2 000 actors,
   10 000 offers, 4 000 relations and 100 000 actor–firm links.
   - gap analysis: `gaps.demand_from_firms` + `gaps.analyse` over all 400 Kreise
     (28 800 cells, with candidates) – target ≤ 2 s;
   - graph metrics: `graph.build` + `graph.metrics` (reach, sole reach, isolated firms,
     actor network, articulation points, betweenness) – target ≤ 10 s.
2. The app on its own SQLite file `bench/results/network-N.sqlite3` (gitignored; created on
   the first run, reused afterwards, `--fresh` rebuilds it) with the same amounts written by
   bulk inserts: the gap page of the pilot region through `django.test.Client` (DEBUG off,
   logged in as a coordinator), 5 warm-up + 50 timed requests – target p95 ≤ 300 ms; the graph
   page, the offer catalogue and the whole-Germany gap table are reported without target.
"""

import argparse
import math
import os
import platform
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
RESULTS = ROOT / "bench" / "results"
DOCS = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- network-bench:start -->", "<!-- network-bench:end -->"
TARGET_GAPS_S, TARGET_GRAPH_S, TARGET_PAGE_P95_MS = 2.0, 10.0, 300.0

TOPICS = [
    "drivetrain",
    "digital",
    "skills",
    "labour",
    "energy",
    "business_model",
    "financing",
    "work_org",
    "succession",
]
KINDS = [
    "union",
    "employment_agency",
    "chamber",
    "education_provider",
    "consulting_centre",
    "cluster_association",
    "public_authority",
    "university",
    "company_network",
]
RELATIONS = ["member_of", "partner_of", "funds", "refers_to"]


# --- generated data (shared by both parts) ---------------------------------------------------


def region_around(rng, neighbours, start, size):
    """A contiguous set of about `size` Kreise around `start` (breadth first)."""
    seen, queue = [start], [start]
    while queue and len(seen) < size:
        here = queue.pop(0)
        nxt = sorted(neighbours[here])
        rng.shuffle(nxt)
        for n in nxt:
            if n not in seen:
                seen.append(n)
                queue.append(n)
                if len(seen) >= size:
                    break
    return seen


def generate(n_firms, n_actors, n_offers, seed=1):
    from anett.network.neighbours import kreis_neighbours
    from anett.network.vocab import TARGET_GROUPS

    rng = random.Random(seed)
    neighbours = kreis_neighbours()
    all_ags = sorted(neighbours)
    th = [a for a in all_ags if a.startswith("16")]
    near_th = sorted({n for a in th for n in neighbours[a]} - set(th))

    firms = []
    for i in range(n_firms):
        r = rng.random()
        ags = rng.choice(th) if r < 0.7 else rng.choice(near_th if r < 0.8 else all_ags)
        employees = max(1, int(rng.lognormvariate(3.3, 1.1)))
        needs = [(t, rng.randint(0, 100)) for t in rng.sample(TOPICS, rng.randint(0, 5))]
        firms.append((i + 1, ags, employees, needs))

    actors = []
    for i in range(n_actors):
        start = rng.choice(th) if rng.random() < 0.6 else rng.choice(all_ags)
        kreise = region_around(rng, neighbours, start, rng.choice([1, 1, 2, 3, 5, 8, 12, 22]))
        topics = rng.sample(TOPICS, rng.randint(1, 4))
        groups = rng.sample(TARGET_GROUPS, rng.choice([0, 1, 2, 3, 4]))
        actors.append((i + 1, f"Akteur {i + 1}", rng.choice(KINDS), kreise, topics, groups))

    offers = []
    for i in range(n_offers):
        actor = actors[rng.randrange(n_actors)]
        topics = rng.sample(actor[4], rng.randint(1, len(actor[4])))
        groups = rng.sample(TARGET_GROUPS, rng.choice([0, 1, 2, 3]))
        kreise = [] if rng.random() < 0.5 else rng.sample(actor[3], rng.randint(1, len(actor[3])))
        offers.append((i + 1, actor[0], topics, groups, kreise))

    by_ags = defaultdict(list)
    for a in actors:
        for ags in a[3]:
            by_ags[ags].append(a[0])
    relations = set()
    while len(relations) < 2 * n_actors:
        a = actors[rng.randrange(n_actors)]
        local = by_ags[rng.choice(a[3])]
        b = rng.choice(local) if rng.random() < 0.8 else rng.randrange(1, n_actors + 1)
        if a[0] != b:
            relations.add((a[0], b, rng.choice(RELATIONS)))
    links = []
    kinds = ["referral"] * 3 + ["membership"] * 2 + ["activity"] * 5
    for _ in range(n_firms):
        firm = firms[rng.randrange(n_firms)]
        local = by_ags.get(firm[1])
        actor = rng.choice(local) if local else rng.randrange(1, n_actors + 1)
        links.append((actor, firm[0], rng.choice(kinds)))
    return {
        "firms": firms,
        "actors": actors,
        "offers": offers,
        "relations": sorted(relations),
        "links": links,
        "neighbours": neighbours,
        "all_ags": all_ags,
    }


def timed(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return times, result


# --- part 1: plain modules -------------------------------------------------------------------


def bench_plain(data, repeat):
    from anett.network import gaps, graph

    kreise = [(a, a) for a in data["all_ags"]]
    g_actors = [
        gaps.Actor(pk, name, frozenset(k), frozenset(t), frozenset(g))
        for pk, name, _kind, k, t, g in data["actors"]
    ]
    actor_kreise = {a.id: a.kreise for a in g_actors}
    g_offers = [
        gaps.Offer(pk, a, frozenset(t), frozenset(g), frozenset(k) or actor_kreise[a])
        for pk, a, t, g, k in data["offers"]
    ]
    firm_rows = [(ags, emp, needs) for _pk, ags, emp, needs in data["firms"]]

    def gap_run():
        demand = gaps.demand_from_firms(firm_rows)
        return gaps.analyse(kreise, demand, g_offers, g_actors, data["neighbours"])

    gap_times, result = timed(gap_run, repeat)
    t = time.perf_counter()
    gaps.demand_from_firms(firm_rows)
    demand_s = time.perf_counter() - t

    g_nodes = [graph.ActorNode(pk, name, kind) for pk, name, kind, *_rest in data["actors"]]
    f_nodes = [graph.FirmNode(pk, ags) for pk, ags, _e, _n in data["firms"]]

    def graph_run():
        g = graph.build(g_nodes, f_nodes, data["relations"], data["links"])
        return g, graph.metrics(g)

    graph_times, (g, m) = timed(graph_run, repeat)
    t = time.perf_counter()
    graph.build(g_nodes, f_nodes, data["relations"], data["links"])
    build_s = time.perf_counter() - t
    return {
        "gap_times": gap_times,
        "demand_s": demand_s,
        "cells": len(result.cells),
        "gaps": len(result.gaps),
        "graph_times": graph_times,
        "build_s": build_s,
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "isolated": len(m.isolated),
        "brokers": len(m.brokers),
        "groups": len(m.groups),
        "relations": len(data["relations"]),
    }


# --- part 2: the app ------------------------------------------------------------------------


def configure(n):
    RESULTS.mkdir(parents=True, exist_ok=True)
    db = RESULTS / f"network-{n}.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["ANETT_DATA_DIR"] = str(RESULTS / "data")
    (RESULTS / "data" / "static").mkdir(parents=True, exist_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "anett.settings"
    os.environ["DEBUG"] = "0"
    os.environ["SECRET_KEY"] = "bench-only-not-secret"
    os.environ["SECURE_COOKIES"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    return db


def fill_database(data, log):
    """Write the generated network with bulk inserts (no save(), no history rows)."""
    from django.core.management import call_command
    from django.db import transaction

    from anett.assessment.models import Need
    from anett.companies.models import Company, search_key
    from anett.network.models import Actor, ActorRelation, Membership, Offer, Referral
    from anett.regions.models import Kreis

    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    kreis_id = dict(Kreis.objects.filter(active=True).values_list("ags", "id"))
    with transaction.atomic():
        companies = [
            Company(
                id=pk,
                name=f"Bench-Betrieb {pk:06d}",
                kreis_id=kreis_id[ags],
                employees_site=emp,
                search_text=search_key(f"Bench-Betrieb {pk:06d}"),
                is_demo=True,
            )
            for pk, ags, emp, _needs in data["firms"]
        ]
        Company.objects.bulk_create(companies, batch_size=5000)
        Need.objects.bulk_create(
            (
                Need(company_id=pk, topic=topic, level=level, source="manual")
                for pk, _a, _e, needs in data["firms"]
                for topic, level in needs
            ),
            batch_size=5000,
        )
        Actor.objects.bulk_create(
            [
                Actor(id=pk, name=name, kind=kind, topics=t, target_groups=g)
                for pk, name, kind, _k, t, g in data["actors"]
            ],
            batch_size=2000,
        )
        Actor.kreise.through.objects.bulk_create(
            [
                Actor.kreise.through(actor_id=pk, kreis_id=kreis_id[ags])
                for pk, _n, _kind, kreise, _t, _g in data["actors"]
                for ags in kreise
            ],
            batch_size=5000,
        )
        Offer.objects.bulk_create(
            [
                Offer(
                    id=pk,
                    actor_id=a,
                    title=f"Angebot {pk}",
                    kind="advice",
                    topics=t,
                    target_groups=g,
                    languages=["de"],
                )
                for pk, a, t, g, _k in data["offers"]
            ],
            batch_size=2000,
        )
        Offer.kreise.through.objects.bulk_create(
            [
                Offer.kreise.through(offer_id=pk, kreis_id=kreis_id[ags])
                for pk, _a, _t, _g, kreise in data["offers"]
                for ags in kreise
            ],
            batch_size=5000,
        )
        ActorRelation.objects.bulk_create(
            [ActorRelation(source_id=s, target_id=d, kind=k) for s, d, k in data["relations"]],
            batch_size=5000,
            ignore_conflicts=True,
        )
        members = {(a, f) for a, f, kind in data["links"] if kind == "membership"}
        Membership.objects.bulk_create(
            [Membership(actor_id=a, company_id=f) for a, f in sorted(members)], batch_size=5000
        )
        Referral.objects.bulk_create(
            [
                Referral(
                    actor_id=a,
                    company_id=f,
                    topic="skills",
                    offer_title="Angebot",
                    actor_name=f"Akteur {a}",
                )
                for a, f, kind in data["links"]
                if kind == "referral"
            ],
            batch_size=5000,
        )
    log(f"database filled in {time.perf_counter() - t:.1f} s")
    return time.perf_counter() - t


def bench_app(data, requests, warmup, fresh, log):
    db = configure(len(data["firms"]))
    if fresh and db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from anett.companies.models import Company
    from anett.core import roles
    from anett.core.models import User
    from anett.network import services

    fill_s = None
    if not db.exists() or Company.objects.count() != len(data["firms"]):
        fill_s = fill_database(data, log)
    user, _ = User.objects.get_or_create(
        username="bench-koordination", defaults={"role": roles.KOORDINATION}
    )
    client = Client()
    client.force_login(user)

    from django.utils import timezone

    from anett.network.models import Offer

    def touch_offer():
        # An edit of an offer: the cached supply index is rebuilt on the next request.
        Offer.objects.filter(pk=1).update(updated_at=timezone.now())

    cases = [
        ("gap page, pilot region (6 Kreise)", "/netzwerk/luecken/?region=pilotregion", True),
        (
            "gap page, pilot region, first request after an offer edit (supply index rebuilt)",
            "/netzwerk/luecken/?region=pilotregion",
            False,
            touch_offer,
        ),
        (
            "gap page, pilot region, topic + target group",
            "/netzwerk/luecken/?region=pilotregion&topic=skills&target_group=older",
            False,
        ),
        (
            "gap page, transfer region (Thuringia + neighbours)",
            "/netzwerk/luecken/?region=transferregion",
            False,
        ),
        ("offer catalogue, page 1", "/netzwerk/angebote/", False),
        (
            "offer catalogue, topic + region",
            "/netzwerk/angebote/?topic=skills&region=pilotregion",
            False,
        ),
        ("graph page, pilot region", "/netzwerk/graph/?region=pilotregion", False),
        (
            "gap export XLSX, pilot region",
            "/netzwerk/luecken/export.xlsx?region=pilotregion",
            False,
        ),
    ]
    out = []
    for label, url, target, *hook in cases:
        before = hook[0] if hook else (lambda: None)
        n_req = requests if "graph" not in label else max(5, requests // 5)
        for _ in range(warmup):
            before()
            r = client.get(url)
            assert r.status_code == 200, (url, r.status_code)
        times = []
        for _ in range(n_req):
            before()
            t = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - t) * 1000)
        before()
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        times.sort()
        out.append(
            {
                "label": label,
                "median": statistics.median(times),
                "p95": times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)],
                "n": n_req,
                "queries": len(ctx.captured_queries),
                "target": target,
            }
        )
        log(f"{label}: median {out[-1]['median']:.1f} ms, p95 {out[-1]['p95']:.1f} ms")
    full_times, _ = timed(lambda: services.gap_analysis(None), 3)
    return {
        "cases": out,
        "fill_s": fill_s,
        "db_mb": db.stat().st_size / 1e6,
        "full_gap_s": min(full_times),
    }


# --- report ----------------------------------------------------------------------------------


def _cpu():
    try:
        text = Path("/proc/cpuinfo").read_text()
        model = re.search(r"model name\s*:\s*(.*)", text).group(1).strip()
        cores = len(re.findall(r"^processor\s*:", text, re.M))
        return f"{cores} CPUs ({model})"
    except (OSError, AttributeError):
        return platform.processor() or "unknown CPU"


def report(args, plain, app, load) -> str:
    gap_med = statistics.median(plain["gap_times"])
    graph_med = statistics.median(plain["graph_times"])

    def met(ok):
        return "met" if ok else "**missed**"

    lines = [
        START,
        "<!-- Generated by bench/network_bench.py --write-docs; edit outside these markers. -->",
        "",
        f"## Network analysis: {args.firms:,} firms, {args.actors:,} actors, "
        f"{args.offers:,} offers",
        "",
        f"- Date: {datetime.now(UTC):%a %b %d %H:%M:%S UTC %Y}",
        f"- Machine: {_cpu()}, Python {platform.python_version()}, {platform.platform()}",
        f"- Load average at start: {load} (other work on the machine shows up in the times)",
        f"- Data generated in memory (seed {args.seed}): 70 % of the firms in Thuringia, 0–5 "
        "needs each (level 0–100), actors serving 1–22 contiguous Kreise, half the offers "
        f"with own Kreise; {plain['relations']:,} relations, {args.firms:,} "
        "actor–firm links (referrals, memberships, activities).",
        "",
        f"| Computation (plain modules) | median of {args.repeat} | min | Target |",
        "|---|---:|---:|---|",
        f"| gap analysis, all {plain['cells'] // 72} Kreise ({plain['cells']:,} cells, "
        f"{plain['gaps']:,} gaps with candidates) | **{gap_med:.2f} s** | "
        f"{min(plain['gap_times']):.2f} s | "
        f"≤ {TARGET_GAPS_S:.0f} s: {met(gap_med <= TARGET_GAPS_S)} |",
        f"| – of which demand from {args.firms:,} firms' needs | {plain['demand_s']:.2f} s | | |",
        f"| graph metrics ({plain['nodes']:,} nodes, {plain['edges']:,} edges: reach, isolated "
        f"firms, {plain['brokers']} brokers, {plain['groups']} actor groups, betweenness "
        f"sampled) | **{graph_med:.2f} s** | {min(plain['graph_times']):.2f} s | "
        f"≤ {TARGET_GRAPH_S:.0f} s: {met(graph_med <= TARGET_GRAPH_S)} |",
        f"| – of which building the networkx graph | {plain['build_s']:.2f} s | | |",
        "",
    ]
    if app:
        fill = (
            f"filled by bulk inserts in {app['fill_s']:.0f} s"
            if app["fill_s"]
            else "reused from an earlier run"
        )
        lines += [
            f"The app on SQLite ({app['db_mb']:.0f} MB, {fill}), DEBUG off, in-process "
            "`django.test.Client` logged in as a coordinator, 5 warm-up requests:",
            "",
            "| Page | Requests | Median ms | p95 ms | Queries | Target |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for c in app["cases"]:
            target = (
                f"p95 ≤ {TARGET_PAGE_P95_MS:.0f} ms: {met(c['p95'] <= TARGET_PAGE_P95_MS)}"
                if c["target"]
                else "–"
            )
            lines.append(
                f"| {c['label']} | {c['n']} | {c['median']:.1f} | {c['p95']:.1f} | "
                f"{c['queries']} | {target} |"
            )
        lines += [
            "",
            "The gap page reads the demand on every request and keeps the supply index (offers "
            "and actors per cell) per process until an offer or actor changes "
            "(`network.services.supply_for`); the second row is the request right after such "
            "an edit, which rebuilds it.",
            "",
            f"Whole-Germany gap table from the database (`anett gaps` without `--region`, "
            f"400 Kreise, without writing the file): {app['full_gap_s']:.2f} s (best of 3).",
        ]
    lines += ["", END]
    return re.sub(r"(?<=\d),(?=\d{3})", " ", "\n".join(lines))


def write_docs(block):
    text = DOCS.read_text(encoding="utf-8")
    if START in text and END in text:
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOCS.write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--firms", type=int, default=100_000)
    p.add_argument("--actors", type=int, default=2_000)
    p.add_argument("--offers", type=int, default=10_000)
    p.add_argument("--repeat", type=int, default=3, help="runs of each computation")
    p.add_argument("--requests", type=int, default=50, help="timed requests per page")
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--no-app", action="store_true", help="only the plain modules")
    p.add_argument("--fresh", action="store_true", help="rebuild the benchmark database")
    p.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    p.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = p.parse_args(argv)

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anett.settings")
    if not args.no_app:
        configure(args.firms)  # before anything imports Django settings
    import django

    django.setup()
    t = time.perf_counter()
    data = generate(args.firms, args.actors, args.offers, args.seed)
    log(f"generated in {time.perf_counter() - t:.1f} s")
    plain = bench_plain(data, args.repeat)
    log(
        f"gaps {statistics.median(plain['gap_times']):.2f} s, "
        f"graph {statistics.median(plain['graph_times']):.2f} s"
    )
    app = None
    if not args.no_app:
        app = bench_app(data, args.requests, args.warmup, args.fresh, log)
    block = report(args, plain, app, load)
    print(block)
    if args.write_docs:
        write_docs(block)
    if args.check:
        missed = statistics.median(plain["gap_times"]) > TARGET_GAPS_S
        missed |= statistics.median(plain["graph_times"]) > TARGET_GRAPH_S
        if app:
            missed |= any(c["p95"] > TARGET_PAGE_P95_MS for c in app["cases"] if c["target"])
        return int(missed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
