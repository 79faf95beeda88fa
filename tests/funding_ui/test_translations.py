"""Every English msgid of the Förderrechner has a German text in the translation scripts
(`make messages` fills them into the .po file)."""

import ast
import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "src/anett/funding"
PY = [
    "models.py",
    "forms.py",
    "views.py",
    "services.py",
    "exports.py",
    "matching_services.py",
    "matching_views.py",
    "records.py",
]
CALL = re.compile(r"\b(?:_|gettext|gettext_lazy)\(\s*((?:\"(?:[^\"\\]|\\.)*\"\s*)+)[,)]")
TAG = re.compile(r"{% translate \"([^\"]+)\" %}")


def _translations() -> dict:
    merged = {}
    for path in sorted((ROOT / "scripts").glob("de_translations*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        merged.update(module.DE)
    return merged


def _msgids() -> set[str]:
    ids = set()
    for name in PY:
        for m in CALL.finditer((APP / name).read_text(encoding="utf-8")):
            ids.add(ast.literal_eval("(" + m.group(1) + ")"))
    for path in (APP / "templates/funding").glob("*.html"):
        ids.update(TAG.findall(path.read_text(encoding="utf-8")))
    return ids


def test_every_msgid_has_german():
    de = _translations()
    ids = _msgids()
    assert len(ids) > 150
    missing = sorted(i for i in ids if i not in de)
    assert missing == []


def test_plural_entries_are_pairs():
    spec = importlib.util.spec_from_file_location("f", ROOT / "scripts/de_translations_funding.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for msgid, german in module.DE.items():
        if "%(n)s" in msgid:
            assert isinstance(german, tuple) and len(german) == 2, msgid
        else:
            assert isinstance(german, str) and german, msgid
    assert module.DE["eligible for funding"] == "förderfähig"
    assert module.DE["not eligible"] == "nicht förderfähig"
    assert module.DE["to be checked"] == "prüfen"
