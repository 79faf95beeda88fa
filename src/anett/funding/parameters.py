"""Date-versioned parameters (rates, thresholds, caps), kept apart from the formulas.

The idea is OpenFisca's (`openfisca_core.parameters`): a parameter is a list of values, each
valid from a date until the next one; formulas ask for the value at an instant. We add what
OpenFisca does not have: a confidence tag per value, so that a formula that uses a value no
primary source confirmed reports it (see docs/decisions.md, "Funding engine").

Plain Python, no Django imports.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Any

# Tags of docs/shared funding-rules.md. V-LAW: statute seen; V-COMM: commentary or official
# page; SEC: secondary sources only; UNVERIFIED: no primary or official source.
TAGS = ("V-LAW", "V-COMM", "SEC", "UNVERIFIED")
CONFIRMED_TAGS = frozenset({"V-LAW", "V-COMM"})


class ParameterError(ValueError):
    """A programme data file is malformed, or a value is asked for outside its dates."""


@dataclass(frozen=True, slots=True)
class ParamValue:
    start: date
    value: Any
    tag: str
    source: str = ""
    note: str = ""

    @property
    def confirmed(self) -> bool:
        return self.tag in CONFIRMED_TAGS


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    description: str
    ref: str
    values: tuple[ParamValue, ...]  # sorted by start
    unit: str = ""
    starts: tuple[date, ...] = ()

    def at(self, when: date) -> ParamValue:
        """The value in force on `when` (the last one starting on or before it)."""
        i = bisect_right(self.starts, when)
        if i == 0:
            raise ParameterError(f"{self.name}: no value before {self.values[0].start}")
        return self.values[i - 1]

    @classmethod
    def from_data(cls, name: str, data: dict, default_tag: str, where: str) -> Parameter:
        allowed = {"description", "ref", "unit", "values", "tag", "source", "note"}
        extra = set(data) - allowed
        if extra:
            raise ParameterError(f"{where}: parameter {name}: unknown keys {sorted(extra)}")
        raw = data.get("values")
        if not isinstance(raw, list) or not raw:
            raise ParameterError(f"{where}: parameter {name}: 'values' must be a non-empty list")
        tag0 = data.get("tag", default_tag)
        values = []
        for item in raw:
            if not isinstance(item, dict) or "value" not in item:
                raise ParameterError(f"{where}: parameter {name}: each value needs a value")
            extra = set(item) - {"from", "value", "tag", "source", "note"}
            if extra:
                raise ParameterError(f"{where}: parameter {name}: unknown keys {sorted(extra)}")
            tag = item.get("tag", tag0)
            if tag not in TAGS:
                raise ParameterError(f"{where}: parameter {name}: unknown tag {tag!r}")
            # Without "from" the value holds for the whole version (no known start date).
            start = item.get("from", date.min)
            if isinstance(start, str):
                start = date.fromisoformat(start)
            values.append(
                ParamValue(
                    start=start,
                    value=_freeze(item["value"]),
                    tag=tag,
                    source=item.get("source", data.get("source", "")),
                    note=item.get("note", data.get("note", "")),
                )
            )
        values.sort(key=lambda v: v.start)
        if len({v.start for v in values}) != len(values):
            raise ParameterError(f"{where}: parameter {name}: two values with the same date")
        return cls(
            name=name,
            description=data.get("description", ""),
            ref=data.get("ref", ""),
            values=tuple(values),
            unit=data.get("unit", ""),
            starts=tuple(v.start for v in values),
        )


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value


def bracket(value: float, thresholds: tuple) -> int:
    """Index of the class of `value` for ascending upper bounds (class i: value < thresholds[i]).

    bracket(49, (50, 500)) == 0, bracket(50, (50, 500)) == 1, bracket(500, (50, 500)) == 2.
    """
    return bisect_right(thresholds, value)
