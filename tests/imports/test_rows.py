"""Normalising and checking single rows: notations, size classes, legal forms, dates in
number fields, formulas, yes/no words, PLZ to district."""

import datetime

import pytest

from anett.companies.classification import default_rules
from anett.imports.reader import Formula
from anett.imports.rows import Lookups, RowNormaliser, parse_amount

FIELDS = [
    "name",
    "postcode",
    "wz_code",
    "employees_site",
    "works_council",
    "turnover_eur",
    "phone",
    "website",
    "legal_form",
    "employees_enterprise",
    "external_id",
]


def normalise(lookups=None, **cells):
    columns = [(i, f) for i, f in enumerate(FIELDS)]
    normaliser = RowNormaliser(columns, lookups or Lookups(rules=default_rules()))
    return normaliser.normalise([cells.get(f) for f in FIELDS])


def errors(result):
    return {k: [p.english() for p in v] for k, v in result.errors.items()}


def warnings(result):
    return {k: [p.english() for p in v] for k, v in result.warnings.items()}


@pytest.mark.parametrize(
    "raw, code",
    [
        ("29.32.0", "29.32.0"),
        ("29.32", "29.32"),
        ("2932", "29.32"),
        ("29320", "29.32.0"),
        ("29 32 0", "29.32.0"),
        ("WZ 29.32", "29.32"),
        ("C 29.32", "29.32"),
        ("C29.32.0", "29.32.0"),
        ("29.32.0 Herstellung von sonstigen Teilen", "29.32.0"),
        ("25.62.0 - Mechanik a. n. g.", "25.62.0"),
        (2932, "29.32"),
        (29.32, "29.32"),
        ("26.11.0", "26.11"),  # no such subclass: the class, with a warning
    ],
)
def test_wz_notations(raw, code):
    result = normalise(name="A", wz_code=raw)
    assert result.ok, errors(result)
    assert result.data["wz_code"] == code


def test_wz_that_excel_turned_into_a_date_is_read_back():
    result = normalise(name="A", wz_code=datetime.datetime(2026, 10, 29))
    assert result.data["wz_code"] == "29.10"
    assert "Excel had stored the WZ code as the date 29.10.2026" in warnings(result)["wz_code"][0]


def test_unknown_wz_code_rejects_the_row():
    result = normalise(name="A", wz_code="99.99.9")
    assert errors(result) == {"wz_code": ["“99.99.9” is not a code of the WZ 2008 classification."]}


@pytest.mark.parametrize(
    "raw, stored, rng",
    [
        ("120", 120, None),
        (120, 120, None),
        (120.0, 120, None),
        ("ca. 120 MA", 120, None),
        ("50-249", 149, [50, 249]),
        ("10 bis 49", 29, [10, 49]),
        ("über 500", 501, [501, None]),
        ("1.000 - 4.999", 2999, [1000, 4999]),
        ("<10", 4, [0, 9]),
    ],
)
def test_headcounts_and_size_classes(raw, stored, rng):
    result = normalise(name="A", employees_site=raw)
    assert result.ok, errors(result)
    assert result.data["employees_site"] == stored
    assert result.data.get("employees_site_range") == rng


def test_size_class_sets_the_sme_class():
    assert normalise(name="A", employees_site="50-249").data["sme_class"] == "medium"
    assert normalise(name="A", employees_site="10 bis 49").data["sme_class"] == "small"
    assert normalise(name="A", employees_site="über 500").data["sme_class"] == "large"


@pytest.mark.parametrize(
    "raw, message",
    [
        (datetime.datetime(1949, 10, 1), "is a date, not a number of employees"),
        (datetime.date(2024, 3, 1), "is a date, not a number of employees"),
        ("01.03.2024", "“01.03.2024” is a date, not a number of employees."),
        ("2024-03-01", "is a date, not a number of employees."),
        ("viele", "“viele” is neither a number of employees nor a size class"),
        (-5, "cannot be negative"),
        (12.5, "is not a whole number of employees"),
    ],
)
def test_dates_and_words_in_a_number_field_are_rejected(raw, message):
    result = normalise(name="A", employees_site=raw)
    assert not result.ok
    assert message in errors(result)["employees_site"][0]


def test_a_date_column_in_the_turnover_field():
    result = normalise(name="A", turnover_eur=datetime.datetime(2023, 12, 31))
    assert errors(result) == {"turnover_eur": ["“31.12.2023” is a date, not an amount."]}


@pytest.mark.parametrize(
    "raw, name, form",
    [
        ("Muster Metall GmbH & Co. KG", "Muster Metall", "GmbH & Co. KG"),
        ("MUSTER METALL G.m.b.H.", "MUSTER METALL", "GmbH"),
        ("Schmidt Drehteile e.K.", "Schmidt Drehteile", "e.K."),
        ("Wartburg Guss GmbH, Werk Eisenach", "Wartburg Guss, Werk Eisenach", "GmbH"),
        ("Verlag Schmidt", "Verlag Schmidt", ""),
    ],
)
def test_legal_form_is_split_from_the_name(raw, name, form):
    data = normalise(name=raw).data
    assert (data["name"], data.get("legal_form", "")) == (name, form)


def test_legal_form_column_is_canonicalised_and_wins():
    data = normalise(name="Muster GmbH", legal_form="Gesellschaft mit beschränkter Haftung").data
    assert (data["name"], data["legal_form"]) == ("Muster", "GmbH")


