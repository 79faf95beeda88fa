"""Normalisers of company records, with German edge cases."""

import pytest

from anett.linkage import normalise as n


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Müller", "mueller"),
        ("MÜLLER", "mueller"),
        ("Mueller", "mueller"),
        ("Straße", "strasse"),
        ("GROẞ", "gross"),
        ("Öl  Ärger   Übel", "oel aerger uebel"),
        ("Café Señor", "cafe senor"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_spells_out_umlauts_and_sharp_s(raw, expected):
    assert n.fold(raw) == expected


def test_fold_keeps_muller_apart_from_mueller():
    # Dropping the dots (as ASCII transliteration does) is another name in German.
    assert n.fold("Muller") != n.fold("Müller")


@pytest.mark.parametrize(
    "raw, core, form",
    [
        ("Muster Metall GmbH & Co. KG", "Muster Metall", "GmbH & Co. KG"),
        ("Muster Metall GmbH & Co KG", "Muster Metall", "GmbH & Co. KG"),
        ("Muster Metall GmbH u. Co. KG", "Muster Metall", "GmbH & Co. KG"),
        ("Muster Metall GmbH + Co. KG", "Muster Metall", "GmbH & Co. KG"),
        ("Muster GmbH & Co. KGaA", "Muster", "GmbH & Co. KGaA"),
        ("Muster UG (haftungsbeschränkt) & Co. KG", "Muster", "UG (haftungsbeschränkt) & Co. KG"),
        ("Wartburg Guss UG (haftungsbeschränkt)", "Wartburg Guss", "UG (haftungsbeschränkt)"),
        ("Wartburg Guss UG (haftungsbeschraenkt)", "Wartburg Guss", "UG (haftungsbeschränkt)"),
        ("Wartburg Guss UG", "Wartburg Guss", "UG (haftungsbeschränkt)"),
        ("Müller & Söhne G.m.b.H.", "Müller & Söhne", "GmbH"),
        ("Müller Drehteile GMBH", "Müller Drehteile", "GmbH"),
        ("Thüringer Federnwerk Gesellschaft mbH", "Thüringer Federnwerk", "GmbH"),
        ("Gesellschaft für Metallbau mbH", "Gesellschaft für Metallbau", "GmbH"),
        ("Muster Gesellschaft mit beschränkter Haftung", "Muster", "GmbH"),
        ("Lebenshilfe gGmbH", "Lebenshilfe", "gGmbH"),
        ("Muster AG", "Muster", "AG"),
        ("Muster Aktiengesellschaft", "Muster", "AG"),
        ("Muster SE", "Muster", "SE"),
        ("Muster KGaA", "Muster", "KGaA"),
        ("Muster KG", "Muster", "KG"),
        ("Muster OHG", "Muster", "OHG"),
        ("Muster oHG", "Muster", "OHG"),
        ("Muster GbR", "Muster", "GbR"),
        ("Schmidt Metallbau e.K.", "Schmidt Metallbau", "e.K."),
        ("Schmidt Metallbau e. K.", "Schmidt Metallbau", "e.K."),
        ("Schmidt e.Kfm.", "Schmidt", "e.K."),
        ("Schmidt e.Kfr.", "Schmidt", "e.K."),
        ("Förderverein Automobilbau e.V.", "Förderverein Automobilbau", "e.V."),
        ("Agrargenossenschaft Gotha eG", "Agrargenossenschaft Gotha", "eG"),
        ("Muster PartG mbB", "Muster", "PartG mbB"),
        ("Muster GmbH, Werk Eisenach", "Muster, Werk Eisenach", "GmbH"),
        ("Muster GmbH Niederlassung Erfurt", "Muster Niederlassung Erfurt", "GmbH"),
        ("Ohne Rechtsform", "Ohne Rechtsform", ""),
    ],
)
def test_split_legal_form(raw, core, form):
    parts = n.split_legal_form(raw)
    assert (parts.core, parts.legal_form) == (core, form)


@pytest.mark.parametrize(
    "raw",
    [
        "Autohaus Verlag",  # 'ag' at the end of a word
        "AG Muster",  # a name does not start with its legal form
        "Muster ag",  # lower-case two-letter words are not legal forms
        "Paketdienst 5 kg",
    ],
)
def test_no_legal_form_where_there_is_none(raw):
    assert n.split_legal_form(raw).legal_form == ""


def test_inhaber_marks_a_sole_proprietor_and_keeps_the_owner():
    parts = n.split_legal_form("Bäckerei Schmidt Inh. Peter Schmidt")
    assert parts == n.NameParts("Bäckerei Schmidt", "Einzelunternehmen", "Peter Schmidt")
    parts = n.split_legal_form("Metallbau Kraus e.K., Inhaberin Anja Kraus")
    assert (parts.core, parts.legal_form, parts.owner) == ("Metallbau Kraus", "e.K.", "Anja Kraus")


def test_legal_form_families():
    assert n.legal_form_family("GmbH") == n.legal_form_family("UG (haftungsbeschränkt)")
    assert n.legal_form_family("GmbH & Co. KG") == n.legal_form_family("KG")
    assert n.legal_form_family("e.K.") == n.legal_form_family("Einzelunternehmen")
    assert n.legal_form_family("GmbH") != n.legal_form_family("KG")
    assert n.legal_form_family("") == ""


@pytest.mark.parametrize(
    "core, tokens",
    [
        ("Müller & Söhne", ["mueller", "soehne"]),
        ("Müller u. Söhne", ["mueller", "soehne"]),
        ("Müller und Söhne", ["mueller", "soehne"]),
        ("Müller + Söhne", ["mueller", "soehne"]),
        ("Fa. Schmidt Masch.", ["schmidt", "maschinenbau"]),
        ("Gebr. Weiß Kunstst.-Technik", ["gebrueder", "weiss", "kunststoff", "technik"]),
        ("Auto-Teile Schmidt", ["auto", "teile", "schmidt"]),
        ("Gesellschaft für Metallbau", ["gesellschaft", "metallbau"]),
        ("", []),
    ],
)
def test_name_tokens(core, tokens):
    assert n.name_tokens(core) == tokens


def test_name_compact_bridges_split_compounds():
    assert n.name_compact("Auto-Teile Schmidt") == n.name_compact("Autoteile Schmidt")
    assert n.name_compact("Kunstst.-Technik Gotha") == n.name_compact("Kunststofftechnik Gotha")


@pytest.mark.parametrize(
    "raw, name, number, low, high",
    [
        ("Hauptstraße 12", "hauptstr", "12", 12, 12),
        ("Hauptstr. 12", "hauptstr", "12", 12, 12),
        ("Hauptstrasse 12", "hauptstr", "12", 12, 12),
        ("Hauptstr 12", "hauptstr", "12", 12, 12),
        ("Hauptstr.12", "hauptstr", "12", 12, 12),
        ("Weimarer Straße 5", "weimarer str", "5", 5, 5),
        ("Weimarer Str. 5", "weimarer str", "5", 5, 5),
        ("Hauptstraße 12-14", "hauptstr", "12-14", 12, 14),
        ("Hauptstraße 12 – 14", "hauptstr", "12-14", 12, 14),
        ("Karl-Marx-Allee 12/14", "karl-marx-allee", "12-14", 12, 14),
        ("An der Aue 3 u. 5", "an der aue", "3-5", 3, 5),
        ("Hauptstraße 12a", "hauptstr", "12a", 12, 12),
        ("Hauptstraße 12 A", "hauptstr", "12a", 12, 12),
        ("Straße des 17. Juni 5", "str des 17. juni", "5", 5, 5),
        ("Straße der Einheit 12", "str der einheit", "12", 12, 12),
        ("Industriestr. 5, Halle 3", "industriestr", "5", 5, 5),
        ("Am Markt", "am markt", "", None, None),
        ("Rudolf-Diesel-Str. 3", "rudolf-diesel-str", "3", 3, 3),
        ("Gew.-Geb. Nord 7", "gewerbegebiet nord", "7", 7, 7),
    ],
)
def test_normalise_street(raw, name, number, low, high):
    assert n.normalise_street(raw) == n.Street(name, number, low, high)


def test_street_compact_ignores_spaces_and_hyphens():
    assert n.normalise_street("Weimarer Straße 5").compact == "weimarerstr"
    assert n.normalise_street("Haupt-Str. 1").compact == n.normalise_street("Hauptstr. 1").compact


@pytest.mark.parametrize("raw", ["Postfach 12 34", "Postfach 1234", "", None])
def test_po_box_or_nothing_is_no_street(raw):
    assert n.normalise_street(raw) == n.Street("", "")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("99817", "99817"),
        (" 99817 ", "99817"),
        ("D-99817", "99817"),
        ("DE 99817", "99817"),
        ("7743", "07743"),  # Excel dropped the leading zero
        ("99817.0", "99817"),
        ("998170", ""),
        ("Eisenach", ""),
        ("", ""),
    ],
)
def test_normalise_plz(raw, expected):
    assert n.normalise_plz(raw) == expected


