"""Fill German translations into locale/de/LC_MESSAGES/django.po from de_translations.py.

Used by `make messages` after makemessages; keeps translations in reviewable Python.
"""

import ast
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load_translations() -> dict:
    """German texts from scripts/de_translations.py and every de_translations_<app>.py."""
    import importlib.util

    merged = {}
    for path in sorted(HERE.glob("de_translations*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        merged.update(module.DE)
    return merged


DE = load_translations()

PO = Path(__file__).resolve().parent.parent / "src/anett/locale/de/LC_MESSAGES/django.po"


def unquote(lines):
    return "".join(
        ast.literal_eval(line.split(" ", 1)[1] if line.startswith("msg") else line)
        for line in lines
    )


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _unfuzzy(line: str) -> str:
    """Our translation replaces msgmerge's guess: drop the fuzzy flag."""
    if not line.startswith("#,"):
        return line
    flags = [f.strip() for f in line[2:].split(",") if f.strip() != "fuzzy"]
    return "#, " + ", ".join(flags) if flags else ""


def main():
    entries = PO.read_text(encoding="utf-8").split("\n\n")
    out, missing = [], []
    for entry in entries:
        lines = entry.split("\n")
        head = [ln for ln in lines if not ln.startswith(("msgid", "msgstr", '"', "msgid_plural"))]
        body = [ln for ln in lines if ln not in head]
        if not body:
            out.append(entry)
            continue
        # split body into blocks
        blocks, cur = [], None
        for ln in body:
            if re.match(r"^(msgid|msgid_plural|msgstr(\[\d\])?) ", ln):
                cur = [ln]
                blocks.append(cur)
            else:
                cur.append(ln)
        keyed = {b[0].split(" ", 1)[0]: b for b in blocks}
        msgid = unquote(keyed["msgid"])
        if msgid == "":
            out.append(entry)
            continue
        head = [_unfuzzy(ln) for ln in head if not ln.startswith("#|")]
        head = [ln for ln in head if ln]
        tr = DE.get(msgid)
        if tr is None:
            missing.append(msgid)
            out.append(entry)
            continue
        new = head + [*keyed["msgid"]]
        if "msgid_plural" in keyed:
            new += keyed["msgid_plural"]
            singular, plural = tr
            new += [f"msgstr[0] {quote(singular)}", f"msgstr[1] {quote(plural)}"]
        else:
            new.append(f"msgstr {quote(tr)}")
        out.append("\n".join(new))
    PO.write_text("\n\n".join(out), encoding="utf-8")
    if missing:
        print("Missing German translations:")
        for m in missing:
            print("  ", repr(m))
        sys.exit(1)


if __name__ == "__main__":
    main()
