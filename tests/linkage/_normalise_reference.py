# FROZEN REFERENCE - do not edit, do not optimise.
# A verbatim copy of the original src/anett/linkage/normalise.py (before the speed-up of
# 2026-11-26). tests/linkage/test_normalise_equivalence.py and bench/normalise_bench.py
# compare the optimised module with it: every output must stay identical.
"""German normalisation of company records for record linkage. Plain Python, no Django.

Each function takes the raw text of one field as it comes from a spreadsheet and returns
a canonical value, or an empty value (``""`` / ``None``) when nothing usable is in it.
None of them raises on bad input: import files are messy and one bad cell must not stop
a run. ``prepare`` applies them all to one record and returns the features that the
linkage model in ``dedupe.py`` compares.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

# --------------------------------------------------------------------------- text


_UMLAUTS = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ß": "ss",
        "ẞ": "SS",
    }
)


def fold(text: str | None) -> str:
    """Lower case, umlauts spelled out (ä → ae, ß → ss), other accents removed.

    'Müller' and 'Mueller' fold to the same text; 'Muller' does not, on purpose:
    dropping the dots (as cleanco and ASCII transliteration do) is a different name in
    German. Whitespace is collapsed; punctuation is kept.
    """
    if not text:
        return ""
    text = str(text)
    if text.isascii():
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFC", text).translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def _letters_regex(abbr: str) -> str:
    """'GmbH' -> regex matching 'GmbH', 'G.m.b.H.', 'G m b H', 'gmbh' (case-insensitive)."""
    return r"\.?\s*".join(re.escape(c) for c in abbr) + r"\.?"


# --------------------------------------------------------------------------- legal forms

# Canonical legal form -> family (for "compatible" comparisons: a GmbH that becomes a
# GmbH & Co. KG, or an e.K. written as "Inh. ...", is not evidence of a different firm).
LEGAL_FORM_FAMILY = {
    "GmbH": "capital",
    "gGmbH": "capital",
    "UG (haftungsbeschränkt)": "capital",
    "AG": "stock",
    "SE": "stock",
    "KGaA": "stock",
    "GmbH & Co. KG": "kg",
    "UG (haftungsbeschränkt) & Co. KG": "kg",
    "AG & Co. KG": "kg",
    "SE & Co. KG": "kg",
    "GmbH & Co. KGaA": "stock",
    "SE & Co. KGaA": "stock",
    "KG": "kg",
    "OHG": "partnership",
    "GmbH & Co. OHG": "partnership",
    "GbR": "partnership",
    "PartG mbB": "partnership",
    "PartG": "partnership",
    "e.K.": "sole",
    "Einzelunternehmen": "sole",
    "e.V.": "association",
    "eG": "cooperative",
    "Ltd.": "capital",
}

_AND = r"\s*(?:&|\+|und|u\.)\s*"
_CO = _AND + r"Co\.?\s*"
_GMBH = (
    r"(?:" + _letters_regex("GmbH") + r"|Gesellschaft\s+mit\s+beschr(?:ä|ae|a)nkter\s+Haftung"
    r"|Ges(?:ellschaft|\.)\s*m\.?\s*b\.?\s*H\.?"
    r"|Ges\.?\s*m\.?\s*b\.?\s*H\.?|mbH)"
)
_UG = r"(?:UG\s*\(?\s*(?:haftungsbeschr(?:ä|ae|a)nkt|h\.?\s*b\.?)\s*\)?|UG)"
_KG = r"(?:" + _letters_regex("KG") + r"|Kommanditgesellschaft)"
_KGAA = r"(?:KGaA|KG\s*a\.?\s*A\.?|Kommanditgesellschaft\s+auf\s+Aktien)"
_AG = r"(?:" + _letters_regex("AG") + r"|Aktiengesellschaft)"
_SE = _letters_regex("SE")

# Longest first: "GmbH & Co. KG" must win over "KG".
_LEGAL_FORM_PATTERNS: list[tuple[str, str]] = [
    ("GmbH & Co. KGaA", _GMBH + _CO + _KGAA),
    ("SE & Co. KGaA", _SE + _CO + _KGAA),
    ("UG (haftungsbeschränkt) & Co. KG", _UG + _CO + _KG),
    ("GmbH & Co. KG", _GMBH + _CO + _KG),
    ("AG & Co. KG", _AG + _CO + _KG),
    ("SE & Co. KG", _SE + _CO + _KG),
    ("GmbH & Co. OHG", _GMBH + _CO + r"(?:" + _letters_regex("OHG") + r")"),
    ("PartG mbB", r"PartG\s*mbB|Partnerschaftsgesellschaft\s+mbB"),
    ("gGmbH", r"gGmbH|gemeinn(?:ü|ue|u)tzige\s+" + _GMBH),
    ("UG (haftungsbeschränkt)", _UG),
    ("GmbH", _GMBH),
    ("KGaA", _KGAA),
    ("KG", _KG),
    ("AG", _AG),
    ("SE", _SE + r"|Societas\s+Europaea"),
    ("OHG", _letters_regex("OHG") + r"|offene\s+Handelsgesellschaft"),
    ("GbR", _letters_regex("GbR") + r"|Gesellschaft\s+b(?:ü|ue|u)rgerlichen\s+Rechts"),
    ("PartG", r"PartG|Partnerschaftsgesellschaft"),
    (
        "e.K.",
        r"e\.?\s*K(?:fm|fr|fm\.?\s*in)?\.?|eingetragene[rn]?\s+Kauf(?:mann|frau)",
    ),
    ("e.V.", _letters_regex("eV") + r"|eingetragener\s+Verein"),
    ("eG", _letters_regex("eG") + r"|eingetragene\s+Genossenschaft"),
    ("Ltd.", r"Ltd\.?|Limited"),
]

# A legal form stands at the end of the name, or before a branch or site suffix
# ("Muster GmbH, Werk Eisenach", "Muster GmbH Niederlassung Erfurt").
_SUFFIX_AFTER_FORM = (
    r"(?=\s*$|\s*[,;(/–-]|\s+(?:Niederlassung|Zweigniederlassung|NL|Werk|Filiale|Standort|"
    r"Betriebsst(?:ä|ae)tte|Inh\.?|Inhaber(?:in)?)\b)"
)
# One regex for all forms, longest first: at each position the first alternative that
# matches wins, so "GmbH & Co. KG" is taken before "GmbH".
_LEGAL_FORM_RE = re.compile(
    r"(?:(?<=[\s,(])|^)(?:"
    + "|".join(f"(?P<f{i}>{pattern})" for i, (_, pattern) in enumerate(_LEGAL_FORM_PATTERNS))
    + r")"
    + _SUFFIX_AFTER_FORM,
    re.IGNORECASE,
)
_FORM_BY_GROUP = {f"f{i}": canon for i, (canon, _) in enumerate(_LEGAL_FORM_PATTERNS)}
_CASE_SENSITIVE_FORMS = {"AG", "SE", "KG", "eG", "UG (haftungsbeschränkt)"}
_INHABER_RE = re.compile(r"[\s,;/–-]*\b(?:Inh(?:aber(?:in)?)?\.?)\s*:?\s+(?P<owner>.+)$", re.I)


@dataclass(frozen=True)
class NameParts:
    """A company name split into the firm's own name, its legal form and an owner."""

    core: str  # the name without legal form, as written
    legal_form: str = ""  # canonical, a key of LEGAL_FORM_FAMILY, or ""
    owner: str = ""  # "Inh. Peter Schmidt" -> "Peter Schmidt"