def test_kreis_for_plz():
    eisenach, gotha = n.kreis_for_plz("99817"), n.kreis_for_plz("99867")
    assert eisenach.startswith("DEG0")  # Thuringia
    assert gotha.startswith("DEG0") and gotha != eisenach
    assert n.kreis_for_plz("") == "" and n.kreis_for_plz("123") == ""


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Eisenach", "eisenach"),
        ("EISENACH", "eisenach"),
        ("Eisenach (Thür.)", "eisenach"),
        ("Erfurt / OT Marbach", "erfurt"),
        ("99817 Eisenach", "eisenach"),
        ("Pößneck", "poessneck"),
        ("Neustadt a. d. Orla", "neustadt a d orla"),
        ("Neustadt an der Orla", "neustadt an der orla"),
    ],
)
def test_normalise_city(raw, expected):
    assert n.normalise_city(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("0361 123456", "+49361123456"),
        ("0361/123456", "+49361123456"),
        ("0361-123456", "+49361123456"),
        ("(0361) 12 34 56", "+49361123456"),
        ("+49 361 123456", "+49361123456"),
        ("+49 (0)361 123456", "+49361123456"),
        ("+49 (0) 361-123456", "+49361123456"),
        ("0049 361 123456", "+49361123456"),
        ("49 361 123456", "+49361123456"),
        ("Tel.: 0361 123456", "+49361123456"),
        ("0361 12345-0", "+4936112345"),  # switchboard
        ("0361 / 12 34 5-0", "+4936112345"),
        ("03691 7890 oder 03691 7891", "+4936917890"),
        ("0361 123456, 0361 654321", "+49361123456"),
        ("+43 1 5868000", "+4315868000"),  # Austria stays Austria
        ("123456", ""),  # no area code
        ("keine", ""),
        ("", ""),
    ],
)
def test_normalise_phone(raw, expected):
    assert n.normalise_phone(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("https://www.Muster-Metall.de/kontakt", "muster-metall.de"),
        ("http://muster-metall.de", "muster-metall.de"),
        ("www.muster-metall.de", "muster-metall.de"),
        ("muster-metall.de/", "muster-metall.de"),
        ("HTTP://WWW.MUSTER-METALL.DE:8080/x?y=1", "muster-metall.de"),
        ("www.xn--mller-kva.de", "müller.de"),
        ("keine", ""),
        ("", ""),
    ],
)
def test_normalise_website(raw, expected):
    assert n.normalise_website(raw) == expected


