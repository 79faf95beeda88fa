"""Outreach services: priority scores, pipeline moves, campaigns. Adapt the ORM to
priority.py (plain Python)."""

from collections import defaultdict

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from anett.assessment.models import Assessment, Need, Status
from anett.companies.models import Activity, Company, Outcome, Stage
from anett.companies.services import recompute_engagement
from anett.core.models import NetworkSettings

from . import priority
from .models import Campaign, Task

FIRM_FIELDS = (
    "id",
    "name",
    "kreis__name",
    "branch_group",
    "sme_class",
    "works_council",
    "employees_site",
    "engagement_status",
    "union_scope",
    "derived_union_scope",
)

STAGE_OUTCOME = {
    Stage.IDENTIFIED: Outcome.CONTACTED,
    Stage.APPROACHED: Outcome.OPEN,
    Stage.FIRST_TALK: Outcome.CONTACTED,
    Stage.CHECK_DONE: Outcome.PARTICIPATED,
    Stage.MEASURE_PLANNED: Outcome.AGREED,
    Stage.IN_PROGRESS: Outcome.PARTICIPATED,
    Stage.COMPLETED: Outcome.PARTICIPATED,
    Stage.NO_INTEREST: Outcome.DECLINED,
    Stage.LATER: Outcome.CONTACTED,
}
STAGE_ORDER = [s.value for s in Stage]


def current_weights() -> priority.Weights:
    return priority.Weights(**NetworkSettings.current().weights)


def firms(queryset) -> list[priority.Firm]:
    """Plain inputs for the priority module, in three queries whatever the size."""
    ids = queryset.values("id")
    max_need = dict(
        Need.objects.filter(current=True, company_id__in=ids)
        .values("company_id")
        .annotate(m=Max("level"))
        .values_list("company_id", "m")
        .order_by()
    )
    exposure = dict(
        Assessment.objects.filter(status=Status.SUBMITTED, company_id__in=ids)
        .exclude(exposure=None)
        .order_by("company_id", "submitted_at")
        .values_list("company_id", "exposure")
    )
    return [
        priority.Firm(
            id=cid,
            name=name,
            kreis=kreis or "",
            branch_group=group,
            sme_class=sme,
            works_council=wc,
            employees=emp,
            engagement=eng,
            exposure=exposure.get(cid),
            max_need=max_need.get(cid),
            union_scope=union or derived,
        )
        for cid, name, kreis, group, sme, wc, emp, eng, union, derived in queryset.values_list(
            *FIRM_FIELDS
        ).order_by()
    ]


@transaction.atomic
def refresh_priorities(company_ids=None) -> int:
    """Recompute the stored priority score (all firms, or the given ones)."""
    qs = Company.objects.all()
    if company_ids is not None:
        qs = qs.filter(pk__in=list(company_ids))
    current = dict(qs.values_list("id", "priority_score"))
    by_score: dict[int, list[int]] = defaultdict(list)
    weights = current_weights()
    for firm in firms(qs):
        s = priority.score(firm, weights)
        if current.get(firm.id) != s:
            by_score[s].append(firm.id)
    changed = 0
    for s, ids in by_score.items():
        for i in range(0, len(ids), 900):
            changed += Company.objects.filter(pk__in=ids[i : i + 900]).update(priority_score=s)
    return changed


def explain(companies) -> dict[int, priority.Priority]:
    """Reasons and channels for the rows shown on a page."""
    ids = [c.pk for c in companies]
    weights = current_weights()
    return {
        f.id: priority.prioritise(f, weights) for f in firms(Company.objects.filter(pk__in=ids))
    }


@transaction.atomic
def move_stage(company: Company, stage: str, user, note: str = "") -> Activity | None:
    """Move a firm in the pipeline; the move is recorded as an activity."""
    if stage not in STAGE_ORDER:
        raise ValueError(stage)
    old = company.stage
    if old == stage:
        return None
    Company.objects.filter(pk=company.pk).update(stage=stage)
    old_label, company.stage = company.get_stage_display(), stage
    activity = Activity.objects.create(
        company=company,
        kind="note",
        date=timezone.localdate(),
        user=user,
        outcome=STAGE_OUTCOME[stage],
        note=f"Phase: {old_label} → {company.get_stage_display()}" + (f". {note}" if note else ""),
    )
    recompute_engagement(company)
    refresh_priorities([company.pk])
    return activity


def advance_to_at_least(company: Company, stage: str) -> None:
    """Move forward only (used when a check is completed)."""
    order = {s: i for i, s in enumerate(STAGE_ORDER[:7])}
    if company.stage in order and order[company.stage] < order[stage]:
        Company.objects.filter(pk=company.pk).update(stage=stage)
        company.stage = stage


@transaction.atomic
def create_campaign(name, description, selection, companies, advisers, due_date, title, user):
    """One task per firm, spread over the advisers in turn (those assigned to a firm
    get its task where possible)."""
    campaign = Campaign.objects.create(
        name=name, description=description, selection=selection[:500], created_by=user
    )
    explained = explain(companies)
    advisers = list(advisers)
    assigned = defaultdict(set)
    for cid, uid in Company.advisers.through.objects.filter(
        company_id__in=[c.pk for c in companies]
    ).values_list("company_id", "user_id"):
        assigned[cid].add(uid)
    tasks = []
    for i, company in enumerate(companies):
        own = [a for a in advisers if a.pk in assigned[company.pk]]
        adviser = own[0] if own else advisers[i % len(advisers)]
        channels = explained[company.pk].channels if company.pk in explained else []
        tasks.append(
            Task(
                campaign=campaign,
                company=company,
                assigned_to=adviser,
                title=title,
                channel=channels[0] if channels else "",
                due_date=due_date,
            )
        )
    Task.objects.bulk_create(tasks)
    through = Company.advisers.through
    through.objects.bulk_create(
        [
            through(company_id=t.company_id, user_id=t.assigned_to_id)
            for t in tasks
            if t.assigned_to_id not in assigned[t.company_id]
        ],
        ignore_conflicts=True,
    )
    return campaign, len(tasks)
