"""Which column of a file goes into which field of the register. Plain Python, no Django.

``propose(headers, saved)`` suggests a target field for every column from its heading:
first a mapping the user saved for the source, then German (and a few English) synonyms
("Firma", "Firmenname", "PLZ", "Ort", "WZ", "Mitarbeiter", "Beschäftigte", "Betriebsrat",
...), then words inside longer headings ("Anzahl Mitarbeiter 2023"), then headings with a
typo ("Postleitzahll"). Every field is proposed for at most one column; the user corrects
the proposal before anything is read.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from anett.linkage.normalise import fold

from .problems import gettext_noop as _

# How a proposal came about (shown next to the column, so the user knows what to check).
SAVED, EXACT, CONTAINS, SIMILAR, NONE = "saved", "exact", "contains", "similar", ""

# Columns that our own download of rejected rows adds; never imported.
OUR_COLUMNS = ("Importfehler", "Zeile in Originaldatei")


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # English msgid
    synonyms: tuple[str, ...] = ()


FIELDS: tuple[Field, ...] = (
    Field(
        "external_id",
        _("ID in the source"),
        (
            "id",
            "kundennummer",
            "kunden-nr",
            "kd-nr",
            "kdnr",
            "mitgliedsnummer",
            "mitglieds-nr",
            "betriebsnummer",
            "betriebs-nr",
            "ihk-nummer",
            "ihk-nr",
            "hwk-nummer",
            "datensatz-id",
            "datensatznummer",
            "firmen-id",
            "firmennummer",
            "unternehmensnummer",
            "unternehmens-id",
            "kennung",
            "externe id",
            "schluessel",
            "key",
        ),
    ),
    Field(
        "name",
        _("Name"),
        (
            "firma",
            "firmenname",
            "firmierung",
            "name",
            "name 1",
            "name1",
            "unternehmen",
            "unternehmensname",
            "betrieb",
            "betriebsname",
            "firma name",
            "name der firma",
            "name des unternehmens",
            "bezeichnung",
            "company",
            "company name",
        ),
    ),
    Field(
        "name_2",
        _("Name addition"),
        ("name 2", "name2", "namenszusatz", "firmenzusatz", "zusatz", "name zusatz"),
    ),
    Field("legal_form", _("Legal form"), ("rechtsform", "gesellschaftsform", "legal form")),
    Field(
        "street",
        _("Street and number"),
        (
            "strasse",
            "str",
            "strasse und hausnummer",
            "strasse hausnummer",
            "strasse hausnr",
            "strasse nr",
            "anschrift",
            "adresse",
            "postanschrift",
            "street",
        ),
    ),
    Field("house_number", _("House number"), ("hausnummer", "hausnr", "hnr", "haus-nr")),
    Field("postcode", _("Postal code"), ("plz", "postleitzahl", "pl-zahl", "zip", "postcode")),
    Field("city", _("Town"), ("ort", "stadt", "gemeinde", "sitz", "standort", "city", "town")),
    Field(
        "postcode_city",
        _("Postal code and town"),
        ("plz ort", "plz und ort", "plz/ort", "ort plz", "postleitzahl ort"),
    ),
    Field(
        "kreis",
        _("District"),
        ("kreis", "landkreis", "lk", "kreis kreisfreie stadt", "ags", "kreisschluessel"),
    ),
    Field(
        "wz_code",
        _("WZ code"),
        (
            "wz",
            "wz 2008",
            "wz2008",
            "wz-code",
            "wz code",
            "wz-schluessel",
            "wz schluessel",
            "wirtschaftszweig",
            "wirtschaftszweig wz 2008",
            "branchenschluessel",
            "branchencode",
            "nace",
            "nace code",
        ),
    ),
    Field(
        "employees_site",
        _("Employees (establishment)"),
        (
            "mitarbeiter",
            "ma",
            "beschaeftigte",
            "anzahl mitarbeiter",
            "anzahl beschaeftigte",
            "mitarbeiterzahl",
            "beschaeftigtenzahl",
            "beschaeftigte betrieb",
            "mitarbeiter betrieb",
            "mitarbeiter standort",
            "groessenklasse",
            "beschaeftigtengroessenklasse",
            "mitarbeiter klasse",
            "employees",
        ),
    ),
    Field(
        "employees_enterprise",
        _("Employees (enterprise)"),
        (
            "beschaeftigte unternehmen",
            "mitarbeiter unternehmen",
            "mitarbeiter gesamt",
            "beschaeftigte gesamt",
            "mitarbeiter konzern",
            "beschaeftigte konzern",
        ),
    ),
    Field(
        "turnover_eur",
        _("Annual turnover (EUR)"),
        ("umsatz", "jahresumsatz", "umsatz eur", "umsatz in eur", "umsatz euro", "turnover"),
    ),
    Field("balance_sheet_eur", _("Balance sheet total (EUR)"), ("bilanzsumme", "bilanz")),
    Field(
        "works_council",
        _("Works council"),
        ("betriebsrat", "br", "br vorhanden", "betriebsrat vorhanden", "works council"),
    ),
    Field(
        "collective_agreement",
        _("Collective agreement"),
        ("tarifbindung", "tarifvertrag", "tarifgebunden", "tarif", "tarifbindung ja nein"),
    ),
    Field(
        "phone",
        _("Phone"),
        ("telefon", "tel", "telefonnummer", "fon", "rufnummer", "phone", "tel nr", "telefon nr"),
    ),
    Field("email", _("E-mail"), ("e-mail", "email", "mail", "e-mail-adresse", "emailadresse")),
    Field(
        "website",
        _("Website"),
        ("webseite", "website", "homepage", "internet", "www", "url", "internetseite", "web"),
    ),
    Field(
        "register_no",
        _("Commercial register no."),
        (
            "handelsregister",
            "handelsregisternummer",
            "hr-nummer",
            "hr-nr",
            "registernummer",
            "register-nr",
            "hrb",
            "hra",
            "registergericht und nummer",
        ),
    ),
    Field(
        "vat_id",
        _("VAT id"),
        (
            "ust-idnr",
            "ust-id",
            "ustid",
            "ust-id-nr",
            "umsatzsteuer-id",
            "ust idnr",
            "vat",
            "vat id",
        ),
    ),
    Field(
        "notes",
        _("Notes"),
        ("bemerkung", "bemerkungen", "notiz", "notizen", "kommentar", "hinweis", "anmerkung"),
    ),
)
FIELD_KEYS = tuple(f.key for f in FIELDS)
FIELDS_BY_KEY = {f.key: f for f in FIELDS}

# Words inside a longer heading, in order: the first rule whose words all occur wins.
_CONTAINS_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("plz", "ort"), "postcode_city"),
    (("postleitzahl", "ort"), "postcode_city"),
    (("plz",), "postcode"),
    (("postleitzahl",), "postcode"),
    (("strasse",), "street"),
    (("hausnummer",), "house_number"),
    (("hausnr",), "house_number"),
    (("anschrift",), "street"),
    (("adresse",), "street"),
    (("wz",), "wz_code"),
    (("wirtschaftszweig",), "wz_code"),
    (("nace",), "wz_code"),
    (("betriebsrat",), "works_council"),
    (("tarif",), "collective_agreement"),
    (("tarifbindung",), "collective_agreement"),
    (("beschaeftigte", "unternehmen"), "employees_enterprise"),
    (("mitarbeiter", "unternehmen"), "employees_enterprise"),
    (("beschaeftigte", "gesamt"), "employees_enterprise"),
    (("mitarbeiter", "gesamt"), "employees_enterprise"),
    (("beschaeftigte",), "employees_site"),
    (("mitarbeiter",), "employees_site"),
    (("mitarbeiterzahl",), "employees_site"),
    (("groessenklasse",), "employees_site"),
    (("umsatz",), "turnover_eur"),
    (("bilanzsumme",), "balance_sheet_eur"),
    (("telefon",), "phone"),
    (("tel",), "phone"),
    (("mail",), "email"),
    (("homepage",), "website"),
    (("webseite",), "website"),
    (("internet",), "website"),
    (("handelsregister",), "register_no"),
    (("registernummer",), "register_no"),
    (("ust",), "vat_id"),
    (("umsatzsteuer",), "vat_id"),
    (("rechtsform",), "legal_form"),
    (("landkreis",), "kreis"),
    (("kreis",), "kreis"),
    (("bemerkung",), "notes"),
    (("bemerkungen",), "notes"),
    (("kommentar",), "notes"),
    (("firmenname",), "name"),
    (("firma",), "name"),
    (("unternehmen",), "name"),
    (("betrieb",), "name"),
    (("ort",), "city"),
)
# A heading with one of these words is about a person or something else, never the firm.
_NOT_THE_FIRM = frozenset(
    "ansprechpartner ansprechpartnerin kontakt kontaktperson vorname nachname person "
    "geschaeftsfuehrer geschaeftsfuehrerin inhaber inhaberin datum stand".split()
)

_SYNONYMS: dict[str, str] = {}
for _field in FIELDS:
    for _syn in _field.synonyms:
        _SYNONYMS.setdefault(_syn, _field.key)


def header_key(text: object) -> str:
    """A heading folded for comparison: 'Straße/Hausnr.' -> 'strasse hausnr'."""
    folded = fold(str(text or ""))
    return " ".join(re.sub(r"[^\w+-]+", " ", folded).replace("_", " ").split()).strip(" -")


def _without_brackets(header: object) -> str:
    return header_key(re.sub(r"\([^)]*\)|\[[^]]*\]", " ", str(header or "")))


def _exact(key: str) -> str | None:
    if key in _SYNONYMS:
        return _SYNONYMS[key]
    for variant in (key.replace("-", " "), key.replace(" ", "-"), key.replace("-", "")):
        if variant in _SYNONYMS:
            return _SYNONYMS[variant]
    return None


def _contains(key: str) -> str | None:
    words = set(re.split(r"[\s/-]+", key))
    if words & _NOT_THE_FIRM:
        return None
    for needed, field in _CONTAINS_RULES:
        if all(w in words or any(x.startswith(w) for x in words) for w in needed):
            # 'ort' must be a word of its own ('Ortsteil' is not the town)
            if needed == ("ort",) and "ort" not in words:
                continue
            if needed == ("tel",) and "tel" not in words:
                continue
            if (
                needed == ("ust",)
                and "ust" not in words
                and not any(w.startswith("ust-") or w.startswith("ustid") for w in words)
            ):
                continue
            return field
    return None


def _similar(key: str) -> str | None:
    if len(key) < 4:
        return None
    found = difflib.get_close_matches(key, list(_SYNONYMS), n=1, cutoff=0.85)
    return _SYNONYMS[found[0]] if found else None


def guess(header: object) -> tuple[str, str]:
    """(field, how) for one heading on its own, ('', '') when nothing fits."""
    key = header_key(header)
    if not key or str(header).strip() in OUR_COLUMNS:
        return NONE, NONE
    for candidate in (key, _without_brackets(header)):
        if not candidate:
            continue
        field = _exact(candidate)
        if field:
            return field, EXACT
    if set(key.split()) & _NOT_THE_FIRM:
        return NONE, NONE
    field = _contains(key)
    if field:
        return field, CONTAINS
    field = _similar(key)
    if field:
        return field, SIMILAR
    return NONE, NONE


def header_score(cells: list) -> int:
    """How much a row looks like the heading row: the number of cells naming a field."""
    score = 0
    for cell in cells:
        if isinstance(cell, str) and cell.strip() and guess(cell)[0]:
            score += 1
    return score


@dataclass(frozen=True)
class Proposal:
    field: str  # a key of FIELDS or '' (not imported)
    how: str  # SAVED, EXACT, CONTAINS, SIMILAR or NONE


_RANK = {SAVED: 0, EXACT: 1, CONTAINS: 2, SIMILAR: 3}


def propose(headers: list[str], saved: dict[str, str] | None = None) -> list[Proposal]:
    """A target field for every column; each field at most once (the surest wins, then the
    leftmost column). ``saved`` is a mapping kept for the source: heading -> field ('' for
    a column deliberately not imported)."""
    saved = saved or {}
    saved_folded = {header_key(h): f for h, f in saved.items()}
    candidates: list[tuple[int, int, str, str]] = []  # (rank, column, field, how)
    decided: dict[int, Proposal] = {}
    for i, header in enumerate(headers):
        if header in saved or header_key(header) in saved_folded:
            field = saved.get(header, saved_folded.get(header_key(header), ""))
            if field and field in FIELDS_BY_KEY:
                candidates.append((_RANK[SAVED], i, field, SAVED))
            else:
                decided[i] = Proposal(NONE, SAVED)
            continue
        field, how = guess(header)
        if field:
            candidates.append((_RANK[how], i, field, how))
    taken: set[str] = set()
    for _rank, i, field, how in sorted(candidates):
        if field in taken or i in decided:
            continue
        taken.add(field)
        decided[i] = Proposal(field, how)
    return [decided.get(i, Proposal(NONE, NONE)) for i in range(len(headers))]


def check(mapping: dict[int, str]) -> list[tuple[str, dict]]:
    """Problems of a chosen mapping (column index -> field): (msgid, params) pairs.
    A parameter named ``field`` holds a field key; it is shown as the field's label."""
    problems = []
    fields = [f for f in mapping.values() if f]
    if "name" not in fields:
        problems.append((_("Choose the column that holds the company name."), {}))
    for field in sorted(set(fields)):
        if fields.count(field) > 1:
            problems.append(
                (
                    _("“%(field)s” is chosen for more than one column."),
                    {"field": field},
                )
            )
    if "postcode_city" in fields and ("postcode" in fields or "city" in fields):
        problems.append(
            (
                _(
                    "Choose either one column “Postal code and town” or separate columns "
                    "for postal code and town."
                ),
                {},
            )
        )
    return problems
