"""Benchmark of the funding engine: all active programmes for N firms with one standard measure.

    .venv/bin/python bench/funding_bench.py                 # 100 000 firms, print a table
    .venv/bin/python bench/funding_bench.py --write-docs    # also update docs/benchmarks.md

No Django and no database: the firms are generated in memory (seeded, realistic spread of
headcounts, turnover, Länder, agreements and need shares). Three ways are timed:

1. naive: `evaluate(case)` per firm, no sharing (timed on a sample, extrapolated to N);
2. batch: `evaluate_batch(firms, ...)` – the measure and participant are shared, each firm is
   reduced to its bucketed facts per programme and equal facts share one evaluation (cache);
3. validation: `parse_case` of N firm dicts (the cost of reading case files, reported apart).

Target: batch ≤ 3 s for 100 000 firms.
"""

import argparse
import os
import platform
import random
import re
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from anett.funding.case import parse_case, parse_firm  # noqa: E402
from anett.funding.catalogue import load_catalogue  # noqa: E402
from anett.funding.engine import _module, evaluate, evaluate_batch  # noqa: E402

DOCS = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- funding-bench:start -->", "<!-- funding-bench:end -->"
TARGET_S = 3.0

LAENDER = ["TH"] * 14 + ["SN", "ST", "BY", "HE", "NI", "BE"]
WZ = ["29.32", "29.31", "29.10", "22.29", "25.62", "28.41", "45.20", "70.22", "62.01", "01.11"]

MEASURE = {
    "kind": "training",
    "hours": 200,
    "course_costs_eur": 6000,
    "start": "2025-03-01",
    "application": "2025-01-15",
    "provider_azav": True,
    "measure_azav": True,
    "wage_loss_hours": 100,
    "adaptation_only": False,
    "legally_required": False,
    "leads_to_qualification": False,
    "updates_existing_skills": True,
    "during_working_time": True,
}
PARTICIPANT = {
    "age": 47,
    "severely_disabled": False,
    "qualification_year": 2012,
    "last_funded_82": None,
    "last_funded_82a": None,
    "notice_given": False,
    "children": True,
    "monthly_gross_eur": 3500,
    "weekly_hours": 40,
    "net_monthly_eur": 2400,
}


def make_firm(rng: random.Random) -> dict:
    enterprise = max(1, int(rng.lognormvariate(3.3, 1.4)))  # median ~27, long tail
    if enterprise > 20_000:
        enterprise = 20_000
    establishment = enterprise if rng.random() < 0.8 else rng.randint(1, enterprise)
    turnover = int(enterprise * rng.uniform(60_000, 300_000))
    firm = {
        "employees_enterprise": enterprise,
        "employees_establishment": establishment,
        "turnover_eur": turnover,
        "balance_sheet_eur": int(turnover * rng.uniform(0.4, 1.2)),
        "land": rng.choice(LAENDER),
        "wz": rng.choice(WZ),
        "training_agreement": rng.random() < 0.3,
        "qg_agreement": rng.random() < 0.1,
        "written_declaration_qg": rng.random() < 0.2,
        "structural_need_share": round(rng.random() * 0.4, 3),
        "employer_pays_training": rng.random() < 0.9,
    }
    if rng.random() < 0.7:
        firm["employees_sme"] = enterprise
    if rng.random() < 0.5:
        firm["insolvent"] = False
    return firm


def base_case(firm: dict) -> dict:
    return {"date": "2025-03-01", "firm": firm, "participants": [PARTICIPANT], "measure": MEASURE}


def timed(fn, repeat: int):
    times = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return result, times


