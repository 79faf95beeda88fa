"""The pack file format and the merge decision (plain modules, no database)."""

import io
import json
import zipfile

import pytest

from anett.api import merge
from anett.api.pack import PackError, PackFile, build_pack, dump_json, read_pack


def _pack(**extra):
    files = [PackFile("config/a.json", dump_json([{"x": 1}]), 1), PackFile("b.toml", b"k = 1\n")]
    return build_pack(files, source="Quelle", created_at="2026-11-26T06:00:00+00:00", **extra)


def _rezip(data: bytes, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    entries = {n: src.read(n) for n in src.namelist()}
    change(entries)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, content in entries.items():
            zf.writestr(name, content)
    return out.getvalue()


def test_round_trip_keeps_bytes_and_manifest():
    pack = read_pack(_pack())
    assert pack.files["b.toml"] == b"k = 1\n"
    assert pack.json("config/a.json") == [{"x": 1}]
    meta = pack.manifest["files"]["config/a.json"]
    assert meta["count"] == 1 and len(meta["sha256"]) == 64
    assert pack.manifest["source"] == "Quelle" and pack.manifest["format_version"] == 1


def test_changed_file_is_rejected_naming_it():
    data = _rezip(_pack(), lambda e: e.__setitem__("b.toml", b"k = 2\n"))
    with pytest.raises(PackError, match="Prüfsumme der Datei „b.toml“"):
        read_pack(data)


def test_missing_and_unlisted_files_are_rejected():
    with pytest.raises(PackError, match="„b.toml“ steht im Manifest, fehlt aber"):
        read_pack(_rezip(_pack(), lambda e: e.pop("b.toml")))
    with pytest.raises(PackError, match="„extra.txt“ steht nicht im Manifest"):
        read_pack(_rezip(_pack(), lambda e: e.__setitem__("extra.txt", b"x")))


def test_manifest_problems_name_the_field():
    def bump(entries):
        m = json.loads(entries["manifest.json"])
        m["format_version"] = 99
        entries["manifest.json"] = json.dumps(m).encode()

    with pytest.raises(PackError, match="Formatversion 99"):
        read_pack(_rezip(_pack(), bump))

    def drop_source(entries):
        m = json.loads(entries["manifest.json"])
        del m["source"]
        entries["manifest.json"] = json.dumps(m).encode()

    with pytest.raises(PackError, match="„source“ fehlt"):
        read_pack(_rezip(_pack(), drop_source))
    with pytest.raises(PackError, match="manifest.json“ fehlt"):
        read_pack(_rezip(_pack(), lambda e: e.pop("manifest.json")))
    with pytest.raises(PackError, match="kein ZIP"):
        read_pack(b"not a zip")


def test_decide_covers_every_case():
    a, b, c = "a", "b", "c"
    assert merge.decide(a, None, None) == (merge.CREATE, merge.NEW)
    assert merge.decide(a, None, a) == (merge.CONFLICT, merge.DELETED_HERE)
    assert merge.decide(a, a, None) == (merge.UNCHANGED, merge.EQUAL)
    assert merge.decide(a, a, b) == (merge.UNCHANGED, merge.EQUAL)
    assert merge.decide(b, a, a) == (merge.UPDATE, merge.CHANGED_AT_SOURCE)
    assert merge.decide(b, a, None) == (merge.CONFLICT, merge.DIFFERS_HERE)
    assert merge.decide(b, a, c) == (merge.CONFLICT, merge.EDITED_HERE)


def test_fingerprint_ignores_key_order():
    assert merge.fingerprint({"a": 1, "b": [1, 2]}) == merge.fingerprint({"b": [1, 2], "a": 1})
    assert merge.fingerprint({"a": 1}) != merge.fingerprint({"a": 2})
