from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anett.assessment.models import Flag
from anett.companies.access import company_for_detail
from anett.companies.models import Activity, Company, Stage
from anett.core import roles
from anett.core.permissions import role_required

from . import services
from .filters import PriorityFilter
from .forms import CampaignForm, StageForm
from .models import Campaign, Task

REGISTER = tuple(roles.REGISTER_ROLES)
CONFIG = tuple(roles.CONFIG_ROLES)
MAX_CAMPAIGN = 1000


def _priority_filter(request, data=None):
    qs = Company.objects.for_list(request.user).select_related("kreis")
    return PriorityFilter(data if data is not None else request.GET, queryset=qs, request=request)


@role_required(*REGISTER)
def priority_list(request):
    f = _priority_filter(request)
    qs = f.qs if f.is_valid() else Company.objects.none()
    paginator = Paginator(qs.values_list("id", flat=True), settings.ANETT_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    ids = list(page.object_list)
    rows = qs.in_bulk(ids)
    companies = [rows[i] for i in ids]
    explained = services.explain(companies)
    openable = set(
        Company.objects.for_detail(request.user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    page.object_list = [(c, explained.get(c.pk)) for c in companies]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "outreach/priority_list.html",
        {
            "filter": f,
            "page": page,
            "query": query.urlencode(),
            "openable": openable,
            "campaign_form": CampaignForm(initial={"due_date": timezone.localdate()})
            if request.user.can_configure
            else None,
        },
    )


@require_POST
@role_required(*CONFIG)
def campaign_create(request):
    query = request.POST.get("query", "")
    from django.http import QueryDict

    f = _priority_filter(request, QueryDict(query))
    form = CampaignForm(request.POST)
    selected = [int(i) for i in request.POST.getlist("company") if i.isdigit()]
    if not form.is_valid() or not f.is_valid():
        messages.error(
            request,
            _("The campaign was not created: %(errors)s")
            % {
                "errors": "; ".join(
                    f"{form.fields[k].label}: {' '.join(v)}" if k in form.fields else " ".join(v)
                    for k, v in form.errors.items()
                )
                or _("invalid filter"),
            },
        )
        return redirect(reverse("outreach:priorities") + (f"?{query}" if query else ""))
    qs = f.qs
    if selected:
        qs = qs.filter(pk__in=selected)
    companies = list(qs[: MAX_CAMPAIGN + 1])
    if not companies:
        messages.error(request, _("No company matches; the campaign was not created."))
        return redirect(reverse("outreach:priorities") + (f"?{query}" if query else ""))
    if len(companies) > MAX_CAMPAIGN:
        messages.error(
            request,
            _("More than %(n)d companies match. Narrow the filter or select companies.")
            % {"n": MAX_CAMPAIGN},
        )
        return redirect(reverse("outreach:priorities") + (f"?{query}" if query else ""))
    campaign, n = services.create_campaign(
        form.cleaned_data["name"],
        form.cleaned_data["description"],
        query,
        companies,
        form.cleaned_data["advisers"],
        form.cleaned_data["due_date"],
        form.cleaned_data["title"],
        request.user,
    )
    messages.success(
        request,
        _("Campaign “%(name)s” created with %(n)d tasks.")
        % {
            "name": campaign.name,
            "n": n,
        },
    )
    return redirect("outreach:campaign", pk=campaign.pk)


@role_required(*REGISTER)
def campaign_detail(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    tasks = campaign.tasks.select_related("company", "assigned_to").filter(
        company__in=Company.objects.for_detail(request.user)
    )
    done = sum(1 for t in tasks if t.done_at)
    return render(
        request,
        "outreach/campaign_detail.html",
        {
            "campaign": campaign,
            "tasks": tasks,
            "done": done,
        },
    )


@role_required(*REGISTER)
def campaign_list(request):
    campaigns = Campaign.objects.annotate(n=Count("tasks")).select_related("created_by")
    return render(request, "outreach/campaign_list.html", {"campaigns": campaigns})


@role_required(*REGISTER)
def pipeline(request):
    qs = Company.objects.for_detail(request.user)
    mine = request.GET.get("mine") == "1" or not request.user.can_see_all_details
    if mine:
        qs = qs.filter(advisers=request.user)
    region = request.GET.get("region")
    if region:
        from anett.regions.models import Region

        r = Region.objects.filter(slug=region).first()
        if r:
            qs = qs.filter(kreis_id__in=list(r.kreise.values_list("id", flat=True)))
    counts = dict(qs.values_list("stage").annotate(n=Count("id")).order_by())
    columns = []
    for value, label in Stage.choices:
        cards = list(
            qs.filter(stage=value)
            .select_related("kreis")
            .only("id", "name", "legal_form", "priority_score", "kreis__name", "stage")
            .order_by("-priority_score", "name")[:15]
        )
        columns.append(
            {"stage": value, "label": label, "count": counts.get(value, 0), "cards": cards}
        )
    view = request.GET.get("view", "board")
    from anett.regions.models import Region

    return render(
        request,
        "outreach/pipeline.html",
        {
            "columns": columns,
            "mine": mine,
            "view": view,
            "stages": Stage.choices,
            "regions": Region.objects.all(),
            "region": region,
        },
    )


@role_required(*REGISTER)
def move(request, company_pk):
    company = company_for_detail(request, company_pk)
    form = StageForm(request.POST or None, initial={"stage": company.stage})
    if request.method == "POST" and form.is_valid():
        before = company.get_stage_display()
        if services.move_stage(
            company, form.cleaned_data["stage"], request.user, form.cleaned_data["note"]
        ):
            messages.success(
                request,
                _("Stage: %(before)s → %(after)s (recorded as activity).")
                % {"before": before, "after": company.get_stage_display()},
            )
        nxt = request.POST.get("next") or company.get_absolute_url()
        if not nxt.startswith("/"):
            nxt = company.get_absolute_url()
        return redirect(nxt)
    return render(request, "outreach/move.html", {"form": form, "company": company})


@role_required(*REGISTER)
def my_queue(request):
    user = request.user
    today = timezone.localdate()
    tasks = Task.objects.filter(assigned_to=user, done_at__isnull=True).select_related(
        "company", "campaign"
    )
    flags = Flag.objects.filter(assigned_to=user, resolved_at__isnull=True).select_related(
        "company"
    )
    steps = (
        Activity.objects.filter(done=False, due_date__isnull=False)
        .filter(company__in=Company.objects.for_detail(user).filter(advisers=user))
        .select_related("company")
    )
    items = (
        [
            {
                "kind": "task",
                "due": t.due_date,
                "company": t.company,
                "text": t.title,
                "extra": t.channel,
                "obj": t,
            }
            for t in tasks
        ]
        + [
            {
                "kind": "flag",
                "due": f.due_date,
                "company": f.company,
                "text": f.follow_up,
                "extra": f.title,
                "obj": f,
            }
            for f in flags
        ]
        + [
            {
                "kind": "step",
                "due": a.due_date,
                "company": a.company,
                "text": a.next_step,
                "extra": "",
                "obj": a,
            }
            for a in steps
        ]
    )
    items.sort(key=lambda i: (i["due"] or today, i["company"].name))
    return render(request, "outreach/my_queue.html", {"items": items, "today": today})


@require_POST
@role_required(*REGISTER)
def task_done(request, task_pk):
    task = get_object_or_404(Task.objects.select_related("company"), pk=task_pk)
    company_for_detail(request, task.company_id)
    task.done_at = None if task.done_at else timezone.now()
    task.save(update_fields=["done_at"])
    nxt = request.POST.get("next", "")
    return redirect(nxt if nxt.startswith("/") else reverse("outreach:mine"))