def run(n: int, repeat: int, sample: int, seed: int) -> dict:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    rng = random.Random(seed)
    firm_dicts = [make_firm(rng) for _ in range(n)]
    catalogue = load_catalogue()
    active = [pid for pid, p in catalogue.items() if p.active]

    # 3. validation: N whole case files, and only the N firm parts
    t0 = time.perf_counter()
    cases = [parse_case(base_case(f)) for f in firm_dicts]
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    firms = [parse_firm(f) for f in firm_dicts]
    t_parse_firm = time.perf_counter() - t0
    assert firms == [c.firm for c in cases]
    shared = cases[0]

    # 1. naive, on a sample
    sample_cases = cases[:sample]
    t0 = time.perf_counter()
    for c in sample_cases:
        evaluate(c, programmes=active)
    t_naive_sample = time.perf_counter() - t0
    t_naive = t_naive_sample / len(sample_cases) * n

    # 2. batch with facts cache (cold each repetition: the cache lives in one call)
    def batch():
        return evaluate_batch(
            firms,
            date=shared.date,
            participants=shared.participants,
            measure=shared.measure,
            programmes=active,
        )

    rows, times = timed(batch, repeat)

    # distinct facts per programme (= evaluations actually run)
    distinct = {}
    for pid in active:
        prog = catalogue[pid]
        v, when, _ = prog.select(shared.measure.start, shared.measure.application, shared.date)
        if v is None or shared.measure.kind not in v.kinds:
            distinct[pid] = 1
            continue
        module = _module(v)
        prep = module.prepare(v, when) if hasattr(module, "prepare") else None
        distinct[pid] = len({module.firm_facts(f, prep) for f in firms})

    statuses = Counter((r["programme"], r["status"]) for row in rows for r in row)
    # spot check: batch result equals the single evaluation for some firms
    for j in range(0, n, max(1, n // 50)):
        assert rows[j] == evaluate(cases[j], programmes=active)["results"]
    return {
        "n": n,
        "load": load,
        "active": active,
        "parse_s": t_parse,
        "parse_firm_s": t_parse_firm,
        "naive_s": t_naive,
        "naive_sample": len(sample_cases),
        "batch_median_s": statistics.median(times),
        "batch_min_s": min(times),
        "batch_max_s": max(times),
        "repeat": repeat,
        "distinct": distinct,
        "statuses": statuses,
    }


def report(r: dict) -> str:
    n = r["n"]
    now = datetime.now(UTC).strftime("%a %b %d %H:%M:%S UTC %Y")
    met = "met" if r["batch_median_s"] <= TARGET_S else "missed"
    lines = [
        START,
        "<!-- Generated by bench/funding_bench.py --write-docs; edit outside these markers. -->",
        "",
        f"## Funding engine: {len(r['active'])} active programmes × {n:,} firms".replace(",", " "),
        "",
        f"- Date: {now}",
        f"- Machine: {_cpu()}, Python {platform.python_version()}, {platform.platform()}",
        f"- Load average at start: {r['load']} (other work on the machine shows up in the times)",
        "- One standard measure (training, 200 h, 6 000 EUR, 100 h wage loss) and one "
        "participant; firms generated in memory (seed 1): headcount log-normal (median about "
        "27), 70 % Thuringia, random agreements and need shares (3 decimals).",
        "",
        "| Way | Time for all firms | Per firm |",
        "|---|---:|---:|",
        f"| naive `evaluate()` per firm (sample of {r['naive_sample']:,}, extrapolated) "
        f"| {r['naive_s']:.1f} s | {r['naive_s'] / n * 1e6:.0f} µs |",
        f"| `evaluate_batch()`: shared measure, facts cache (median of {r['repeat']}; "
        f"min {r['batch_min_s']:.2f}, max {r['batch_max_s']:.2f}) "
        f"| **{r['batch_median_s']:.2f} s** | {r['batch_median_s'] / n * 1e6:.1f} µs |",
        f"| validation of the {n:,} firm sections, `parse_firm()` (reported apart) "
        f"| {r['parse_firm_s']:.2f} s | {r['parse_firm_s'] / n * 1e6:.1f} µs |",
        f"| validation of {n:,} whole case files, `parse_case()` (reported apart) "
        f"| {r['parse_s']:.2f} s | {r['parse_s'] / n * 1e6:.1f} µs |",
        "",
        f"Target ≤ {TARGET_S:.0f} s for the batch: **{met}**.",
        "",
        "Distinct facts per programme (= evaluations actually run; the rest are cache hits):",
        "",
        "| Programme | distinct facts | eligible | check | not eligible |",
        "|---|---:|---:|---:|---:|",
    ]
    for pid in r["active"]:
        s = r["statuses"]
        lines.append(
            f"| {pid} | {r['distinct'][pid]:,} | {s[(pid, 'eligible')]:,} | "
            f"{s[(pid, 'check')]:,} | {s[(pid, 'not_eligible')]:,} |"
        )
    lines += ["", END]
    return re.sub(r"(?<=\d),(?=\d{3})", " ", "\n".join(lines))


def _cpu() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
        model = re.search(r"model name\s*:\s*(.*)", text).group(1).strip()
        cores = len(re.findall(r"^processor\s*:", text, re.M))
        return f"{cores} CPUs ({model})"
    except (OSError, AttributeError):
        return platform.processor() or "unknown CPU"


def write_docs(block: str) -> None:
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
    p.add_argument("--repeat", type=int, default=5, help="timed batch runs (median reported)")
    p.add_argument("--sample", type=int, default=2_000, help="firms for the naive timing")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    p.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = p.parse_args(argv)
    r = run(args.firms, args.repeat, min(args.sample, args.firms), args.seed)
    block = report(r)
    print(block)
    if args.write_docs:
        write_docs(block)
    if args.check and r["batch_median_s"] > TARGET_S:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
