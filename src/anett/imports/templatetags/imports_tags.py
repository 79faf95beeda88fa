"""``{% load imports_tags %}{% company_sources company %}``: where a company came from
(source, ID in the source, import and row), for the company page."""

from django import template

register = template.Library()


@register.inclusion_tag("imports/_company_sources.html", takes_context=True)
def company_sources(context, company):
    from anett.imports.services import sources_for

    user = context.get("user")
    return {
        "records": sources_for(company),
        "can_open": bool(user and user.is_authenticated and user.can_configure),
    }
