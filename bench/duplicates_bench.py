"""Benchmark of the register-wide duplicate search (`anett find_duplicates`).

Builds a fresh SQLite register of N generated companies (default 100 000, 20 % of them
further records of a firm already in the register, from ``anett.linkage.generator``),
then runs ``anett find_duplicates`` in a child process, as the page's worker does, and
reports wall time, peak memory (max RSS of the child), pairs stored, and how many of the
true duplicate pairs are among them (recall) and above 0.9 (precision and recall).

    .venv/bin/python bench/duplicates_bench.py [--companies 100000] [--keep DIR]

Prints a Markdown block for docs/duplicates.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def build_register(n: int, seed: int) -> dict[int, str]:
    """Generated companies (and their register no., VAT id, e-mail as import source
    records) in the configured database; returns company id -> true firm id."""
    from anett.companies.models import Company
    from anett.imports.models import CompanySourceRecord, ImportSource
    from anett.linkage.generator import generate

    records = generate(n, duplicate_share=0.2, seed=seed)
    companies = []
    for r in records:
        employees = r.get("employees") or ""
        companies.append(
            Company(
                name=r["name"][:200],
                street=r.get("street") or "",
                postcode=(r.get("plz") or "")[:5],
                city=r.get("city") or "",
                wz_code=(r.get("wz") or "")[:8],
                employees_site=int(employees) if employees.isdigit() else None,
                phone=(r.get("phone") or "")[:40],
                website=(r.get("website") or "")[:200],
                search_text=r["name"].lower()[:400],
            )
        )
    Company.objects.bulk_create(companies, batch_size=5000)
    ids = list(Company.objects.order_by("id").values_list("id", flat=True))
    source = ImportSource.objects.create(name="Benchmark")
    extra = [
        CompanySourceRecord(
            company_id=cid,
            source=source,
            external_id=str(i),
            register_no=(r.get("register_no") or "")[:60],
            vat_id=(r.get("vat_id") or "")[:20],
            email=(r.get("email") or "")[:200],
        )
        for i, (cid, r) in enumerate(zip(ids, records, strict=True))
        if r.get("register_no") or r.get("vat_id") or r.get("email")
    ]
    CompanySourceRecord.objects.bulk_create(extra, batch_size=5000)
    return {cid: str(r["true_id"]) for cid, r in zip(ids, records, strict=True)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--keep", help="folder for the SQLite file (default: a temp folder)")
    args = parser.parse_args()

    folder = Path(args.keep or tempfile.mkdtemp(prefix="anett-dup-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "bench.sqlite3"
    if db.exists():
        db.unlink()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "ANETT_DATA_DIR": str(folder),
        "DJANGO_SETTINGS_MODULE": "anett.settings",
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    t = time.monotonic()
    call_command("migrate", verbosity=0)
    truth = build_register(args.companies, args.seed)
    prepared = time.monotonic() - t
    load = os.getloadavg()

    anett = [sys.executable, "-m", "anett.cli", "find_duplicates"]
    t = time.monotonic()
    done = subprocess.run(anett, env=env, capture_output=True, text=True, check=False)
    wall = time.monotonic() - t
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if done.returncode:
        sys.exit(f"find_duplicates failed: {done.stderr[-2000:]}")

    from anett.duplicates.models import CandidatePair, SearchRun

    run = SearchRun.objects.get()
    by_firm: dict[str, list[int]] = {}
    for cid, firm in truth.items():
        by_firm.setdefault(firm, []).append(cid)
    true_pairs = {
        tuple(sorted(p)) for ids in by_firm.values() if len(ids) > 1 for p in combinations(ids, 2)
    }
    found = {
        (a, b): prob
        for a, b, prob in CandidatePair.objects.values_list(
            "company_a_id", "company_b_id", "match_probability"
        )
    }
    hits = sum(1 for p in found if p in true_pairs)
    strong = {p for p, prob in found.items() if prob >= 0.9}
    strong_hits = sum(1 for p in strong if p in true_pairs)
    rows = [
        ("companies in the register", f"{args.companies:,}"),
        ("search wall time (child process `anett find_duplicates`)", f"{wall:.1f} s"),
        ("  of which in the search run (read, compare, store)", f"{run.seconds:.1f} s"),
        ("peak resident memory of that process", f"{peak_mb:,.0f} MB"),
        ("pairs stored for review (probability ≥ 0.2)", f"{len(found):,}"),
        ("true duplicate pairs in the register", f"{len(true_pairs):,}"),
        ("recall among stored pairs", f"{hits / max(len(true_pairs), 1):.3f}"),
        (
            "precision / recall at probability ≥ 0.9",
            f"{strong_hits / max(len(strong), 1):.3f} / "
            f"{strong_hits / max(len(true_pairs), 1):.3f}",
        ),
    ]
    print(
        f"Measured by `bench/duplicates_bench.py --companies {args.companies}` on "
        f"{time.strftime('%d %b %Y')}: {cpu_name()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, SQLite; load average at start "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; register built in {prepared:.0f} s.\n"
    )
    print("| measure | value |\n|---|---:|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    print(f"\nOutput: {done.stdout.strip()}")


if __name__ == "__main__":
    main()