def test_email_and_company_domain():
    assert n.email_domain("Info@Muster-Metall.de") == "muster-metall.de"
    assert n.email_domain("mailto:info@muster.de") == "muster.de"
    assert n.email_domain("kein Eintrag") == ""
    assert n.company_domain(email="info@muster.de") == "muster.de"
    # free-mail addresses say nothing about the firm
    assert n.company_domain(email="peter.schmidt@t-online.de") == ""
    assert n.company_domain(email="p.s@gmx.de") == ""
    # the website wins over the e-mail address
    assert n.company_domain("www.a.de", "info@b.de") == "a.de"


@pytest.mark.parametrize(
    "raw, court, kind, number",
    [
        ("HRB 12345 Jena", "jena", "HRB", "12345"),
        ("Amtsgericht Jena HRB 12345", "jena", "HRB", "12345"),
        ("AG Jena, HR B 012345", "jena", "HRB", "12345"),
        ("Jena HRB 501234", "jena", "HRB", "501234"),
        ("HRB501234", "", "HRB", "501234"),
        ("HRA 501234", "", "HRA", "501234"),
        ("HR A 501234 Jena", "jena", "HRA", "501234"),
        ("Registergericht: Amtsgericht Jena, Registernummer: HRB 501234", "jena", "HRB", "501234"),
        ("Handelsregister B des Amtsgerichts Jena, HRB 500123", "jena", "HRB", "500123"),
        ("Amtsgericht Charlottenburg HRB 12345 B", "charlottenburg", "HRB", "12345B"),
        ("GnR 123 Jena", "jena", "GnR", "123"),
        ("VR 456 Gera", "gera", "VR", "456"),
    ],
)
def test_normalise_register(raw, court, kind, number):
    assert n.normalise_register(raw) == n.RegisterNumber(court, kind, number)


def test_register_key_and_text():
    reg = n.normalise_register("Amtsgericht Jena HRB 012345")
    assert reg.key == "HRB12345"
    assert str(reg) == "Jena HRB 12345"


