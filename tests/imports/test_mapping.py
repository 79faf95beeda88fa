"""Column mapping proposed from German headings, saved per source and reused."""

from anett.imports.mapping import CONTAINS, EXACT, SAVED, SIMILAR, check, guess, propose


def fields(headers, saved=None):
    return [p.field for p in propose(headers, saved)]


def test_german_headings():
    headers = [
        "Firma",
        "Straße",
        "PLZ",
        "Ort",
        "WZ",
        "Mitarbeiter",
        "Betriebsrat",
        "Telefon",
        "Homepage",
        "USt-IdNr.",
        "Handelsregister",
        "Kundennummer",
        "Bemerkung",
    ]
    assert fields(headers) == [
        "name",
        "street",
        "postcode",
        "city",
        "wz_code",
        "employees_site",
        "works_council",
        "phone",
        "website",
        "vat_id",
        "register_no",
        "external_id",
        "notes",
    ]


def test_synonyms_and_longer_headings():
    assert guess("Firmenname") == ("name", EXACT)
    assert guess("Beschäftigte") == ("employees_site", EXACT)
    assert guess("BESCHAEFTIGTE") == ("employees_site", EXACT)
    assert guess("Anzahl Mitarbeiter (2025)") == ("employees_site", EXACT)
    assert guess("Mitarbeiter gesamt Unternehmen") == ("employees_enterprise", CONTAINS)
    assert guess("WZ-Code 2008") == ("wz_code", CONTAINS)
    assert guess("Betriebsrat vorhanden?") == ("works_council", EXACT)
    assert guess("PLZ/Ort") == ("postcode_city", EXACT)
    assert guess("Postleitzal") == ("postcode", SIMILAR)
    assert guess("Betriebsart") != ("works_council", SIMILAR)
    assert guess("Name Ansprechpartner") == ("", "")
    assert guess("Vorname") == ("", "")
    assert guess("Ortsteil") == ("", "")
    assert guess("Importfehler") == ("", "")


def test_each_field_once_the_surest_column_wins():
    assert fields(["Name", "Firma"]) == ["name", ""]
    assert fields(["Mitarbeiterzahl Standort", "Mitarbeiter"]) == ["", "employees_site"]


def test_saved_mapping_is_reused_and_wins():
    saved = {"Kürzel": "external_id", "Firma": "", "Firmierung": "name"}
    proposals = propose(["Kürzel", "Firma", "Firmierung", "PLZ"], saved)
    assert [p.field for p in proposals] == ["external_id", "", "name", "postcode"]
    assert [p.how for p in proposals] == [SAVED, SAVED, SAVED, EXACT]


def test_check_of_a_chosen_mapping():
    assert check({0: "name", 1: "postcode"}) == []
    msgids = [m for m, _p in check({0: "city", 1: "city"})]
    assert "Choose the column that holds the company name." in msgids
    assert "“%(field)s” is chosen for more than one column." in msgids
    assert check({0: "name", 1: "postcode_city", 2: "city"})