def test_owner_goes_into_the_notes():
    data = normalise(name="Bäckerei Schmidt Inh. Peter Schmidt").data
    assert data["name"] == "Bäckerei Schmidt"
    assert data["notes"] == "Inhaber/in: Peter Schmidt"


@pytest.mark.parametrize(
    "raw, answer",
    [
        ("ja", "yes"),
        ("x", "yes"),
        ("vorhanden", "yes"),
        (True, "yes"),
        ("Nein", "no"),
        ("kein BR", "no"),
        (0, "no"),
        ("k. A.", "unknown"),
        ("unbekannt", "unknown"),
    ],
)
def test_yes_no_words(raw, answer):
    assert normalise(name="A", works_council=raw).data["works_council"] == answer


def test_a_word_that_is_neither_yes_nor_no_is_rejected():
    result = normalise(name="A", works_council="in Gründung")
    assert "“in Gründung” is neither yes nor no" in errors(result)["works_council"][0]


def test_formula_and_excel_error_cells_are_rejected_with_the_reason():
    result = normalise(name="A", employees_site=Formula("=SUMME(B2:B9)"), turnover_eur="#DIV/0!")
    assert errors(result) == {
        "employees_site": [
            "The cell holds a formula (=SUMME(B2:B9)) instead of a value. Please paste the "
            "values (“Paste values”) and import again."
        ],
        "turnover_eur": ["The cell holds the Excel error value #DIV/0!."],
    }


@pytest.mark.django_db
def test_postal_code_to_district():
    from anett.imports.services import load_lookups

    lookups = load_lookups()
    data = normalise(lookups, name="A", postcode="99817").data
    assert data["postcode"] == "99817"
    from anett.regions.models import Kreis

    assert Kreis.objects.get(pk=data["kreis_id"]).ags == "16063"
    lost_zero = normalise(lookups, name="A", postcode=7743)
    assert lost_zero.data["postcode"] == "07743"
    assert "leading zero lost" in warnings(lost_zero)["postcode"][0]
    assert errors(normalise(lookups, name="A", postcode="998")) == {
        "postcode": ["“998” is not a valid postal code (five digits)."]
    }


def test_missing_name_and_enterprise_smaller_than_site():
    result = normalise(postcode="99817", employees_site=50, employees_enterprise=20)
    assert errors(result) == {
        "name": ["The company name is missing."],
        "employees_enterprise": [
            "The enterprise cannot have fewer employees than its establishment."
        ],
    }


def test_phone_website_and_ids():
    result = normalise(
        name="A", phone=3691123456, website="www.muster-metall.de/kontakt", external_id=4711.0
    )
    assert result.data["phone"] == "03691123456"
    assert result.data["phone_key"] == "+493691123456"
    assert "leading zero added" in warnings(result)["phone"][0]
    assert result.data["website"] == "https://www.muster-metall.de/kontakt"
    assert result.data["domain"] == "muster-metall.de"
    assert (result.external_id, result.derived_id) == ("4711", False)
    assert errors(normalise(name="A", website="info@muster.de")) == {
        "website": ["“info@muster.de” is an e-mail address, not a website."]
    }


def test_without_id_name_and_postal_code_identify_the_row():
    result = normalise(name="Müller & Söhne GmbH", postcode="99084")
    assert result.derived_id
    assert result.external_id == "~muellersoehne|99084"


@pytest.mark.parametrize(
    "text, amount",
    [
        ("2.500.000", 2500000),
        ("2.500.000,00 €", 2500000),
        ("2,5 Mio", 2500000),
        ("2,5 Mio. EUR", 2500000),
        ("850 T€", 850000),
        ("1,234,567.89", 1234567.89),
        ("12,5", 12.5),
        ("abc", None),
    ],
)
def test_amounts(text, amount):
    result = parse_amount(text)
    assert (float(result) if result is not None else None) == amount


def test_repeated_values_give_the_same_result_every_time():
    """Postal codes, size classes, amounts and yes/no words are read once per distinct
    value; every row still gets its own values, warnings and errors."""
    columns = [(i, f) for i, f in enumerate(FIELDS)]
    normaliser = RowNormaliser(columns, Lookups(rules=default_rules()))

    def row(**cells):
        return normaliser.normalise([cells.get(f) for f in FIELDS])

    for _round in range(3):
        good = row(
            name="A GmbH", postcode="7743", employees_site="10 bis 49", turnover_eur="2,5 Mio"
        )
        assert good.data["postcode"] == "07743"
        assert good.data["employees_site_range"] == [10, 49]
        assert good.data["turnover_eur"] == 2_500_000
        assert (
            "Postal code “7743” completed to “07743” (leading zero lost?)."
            in (warnings(good)["postcode"])
        )
        bad = row(name="B GmbH", employees_site="viele", works_council="vielleicht")
        assert set(errors(bad)) == {"employees_site", "works_council"}
        assert "employees_site" not in bad.data
        # the same text as a number is another value (True is not 1)
        assert row(name="C GmbH", employees_site=1).data["employees_site"] == 1
        assert "employees_site" in errors(row(name="D GmbH", employees_site=True))
    # one row's result is not shared with the next
    first = row(name="E GmbH", employees_site="10 bis 49")
    first.data["employees_site_range"].append(99)
    assert row(name="F GmbH", employees_site="10 bis 49").data["employees_site_range"] == [10, 49]
