from django import template
from django.db.models import Q

register = template.Library()


@register.inclusion_tag("duplicates/_company_link.html", takes_context=True)
def possible_duplicates(context, company):
    """On a company page, for the roles that review duplicates: a link to the pairs of this
    firm that wait for a decision (one query, none for other roles)."""
    from anett.duplicates.models import CandidatePair
    from anett.duplicates.views import DUPLICATE_ROLES

    user = context.get("user")
    if not (user and user.is_authenticated and user.effective_role in DUPLICATE_ROLES):
        return {"pairs": []}
    pairs = list(
        CandidatePair.objects.to_review()
        .filter(Q(company_a_id=company.pk) | Q(company_b_id=company.pk))
        .order_by("-match_weight")
        .values_list("pk", flat=True)[:2]
    )
    return {"pairs": pairs, "company": company}
