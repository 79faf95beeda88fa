"""Template filters of the Förderrechner."""

from django import template

from anett.funding.rules.base import fmt_eur, fmt_num

register = template.Library()


@register.filter
def eur(value) -> str:
    """German money format (6.000,00 €), the same as in the engine's formulas."""
    if value is None or value == "":
        return "–"
    return fmt_eur(value)


@register.filter
def num(value) -> str:
    if value is None or value == "":
        return "–"
    return fmt_num(value)


@register.filter
def percent(value) -> str:
    """A share 0–1 as a German percentage with one decimal (87,5 %)."""
    if value is None or value == "":
        return "–"
    return f"{float(value) * 100:.1f} %".replace(".", ",")
