"""Classification of companies. Plain Python, no Django model imports.

- WZ 2008 codes: normalisation and validation against the official classification
  (data of the `wz-code` package, Destatis WZ 2008 with German titles).
- Branch group from an editable list of WZ prefixes (longest prefix wins).
- EU SME class after Commission Recommendation 2003/361/EC.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

AUTOMOTIVE = "automotive"
SUPPLIER = "supplier"
NEIGHBOURING = "neighbouring"
OTHER = "other"
BRANCH_GROUPS = (AUTOMOTIVE, SUPPLIER, NEIGHBOURING, OTHER)

MICRO, SMALL, MEDIUM, LARGE, UNKNOWN = "micro", "small", "medium", "large", "unknown"
SME_CLASSES = (MICRO, SMALL, MEDIUM, LARGE, UNKNOWN)

_WZ_DIGITS = re.compile(r"^\d{2,5}$")


class InvalidWZ(ValueError):
    pass


@lru_cache(maxsize=1)
def _wz2008():
    from wz_code import WZ

    return WZ(version="2008")


def normalise_wz(raw: str) -> str:
    """Bring a WZ code into the dotted notation: '2932' -> '29.32', '29320' -> '29.32.0'.

    Accepts '29.32.0', '29.32', '2932', '29320', '29 32 0', 'WZ 29.32'. Raises InvalidWZ
    when the text is not a WZ code of 2 to 5 digits.
    """
    text = (raw or "").strip().upper().removeprefix("WZ").strip()
    digits = re.sub(r"[\s.\-]", "", text)
    if not _WZ_DIGITS.match(digits):
        raise InvalidWZ(raw)
    if len(digits) == 2:
        return digits
    if len(digits) == 3:
        return f"{digits[:2]}.{digits[2]}"
    if len(digits) == 4:
        return f"{digits[:2]}.{digits[2:]}"
    return f"{digits[:2]}.{digits[2:4]}.{digits[4]}"


def wz_title(code: str) -> str | None:
    """German title of a normalised WZ 2008 code, or None when the code does not exist."""
    wz = _wz2008()
    if not wz.exists(code):
        return None
    return wz.get(code).title


def validate_wz(raw: str) -> str:
    """Return the normalised code if it exists in WZ 2008, else raise InvalidWZ."""
    code = normalise_wz(raw)
    if wz_title(code) is None:
        raise InvalidWZ(raw)
    return code


@dataclass(frozen=True)
class BranchRule:
    prefix: str  # normalised WZ prefix, e.g. "29.3" or "24"
    branch_group: str
    union_scope: str = ""


def _matches(code: str, prefix: str) -> bool:
    return code == prefix or code.startswith(prefix) and len(code) > len(prefix)


def classify_branch(code: str, rules: list[BranchRule]) -> tuple[str, str]:
    """Branch group and union scope for a WZ code; the longest matching prefix wins.

    The union scope is taken from the longest rule that names one, so that a
    specific branch rule without union scope does not erase a division-wide one.
    """
    if not code:
        return OTHER, ""
    matching = sorted((r for r in rules if _matches(code, r.prefix)), key=lambda r: len(r.prefix))
    group = matching[-1].branch_group if matching else OTHER
    union = next((r.union_scope for r in reversed(matching) if r.union_scope), "")
    return group, union


def sme_class(
    headcount: int | None,
    turnover_eur: Decimal | float | None = None,
    balance_sheet_eur: Decimal | float | None = None,
) -> str:
    """EU SME class. Without headcount the class is unknown.

    With headcount but no financial figure the class follows the headcount alone
    (the financial ceilings can only move a firm up, never down).
    """
    if headcount is None:
        return UNKNOWN
    ceilings = [
        (MICRO, 10, 2_000_000, 2_000_000),
        (SMALL, 50, 10_000_000, 10_000_000),
        (MEDIUM, 250, 50_000_000, 43_000_000),
    ]
    for name, max_staff, max_turnover, max_balance in ceilings:
        if headcount >= max_staff:
            continue
        if turnover_eur is None and balance_sheet_eur is None:
            return name
        if (turnover_eur is not None and turnover_eur <= max_turnover) or (
            balance_sheet_eur is not None and balance_sheet_eur <= max_balance
        ):
            return name
    return LARGE


def is_sme(cls: str) -> bool:
    return cls in (MICRO, SMALL, MEDIUM)


# Seed of the editable mapping, from docs of the network (domain/network.md).
DEFAULT_BRANCH_RULES = [
    BranchRule("29.1", AUTOMOTIVE),
    BranchRule("29.2", AUTOMOTIVE),
    BranchRule("29.3", AUTOMOTIVE),
    BranchRule("22.1", SUPPLIER),
    BranchRule("22.2", SUPPLIER),
    BranchRule("24", SUPPLIER),
    BranchRule("25", SUPPLIER),
    BranchRule("26", SUPPLIER),
    BranchRule("27", SUPPLIER),
    BranchRule("28.1", SUPPLIER),
    BranchRule("13.9", SUPPLIER),
    BranchRule("20.3", SUPPLIER),
    BranchRule("23.1", SUPPLIER),
    BranchRule("30", NEIGHBOURING),
    BranchRule("33", NEIGHBOURING),
    BranchRule("45", NEIGHBOURING),
    BranchRule("49.4", NEIGHBOURING),
    BranchRule("62", NEIGHBOURING),
    BranchRule("71", NEIGHBOURING),
    BranchRule("72", NEIGHBOURING),
]
IG_METALL = "IG Metall"
IG_BCE = "IG BCE"
DEFAULT_UNION_RULES = (
    [BranchRule(f"{d}", OTHER, IG_METALL) for d in range(24, 31)]
    + [
        BranchRule("33", OTHER, IG_METALL),
        BranchRule("45", OTHER, IG_METALL),
    ]
    + [BranchRule(f"{d}", OTHER, IG_BCE) for d in range(19, 24)]
)


def default_rules() -> list[BranchRule]:
    """Merge branch and union defaults into one rule per prefix."""
    merged: dict[str, BranchRule] = {}
    for rule in DEFAULT_UNION_RULES:
        merged[rule.prefix] = rule
    for rule in DEFAULT_BRANCH_RULES:
        union = merged[rule.prefix].union_scope if rule.prefix in merged else ""
        merged[rule.prefix] = BranchRule(rule.prefix, rule.branch_group, union)
    return sorted(merged.values(), key=lambda r: r.prefix)


def search_key(text: str) -> str:
    """Lower-case text with umlauts folded, used for search on name and town (stored in
    ``Company.search_text``; the import's worker processes compute it without Django)."""
    text = text.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    return " ".join(text.split())[:400]
