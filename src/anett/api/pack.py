"""The transfer pack as a file: a zip with `manifest.json` and data files. Plain Python.

manifest.json:
    {"format": "anett-transfer", "format_version": 1, "created_at": "2026-…Z",
     "source": "ANeTT Westthüringen",
     "files": {"config/branch_rules.json": {"sha256": "…", "bytes": 1234, "count": 57}, …}}

`read_pack` checks the manifest, that every listed file is present with its checksum, and
that no unlisted file is there; every problem is reported in German with the file or field.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass

FORMAT = "anett-transfer"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MAX_FILES = 500
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


class PackError(Exception):
    """The pack cannot be used; the message (German) names the file or field."""


@dataclass(frozen=True)
class PackFile:
    path: str
    data: bytes
    count: int | None = None  # entries in the file (a JSON list's length), if meaningful


@dataclass
class Pack:
    manifest: dict
    files: dict[str, bytes]

    def json(self, path: str):
        try:
            return json.loads(self.files[path].decode("utf-8"))
        except KeyError:
            raise PackError(f"Die Datei „{path}“ fehlt im Paket.") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PackError(f"Die Datei „{path}“ ist kein gültiges JSON: {exc}") from None

    def has(self, path: str) -> bool:
        return path in self.files

    def paths(self, prefix: str) -> list[str]:
        return sorted(p for p in self.files if p.startswith(prefix))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dump_json(value) -> bytes:
    """Stable JSON (sorted keys, indented, UTF-8) so that equal content gives equal bytes."""
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def build_pack(files: list[PackFile], *, source: str, created_at: str) -> bytes:
    """A zip with the files and their manifest."""
    seen = set()
    for f in files:
        if f.path in seen or f.path == MANIFEST:
            raise ValueError(f"duplicate or reserved path {f.path}")
        seen.add(f.path)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": created_at,
        "source": source,
        "files": {
            f.path: {"sha256": sha256(f.data), "bytes": len(f.data), "count": f.count}
            for f in files
        },
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, dump_json(manifest))
        for f in files:
            zf.writestr(f.path, f.data)
    return buf.getvalue()


def _require(mapping: dict, key: str, kind, where: str):
    if key not in mapping:
        raise PackError(f"{where}: das Feld „{key}“ fehlt.")
    value = mapping[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise PackError(f"{where}: das Feld „{key}“ hat einen ungültigen Wert.")
    return value


def read_pack(data: bytes) -> Pack:
    """Open and verify a pack; raises PackError with a German message."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise PackError("Die Datei ist kein ZIP-Archiv (Transferpaket erwartet).") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_FILES:
            raise PackError(f"Das Paket enthält mehr als {MAX_FILES} Dateien.")
        if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
            raise PackError("Das Paket ist entpackt größer als 200 MB.")
        names = {i.filename for i in infos if not i.is_dir()}
        if MANIFEST not in names:
            raise PackError("Die Datei „manifest.json“ fehlt: das ist kein Transferpaket.")
        try:
            manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PackError(f"„manifest.json“ ist kein gültiges JSON: {exc}") from None
        if not isinstance(manifest, dict):
            raise PackError("„manifest.json“: ein Objekt wird erwartet.")
        where = "manifest.json"
        if _require(manifest, "format", str, where) != FORMAT:
            raise PackError(f"{where}: „format“ ist nicht „{FORMAT}“.")
        version = _require(manifest, "format_version", int, where)
        if version != FORMAT_VERSION:
            raise PackError(
                f"{where}: Formatversion {version} wird nicht unterstützt "
                f"(diese Installation liest Version {FORMAT_VERSION})."
            )
        _require(manifest, "created_at", str, where)
        _require(manifest, "source", str, where)
        listed = _require(manifest, "files", dict, where)
        files: dict[str, bytes] = {}
        for path, meta in listed.items():
            fwhere = f"{where}, Eintrag „{path}“"
            if not isinstance(meta, dict):
                raise PackError(f"{fwhere}: ein Objekt wird erwartet.")
            expected = _require(meta, "sha256", str, fwhere)
            if path not in names:
                raise PackError(f"Die Datei „{path}“ steht im Manifest, fehlt aber im Paket.")
            content = zf.read(path)
            if sha256(content) != expected:
                raise PackError(
                    f"Die Prüfsumme der Datei „{path}“ stimmt nicht: "
                    "die Datei wurde verändert oder ist beschädigt."
                )
            files[path] = content
        extra = sorted(names - set(listed) - {MANIFEST})
        if extra:
            raise PackError(f"Die Datei „{extra[0]}“ steht nicht im Manifest.")
    return Pack(manifest, files)