def _short_form_ok(canon: str, matched: str) -> bool:
    """Two-letter forms only in their usual spelling: 'AG', not 'ag' at the end of a word.

    'Verlag' never matches because a form must follow a space; this also keeps the
    lower-case words 'eg', 'se', 'kg' ('5 kg') from being taken for legal forms.
    """
    if canon not in _CASE_SENSITIVE_FORMS or len(matched.replace(".", "").strip()) > 3:
        return True
    letters = re.sub(r"[\s.]", "", matched)
    return letters in {"AG", "SE", "KG", "eG", "UG"}


def split_legal_form(name: str | None) -> NameParts:
    """Split 'Muster Metall GmbH & Co. KG' into ('Muster Metall', 'GmbH & Co. KG').

    Recognises the German legal forms in their usual spellings and abbreviations
    (GmbH, G.m.b.H., mbH, gGmbH, UG (haftungsbeschränkt), AG, SE, KG, KGaA, OHG, GbR,
    PartG (mbB), e.K./e.Kfm./e.Kfr., e.V., eG, the '& Co. KG' combinations) and an owner
    after 'Inh.'/'Inhaber' ('Bäckerei Schmidt Inh. Peter Schmidt'), which marks a sole
    proprietorship when no other form is given.
    """
    text = " ".join((name or "").split())
    if not text:
        return NameParts("")
    owner = ""
    m = _INHABER_RE.search(text)
    if m and m.start() > 0:
        owner = m.group("owner").strip(" ,;")
        text = text[: m.start()].strip(" ,;-–")
    # The form nearest to the end of the name wins; a name does not start with one.
    for m in reversed(list(_LEGAL_FORM_RE.finditer(text))):
        canon = _FORM_BY_GROUP[m.lastgroup]
        if m.start() == 0 or not _short_form_ok(canon, m.group(0)):
            continue
        core = (text[: m.start()] + " " + text[m.end() :]).strip()
        core = re.sub(r"\s+([,;])", r"\1", re.sub(r"\s+", " ", core)).strip(" ,;-–&")
        if core:
            return NameParts(core, canon, owner)
    return NameParts(text.strip(" ,;-–"), "Einzelunternehmen" if owner else "", owner)


