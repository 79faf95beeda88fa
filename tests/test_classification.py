"""WZ codes, branch groups and SME classes (plain Python, no database)."""

from decimal import Decimal

import pytest

from anett.companies import classification as cls
from anett.companies.classification import BranchRule


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("29.32.0", "29.32.0"),
        ("2932", "29.32"),
        ("29320", "29.32.0"),
        ("29.32", "29.32"),
        ("WZ 29.32", "29.32"),
        ("wz29.32.0", "29.32.0"),
        (" 29 32 0 ", "29.32.0"),
        ("29", "29"),
        ("293", "29.3"),
    ],
)
def test_normalise_wz(raw, expected):
    assert cls.normalise_wz(raw) == expected


@pytest.mark.parametrize("raw", ["", None, "2", "293201", "ab", "29.3a", "WZ", "29/32", "x2932"])
def test_normalise_wz_rejects_non_codes(raw):
    with pytest.raises(cls.InvalidWZ):
        cls.normalise_wz(raw)


def test_invalid_wz_is_a_value_error():
    assert issubclass(cls.InvalidWZ, ValueError)


def test_validate_wz_accepts_existing_codes():
    assert cls.validate_wz("2932") == "29.32"
    assert cls.validate_wz("29.32.0") == "29.32.0"
    assert cls.validate_wz("WZ 62.01") == "62.01"


@pytest.mark.parametrize("raw", ["99.99", "9999", "29.99", "ab"])
def test_validate_wz_rejects_codes_not_in_wz2008(raw):
    with pytest.raises(cls.InvalidWZ):
        cls.validate_wz(raw)


def test_wz_title():
    assert cls.wz_title("29.32")
    assert cls.wz_title("99.99") is None


@pytest.mark.parametrize(
    ("code", "group", "union"),
    [
        ("29.32.0", cls.AUTOMOTIVE, cls.IG_METALL),
        ("22.19.0", cls.SUPPLIER, cls.IG_BCE),
        ("28.41", cls.OTHER, cls.IG_METALL),  # 28.1 is supplier, 28.4 is not; 28 is IG Metall
        ("28.15.0", cls.SUPPLIER, cls.IG_METALL),
        ("62.01", cls.NEIGHBOURING, ""),
        ("10.71", cls.OTHER, ""),
        ("45.20", cls.NEIGHBOURING, cls.IG_METALL),
        ("", cls.OTHER, ""),
    ],
)
def test_classify_branch_with_default_rules(code, group, union):
    assert cls.classify_branch(code, cls.default_rules()) == (group, union)


def test_classify_branch_longest_prefix_wins():
    rules = [
        BranchRule("29", cls.SUPPLIER, "IG Metall"),
        BranchRule("29.3", cls.AUTOMOTIVE),
        BranchRule("29.32", cls.NEIGHBOURING),
    ]
    assert cls.classify_branch("29.32.0", rules) == (cls.NEIGHBOURING, "IG Metall")
    assert cls.classify_branch("29.31", rules) == (cls.AUTOMOTIVE, "IG Metall")
    assert cls.classify_branch("29.10", rules) == (cls.SUPPLIER, "IG Metall")
    # a rule never matches a code shorter than its prefix
    assert cls.classify_branch("2", rules) == (cls.OTHER, "")


def test_classify_branch_union_from_longest_rule_naming_one():
    rules = [
        BranchRule("22", cls.OTHER, "IG BCE"),
        BranchRule("22.1", cls.SUPPLIER, "IG Metall"),
        BranchRule("22.19", cls.AUTOMOTIVE),
    ]
    assert cls.classify_branch("22.19.0", rules) == (cls.AUTOMOTIVE, "IG Metall")
    assert cls.classify_branch("22.21", rules) == (cls.OTHER, "IG BCE")


def test_default_rules_have_one_rule_per_prefix():
    rules = cls.default_rules()
    prefixes = [r.prefix for r in rules]
    assert len(prefixes) == len(set(prefixes))
    assert prefixes == sorted(prefixes)
    by_prefix = {r.prefix: r for r in rules}
    # branch rule and union rule on the same prefix are merged
    assert by_prefix["24"] == BranchRule("24", cls.SUPPLIER, cls.IG_METALL)
    assert by_prefix["30"] == BranchRule("30", cls.NEIGHBOURING, cls.IG_METALL)
    assert by_prefix["62"] == BranchRule("62", cls.NEIGHBOURING, "")


@pytest.mark.parametrize(
    ("headcount", "expected"),
    [
        (0, cls.MICRO),
        (9, cls.MICRO),
        (10, cls.SMALL),
        (49, cls.SMALL),
        (50, cls.MEDIUM),
        (249, cls.MEDIUM),
        (250, cls.LARGE),
        (10_000, cls.LARGE),
        (None, cls.UNKNOWN),
    ],
)
def test_sme_class_by_headcount(headcount, expected):
    assert cls.sme_class(headcount) == expected


@pytest.mark.parametrize(
    ("headcount", "turnover", "balance", "expected"),
    [
        # micro: turnover or balance ≤ 2 M
        (5, 2_000_000, None, cls.MICRO),
        (5, 2_000_001, None, cls.SMALL),
        (5, None, 2_000_000, cls.MICRO),
        (5, 3_000_000, 1_000_000, cls.MICRO),  # balance saves micro
        (5, 3_000_000, 3_000_000, cls.SMALL),
        # small: ≤ 10 M
        (20, 10_000_000, None, cls.SMALL),
        (20, 10_000_001, 10_000_001, cls.MEDIUM),
        # medium: turnover ≤ 50 M or balance ≤ 43 M
        (100, 50_000_000, None, cls.MEDIUM),
        (100, 50_000_001, None, cls.LARGE),
        (100, 60_000_000, 43_000_000, cls.MEDIUM),  # balance ≤ 43 M saves medium
        (100, 60_000_000, 43_000_001, cls.LARGE),
        (100, None, 43_000_001, cls.LARGE),
        (300, 1_000_000, 1_000_000, cls.LARGE),  # headcount alone makes it large
        (5, Decimal("60000000"), Decimal("50000000"), cls.LARGE),
        (None, 1_000_000, 1_000_000, cls.UNKNOWN),
    ],
)
def test_sme_class_financial_ceilings(headcount, turnover, balance, expected):
    assert cls.sme_class(headcount, turnover, balance) == expected


def test_is_sme():
    assert cls.is_sme(cls.MICRO) and cls.is_sme(cls.SMALL) and cls.is_sme(cls.MEDIUM)
    assert not cls.is_sme(cls.LARGE)
    assert not cls.is_sme(cls.UNKNOWN)
