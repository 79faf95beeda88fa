"""Parsing and validation of case files: German messages that name the field."""

from datetime import date

import pytest

from anett.funding.case import NEVER, CaseError, parse_case

from .factories import DROP, case_dict


def test_issue_example_parses():
    case = parse_case(case_dict())
    assert case.date == date(2025, 3, 1)
    assert case.firm.land == "TH" and case.firm.wz == "29.32"
    assert case.participants[0].last_funded_82 is NEVER
    assert case.measure.start == date(2025, 3, 1)
    assert case.firm.short_time_work is None  # missing key: unknown


@pytest.mark.parametrize(
    "kwargs, field, words",
    [
        ({"firm": {"employees_enterprise": "30"}}, "firm.employees_enterprise", "Zahl erwartet"),
        ({"firm": {"employees_enterprise": -1}}, "firm.employees_enterprise", "mindestens"),
        ({"firm": {"land": "XX"}}, "firm.land", "Länderkürzel"),
        ({"firm": {"wz": "abc"}}, "firm.wz", "WZ-2008-Code"),
        ({"firm": {"training_agreement": "ja"}}, "firm.training_agreement", "true oder false"),
        ({"firm": {"structural_need_share": 1.5}}, "firm.structural_need_share", "höchstens 1"),
        ({"firm": {"employes": 3}}, "firm.employes", "unbekanntes Feld"),
        ({"participant": {"age": 35.5}}, "participants[0].age", "ganze Zahl"),
        (
            {"participant": {"last_funded_82": "1.1.2024"}},
            "participants[0].last_funded_82",
            "JJJJ-MM-TT",
        ),
        ({"measure": {"kind": "seminar"}}, "measure.kind", "training"),
        ({"measure": {"kind": DROP}}, "measure.kind", "Pflichtfeld"),
        ({"measure": {"start": "2025-02-30"}}, "measure.start", "Datum"),
        ({"date": "heute"}, "date", "Datum"),
        (
            {"firm": {"employees_establishment": 40, "employees_enterprise": 30}},
            "firm.employees_establishment",
            "Unternehmen",
        ),
    ],
)
def test_invalid_input_names_the_field(kwargs, field, words):
    with pytest.raises(CaseError) as err:
        parse_case(case_dict(**kwargs))
    assert err.value.field == field
    assert str(err.value).startswith(f"Feld {field}:")
    assert words in str(err.value)


def test_participants_must_be_a_list():
    data = case_dict()
    data["participants"] = {"age": 30}
    with pytest.raises(CaseError, match="Feld participants: Liste erwartet"):
        parse_case(data)


@pytest.mark.parametrize("missing", ["date", "firm", "measure"])
def test_required_top_level_keys(missing):
    data = case_dict()
    del data[missing]
    with pytest.raises(CaseError, match=f"Feld {missing}: Pflichtfeld fehlt"):
        parse_case(data)


def test_not_an_object():
    with pytest.raises(CaseError, match="JSON-Objekt"):
        parse_case([1, 2])


def test_null_means_never_only_for_history_keys():
    case = parse_case(case_dict(participant={"qualification_year": None, "age": None}))
    assert case.participants[0].qualification_year is NEVER
    assert case.participants[0].age is None


def test_wz_is_normalised_and_year_for_founded():
    case = parse_case(case_dict(firm={"wz": "2932", "founded": 2010}))
    assert case.firm.wz == "29.32"
    assert case.firm.founded == date(2010, 1, 1)


def test_cases_are_hashable():
    a, b = parse_case(case_dict()), parse_case(case_dict())
    assert a == b and hash(a) == hash(b)
