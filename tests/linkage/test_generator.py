"""The generator of synthetic company records with known duplicates."""

from collections import Counter

from anett.linkage import normalise
from anett.linkage.generator import FIELDS, generate


def test_size_duplicate_share_and_columns():
    records = generate(1000, duplicate_share=0.2, seed=3)
    assert len(records) == 1000
    assert len({r["true_id"] for r in records}) == 800
    assert all(set(r) == {*FIELDS, "true_id"} for r in records)
    assert all(r["name"] for r in records)


def test_seeded_and_reproducible():
    assert generate(300, seed=5) == generate(300, seed=5)
    assert generate(300, seed=5) != generate(300, seed=6)


def test_records_look_like_german_import_files():
    records = generate(2000, seed=4)
    names = " ".join(r["name"] for r in records)
    assert "GmbH & Co. KG" in names and "e.K." in names and "Inh." in names
    assert any(r["name"] != normalise.split_legal_form(r["name"]).core for r in records)
    assert all(r["plz"] == "" or len(r["plz"]) == 5 for r in records)
    # valid VAT ids and Thuringian register numbers where given
    vats = [r["vat_id"] for r in records if r["vat_id"]]
    assert vats and all(normalise.normalise_vat(v) for v in vats)
    registers = [r["register_no"] for r in records if r["register_no"]]
    assert registers and all(normalise.normalise_register(x) for x in registers)
    # some fields are often missing
    assert sum(1 for r in records if not r["phone"]) > 300


def test_duplicates_differ_from_their_original():
    records = generate(2000, seed=8)
    by_firm = Counter(r["true_id"] for r in records)
    groups = {}
    for r in records:
        if by_firm[r["true_id"]] > 1:
            groups.setdefault(r["true_id"], []).append(r)
    differing = sum(1 for g in groups.values() if len({x["name"] for x in g}) > 1)
    moved = sum(1 for g in groups.values() if len({x["plz"] for x in g if x["plz"]}) > 1)
    assert differing > len(groups) * 0.3
    assert moved > 0
