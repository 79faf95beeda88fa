"""Merging two records of the same firm: which record survives, which values it keeps,
when a pair may be merged without a human, and which pairs must not be proposed again.

Plain Python, no Django: the services adapt the ORM to these functions, the unit tests
in ``tests/duplicates/test_plan.py`` check them alone. Values are the plain field values
of a company (``kreis_id`` for the district); "empty" means nothing is known: ``None``,
``""``, ``"unknown"`` of the yes/no/unknown fields, and the first pipeline stage.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SURVIVOR = "survivor"
OTHER = "other"
BOTH = "both"

# Fields a user chooses between when both records hold different, non-empty values.
CHOICE_FIELDS = (
    "name",
    "legal_form",
    "street",
    "postcode",
    "city",
    "kreis_id",
    "wz_code",
    "employees_site",
    "employees_enterprise",
    "turnover_eur",
    "balance_sheet_eur",
    "works_council",
    "collective_agreement",
    "union_scope",
    "website",
    "phone",
    "stage",
)
# Text fields that can keep both values; by default they do.
COMBINABLE_FIELDS = ("sources", "notes")
MERGE_FIELDS = CHOICE_FIELDS + COMBINABLE_FIELDS

# Per field, values that say "nothing known" besides None and "".
EMPTY_MARKERS: dict[str, frozenset] = {
    "works_council": frozenset({"unknown"}),
    "collective_agreement": frozenset({"unknown"}),
    "stage": frozenset({"identified"}),
}

NOTES_SEPARATOR = "\n\n"


def is_empty(field: str, value) -> bool:
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    return value in EMPTY_MARKERS.get(field, ())


def _same(a, b) -> bool:
    """Equal values; text compared with whitespace collapsed, but with its case (an
    upper-case name from a list is a different spelling to choose from)."""
    if isinstance(a, str) and isinstance(b, str):
        return " ".join(a.split()) == " ".join(b.split())
    return a == b


def differing_fields(a: Mapping, b: Mapping) -> list[str]:
    """Fields where both records hold a value and the values differ: the user's choice."""
    return [
        f
        for f in MERGE_FIELDS
        if not is_empty(f, a.get(f)) and not is_empty(f, b.get(f)) and not _same(a[f], b[f])
    ]


def agreeing_fields(a: Mapping, b: Mapping) -> list[str]:
    """Fields where both records hold the same value (highlighted side by side)."""
    return [
        f
        for f in MERGE_FIELDS
        if not is_empty(f, a.get(f)) and not is_empty(f, b.get(f)) and _same(a[f], b[f])
    ]


def default_choice(field: str) -> str:
    """Where both differ: the surviving record's value, except for sources and notes,
    which keep both (nothing written by someone is lost silently)."""
    return BOTH if field in COMBINABLE_FIELDS else SURVIVOR


def split_sources(text: str) -> list[str]:
    return [s.strip() for s in (text or "").split(",") if s.strip()]


def combine_sources(a: str, b: str) -> str:
    seen: dict[str, str] = {}
    for item in [*split_sources(a), *split_sources(b)]:
        seen.setdefault(item.casefold(), item)
    return ", ".join(seen.values())


def combine_notes(a: str, b: str, other_label: str = "") -> str:
    a, b = (a or "").strip(), (b or "").strip()
    if not b or b in a:
        return a
    if not a:
        return b
    head = f"{other_label}\n" if other_label else ""
    return f"{a}{NOTES_SEPARATOR}{head}{b}"


