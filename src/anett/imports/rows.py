"""Checking and normalising one row of an import file. Plain Python, no Django.

``RowNormaliser(columns, lookups).normalise(cells)`` turns the cells of one row into the
values of a register entry plus, per field, the problems that reject the row (errors)
and the ones that only deserve a look (warnings). Normalisation reuses the register's
classification (``anett.companies.classification``) and the record-linkage normalisers
(``anett.linkage.normalise``):

- name: the legal form is split off ("Muster Metall GmbH & Co. KG" -> "Muster Metall",
  "GmbH & Co. KG"); an owner after "Inh." goes into the notes;
- WZ 2008 codes in every common notation ("29.32.0", "2932", "29320", "WZ 29.32",
  "C 29.32", "29.32.0 Herstellung von ...", a number cell 29.32, and "29.10" that Excel
  turned into the date 29 October) must exist in WZ 2008;
- headcounts and size classes ("120", "ca. 120 MA", "50-249", "10 bis 49", "über 500")
  become a range; the register stores the middle of a closed range and the lower bound of
  an open one, the range is kept with the source record;
- postal codes to five digits ("7743" -> "07743") and from there the district;
- yes/no words for works council and collective agreement ("ja", "x", "vorhanden",
  "kein BR", "k. A.");
- amounts ("1,5 Mio", "2.300.000 €", "850 T€") to whole euros.

Values are never guessed silently: a cell that cannot be read rejects the row with a
reason for that field, so that the user can fix it in the downloaded file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from anett.companies import classification as cls
from anett.linkage.normalise import (
    fold,
    name_compact,
    normalise_phone,
    normalise_plz,
    normalise_register,
    normalise_vat,
    normalise_website,
    parse_size,
    split_legal_form,
    yes_no,
)

from .problems import Problem, problem
from .problems import gettext_noop as _
from .reader import Formula, display

MAX_LENGTH = {
    "name": 200,
    "legal_form": 60,
    "street": 200,
    "city": 120,
    "phone": 40,
    "website": 200,
    "external_id": 100,
}
MAX_AMOUNT = Decimal("99999999999999")  # 14 digits, as the register stores them
ROW = "_row"  # key of problems that concern the whole row

_EXCEL_ERRORS = frozenset(
    "#DIV/0! #N/A #NV #NA #WERT! #VALUE! #BEZUG! #REF! #NAME? #ZAHL! #NUM! #NULL! "
    "#LEER! #SPILL! #ÜBERLAUF! #CALC! #GETTING_DATA".split()
)
# Words that say "not known" on purpose (anything else that is neither yes nor no is an error).
_UNKNOWN_WORDS = frozenset(
    {
        "unbekannt",
        "unklar",
        "?",
        "??",
        "-",
        "--",
        "k.a.",
        "k. a",
        "k. a.",
        "ka",
        "n.b.",
        "n. b",
        "n. b.",
        "nb",
        "unknown",
        "offen",
        "keine angabe",
        "keine angaben",
        "nicht bekannt",
        "weiss nicht",
    }
)
_DATE_TEXT = re.compile(r"^\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})$|^\d{4}-\d{2}-\d{2}(?:[ T].*)?$")
_WZ_LEAD = re.compile(r"^\s*(?:WZ\s*(?:2008)?\s*[:.]?\s*)?(?:[A-U]\s*(?=\d))?(\d[\d.\s-]*)")
_PLZ_CITY = re.compile(r"^\s*(?:D\s*-\s*)?(\d{4,5})\s+(.+?)\s*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_MULTIPLIERS = (
    (re.compile(r"(?:mrd\.?|milliarden?)"), Decimal(1_000_000_000)),
    (re.compile(r"(?:mio\.?|millionen?|mill\.?)"), Decimal(1_000_000)),
    (re.compile(r"(?:t€|teur|tsd\.?|tausend)"), Decimal(1000)),
)


@dataclass
class Lookups:
    """What normalisation needs from the database, loaded once per import."""

    rules: list[cls.BranchRule] = field(default_factory=list)
    ags_by_nuts3: dict[str, str] = field(default_factory=dict)
    kreis_id_by_ags: dict[str, int] = field(default_factory=dict)
    kreis_id_by_name: dict[str, int] = field(default_factory=dict)  # folded names


def kreis_name_keys(name: str) -> list[str]:
    """Folded spellings under which a district can be named in a file."""
    base = fold(name)
    keys = {base}
    core = re.sub(r",?\s*(?:stadt|kreisfreie stadt|landkreis)$", "", base).strip(" ,")
    keys.add(core)
    for prefix in ("landkreis ", "lk ", "kreis ", "stadt ", "kreisfreie stadt "):
        keys.add(prefix + core)
    keys.add(core + ", stadt")
    return sorted(k for k in keys if k)


class FieldError(Exception):
    def __init__(self, msgid: str, **params):
        super().__init__(msgid)
        self.problem = Problem(msgid, params)

    @classmethod
    def of(cls, found: Problem) -> FieldError:
        return cls(found.msgid, **found.params)


# Fields whose cells repeat across a file: read once per distinct value (RowNormaliser).
_CACHED_FIELDS = frozenset(
    {
        "postcode",
        "city",
        "postcode_city",
        "kreis",
        "legal_form",
        "employees_site",
        "employees_enterprise",
        "turnover_eur",
        "balance_sheet_eur",
        "works_council",
        "collective_agreement",
    }
)
_CACHE_VALUES = 20000  # distinct values remembered per field


@dataclass
class RowResult:
    data: dict
    errors: dict[str, list[Problem]]
    warnings: dict[str, list[Problem]]
    external_id: str = ""
    derived_id: bool = False  # external id made from name and postal code
    name_key: str = ""  # folded name without legal form (anett.linkage name_compact)

    @property
    def ok(self) -> bool:
        return not self.errors


class RowNormaliser:
    """Normalises rows of one file with one mapping; caches per distinct value."""

    def __init__(self, columns: list[tuple[int, str]], lookups: Lookups):
        self.columns = [(i, f) for i, f in columns if f]
        self.fields = {f for _i, f in self.columns}
        self.lookups = lookups
        self._wz: dict[object, tuple[str, Problem | None, Problem | None]] = {}
        self._plz_kreis: dict[str, int | None] = {}
        self._classified: dict[str, tuple[str, str]] = {}
        self._handlers = {
            f: self._cached(getattr(self, "_" + f))
            if f in _CACHED_FIELDS
            else getattr(self, "_" + f)
            for f in self.fields
        }

    def _cached(self, handler):
        """``handler`` remembering its outcome per distinct cell value: fields whose
        values repeat throughout a file (postal codes, towns, size classes, amounts,
        yes/no) are read once per value."""
        cache: dict[tuple, tuple[dict, dict, Problem | None]] = {}

        def run(value, data, warnings):
            key = (type(value), value)
            found = cache.get(key)
            if found is None:
                values: dict = {}
                found_warnings: dict = {}
                try:
                    handler(value, values, found_warnings)
                    error = None
                except FieldError as exc:
                    error = exc.problem
                found = (values, found_warnings, error)
                if len(cache) < _CACHE_VALUES:
                    cache[key] = found
            values, found_warnings, error = found
            for name, found_value in values.items():  # lists (ranges) are the row's own
                data[name] = found_value.copy() if type(found_value) is list else found_value
            for name, problems in found_warnings.items():
                warnings.setdefault(name, []).extend(problems)
            if error is not None:
                raise FieldError.of(error)

        return run

    # ----------------------------------------------------------------------- main

    def normalise(self, cells: list) -> RowResult:
        errors: dict[str, list[Problem]] = {}
        warnings: dict[str, list[Problem]] = {}
        raw: dict[str, object] = {}
        for index, key in self.columns:
            value = cells[index] if index < len(cells) else None
            if value is None or (isinstance(value, str) and not value):
                continue
            if isinstance(value, str):
                if isinstance(value, Formula):
                    errors[key] = [
                        problem(
                            _(
                                "The cell holds a formula (%(formula)s) instead of a value. "
                                "Please paste the values (“Paste values”) and import again."
                            ),
                            formula=value[:60],
                        )
                    ]
                    continue
                if value[0] == "#" and value.upper() in _EXCEL_ERRORS:
                    errors[key] = [
                        problem(_("The cell holds the Excel error value %(value)s."), value=value)
                    ]
                    continue
            raw[key] = value
        data: dict[str, object] = {}
        handlers = self._handlers
        for key, value in raw.items():
            try:
                handlers[key](value, data, warnings)
            except FieldError as exc:
                errors.setdefault(key, []).append(exc.problem)
        self._combine(data, raw, errors, warnings)
        name = data.get("name") or ""
        name_key = name_compact(name) if name else ""
        external_id, derived = self._identity(raw, data, errors, warnings, name_key)
        return RowResult(data, errors, warnings, external_id, derived, name_key)

    # ----------------------------------------------------------------------- fields

    def _text(self, value, key: str) -> str:
        text = display(value).strip() if not isinstance(value, str) else value.strip()
        text = " ".join(text.split()) if "\n" in text or "  " in text else text
        limit = MAX_LENGTH.get(key)
        if limit and len(text) > limit:
            raise FieldError(
                _("The text is too long: %(length)s characters, at most %(max)s are possible."),
                length=str(len(text)),
                max=str(limit),
            )
        return text

    def _name(self, value, data, warnings):
        data["_name_raw"] = value if isinstance(value, str) else display(value)

    def _name_2(self, value, data, warnings):
        data["_name_2"] = self._text(value, "")

    def _legal_form(self, value, data, warnings):
        text = self._text(value, "legal_form")
        parts = split_legal_form(f"X {text}")
        data["legal_form"] = parts.legal_form if parts.core == "X" and parts.legal_form else text

    def _street(self, value, data, warnings):
        data["street"] = self._text(value, "street")

    def _house_number(self, value, data, warnings):
        data["_house_number"] = self._text(value, "")

    def _postcode(self, value, data, warnings):
        if isinstance(value, datetime | date | time):
            raise FieldError(_("“%(value)s” is a date, not a postal code."), value=display(value))
        text = display(value).strip()
        plz = normalise_plz(text)
        if not plz:
            raise FieldError(_("“%(value)s” is not a valid postal code (five digits)."), value=text)
        if len(re.sub(r"\D", "", text)) == 4:
            warnings.setdefault("postcode", []).append(
                problem(
                    _("Postal code “%(value)s” completed to “%(plz)s” (leading zero lost?)."),
                    value=text,
                    plz=plz,
                )
            )
        data["postcode"] = plz

    def _city(self, value, data, warnings):
        data["city"] = self._text(value, "city")

    def _postcode_city(self, value, data, warnings):
        text = self._text(value, "")
        m = _PLZ_CITY.match(text)
        if not m:
            raise FieldError(_("“%(value)s” is not a postal code followed by a town."), value=text)
        self._postcode(m.group(1), data, warnings)
        self._city(m.group(2), data, warnings)

    def _kreis(self, value, data, warnings):
        text = display(value).strip()
        digits = re.sub(r"\D", "", text)
        kreis_id = None
        if re.fullmatch(r"\d{5}(?:\d{3}|\d{7})?", digits) and digits == text.replace(" ", ""):
            kreis_id = self.lookups.kreis_id_by_ags.get(digits[:5])
        else:
            kreis_id = self.lookups.kreis_id_by_name.get(fold(text))
        if kreis_id is None:
            raise FieldError(_("“%(value)s” is not a known district (name or AGS)."), value=text)
        data["kreis_id"] = kreis_id

    def _wz_code(self, value, data, warnings):
        cached = self._wz.get(value)
        if cached is None:
            cached = self._wz[value] = self._read_wz(value)
        code, error, warning = cached
        if error is not None:
            raise FieldError(error.msgid, **error.params)
        if warning is not None:
            warnings.setdefault("wz_code", []).append(warning)
        data["wz_code"] = code

    def _read_wz(self, value) -> tuple[str, Problem | None, Problem | None]:
        warning = None
        if isinstance(value, datetime | date):
            text = f"{value.day:02d}.{value.month:02d}"
            try:
                code = cls.validate_wz(text)
            except cls.InvalidWZ:
                error = problem(_("“%(value)s” is a date, not a WZ code."), value=display(value))
                return "", error, None
            return (
                code,
                None,
                problem(
                    _(
                        "Excel had stored the WZ code as the date %(date)s; read as WZ "
                        "%(code)s. Please format the column as text."
                    ),
                    date=display(value),
                    code=code,
                ),
            )
        if isinstance(value, bool):
            return "", problem(_("“%(value)s” is not a WZ 2008 code."), value=display(value)), None
        if isinstance(value, int):
            text = str(value)
        elif isinstance(value, float):
            text = repr(value)
        else:
            text = str(value).strip()
        m = _WZ_LEAD.match(text)
        candidate = m.group(1).strip(" .-") if m else text
        try:
            code = cls.validate_wz(candidate)
        except cls.InvalidWZ:
            # '26.11.0' where WZ 2008 splits the class into 26.11.1 and 26.11.9: the class
            try:
                code = cls.normalise_wz(candidate)
                if len(code) == 7 and cls.wz_title(code[:5]):
                    return (
                        code[:5],
                        None,
                        problem(
                            _("WZ 2008 has no subclass %(code)s; the class %(class)s is used."),
                            code=code,
                            **{"class": code[:5]},
                        ),
                    )
            except cls.InvalidWZ:
                pass
            return (
                "",
                problem(_("“%(value)s” is not a code of the WZ 2008 classification."), value=text),
                None,
            )
        return code, None, warning

    def _employees(self, value, key: str):
        if isinstance(value, datetime | date | time):
            raise FieldError(
                _(
                    "“%(value)s” is a date, not a number of employees. Excel turns size "
                    "classes such as “10-49” into dates; please format the column as text."
                ),
                value=display(value),
            )
        if isinstance(value, bool):
            raise FieldError(_("“%(value)s” is not a number of employees."), value=display(value))
        if isinstance(value, float):
            if not value.is_integer():
                raise FieldError(
                    _("“%(value)s” is not a whole number of employees."), value=display(value)
                )
            value = int(value)
        if isinstance(value, int):
            if value < 0:
                raise FieldError(
                    _("The number of employees cannot be negative (%(value)s)."), value=str(value)
                )
            return value, value, value
        text = str(value).strip()
        if _DATE_TEXT.match(text):
            raise FieldError(_("“%(value)s” is a date, not a number of employees."), value=text)
        if text.startswith("-") and re.fullmatch(r"-\s*\d+", text):
            raise FieldError(
                _("The number of employees cannot be negative (%(value)s)."), value=text
            )
        size = parse_size(text)
        if size is None:
            raise FieldError(
                _(
                    "“%(value)s” is neither a number of employees nor a size class "
                    "(e.g. 120, 50-249, 10 bis 49, über 500)."
                ),
                value=text,
            )
        low, high = size.low, size.high
        if high is None:
            stored = low
        elif high == low:
            stored = low
        else:
            stored = (low + high) // 2
        return stored, low, high

    def _employees_site(self, value, data, warnings):
        stored, low, high = self._employees(value, "employees_site")
        data["employees_site"] = stored
        if low != stored or high != stored:
            data["employees_site_range"] = [low, high]

    def _employees_enterprise(self, value, data, warnings):
        stored, low, high = self._employees(value, "employees_enterprise")
        data["employees_enterprise"] = stored
        if low != stored or high != stored:
            data["employees_enterprise_range"] = [low, high]

    def _amount(self, value) -> int:
        if isinstance(value, datetime | date | time):
            raise FieldError(_("“%(value)s” is a date, not an amount."), value=display(value))
        if isinstance(value, bool):
            raise FieldError(_("“%(value)s” is not an amount."), value=display(value))
        if isinstance(value, int | float):
            amount = Decimal(str(value))
        else:
            amount = parse_amount(str(value))
            if amount is None:
                raise FieldError(
                    _("“%(value)s” is not an amount in euros (e.g. 2.500.000 or 2,5 Mio)."),
                    value=str(value),
                )
        if amount < 0:
            raise FieldError(_("The amount cannot be negative (%(value)s)."), value=display(value))
        amount = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        if amount > MAX_AMOUNT:
            raise FieldError(_("The amount %(value)s is too large."), value=display(value))
        return int(amount)

    def _turnover_eur(self, value, data, warnings):
        data["turnover_eur"] = self._amount(value)

    def _balance_sheet_eur(self, value, data, warnings):
        data["balance_sheet_eur"] = self._amount(value)

    def _tristate(self, value) -> str:
        answer = yes_no(value if not isinstance(value, float) else display(value))
        if answer == "unknown":
            text = fold(display(value)).strip(" .!")
            if text not in _UNKNOWN_WORDS:
                raise FieldError(
                    _(
                        "“%(value)s” is neither yes nor no (e.g. ja, nein, x, vorhanden, "
                        "kein, unbekannt)."
                    ),
                    value=display(value),
                )
        return answer

    def _works_council(self, value, data, warnings):
        data["works_council"] = self._tristate(value)

    def _collective_agreement(self, value, data, warnings):
        data["collective_agreement"] = self._tristate(value)

    def _phone(self, value, data, warnings):
        if isinstance(value, int | float) and not isinstance(value, bool):
            digits = display(value)
            text = digits if digits.startswith("0") else "0" + digits
            warnings.setdefault("phone", []).append(
                problem(
                    _(
                        "The phone number was stored as a number; read as “%(value)s” "
                        "(leading zero added)."
                    ),
                    value=text,
                )
            )
        else:
            text = self._text(value, "phone")
        if len(text) > MAX_LENGTH["phone"]:
            raise FieldError(
                _("The text is too long: %(length)s characters, at most %(max)s are possible."),
                length=str(len(text)),
                max=str(MAX_LENGTH["phone"]),
            )
        data["phone"] = text
        key = normalise_phone(text)
        if key:
            data["phone_key"] = key
        else:
            warnings.setdefault("phone", []).append(
                problem(
                    _(
                        "“%(value)s” cannot be read as a phone number with area code; it "
                        "is kept as written."
                    ),
                    value=text,
                )
            )

    def _email(self, value, data, warnings):
        text = self._text(value, "").lower().removeprefix("mailto:")
        if not _EMAIL.match(text):
            warnings.setdefault("email", []).append(
                problem(_("“%(value)s” is not an e-mail address; it is not used."), value=text)
            )
            return
        data["email"] = text

    def _website(self, value, data, warnings):
        text = self._text(value, "website")
        if "@" in text and "/" not in text:
            raise FieldError(_("“%(value)s” is an e-mail address, not a website."), value=text)
        domain = normalise_website(text)
        if not domain:
            raise FieldError(_("“%(value)s” is not a web address."), value=text)
        url = text if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.I) else f"https://{text}"
        if len(url) > MAX_LENGTH["website"]:
            raise FieldError(
                _("The text is too long: %(length)s characters, at most %(max)s are possible."),
                length=str(len(url)),
                max=str(MAX_LENGTH["website"]),
            )
        data["website"] = url
        data["domain"] = domain

    def _register_no(self, value, data, warnings):
        text = self._text(value, "")
        number = normalise_register(text)
        if number is None:
            warnings.setdefault("register_no", []).append(
                problem(
                    _(
                        "“%(value)s” is not a register entry such as “HRB 12345 Jena”; "
                        "it is not used."
                    ),
                    value=text,
                )
            )
            return
        data["register_no"] = str(number)
        data["register_key"] = number.key

    def _vat_id(self, value, data, warnings):
        text = self._text(value, "")
        vat = normalise_vat(text)
        if not vat:
            warnings.setdefault("vat_id", []).append(
                problem(
                    _("“%(value)s” is not a valid VAT id (check digit); it is not used."),
                    value=text,
                )
            )
            return
        data["vat_id"] = vat

    def _notes(self, value, data, warnings):
        data["notes"] = display(value).strip() if not isinstance(value, str) else value

    def _external_id(self, value, data, warnings):
        pass  # read by _identity, after the name is known

    def _identity(self, raw, data, errors, warnings, name_key: str) -> tuple[str, bool]:
        value = raw.get("external_id")
        if value is not None and "external_id" not in errors:
            text = display(value).strip()
            if len(text) > MAX_LENGTH["external_id"]:
                errors["external_id"] = [
                    problem(
                        _(
                            "The text is too long: %(length)s characters, at most %(max)s "
                            "are possible."
                        ),
                        length=str(len(text)),
                        max=str(MAX_LENGTH["external_id"]),
                    )
                ]
                return "", False
            if text:
                return text, False
        if "external_id" in self.fields and "external_id" not in errors:
            warnings.setdefault("external_id", []).append(
                problem(_("No ID in this row; name and postal code identify it instead."))
            )
        key = name_key or fold(data.get("name") or "")
        place = data.get("postcode") or fold(data.get("city") or "")
        return f"~{key}|{place}"[:100], True

    # ----------------------------------------------------------------------- whole row

    def _combine(self, data, raw, errors, warnings) -> None:
        full = data.pop("_name_raw", "")
        extra = data.pop("_name_2", "")
        if extra:
            full = f"{full} {extra}".strip()
        if "name" not in errors:
            if not full.strip():
                errors["name"] = [problem(_("The company name is missing."))]
            else:
                parts = split_legal_form(full)
                name = parts.core or full.strip()
                if len(name) > MAX_LENGTH["name"]:
                    errors["name"] = [
                        problem(
                            _(
                                "The text is too long: %(length)s characters, at most "
                                "%(max)s are possible."
                            ),
                            length=str(len(name)),
                            max=str(MAX_LENGTH["name"]),
                        )
                    ]
                data["name"] = name
                if parts.legal_form and not data.get("legal_form"):
                    data["legal_form"] = parts.legal_form
                if parts.owner:
                    owner = f"Inhaber/in: {parts.owner}"
                    data["notes"] = f"{data['notes']}\n{owner}" if data.get("notes") else owner
        house = data.pop("_house_number", "")
        if house:
            street = data.get("street", "")
            data["street"] = f"{street} {house}".strip()
        site, enterprise = data.get("employees_site"), data.get("employees_enterprise")
        if site is not None and enterprise is not None and enterprise < site:
            errors.setdefault("employees_enterprise", []).append(
                problem(_("The enterprise cannot have fewer employees than its establishment."))
            )
        plz = data.get("postcode")
        if plz and "kreis_id" not in data and "kreis" not in errors:
            kreis_id = self._kreis_for_plz(plz)
            if kreis_id is None:
                warnings.setdefault("postcode", []).append(
                    problem(_("No district is known for postal code %(plz)s."), plz=plz)
                )
            else:
                data["kreis_id"] = kreis_id
        self.classify(data)

    def _kreis_for_plz(self, plz: str) -> int | None:
        if plz in self._plz_kreis:
            return self._plz_kreis[plz]
        from anett.regions.plz import ags_for_plz

        ags = ags_for_plz(plz, self.lookups.ags_by_nuts3)
        kreis_id = self.lookups.kreis_id_by_ags.get(ags) if ags else None
        self._plz_kreis[plz] = kreis_id
        return kreis_id

    def classify(self, data: dict) -> None:
        """Branch group, union scope and SME class of the normalised values."""
        wz = data.get("wz_code") or ""
        found = self._classified.get(wz)
        if found is None:
            found = self._classified[wz] = cls.classify_branch(wz, self.lookups.rules)
        data["branch_group"], data["derived_union_scope"] = found
        headcount = data.get("employees_enterprise")
        if headcount is None:
            headcount = data.get("employees_site")
        data["sme_class"] = cls.sme_class(
            headcount, data.get("turnover_eur"), data.get("balance_sheet_eur")
        )


def parse_amount(text: str) -> Decimal | None:
    """'2.500.000', '2,5 Mio', '2.500.000,00 €', '850 T€', '1,234,567.89' -> Decimal."""
    t = fold(text)
    factor = Decimal(1)
    for pattern, value in _MULTIPLIERS:
        if pattern.search(t):
            factor = value
            t = pattern.sub(" ", t)
            break
    t = re.sub(r"€|\beuro?\b", " ", t)
    t = re.sub(r"\s+", "", t)
    if not re.fullmatch(r"-?[\d.,']+", t) or not re.search(r"\d", t):
        return None
    t = t.replace("'", "")
    if "," in t and "." in t:
        if t.rfind(",") > t.rfind("."):
            t = t.replace(".", "").replace(",", ".")
        else:
            t = t.replace(",", "")
    elif "," in t:
        if re.fullmatch(r"-?\d{1,3}(?:,\d{3}){2,}", t):
            t = t.replace(",", "")
        else:
            t = t.replace(",", ".")
    elif "." in t and re.fullmatch(r"-?\d{1,3}(?:\.\d{3})+", t):
        t = t.replace(".", "")
    try:
        return Decimal(t) * factor
    except InvalidOperation:
        return None
