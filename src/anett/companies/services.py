"""Services that adapt the ORM to the plain domain modules."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from anett.core.models import NetworkSettings
from anett.regions.models import Kreis
from anett.regions.plz import ags_for_plz

from . import classification as cls
from . import engagement as eng
from .models import Activity, BranchRule, Company


def recompute_engagement(company: Company, today=None) -> eng.EngagementResult:
    facts = [
        eng.ActivityFact(date=d, outcome=o)
        for d, o in Activity.objects.filter(company=company)
        .order_by("date", "id")
        .values_list("date", "outcome")
    ]
    rules = NetworkSettings.current()
    result = eng.derive_status(
        facts,
        today or timezone.localdate(),
        passive_after_days=rules.passive_after_days,
        stale_days=rules.engagement_stale_days,
    )
    Company.objects.filter(pk=company.pk).update(
        engagement_status=result.status, engagement_reason=result.reason[:200]
    )
    company.engagement_status = result.status
    company.engagement_reason = result.reason
    return result


def refresh_all_engagement(today=None, batch=2000) -> int:
    """Recompute the status of every company with activities (time moves statuses on)."""
    today = today or timezone.localdate()
    facts: dict[int, list[eng.ActivityFact]] = defaultdict(list)
    rows = Activity.objects.order_by("company_id", "date", "id").values_list(
        "company_id", "date", "outcome"
    )
    for cid, d, o in rows.iterator():
        facts[cid].append(eng.ActivityFact(d, o))
    changed = 0
    rules = NetworkSettings.current()
    with transaction.atomic():
        for cid, company_facts in facts.items():
            r = eng.derive_status(
                company_facts,
                today,
                passive_after_days=rules.passive_after_days,
                stale_days=rules.engagement_stale_days,
            )
            changed += (
                Company.objects.filter(pk=cid)
                .exclude(engagement_status=r.status, engagement_reason=r.reason[:200])
                .update(engagement_status=r.status, engagement_reason=r.reason[:200])
            )
    return changed


def current_rules() -> list[cls.BranchRule]:
    return [r.as_rule() for r in BranchRule.objects.all()]


@transaction.atomic
def reclassify_all() -> int:
    """Apply the branch mapping to every company; returns how many changed."""
    rules = current_rules()
    codes = Company.objects.values_list("wz_code", flat=True).distinct().order_by()
    by_result: dict[tuple[str, str], list[str]] = defaultdict(list)
    for code in codes:
        by_result[cls.classify_branch(code, rules)].append(code)
    changed = 0
    for (group, union), group_codes in by_result.items():
        for i in range(0, len(group_codes), 500):
            chunk = group_codes[i : i + 500]
            changed += (
                Company.objects.filter(wz_code__in=chunk)
                .exclude(branch_group=group, derived_union_scope=union)
                .update(branch_group=group, derived_union_scope=union)
            )
    return changed


def kreis_for_plz(plz: str) -> Kreis | None:
    ags_by_nuts = dict(Kreis.objects.filter(active=True).values_list("nuts3", "ags"))
    ags = ags_for_plz(plz, ags_by_nuts)
    if not ags:
        return None
    return Kreis.objects.filter(ags=ags).first()


def refresh_priority(*companies: Company) -> None:
    """Recompute the outreach priority of firms after a change (lazy: outreach builds on
    companies, not the other way round)."""
    from anett.outreach.services import refresh_priorities

    refresh_priorities([c.pk for c in companies])