def legal_form_family(form: str) -> str:
    return LEGAL_FORM_FAMILY.get(form, "")


# --------------------------------------------------------------------------- names

# Common abbreviations in German company names, after folding, without the dot.
NAME_ABBREVIATIONS = {
    "ges": "gesellschaft",
    "gebr": "gebrueder",
    "ind": "industrie",
    "masch": "maschinenbau",
    "maschb": "maschinenbau",
    "anl": "anlagen",
    "anlagenb": "anlagenbau",
    "metallb": "metallbau",
    "werkzb": "werkzeugbau",
    "werkz": "werkzeug",
    "elektr": "elektro",
    "kunstst": "kunststoff",
    "kunststofftechn": "kunststofftechnik",
    "techn": "technik",
    "tech": "technik",
    "dienstl": "dienstleistungen",
    "vertr": "vertrieb",
    "hdl": "handel",
    "hdlg": "handel",
    "verw": "verwaltung",
    "bet": "beteiligungs",
    "int": "international",
    "intl": "international",
    "prod": "produktion",
    "fahrzeugt": "fahrzeugtechnik",
    "kfz": "kraftfahrzeug",
    "autom": "automation",
    "st": "sankt",
    "thuer": "thueringen",
    "thur": "thueringen",
    "thuering": "thueringen",
    "dt": "deutsche",
    "dtsch": "deutsche",
}
# Words that carry no information about which firm is meant.
NAME_STOPWORDS = frozenset(
    "und der die das des dem den fuer von vom zu zur zum am an im in auf bei mit "
    "the and of for fa firma co".split()
)
_AND_RE = re.compile(r"\s*(?:&|\+)\s*|(?<![\w])u\.(?=\s|$)")
_NON_WORD = re.compile(r"[^\w]+")


def name_tokens(core: str) -> list[str]:
    """Folded words of a name without legal form: 'Müller & Söhne Masch.' ->
    ['mueller', 'soehne', 'maschinenbau'].

    '&', '+', 'u.' and 'und' are the same word and, like articles and 'Fa.', dropped;
    common abbreviations are spelled out; hyphens split words ('Auto-Teile' -> 'auto',
    'teile'), the compact form in ``name_compact`` joins them again.
    """
    text = _AND_RE.sub(" und ", fold(core))
    tokens = []
    for raw in _NON_WORD.sub(" ", text).split():
        token = NAME_ABBREVIATIONS.get(raw, raw)
        if token not in NAME_STOPWORDS and token != "_":
            tokens.append(token)
    return tokens


