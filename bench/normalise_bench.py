"""Speed of the German record-linkage normalisers (``anett.linkage.normalise``).

    .venv/bin/python bench/normalise_bench.py                     # 100 000 records
    .venv/bin/python bench/normalise_bench.py --records 20000     # quicker
    .venv/bin/python bench/normalise_bench.py --golden bench/results/normalise-golden.pickle
    .venv/bin/python bench/normalise_bench.py --check bench/results/normalise-golden.pickle
    .venv/bin/python bench/normalise_bench.py --module tests.linkage._normalise_reference

Generates N records with ``anett.linkage.generator`` (seed 7, 20 % duplicates, the same
generator as ``bench/import_bench.py``) and times each public normaliser over the field
it reads, and ``prepare`` over whole records: CPU time (``time.process_time``), best of
``--repeat`` runs. Before every run the ``lru_cache`` of every cached function of the
module is cleared, so each run is one cold pass over the records, as in one import.

``--golden PATH`` writes the outputs of all normalisers for all records to a pickle
file; ``--check PATH`` compares the current outputs with such a file and exits with
status 1 on the first difference (the optimised module must give identical results).
``--module`` benchmarks another module with the same functions, e.g. the frozen
reference copy of the original implementation in ``tests/linkage``.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def cases(n) -> list[tuple[str, str | None, object]]:
    """(label, record field or None for the whole record, function of the value)."""
    return [
        ("fold(name)", "name", n.fold),
        ("split_legal_form(name)", "name", n.split_legal_form),
        ("split_legal_form('X '+form)", "legal_form_text", n.split_legal_form),
        ("name_tokens(core)", "core", n.name_tokens),
        ("name_compact(core)", "core", n.name_compact),
        ("normalise_street(street)", "street", n.normalise_street),
        ("Street.compact", "street_obj", lambda s: s.compact),
        ("normalise_plz(plz)", "plz", n.normalise_plz),
        ("kreis_for_plz(plz)", "plz", n.kreis_for_plz),
        ("normalise_city(city)", "city", n.normalise_city),
        ("normalise_phone(phone)", "phone", n.normalise_phone),
        ("normalise_website(website)", "website", n.normalise_website),
        ("email_domain(email)", "email", n.email_domain),
        ("company_domain(website, email)", "domain_pair", lambda p: n.company_domain(*p)),
        ("normalise_register(register_no)", "register_no", n.normalise_register),
        ("normalise_vat(vat_id)", "vat_id", n.normalise_vat),
        ("parse_size(employees)", "employees", n.parse_size),
        ("yes_no(council)", "council", n.yes_no),
        ("normalise_wz_code(wz)", "wz", n.normalise_wz_code),
        ("prepare(record)", None, n.prepare),
    ]


def inputs(records: list[dict], reference) -> dict[str, list]:
    """The input values per field; derived inputs (core, street objects) come from the
    frozen reference so that every module is timed on exactly the same values."""
    columns = {key: [r.get(key) for r in records] for key in records[0]}
    forms = ["GmbH", "GmbH & Co. KG", "G.m.b.H.", "AG", "e.K.", "UG (haftungsbeschränkt)"]
    columns["legal_form_text"] = [f"X {forms[i % len(forms)]}" for i in range(len(records))]
    columns["core"] = [reference.split_legal_form(v).core for v in columns["name"]]
    columns["street_obj"] = [reference.normalise_street(v) for v in columns["street"]]
    columns["domain_pair"] = list(zip(columns["website"], columns["email"], strict=True))
    council = ["ja", "nein", "", "k. A.", "vorhanden", "Kein BR", "x", "unbekannt"]
    columns["council"] = [council[i % len(council)] for i in range(len(records))]
    return columns


def clear_caches(module) -> None:
    for value in vars(module).values():
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


def run(module, records: list[dict], columns: dict[str, list], repeat: int) -> dict:
    times = {}
    for label, field, func in cases(module):
        values = records if field is None else columns[field]
        best = float("inf")
        for _ in range(repeat):
            clear_caches(module)
            start = time.process_time()
            for value in values:
                func(value)
            best = min(best, time.process_time() - start)
        times[label] = best
    return times


def outputs(module, records: list[dict], columns: dict[str, list]) -> dict[str, list]:
    clear_caches(module)
    return {
        label: [func(v) for v in (records if field is None else columns[field])]
        for label, field, func in cases(module)
    }


def plain(value):
    """NamedTuples and dataclasses as plain tuples, so that the pickle does not depend on
    the module that made them."""
    if isinstance(value, dict):  # key order too (features are written as JSON)
        return ("dict", tuple((k, plain(v)) for k, v in value.items()))
    if hasattr(value, "_asdict"):
        return ("namedtuple", type(value).__name__, tuple(value))
    if hasattr(value, "__dataclass_fields__"):
        fields = value.__dataclass_fields__
        return ("dataclass", type(value).__name__, tuple(getattr(value, f) for f in fields))
    return value


def golden_file(args, module, records: list[dict], columns: dict[str, list]) -> int:
    """Write (--golden) and/or compare (--check) the outputs; 1 when they differ."""
    status = 0
    current = {k: [plain(v) for v in vs] for k, vs in outputs(module, records, columns).items()}
    if args.golden:
        Path(args.golden).parent.mkdir(parents=True, exist_ok=True)
        with open(args.golden, "wb") as fh:
            pickle.dump({"records": records, "outputs": current}, fh)
        print(f"golden outputs written to {args.golden}")
    if args.check:
        with open(args.check, "rb") as fh:
            golden = pickle.load(fh)
        if golden["records"] != records:
            print("the golden file was made from other records (--records/--seed)")
            return 1
        for label, expected in golden["outputs"].items():
            got = current[label]
            diffs = [i for i, (a, b) in enumerate(zip(expected, got, strict=True)) if a != b]
            if diffs:
                i = diffs[0]
                print(f"DIFFERENT {label}: {len(diffs)} records, first #{i}:")
                print(f"  expected {expected[i]!r}\n  got      {got[i]!r}")
                status = 1
        print("outputs identical to the golden file" if not status else "outputs differ")
    return status


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--module", default="anett.linkage.normalise")
    parser.add_argument("--golden", help="write the outputs to this pickle file")
    parser.add_argument("--check", help="compare the outputs with this pickle file")
    parser.add_argument("--no-timing", action="store_true", help="only --golden/--check")
    args = parser.parse_args(argv)

    from anett.linkage.generator import generate

    module = importlib.import_module(args.module)
    reference = importlib.import_module("tests.linkage._normalise_reference")
    start = time.process_time()
    records = [
        {k: v for k, v in r.items() if k != "true_id"}
        for r in generate(args.records, duplicate_share=0.2, seed=args.seed)
    ]
    columns = inputs(records, reference)
    print(f"{len(records):,} records generated in {time.process_time() - start:.1f} s")
    print(f"module: {args.module}")

    status = golden_file(args, module, records, columns) if args.golden or args.check else 0
    if args.no_timing:
        return status

    # Time without the outputs in memory, and keep the records out of the collector's
    # way: a full collection over a large live heap would be timed as normaliser time.
    gc.collect()
    gc.freeze()

    times = run(module, records, columns, args.repeat)
    print(f"\nCPU seconds per {len(records):,} calls, best of {args.repeat}, cold caches:\n")
    print(f"| {'function':<34} | {'CPU s':>7} | {'µs/call':>8} |")
    print(f"|{'-' * 36}|{'-' * 9}:|{'-' * 10}:|")
    for label, seconds in times.items():
        print(f"| {label:<34} | {seconds:7.3f} | {seconds / len(records) * 1e6:8.2f} |")
    return status


if __name__ == "__main__":
    sys.exit(main())
