"""Read a workshop "Fazit" written in Word or an e-mail into numbered points. Plain Python.

The layout is the network's own (see `data/workshop-fazit-2022-02-23.txt`): an optional
"FAZIT" line, the workshop title, its date (DD.MM.YYYY), then points. A point starts with a
heading line ("1. Pilotregion", "Weiteres Verfahren"); the bullet lines below it ("- …",
"→ …", indented sub-bullets) are its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_NUMBER = re.compile(r"^\s*\d+[.)]\s*")
_BULLETS = ("-", "–", "•", "→", "➔", "*")


@dataclass
class Point:
    heading: str
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


@dataclass
class Fazit:
    title: str = ""
    day: date | None = None
    points: list[Point] = field(default_factory=list)


def _is_heading(line: str) -> bool:
    return bool(line) and not line[0].isspace() and not line.lstrip().startswith(_BULLETS)


def parse(text: str) -> Fazit:
    result = Fazit()
    current: Point | None = None
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.rstrip().replace("**", "")
        if not line.strip():
            continue
        if current is None and not result.points:
            if line.strip().upper() == "FAZIT":
                continue
            match = _DATE.match(line)
            if match and result.day is None:
                d, m, y = (int(g) for g in match.groups())
                try:
                    result.day = date(y, m, d)
                except ValueError:
                    pass
                continue
            if not result.title and not _NUMBER.match(line) and result.day is None:
                result.title = line.strip()
                continue
        if _is_heading(line) and not _looks_like_sentence(line):
            current = Point(_NUMBER.sub("", line).strip())
            result.points.append(current)
        elif current is not None:
            current.lines.append(line)
        else:
            current = Point("")
            current.lines.append(line)
            result.points.append(current)
    return result


def _looks_like_sentence(line: str) -> bool:
    """A long line ending in a full stop is text, not a heading."""
    return len(line) > 90 or (line.rstrip().endswith(".") and len(line.split()) > 8)