def name_compact(core: str) -> str:
    """Name without legal form, spaces and punctuation: 'Auto-Teile Schmidt' ->
    'autoteileschmidt'. Compared with a string similarity, it bridges typos and
    differently split compounds."""
    return "".join(name_tokens(core))


# --------------------------------------------------------------------------- addresses

_STREET_WORD = re.compile(
    r"(?<=\w)(?:strasse|str\.?)(?=\s|$|\d)|(?<![\w])(?:strasse|str\.?)(?=\s|$|\d)"
)
_STREET_ABBR = {
    r"(?<![\w])pl\.": "platz",
    r"(?<![\w])ch\.": "chaussee",
    r"(?<![\w])(?:allee|al\.)(?=\s|$)": "allee",
    r"(?<![\w])st\.(?=\s)": "sankt",
    r"(?<![\w])gew\.?\s*-?\s*geb\.?": "gewerbegebiet",
    r"(?<![\w])ind\.?\s*-?\s*geb\.?": "industriegebiet",
}
_HOUSE_NO = re.compile(
    r"(?P<lo>\d{1,5})\s*(?P<lol>[a-z](?![a-z]))?"
    r"(?:\s*(?:-|–|/|bis|u\.?|und|\+)\s*(?P<hi>\d{1,5})\s*(?P<hil>[a-z](?![a-z]))?)?"
    r"\s*$"
)


class Street(NamedTuple):
    name: str  # folded, 'straße'/'str.' as 'str': 'hauptstr'
    number: str  # '12', '12a', '12-14'
    number_low: int | None = None
    number_high: int | None = None

    @property
    def compact(self) -> str:
        """Street name without spaces and hyphens: 'Weimarer Straße' -> 'weimarerstr'."""
        return re.sub(r"[\s.\-]", "", self.name)


@lru_cache(maxsize=65536)
def normalise_street(raw: str | None) -> Street:
    """'Hauptstraße 12-14' -> Street('hauptstr', '12-14', 12, 14).

    'Straße', 'Strasse', 'Str.' and 'str' (also at the end of a compound: 'Hauptstr.')
    become 'str'; house numbers '12a', '12 A', '12-14', '12/14', '12 u. 14' are split off.
    Text after a comma ('Industriestr. 5, Halle 3') is dropped when the part before it
    has a number; a PO box ('Postfach 12 34') is not a street.
    """
    text = fold(raw)
    if not text or re.match(r"^(?:postfach|pf\.?|postbox)\b", text):
        return Street("", "")
    if "," in text:
        head = text.split(",", 1)[0]
        if re.search(r"\d", head):
            text = head
    text = _STREET_WORD.sub("str", text)
    for pattern, repl in _STREET_ABBR.items():
        text = re.sub(pattern, repl, text)
    number, low, high = "", None, None
    m = _HOUSE_NO.search(text)
    # A number directly after "des"/"vom"/a dot is part of the name ('Str. des 17. Juni').
    if m and m.start() > 0 and not text[: m.start()].rstrip().endswith("."):
        low = int(m.group("lo"))
        high = int(m.group("hi")) if m.group("hi") else low
        if high < low:  # '12/3' is a number with a flat, not a range
            high = low
        number = str(low) + (m.group("lol") or "")
        if m.group("hi") and high != low:
            number += f"-{high}" + (m.group("hil") or "")
        text = text[: m.start()]
    name = re.sub(r"\s+", " ", re.sub(r"[,;]", " ", text)).strip(" -.")
    name = re.sub(r"\s*-\s*", "-", name)
    return Street(name, number, low, high)