@pytest.mark.parametrize(
    "raw", ["", None, "keine Eintragung", "12345", "Steuernummer 151/123/45678"]
)
def test_no_register_number(raw):
    assert n.normalise_register(raw) is None


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("DE136695976", "DE136695976"),
        ("DE 136 695 976", "DE136695976"),
        ("de136695976", "DE136695976"),
        ("136695976", "DE136695976"),  # nine digits: German
        ("USt-IdNr.: DE 136 695 976", "DE136695976"),
        ("ATU13585627", "ATU13585627"),
        ("DE136695978", ""),  # wrong check digit
        ("DE12345", ""),
        ("", ""),
    ],
)
def test_normalise_vat(raw, expected):
    assert n.normalise_vat(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("50-249", (50, 249)),
        ("50 – 249", (50, 249)),
        ("10 bis 49", (10, 49)),
        ("von 10 bis 49", (10, 49)),
        ("1.000 - 4.999", (1000, 4999)),
        ("über 500", (501, None)),
        ("Über 500", (501, None)),
        ("mehr als 1.000", (1001, None)),
        ("> 500", (501, None)),
        ("ab 250", (250, None)),
        ("250+", (250, None)),
        ("500 und mehr", (500, None)),
        ("<10", (0, 9)),
        ("unter 10", (0, 9)),
        ("weniger als 10", (0, 9)),
        ("bis 9", (0, 9)),
        ("120", (120, 120)),
        ("120,0", (120, 120)),
        ("ca. 120 MA", (120, 120)),
        ("rund 80 Mitarbeiter", (80, 80)),
        (42, (42, 42)),
        ("k. A.", None),
        ("unbekannt", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_size(raw, expected):
    assert n.parse_size(raw) == (n.SizeRange(*expected) if expected else None)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("ja", "yes"),
        ("Ja", "yes"),
        ("JA", "yes"),
        ("j", "yes"),
        ("x", "yes"),
        ("X", "yes"),
        ("1", "yes"),
        ("vorhanden", "yes"),
        ("Ja, vorhanden", "yes"),
        ("yes", "yes"),
        (True, "yes"),
        ("nein", "no"),
        ("Nein.", "no"),
        ("0", "no"),
        ("nicht vorhanden", "no"),
        ("kein BR", "no"),
        ("keiner", "no"),
        (False, "no"),
        ("unbekannt", "unknown"),
        ("k.A.", "unknown"),
        ("k. A.", "unknown"),
        ("keine Angabe", "unknown"),  # 'keine' alone would be 'no'
        ("?", "unknown"),
        ("-", "unknown"),
        ("", "unknown"),
        (None, "unknown"),
        ("vielleicht", "unknown"),
    ],
)
def test_yes_no(raw, expected):
    assert n.yes_no(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("29.32.0", "29.32.0"),
        ("29320", "29.32.0"),
        ("2932", "29.32"),
        ("29.32", "29.32"),
        ("WZ 29.32", "29.32"),
        ("Herstellung von Teilen", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_wz_code_reuses_classification(raw, expected):
    assert n.normalise_wz_code(raw) == expected


def test_prepare_builds_comparison_features():
    f = n.prepare(
        {
            "name": "Müller Drehteile GmbH & Co. KG",
            "street": "Goethestraße 5-7",
            "plz": "D-99084",
            "city": "Erfurt",
            "wz": "25620",
            "employees": "50 bis 249",
            "phone": "0361 12345-0",
            "email": "info@mueller-drehteile.de",
            "register_no": "Amtsgericht Jena HRA 501234",
            "vat_id": "DE 136 695 976",
        }
    )
    assert f["name_compact"] == "muellerdrehteile"
    assert f["legal_form"] == "GmbH & Co. KG" and f["legal_family"] == "kg"
    assert (f["street"], f["house_no"], f["house_low"], f["house_high"]) == (
        "goethestr",
        "5-7",
        5,
        7,
    )
    assert f["plz"] == "99084" and f["city"] == "erfurt" and f["kreis"].startswith("DEG0")
    assert f["phone"] == "+4936112345"
    assert f["domain"] == "mueller-drehteile.de"
    assert (f["register"], f["register_court"]) == ("HRA501234", "jena")
    assert f["vat"] == "DE136695976"
    assert (f["wz"], f["wz2"]) == ("25.62.0", "25")
    assert (f["employees_low"], f["employees_high"]) == (50, 249)


def test_prepare_turns_empty_values_into_none():
    f = n.prepare({"name": "Muster"})
    assert f["name_compact"] == "muster"
    assert all(f[k] is None for k in ("street", "plz", "phone", "domain", "vat", "wz"))
