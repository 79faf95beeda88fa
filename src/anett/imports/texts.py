"""Showing problems and match evidence in the user's language (German by default)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .mapping import FIELDS_BY_KEY
from .problems import Problem
from .rows import ROW


def field_label(key: str) -> str:
    if key == ROW:
        return _("Row")
    spec = FIELDS_BY_KEY.get(key)
    if spec is not None:
        return _(spec.label)
    return OTHER_FIELD_LABELS.get(key, key)


OTHER_FIELD_LABELS = {
    "kreis_id": gettext_noop("District"),
    "branch_group": gettext_noop("Branch group"),
    "sme_class": gettext_noop("SME class"),
    "sources": gettext_noop("Sources"),
}


def render(value) -> str:
    """A problem (``Problem`` or its stored form ``[msgid, params]``) as text."""
    p = value if isinstance(value, Problem) else Problem.from_json(value)
    params = dict(p.params)
    if "field" in params:
        params["field"] = field_label(params["field"])
    text = _(p.msgid)
    try:
        return text % params if params else text
    except (KeyError, TypeError, ValueError):
        return p.msgid % p.params if p.params else p.msgid


def render_map(problems: dict) -> list[tuple[str, str, list[str]]]:
    """[(field key, field label, [messages])] of a stored field -> problems mapping."""
    return [(key, field_label(key), [render(p) for p in items]) for key, items in problems.items()]


def joined(problems: dict) -> str:
    """'Postal code: “998” is not ...; WZ code: ...' for one cell of a spreadsheet."""
    return "; ".join(
        f"{label}: {' '.join(messages)}" for _key, label, messages in render_map(problems)
    )


# Labels of the record-linkage comparisons and levels (anett.linkage.dedupe.LEVELS), so
# that makemessages finds them; an unknown label is shown as it comes.
COMPARISON_LABELS = {
    "name": gettext_noop("Name"),
    "address": gettext_noop("Address"),
    "phone": gettext_noop("Phone"),
    "domain": gettext_noop("Internet domain"),
    "register": gettext_noop("Commercial register no."),
    "vat": gettext_noop("VAT id"),
    "wz": gettext_noop("WZ code"),
    "legal_form": gettext_noop("Legal form"),
    "employees": gettext_noop("Employees"),
}


def comparison_label(key: str) -> str:
    return _(COMPARISON_LABELS[key]) if key in COMPARISON_LABELS else key


EVIDENCE_LABELS = [
    gettext_noop("name missing"),
    gettext_noop("same name, rare"),
    gettext_noop("same name"),
    gettext_noop("name with a typo"),
    gettext_noop("one name contains the other"),
    gettext_noop("rare words shared"),
    gettext_noop("similar name"),
    gettext_noop("some words shared"),
    gettext_noop("different name"),
    gettext_noop("address missing"),
    gettext_noop("same address"),
    gettext_noop("same street, number missing"),
    gettext_noop("similar street, same number"),
    gettext_noop("same street, other number"),
    gettext_noop("same postcode or town"),
    gettext_noop("same district"),
    gettext_noop("other region"),
    gettext_noop("phone missing"),
    gettext_noop("same phone"),
    gettext_noop("other phone"),
    gettext_noop("domain missing"),
    gettext_noop("same internet domain"),
    gettext_noop("other internet domain"),
    gettext_noop("register no. missing"),
    gettext_noop("same register no."),
    gettext_noop("same register no., other court"),
    gettext_noop("other register no."),
    gettext_noop("VAT id missing"),
    gettext_noop("same VAT id"),
    gettext_noop("other VAT id"),
    gettext_noop("WZ code missing"),
    gettext_noop("same WZ code"),
    gettext_noop("same WZ division"),
    gettext_noop("other WZ code"),
    gettext_noop("legal form missing"),
    gettext_noop("same legal form"),
    gettext_noop("related legal form"),
    gettext_noop("other legal form"),
    gettext_noop("headcount missing"),
    gettext_noop("headcount fits"),
    gettext_noop("headcount within factor 2"),
    gettext_noop("headcount differs"),
]