def merged_values(
    survivor: Mapping,
    other: Mapping,
    choices: Mapping[str, str] | None = None,
    *,
    other_label: str = "",
) -> dict:
    """The values the surviving record gets, only the ones that change.

    A field empty in the survivor takes the other record's value; where both hold
    different values, ``choices[field]`` decides (SURVIVOR, OTHER, or BOTH for sources
    and notes), by default ``default_choice``. ``other_label`` heads the notes taken over
    from the other record."""
    choices = dict(choices or {})
    out = {}
    for field in MERGE_FIELDS:
        mine, theirs = survivor.get(field), other.get(field)
        if is_empty(field, theirs):
            continue
        if is_empty(field, mine):
            value = theirs
        elif _same(mine, theirs):
            continue
        else:
            choice = choices.get(field) or default_choice(field)
            if choice == OTHER:
                value = theirs
            elif choice == BOTH and field == "sources":
                value = combine_sources(mine, theirs)
            elif choice == BOTH and field == "notes":
                value = combine_notes(mine, theirs, other_label)
            else:
                continue
        if value != mine:
            out[field] = value
    return out


def validate_choices(choices: Mapping[str, str]) -> list[str]:
    """Fields with a choice that is not allowed for them (English field names)."""
    bad = []
    for field, choice in choices.items():
        allowed = (SURVIVOR, OTHER, BOTH) if field in COMBINABLE_FIELDS else (SURVIVOR, OTHER)
        if field not in MERGE_FIELDS or choice not in allowed:
            bad.append(field)
    return bad


@dataclass(frozen=True)
class FirmFacts:
    """What speaks for keeping a record: the work attached to it and its age."""

    id: int
    related_rows: int  # contacts, activities, checks, tasks, source records, …
    filled_fields: int


def choose_survivor(a: FirmFacts, b: FirmFacts) -> int:
    """The record to keep: the one with more work attached (moving fewer rows), then
    the one with more filled fields, then the older one (lower id)."""
    key_a = (-a.related_rows, -a.filled_fields, a.id)
    key_b = (-b.related_rows, -b.filled_fields, b.id)
    return a.id if key_a <= key_b else b.id


def filled_count(values: Mapping) -> int:
    return sum(not is_empty(f, values.get(f)) for f in MERGE_FIELDS)


# --------------------------------------------------------------------------- threshold

OFF = "off"
PROBABILITY = "probability"
WEIGHT = "weight"


def auto_merge_allowed(kind: str, threshold: float | None, probability: float, weight: float):
    """Whether a pair is merged without a human: only when the coordinators switched it
    on, and only strictly above their threshold."""
    if kind == OFF or threshold is None:
        return False
    if kind == PROBABILITY:
        return probability > threshold
    if kind == WEIGHT:
        return weight > threshold
    return False


# Match weight in words: (lowest weight, key). The weight is log2 of the Bayes factor,
# so +10 means the evidence is about 1000 times likelier for one firm than for two.
WEIGHT_WORDS = (
    (20.0, "very_strong"),
    (10.0, "strong"),
    (4.0, "moderate"),
    (0.0, "weak"),
)


def weight_in_words(weight: float) -> str:
    for lowest, key in WEIGHT_WORDS:
        if weight >= lowest:
            return key
    return "against"


def bayes_factor(weight: float) -> float:
    return 2.0**weight


# --------------------------------------------------------------------------- decisions


def ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def merge_roots(merges: Iterable[tuple[int, int]]) -> dict[int, int]:
    """removed id -> the id of the record it lives on in now, following chains of
    merges (B into A, then A into Z: B -> Z)."""
    parent = dict(merges)

    def root(x: int) -> int:
        seen = set()
        while x in parent and x not in seen:
            seen.add(x)
            x = parent[x]
        return x

    return {removed: root(removed) for removed in parent}


def blocked_pairs(
    kept_separate: Iterable[tuple[int, int]], roots: Mapping[int, int]
) -> set[tuple[int, int]]:
    """Pairs that must not be proposed again: those kept separate, also after either
    record was merged into another (B kept apart from C, B merged into A: A–C too)."""
    out = set()
    for a, b in kept_separate:
        ra, rb = roots.get(a, a), roots.get(b, b)
        out.add(ordered(a, b))
        if ra != rb:
            out.add(ordered(ra, rb))
    return out