@lru_cache(maxsize=8192)
def normalise_plz(raw: str | None) -> str:
    """Five-digit German postcode: 'D-99817' -> '99817'; '7743' (Excel lost the zero) ->
    '07743'; anything else -> ''."""
    text = re.sub(r"^\s*(?:DE|D)\s*[-–]?\s*", "", str(raw or ""), flags=re.I)
    text = re.sub(r"\.0$", "", text.strip())  # 99817.0 from a float column
    digits = re.sub(r"\s", "", text)
    if re.fullmatch(r"\d{4}", digits):
        digits = "0" + digits
    return digits if re.fullmatch(r"\d{5}", digits) else ""


@lru_cache(maxsize=20000)
def kreis_for_plz(plz: str) -> str:
    """NUTS-3 code of the district a postcode lies in ('' when unknown), via the PLZ table
    that `anett.regions.plz` uses. A postcode can cross district borders; for record
    linkage, being in the same district is weak evidence only."""
    plz = normalise_plz(plz)
    if not plz:
        return ""
    try:
        from anett.regions.plz import nuts3_for_plz

        return nuts3_for_plz(plz) or ""
    except Exception:  # the lookup table is optional for linkage
        return ""


@lru_cache(maxsize=8192)
def normalise_city(raw: str | None) -> str:
    """Folded town without district suffixes in brackets or after a slash:
    'Eisenach (Thür.)' -> 'eisenach', 'Erfurt / OT Marbach' -> 'erfurt'."""
    text = fold(raw)
    text = re.split(r"\s*[(/,]|\s+-\s+|\s+ot\s+", text)[0]
    text = re.sub(r"^(?:d-)?\d{5}\s+", "", text)
    text = re.sub(r"(?<![\w])(?:st\.)\s*", "sankt ", text)
    text = re.sub(r"\b(?:a\.|am)\s*d\.?\s*", "a d ", text)
    return " ".join(text.replace(".", " ").split())


# --------------------------------------------------------------------------- contacts

_PHONE_SPLIT = re.compile(r"\s*(?:,|;|\boder\b|\bbzw\.?|\bund\b|\bu\.)\s*", re.I)


def normalise_phone(raw: str | None, country_code: str = "49") -> str:
    """German phone number in E.164: '0361 / 12 34 5-0', '+49 (0)361 123450',
    '0049 361 123450' -> '+49361123450'. Of several numbers the first is taken;
    '-0' at the end (the switchboard's extension) counts as the switchboard itself.
    A number without area code cannot be placed and gives ''.
    """
    text = str(raw or "").strip()
    if not text:
        return ""
    text = re.sub(r"^(?:tel(?:efon)?|fon|phone|mobil|handy)\.?\s*:?\s*", "", text, flags=re.I)
    text = _PHONE_SPLIT.split(text)[0]
    text = re.sub(r"\(\s*0\s*\)", "", text)  # +49 (0)361
    text = re.sub(r"-\s*0\s*$", "", text)  # 12345-0: switchboard
    text = re.sub(r"(?:durchwahl|dw|ext)\.?.*$", "", text, flags=re.I)
    plus = text.lstrip().startswith("+")
    digits = re.sub(r"\D", "", text)
    if plus:
        number = digits
    elif digits.startswith("00"):
        number = digits[2:]
    elif digits.startswith("0"):
        number = country_code + digits[1:]
    elif digits.startswith(country_code) and len(digits) >= 10:
        number = digits
    else:
        return ""
    if number.startswith(country_code + "0"):  # +49 0361 ...
        number = country_code + number[len(country_code) + 1 :]
    if not 8 <= len(number) <= 15:
        return ""
    return "+" + number


def normalise_website(raw: str | None) -> str:
    """Bare domain: 'https://www.Muster-Metall.de/kontakt' -> 'muster-metall.de'.
    Punycode is shown as Unicode ('xn--mller-kva.de' -> 'müller.de')."""
    text = str(raw or "").strip().lower()
    if not text:
        return ""
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    text = re.split(r"[/?#\s]", text, maxsplit=1)[0]
    text = text.rsplit("@", 1)[-1].split(":", 1)[0].strip(".")
    text = re.sub(r"^www\d?\.", "", text)
    if "." not in text or not re.fullmatch(r"[\w.-]+", text):
        return ""
    if "xn--" in text:
        try:
            text = text.encode("ascii").decode("idna")
        except UnicodeError:
            pass
    return text


