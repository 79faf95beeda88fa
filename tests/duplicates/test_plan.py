"""The plain merge rules (no database)."""

from anett.duplicates import plan


def test_merged_values_fill_empty_keep_survivor_and_combine_texts():
    survivor = {
        "name": "Wartburg Achsenbau",
        "phone": "03691 1",
        "website": "",
        "works_council": "unknown",
        "stage": "identified",
        "sources": "IHK",
        "notes": "A",
        "employees_site": None,
    }
    other = {
        "name": "Wartburg  Achsenbau",
        "phone": "03691 2",
        "website": "https://x.de",
        "works_council": "yes",
        "stage": "first_talk",
        "sources": "HWK, ihk",
        "notes": "B",
        "employees_site": 0,
    }
    out = plan.merged_values(survivor, other, other_label="Aus #2:")
    assert out == {
        "website": "https://x.de",
        "works_council": "yes",
        "stage": "first_talk",
        "sources": "IHK, HWK",
        "notes": "A\n\nAus #2:\nB",
        "employees_site": 0,  # zero is a value, not empty
    }


def test_choices_take_other_value_or_keep_one_text():
    survivor = {"phone": "1", "notes": "A", "sources": "IHK"}
    other = {"phone": "2", "notes": "B", "sources": "HWK"}
    out = plan.merged_values(
        survivor, other, {"phone": plan.OTHER, "notes": plan.SURVIVOR, "sources": plan.OTHER}
    )
    assert out == {"phone": "2", "sources": "HWK"}


def test_notes_not_repeated():
    assert plan.combine_notes("A and B", "B") == "A and B"
    assert plan.combine_notes("", "B") == "B"


def test_differing_and_agreeing_fields():
    a = {"name": "X  GmbH", "city": "Eisenach", "phone": "1", "works_council": "unknown"}
    b = {"name": "X GmbH", "city": "EISENACH", "phone": "", "works_council": "yes"}
    assert plan.differing_fields(a, b) == ["city"]  # another spelling is a choice
    assert plan.agreeing_fields(a, b) == ["name"]


def test_validate_choices():
    assert plan.validate_choices({"name": "other", "notes": "both"}) == []
    assert plan.validate_choices({"name": "both", "nope": "other", "phone": "x"}) == [
        "name",
        "nope",
        "phone",
    ]


def test_choose_survivor_prefers_work_then_fields_then_age():
    a = plan.FirmFacts(id=5, related_rows=3, filled_fields=2)
    b = plan.FirmFacts(id=2, related_rows=1, filled_fields=9)
    assert plan.choose_survivor(a, b) == 5
    c = plan.FirmFacts(id=7, related_rows=3, filled_fields=4)
    assert plan.choose_survivor(a, c) == 7
    d = plan.FirmFacts(id=3, related_rows=3, filled_fields=4)
    assert plan.choose_survivor(c, d) == 3


def test_auto_merge_only_strictly_above_threshold_and_never_when_off():
    assert not plan.auto_merge_allowed(plan.OFF, 0.5, 1.0, 99)
    assert not plan.auto_merge_allowed(plan.PROBABILITY, None, 1.0, 99)
    assert plan.auto_merge_allowed(plan.PROBABILITY, 0.99, 0.995, 1)
    assert not plan.auto_merge_allowed(plan.PROBABILITY, 0.99, 0.99, 99)
    assert plan.auto_merge_allowed(plan.WEIGHT, 15, 0.1, 15.5)
    assert not plan.auto_merge_allowed(plan.WEIGHT, 15, 1.0, 15)


def test_weight_in_words():
    assert plan.weight_in_words(25) == "very_strong"
    assert plan.weight_in_words(12) == "strong"
    assert plan.weight_in_words(5) == "moderate"
    assert plan.weight_in_words(0.5) == "weak"
    assert plan.weight_in_words(-2) == "against"
    assert plan.bayes_factor(10) == 1024


def test_kept_separate_follows_merges():
    roots = plan.merge_roots([(2, 1), (1, 9)])
    assert roots == {2: 9, 1: 9}
    blocked = plan.blocked_pairs([(2, 5)], roots)
    assert blocked == {(2, 5), (5, 9)}
    # a merge cycle (impossible in practice) does not hang
    assert plan.merge_roots([(1, 2), (2, 1)])
