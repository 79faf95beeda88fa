"""The programme catalogue: one TOML file per programme and version under `programmes/`.

Each file carries the version's validity dates, legal basis, sources, whether it grants a
legal entitlement, its date-versioned parameters and the rules not yet confirmed by a primary
source. The formulas live in `anett.funding.rules.<rules>`; the file names the module.
Plain Python, no Django imports.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from .parameters import CONFIRMED_TAGS, TAGS, Parameter, ParameterError, ParamValue

PROGRAMME_DIR = Path(__file__).resolve().parent / "programmes"

# Stable programme ids, in output order.
PROGRAMME_IDS = (
    "sgb3-82",
    "sgb3-82a",
    "sgb3-110",
    "sgb3-111",
    "sgb3-111a",
    "th-fwrl-anpassung",
    "th-weiterbildungsscheck",
    "th-bildungsfreistellung",
    "afbg",
    "inqa-coaching",
    "bafa-beratung",
    "th-meisterbonus",
    "bildungspraemie",
    "go-digital",
)

_REQUIRED = {"id", "version", "title", "rules", "version_date", "active", "entitlement"}
_ALLOWED = _REQUIRED | {
    "valid_from",
    "valid_until",
    "draft",
    "kinds",
    "legal_basis",
    "entitlement_ref",
    "sources",
    "before",
    "after",
    "note",
    "parameters",
    "unverified",
}


@dataclass(frozen=True, slots=True)
class Unverified:
    key: str
    text: str  # German, shown to users
    tag: str
    source: str = ""

    def as_dict(self) -> dict:
        return {"rule": self.key, "tag": self.tag, "text": self.text, "source": self.source}


@dataclass(frozen=True, slots=True)
class Version:
    programme: str
    version: str
    title: str
    rules: str
    version_date: str  # which case date selects the version: "start" or "application"
    active: bool
    entitlement: bool
    valid_from: date | None
    valid_until: date | None
    draft: bool
    kinds: tuple[str, ...]
    legal_basis: str
    entitlement_ref: str
    sources: tuple[str, ...]
    before: str  # outside the catalogue before the first version: "not_eligible" or "check"
    after: str  # after the last version: "ended" (not_eligible) or "open" (check)
    note: str
    parameters: dict[str, Parameter]
    unverified: dict[str, Unverified]
    path: str

    def covers(self, when: date) -> bool:
        return (self.valid_from is None or self.valid_from <= when) and (
            self.valid_until is None or when <= self.valid_until
        )

    def param(self, name: str, when: date) -> ParamValue:
        try:
            p = self.parameters[name]
        except KeyError:
            raise ParameterError(f"{self.path}: no parameter {name!r}") from None
        return p.at(when)


def _date_or_none(raw, where: str) -> date | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(raw)
    except (TypeError, ValueError):
        raise ParameterError(f"{where}: invalid date {raw!r}") from None


def load_version(path: Path) -> Version:
    where = path.name
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    missing = _REQUIRED - set(data)
    if missing:
        raise ParameterError(f"{where}: missing keys {sorted(missing)}")
    extra = set(data) - _ALLOWED
    if extra:
        raise ParameterError(f"{where}: unknown keys {sorted(extra)}")
    if data["id"] not in PROGRAMME_IDS:
        raise ParameterError(f"{where}: unknown programme id {data['id']!r}")
    if data["version_date"] not in ("start", "application"):
        raise ParameterError(f"{where}: version_date must be 'start' or 'application'")
    unverified = {}
    for key, item in data.get("unverified", {}).items():
        tag = item.get("tag", "UNVERIFIED")
        if tag not in TAGS or tag in CONFIRMED_TAGS:
            raise ParameterError(f"{where}: unverified.{key}: tag must be SEC or UNVERIFIED")
        unverified[key] = Unverified(key, item["text"], tag, item.get("source", ""))
    params = {
        name: Parameter.from_data(name, item, "V-LAW", where)
        for name, item in data.get("parameters", {}).items()
    }
    version = Version(
        programme=data["id"],
        version=str(data["version"]),
        title=data["title"],
        rules=data["rules"],
        version_date=data["version_date"],
        active=bool(data["active"]),
        entitlement=bool(data["entitlement"]),
        valid_from=_date_or_none(data.get("valid_from"), where),
        valid_until=_date_or_none(data.get("valid_until"), where),
        draft=bool(data.get("draft", False)),
        kinds=tuple(data.get("kinds", ("training",))),
        legal_basis=data.get("legal_basis", ""),
        entitlement_ref=data.get("entitlement_ref", ""),
        sources=tuple(data.get("sources", ())),
        before=data.get("before", "not_eligible"),
        after=data.get("after", "open"),
        note=data.get("note", ""),
        parameters=params,
        unverified=unverified,
        path=where,
    )
    if version.before not in ("not_eligible", "check") or version.after not in ("ended", "open"):
        raise ParameterError(f"{where}: before/after has an unknown value")
    return version


@dataclass(frozen=True)
class Programme:
    id: str
    versions: tuple[Version, ...]  # sorted by valid_from, drafts excluded unless asked for

    @property
    def active(self) -> bool:
        return self.versions[-1].active

    def select(self, start: date | None, application: date | None, fallback: date):
        """Return (version, when, why) for the case dates; version None when none covers it.

        `why` is None, "before" or "after" (outside the catalogue's dates).
        """
        first = self.versions[0]
        wanted = start if first.version_date == "start" else application
        when = wanted or fallback
        for v in reversed(self.versions):
            if v.covers(when):
                return v, when, None
        if first.valid_from is not None and when < first.valid_from:
            return None, when, "before"
        return None, when, "after"


@lru_cache(maxsize=2)
def load_catalogue(include_drafts: bool = False) -> dict[str, Programme]:
    """All programmes, keyed by id, in PROGRAMME_IDS order."""
    by_id: dict[str, list[Version]] = {pid: [] for pid in PROGRAMME_IDS}
    for path in sorted(PROGRAMME_DIR.glob("*.toml")):
        v = load_version(path)
        if v.draft and not include_drafts:
            continue
        by_id[v.programme].append(v)
    out = {}
    for pid, versions in by_id.items():
        if not versions:
            raise ParameterError(f"no version file for programme {pid}")
        versions.sort(key=lambda v: v.valid_from or date.min)
        if include_drafts:
            # A draft replaces the version it overlaps from its start on.
            versions = _apply_drafts(versions)
        _check_no_overlap(pid, versions)
        out[pid] = Programme(pid, tuple(versions))
    return out


def _apply_drafts(versions: list[Version]) -> list[Version]:
    drafts = [v for v in versions if v.draft]
    if not drafts:
        return versions
    from dataclasses import replace

    out = []
    for v in versions:
        if v.draft:
            continue
        for d in drafts:
            if d.valid_from and v.covers(d.valid_from) and v.valid_until is None:
                v = replace(v, valid_until=date.fromordinal(d.valid_from.toordinal() - 1))
        out.append(v)
    return sorted(out + drafts, key=lambda v: v.valid_from or date.min)


def _check_no_overlap(pid: str, versions: list[Version]) -> None:
    for a, b in zip(versions, versions[1:], strict=False):
        if a.valid_until is None or b.valid_from is None or a.valid_until >= b.valid_from:
            raise ParameterError(f"{pid}: versions {a.version} and {b.version} overlap")