FREE_MAIL_DOMAINS = frozenset(
    """gmx.de gmx.net gmx.at gmx.ch web.de t-online.de freenet.de arcor.de online.de
    gmail.com googlemail.com yahoo.de yahoo.com hotmail.de hotmail.com outlook.de
    outlook.com live.de live.com icloud.com me.com mail.de posteo.de aol.com aol.de
    email.de vodafone.de 1und1.de ionos.de kabelmail.de unitybox.de mailbox.org""".split()
)


def email_domain(raw: str | None) -> str:
    """Domain of an e-mail address: 'Info@Muster-Metall.de' -> 'muster-metall.de'."""
    text = str(raw or "").strip().lower()
    text = re.sub(r"^mailto:", "", text)
    if text.count("@") != 1:
        return ""
    return normalise_website(text.split("@", 1)[1])


def company_domain(website: str | None = None, email: str | None = None) -> str:
    """The firm's own internet domain: from the website, else from the e-mail address
    unless that is a free-mail provider (gmx.de, web.de, t-online.de, ...)."""
    domain = normalise_website(website)
    if domain:
        return domain
    domain = email_domain(email)
    return "" if domain in FREE_MAIL_DOMAINS else domain


# --------------------------------------------------------------------------- identifiers

_REGISTER_KINDS = {
    "hra": "HRA",
    "hrb": "HRB",
    "gnr": "GnR",
    "genr": "GnR",
    "vr": "VR",
    "pr": "PR",
    "gsr": "GsR",
}
_REGISTER_RE = re.compile(
    r"(?<![a-z])(?P<kind>h\.?\s*r\.?\s*[ab]|ge?n\.?\s*r|vr|pr|gsr)\.?\s*(?:nr\.?\s*)?"
    r"(?P<number>\d[\d .]*\d|\d)(?:\s*(?P<suffix>[a-z]{1,2})(?![a-z]))?",
    re.I,
)
_COURT_RE = re.compile(
    r"(?:amtsgericht|registergericht|ag|reg\.?\s*ger\.?)\s+(?P<court>[a-zäöüß][\w .()-]*?)"
    r"(?=\s*(?:[,:;]|$|h\.?\s*r|ge?n\.?\s*r|vr\b|pr\b))",
    re.I,
)


# Suffixes that some courts add to the number (Berlin-Charlottenburg "B", Bremen "HB").
_COURT_SUFFIXES = {"B", "HB", "FL", "HH"}
_REGISTER_WORDS = re.compile(
    r"\b(?:amtsgerichts?|registergerichts?|ag|des|beim|handelsregister|genossenschaftsregister|"
    r"vereinsregister|partnerschaftsregister|register|reg|ger|nr|abt(?:eilung)?|[ab])\b\.?",
    re.I,
)


def _court_words(text: str) -> str:
    """The court town in what is left around a register number, '' if none."""
    text = _REGISTER_WORDS.sub(" ", text).strip(" ,;:()-.")
    return "" if not text or re.search(r"\d", text) else text


class RegisterNumber(NamedTuple):
    court: str  # folded court town, '' when not given: 'jena'
    kind: str  # HRA, HRB, GnR, VR, PR, GsR
    number: str  # digits without leading zeros, with a court suffix: '501234', '12345B'

    @property
    def key(self) -> str:
        """Kind and number without the court: 'HRB501234'."""
        return f"{self.kind}{self.number}"

    def __str__(self) -> str:
        court = self.court.title() if self.court else ""
        return f"{court} {self.kind} {self.number}".strip()


