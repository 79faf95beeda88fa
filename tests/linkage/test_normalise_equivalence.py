"""The optimised normalisers give exactly the results of the original implementation.

``_normalise_reference.py`` is a frozen, verbatim copy of ``normalise.py`` from before
its speed-up. Every public function is run on generated records, on hand-written German
edge cases and on random text (hypothesis) through both modules; the outputs must be
equal, including the order of the feature keys of ``prepare``.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anett.linkage import normalise as new
from anett.linkage.generator import generate

from . import _normalise_reference as ref


def plain(value):
    """Outputs of both modules in a comparable form: their NameParts are different
    classes, and dict equality would ignore the order of the keys."""
    if dataclasses.is_dataclass(value):
        return (type(value).__name__, dataclasses.astuple(value))
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return (type(value).__name__, tuple(value))
    if isinstance(value, dict):
        return [(k, plain(v)) for k, v in value.items()]
    return value


# One-argument functions and the record field they are given.
TEXT_FUNCTIONS = [
    ("fold", "name"),
    ("split_legal_form", "name"),
    ("legal_form_family", "name"),
    ("name_tokens", "name"),
    ("name_compact", "name"),
    ("normalise_street", "street"),
    ("normalise_plz", "plz"),
    ("kreis_for_plz", "plz"),
    ("normalise_city", "city"),
    ("normalise_phone", "phone"),
    ("normalise_website", "website"),
    ("email_domain", "email"),
    ("normalise_register", "register_no"),
    ("normalise_vat", "vat_id"),
    ("parse_size", "employees"),
    ("yes_no", "employees"),
    ("normalise_wz_code", "wz"),
]


def assert_same(name: str, *args) -> None:
    expected = getattr(ref, name)(*args)
    got = getattr(new, name)(*args)
    assert plain(got) == plain(expected), f"{name}{args!r}"
    # Twice: a cached result must be the same as a computed one.
    assert plain(getattr(new, name)(*args)) == plain(expected), f"{name}{args!r} (cached)"


def assert_all_same(text) -> None:
    for name, _ in TEXT_FUNCTIONS:
        assert_same(name, text)
    street = new.normalise_street(text)
    assert street.compact == ref.normalise_street(text).compact
    assert_same("split_legal_form", f"X {text}")
    assert_same("name_tokens", new.split_legal_form(text).core)
    assert_same("company_domain", text, text)
    assert_same("company_domain", None, text)
    assert_same("normalise_phone", text, "43")


@pytest.fixture(scope="module")
def records():
    return generate(3000, duplicate_share=0.2, seed=23)


def test_generated_records_give_the_same_outputs(records):
    for record in records:
        for name, field in TEXT_FUNCTIONS:
            assert_same(name, record[field])
        core = ref.split_legal_form(record["name"]).core
        assert_same("name_tokens", core)
        assert_same("name_compact", core)
        assert new.normalise_street(record["street"]).compact == (
            ref.normalise_street(record["street"]).compact
        )
        assert_same("company_domain", record["website"], record["email"])
        assert_same("company_domain", None, record["email"])


def test_prepare_gives_the_same_features_in_the_same_order(records):
    for record in records:
        assert_same("prepare", record)
    assert_same("prepare", {})
    assert_same("prepare", {"name": "Muster GmbH", "employees": 0, "street": "Weg 0"})


EDGE_CASES = [
    # names and legal forms
    "Müller & Söhne Masch. GmbH & Co. KG",
    "Muster Metall G.m.b.H.",
    "Muster Metall Ges. m. b. H.",
    "Muster Metall Gesellschaft mit beschränkter Haftung",
    "Muster UG (haftungsbeschränkt) & Co. KG",
    "Muster UG (h.b.)",
    "Verlag Schmidt AG",
    "Schmidt Verlag ag",
    "5 kg Gewichte eG",
    "Bäckerei Schmidt Inh. Peter Schmidt",
    "Bäckerei Schmidt, Inhaberin: Petra Schmidt e.K.",
    "Bäckerei Schmidt INH. Peter",
    "Bäckerei Schmidt ınh. Peter",  # dotless i: matches 'Inh' case-insensitively
    "Muster GmbH, Werk Eisenach",
    "Muster GmbH Niederlassung Erfurt",
    "Muster GmbH (Standort Jena)",
    "Muster Gmbh; Filiale Gera",
    "GmbH",
    "AG Muster GmbH",
    "Muster e. Kfm.",
    "Muster eingetragene Kauffrau",
    "Muster e.V.",
    "Muster Ltd.",
    "Muster SE & Co. KGaA",
    "Muster Kommanditgesellschaft auf Aktien",
    "Muster PartG mbB",
    "Muster gemeinnützige GmbH",
    "Muster offene Handelsgesellschaft",
    "Muster GbR ,  Werk 2",
    "Auto-Teile Schmidt u. Sohn + Partner",
    "Fa. Gebr. Heß Thür. Kunstst.-Techn.",
    "  Muster\u00a0Metall\tGmbH  ",
    "Café Señor ẞ GROẞ",
    "Straße des 17. Juni 5",
    # streets
    "Hauptstraße 12-14",
    "Hauptstr. 12 a",
    "Haupt-Str.12/14",
    "Haupt Strasse 12 u. 14",
    "Hauptstr 12 bis 14b",
    "Industriestr. 5, Halle 3",
    "Am Markt, Eingang B",
    "Postfach 12 34",
    "Pf. 1234",
    "St. Georg-Pl. 3",
    "Gew.-Geb. Süd 7",
    "Ind. Geb. Nord",
    "Eisenacher Ch. 4",
    "Goethe-Al. 3",
    "Goethe Allee 3",
    "Weimarer Straße 12/3",
    "Str. des 17. Juni 5",
    "Hauptstraße 12 ; Hof",
    "Lange  Reihe - 5",
    # postcodes and towns
    "D-99817",
    "DE 07743",
    "7743",
    "99817.0",
    "Eisenach (Thür.)",
    "Erfurt / OT Marbach",
    "99084 Erfurt",
    "St. Gangloff",
    "Frankfurt a. d. Oder",
    # phones
    "0361 / 12 34 5-0",
    "+49 (0)361 123450",
    "0049 361 123450",
    "Tel.: 0361 123450",
    "Telefon 0361-123450 oder 0361-123451",
    "0361 123450 bzw. 0361 123451",
    "0361 123450, 0361 123451",
    "0361 123450 Durchwahl 12",
    "0361 123450 DW 12",
    "0361 123450 ext. 12",
    "Mobil: 0171 1234567",
    "49361123450",
    "123450",
    "0361 12345 UND 0361 999",
    "0361 123450 u. 0361 999999",
    "0361 123450 U. 0361 999999",
    "0361 123450 Oder 0361 999999",
    "0361 123450 BZW 0361 999999",
    "0361 123450; 0361 999999",
    # web and mail
    "https://www.Muster-Metall.de/kontakt",
    "www2.muster.de:8080",
    "xn--mller-kva.de",
    "mailto:Info@Muster-Metall.de",
    "info@gmx.de",
    "user@www.muster.de",
    # register and VAT
    "HRB 12345 Jena",
    "Amtsgericht Jena HRB 12345",
    "AG Jena, HR B 012345",
    "HRB 12345 B",
    "VR 123 Erfurt",
    "GnR 45",
    "DE 136 695 976",
    "136695976",
    "USt-IdNr.: DE136695976",
    "DE136695977",
    # sizes and yes/no
    "50-249",
    "10 bis 49",
    "über 500",
    "ab 250",
    "<10",
    "ca. 120 MA",
    "1.000 - 4.999",
    "120,0",
    "k. A.",
    "ja, vorhanden",
    "kein BR",
    "29.32.0",
    "WZ 2932",
    "29 32 0",
    # odd input
    "",
    " ",
    "-",
    ".",
    "ſtraße 1",  # long s: matches 's' case-insensitively
    "Ⅻ ² ٣ ½",
    "İnh. Ali",
    "\u212aG Muster",  # Kelvin sign
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_german_edge_cases_give_the_same_outputs(text):
    assert_all_same(text)


@pytest.mark.parametrize("value", [None, 0, 1, 7743, 99817.0, 49361123450, True, False])
def test_non_text_cells_give_the_same_outputs(value):
    for name in ("normalise_plz", "normalise_phone", "normalise_vat", "normalise_wz_code"):
        assert_same(name, value)
    for name in ("normalise_register", "normalise_website", "email_domain", "yes_no"):
        assert_same(name, value)


WORDS = [
    "GmbH",
    "G.m.b.H.",
    "mbH",
    "& Co. KG",
    "u. Co. KG",
    "AG",
    "ag",
    "SE",
    "KGaA",
    "UG",
    "(haftungsbeschränkt)",
    "e.K.",
    "e.Kfm.",
    "e.V.",
    "eG",
    "OHG",
    "GbR",
    "PartG",
    "mbB",
    "Ltd.",
    "Inh.",
    "Inhaber:",
    "Niederlassung",
    "Werk",
    "Straße",
    "Str.",
    "str",
    "strasse",
    "Pl.",
    "Al.",
    "St.",
    "Gew.-Geb.",
    "Postfach",
    "oder",
    "bzw.",
    "und",
    "u.",
    "Tel.:",
    "DW",
    "ext",
    "Durchwahl",
    "(0)",
    "-0",
    "+49",
    "0049",
    "0361",
    "12-14",
    "12a",
    "HRB",
    "Amtsgericht",
    "www.",
    "https://",
    "@",
    "Müller",
    "Söhne",
    "Heß",
    "ẞ",
]
CHARS = st.sampled_from(list("aAeEgGhHiIkKnNsStTuUxX019 .,;:-–/()&+@äöüÄÖÜßẞéıİſ\u212a\u00a0\t"))
TEXT = st.lists(st.one_of(st.sampled_from(WORDS), CHARS, st.text(max_size=3)), max_size=12).map(
    lambda parts: "".join(
        part if i % 2 or len(part) == 1 else f" {part} " for i, part in enumerate(parts)
    )
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_random_text_gives_the_same_outputs(text):
    assert_all_same(text)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted({f for _, f in TEXT_FUNCTIONS})), TEXT))
def test_random_records_give_the_same_features(record):
    assert_same("prepare", record)


PHONE_PARTS = [
    "0361",
    "036458",
    "123450",
    "9397083",
    "12",
    " ",
    "  ",
    "-",
    "-0",
    "/",
    "(0)",
    "( 0 )",
    "+49",
    "+43",
    "0049",
    "49",
    "u.",
    "U.",
    "und",
    "oder",
    "bzw.",
    ",",
    ";",
    "DW",
    "dw",
    "ext.",
    "Durchwahl",
    "Tel.:",
    "Fon",
    "Mobil",
    "ı",
    "²",
    "٣",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PHONE_PARTS), max_size=10).map("".join))
def test_random_phone_numbers_give_the_same_outputs(text):
    assert_same("normalise_phone", text)
    assert_same("normalise_phone", text, "43")