def normalise_register(raw: str | None) -> RegisterNumber | None:
    """Commercial register entry: 'HRB 12345 Jena', 'Amtsgericht Jena HRB 12345',
    'AG Jena, HR B 012345' -> RegisterNumber('jena', 'HRB', '12345'). None when there is
    no register type and number in the text."""
    text = " ".join(str(raw or "").split())
    m = _REGISTER_RE.search(text)
    if not m:
        return None
    kind = _REGISTER_KINDS.get(re.sub(r"[\s.]", "", m.group("kind")).lower())
    if not kind:
        return None
    number = re.sub(r"\D", "", m.group("number")).lstrip("0")
    if not number:
        return None
    suffix = (m.group("suffix") or "").upper()
    if suffix in _COURT_SUFFIXES:
        number += suffix
    court = ""
    cm = _COURT_RE.search(text)
    if cm:
        court = cm.group("court")
    else:
        after = text[m.end("number") if suffix not in _COURT_SUFFIXES else m.end() :]
        court = _court_words(after) or _court_words(text[: m.start()])
    court = fold(court).strip(" .,()")
    return RegisterNumber(court, kind, number)


def normalise_vat(raw: str | None) -> str:
    """EU VAT id (USt-IdNr.) in compact form, checked with python-stdnum:
    'DE 136 695 976' -> 'DE136695976'. Nine digits without prefix are taken as German.
    Invalid numbers (wrong check digit, wrong length) give ''."""
    from stdnum.eu import vat
    from stdnum.exceptions import ValidationError

    text = re.sub(
        r"^(?:ust\.?-?\s*id(?:nr)?\.?|vat(?:\s*id)?|uid)\s*:?\s*", "", str(raw or ""), flags=re.I
    )
    text = text.strip()
    if not text:
        return ""
    if re.fullmatch(r"[\d\s.]{9,13}", text) and len(re.sub(r"\D", "", text)) == 9:
        text = "DE" + text
    try:
        return vat.validate(text)
    except ValidationError:
        return ""


# --------------------------------------------------------------------------- size, yes/no


class SizeRange(NamedTuple):
    low: int
    high: int | None  # None: open upwards ('über 500')


_NUM = r"\d{1,3}(?:[.\s']\d{3})+|\d+"


def _int(text: str) -> int:
    return int(re.sub(r"[.\s']", "", text))


@lru_cache(maxsize=8192)
def parse_size(raw: str | int | None) -> SizeRange | None:
    """Headcount or size class as a range: '50-249' -> (50, 249), '10 bis 49' ->
    (10, 49), 'über 500' -> (501, None), 'ab 250' -> (250, None), '<10' -> (0, 9),
    '120' / 'ca. 120 MA' -> (120, 120), '1.000 - 4.999' -> (1000, 4999).
    Unknown words ('k. A.') give None."""
    if raw is None:
        return None
    if isinstance(raw, int):
        return SizeRange(raw, raw) if raw >= 0 else None
    text = fold(str(raw))
    text = re.sub(r"(?<=\d),0+\b", "", text)  # '120,0' from a spreadsheet
    text = re.sub(r"(?<=\d)\.0\b", "", text)
    text = re.sub(r"(?<![\w])(?:ca\.|circa|etwa|rund)", " ", text)
    text = re.sub(r"\b(?:ma|mitarbeiter(?:innen)?|beschaeftigte|personen|koepfe)\b\.?", " ", text)
    text = text.replace("~", " ").strip()
    if not text:
        return None
    m = re.fullmatch(rf"(?:von\s*)?({_NUM})\s*(?:-|–|bis|\.\.)\s*({_NUM})", text)
    if m:
        low, high = _int(m.group(1)), _int(m.group(2))
        return SizeRange(min(low, high), max(low, high))
    m = re.fullmatch(rf"(?:ueber|mehr\s+als|>)\s*({_NUM})", text)
    if m:
        return SizeRange(_int(m.group(1)) + 1, None)
    m = re.fullmatch(
        rf"(?:ab|mind\.?|mindestens|>=|≥)\s*({_NUM})|({_NUM})\s*(?:\+|und\s+mehr|u\.\s*m\.)", text
    )
    if m:
        return SizeRange(_int(m.group(1) or m.group(2)), None)
    m = re.fullmatch(rf"(?:unter|weniger\s+als|<)\s*({_NUM})", text)
    if m:
        return SizeRange(0, max(_int(m.group(1)) - 1, 0))
    m = re.fullmatch(rf"(?:bis(?:\s+zu)?|max\.?|maximal|hoechstens|<=|≤)\s*({_NUM})", text)
    if m:
        return SizeRange(0, _int(m.group(1)))
    m = re.fullmatch(rf"({_NUM})", text)
    if m:
        n = _int(m.group(1))
        return SizeRange(n, n)
    return None


YES, NO, UNKNOWN = "yes", "no", "unknown"
_YES_WORDS = frozenset("ja j yes y x 1 true wahr vorhanden existiert besteht".split()) | {
    "ja, vorhanden",
    "gibt es",
    "ist vorhanden",
    "✓",
    "✔",
}
_NO_WORDS = frozenset("nein n no 0 false falsch kein keiner keine ohne nicht".split()) | {
    "nicht vorhanden",
    "existiert nicht",
    "gibt es nicht",
    "kein br",
    "kein betriebsrat",
}
_UNKNOWN_WORDS = frozenset("unbekannt unklar ? ?? - k.a. ka n.b. nb".split()) | {
    "k. a.",
    "keine angabe",
    "keine angaben",
    "nicht bekannt",
    "weiss nicht",
    "n. b.",
}


def yes_no(raw: str | int | bool | None) -> str:
    """'ja', 'x', '1', 'vorhanden' -> 'yes'; 'nein', '0', 'nicht vorhanden', 'kein BR' ->
    'no'; '', 'unbekannt', 'k. A.', 'keine Angabe', anything else -> 'unknown'."""
    if raw is None:
        return UNKNOWN
    if isinstance(raw, bool):
        return YES if raw else NO
    text = fold(str(raw)).strip(" .!")
    if text in _UNKNOWN_WORDS or not text:
        return UNKNOWN
    if text in _YES_WORDS or text.rstrip(".") in _YES_WORDS:
        return YES
    if text in _NO_WORDS or text.rstrip(".") in _NO_WORDS:
        return NO
    return UNKNOWN


def normalise_wz_code(raw: str | None) -> str:
    """WZ 2008 code in dotted notation via `anett.companies.classification.normalise_wz`
    ('2932' -> '29.32'); '' when the text is not a WZ code."""
    from anett.companies.classification import InvalidWZ, normalise_wz

    if not raw or not str(raw).strip():
        return ""
    try:
        return normalise_wz(str(raw))
    except InvalidWZ:
        return ""


# --------------------------------------------------------------------------- one record


def _none_if_empty(value):
    return value if value not in ("", None, []) else None


def prepare(record: dict) -> dict:
    """The comparison features of one raw record (keys of the import CSV: name, street,
    plz, city, wz, employees, phone, email, website, register_no, vat_id; missing keys
    are empty). Empty features are None, so that the model treats them as unknown."""
    get = record.get
    parts = split_legal_form(get("name"))
    tokens = name_tokens(parts.core)
    street = normalise_street(get("street"))
    plz = normalise_plz(get("plz"))
    register = normalise_register(get("register_no"))
    size = parse_size(get("employees"))
    wz = normalise_wz_code(get("wz"))
    features = {
        "name_compact": "".join(tokens),
        "name_sorted": " ".join(sorted(tokens)),
        "name_tokens": tokens,
        "legal_form": parts.legal_form,
        "legal_family": legal_form_family(parts.legal_form),
        "street": street.compact,
        "house_no": street.number,
        "house_low": street.number_low,
        "house_high": street.number_high,
        "plz": plz,
        "kreis": kreis_for_plz(plz) if plz else "",
        "city": normalise_city(get("city")),
        "phone": normalise_phone(get("phone")),
        "domain": company_domain(get("website"), get("email")),
        "register": register.key if register else "",
        "register_court": register.court if register else "",
        "vat": normalise_vat(get("vat_id")),
        "wz": wz,
        "wz2": wz[:2],
        "employees_low": size.low if size else None,
        "employees_high": size.high if size else None,
    }
    return {k: _none_if_empty(v) for k, v in features.items()}
