"""Views of the matching page ("Passende Angebote") and of the measure records.

Access as in the Förderrechner: Koordination and Administration for every firm, Beratung
for assigned firms (`company_for_detail`), Partner none. The network-wide list shows the
records of the firms a user may open.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anett.assessment.forms import ManualNeedForm
from anett.assessment.models import Topic
from anett.assessment.services import record_manual_need
from anett.companies.access import company_for_detail
from anett.core import roles
from anett.core.deletion import confirm_delete
from anett.core.permissions import role_required
from anett.network import services as network_services
from anett.network.models import Offer, Referral
from anett.regions.models import Kreis

from . import records
from .forms import MeasureRecordForm, RecordFilterForm
from .matching_services import match_page
from .models import MeasureRecord, MeasureStatus, PlannedMeasure

REGISTER = tuple(roles.REGISTER_ROLES)


# --- matching ---------------------------------------------------------------------------------


@role_required(*REGISTER)
def matching(request, company_pk):
    company = company_for_detail(request, company_pk)
    page = match_page(company)
    return render(
        request,
        "funding/matching.html",
        {
            "company": company,
            "page": page,
            "need_form": ManualNeedForm(),
            "topics": Topic.choices,
        },
    )


@require_POST
@role_required(*REGISTER)
def need_add(request, company_pk):
    company = company_for_detail(request, company_pk)
    form = ManualNeedForm(request.POST)
    if form.is_valid():
        record_manual_need(
            company,
            form.cleaned_data["topic"],
            form.cleaned_data["level"],
            form.cleaned_data["reason"],
            request.user,
        )
        messages.success(request, _("Need recorded."))
        return redirect(reverse("funding:matching", args=[company.pk]) + "#needs")
    return render(
        request,
        "funding/matching.html",
        {
            "company": company,
            "page": match_page(company),
            "need_form": form,
            "topics": Topic.choices,
        },
        status=200,
    )


@require_POST
@role_required(*REGISTER)
def refer(request, company_pk):
    """ "Verweisen": propose a referral of the need to the offer; consent and sending follow
    on the referral's page, as in the network's referral flow."""
    company = company_for_detail(request, company_pk)
    topic = request.POST.get("topic", "")
    if topic not in dict(Topic.choices):
        messages.error(request, _("Choose the need (topic) to refer."))
        return redirect("funding:matching", company.pk)
    raw = request.POST.get("offer", "")
    offer = get_object_or_404(
        Offer.objects.select_related("actor"), pk=int(raw) if raw.isdigit() else 0, active=True
    )
    if topic not in offer.topics and topic not in offer.actor.topics:
        messages.error(request, _("This offer does not cover the chosen topic."))
        return redirect("funding:matching", company.pk)
    need = company.needs.filter(current=True, topic=topic).first()
    referral = network_services.create_referral(
        company, offer, topic, request.user, need=need, note=request.POST.get("note", "")[:2000]
    )
    records.track_referral(referral, None, request.user)
    messages.success(
        request,
        _("Referral proposed. Record the firm's consent and send it to the actor."),
    )
    return redirect(referral)


# --- measure records of a firm ------------------------------------------------------------------


def _record_for(request, pk) -> MeasureRecord:
    record = get_object_or_404(
        MeasureRecord.objects.select_related("company", "company__kreis", "referral"), pk=pk
    )
    company_for_detail(request, record.company_id)
    return record


@role_required(*REGISTER)
def company_records(request, company_pk):
    company = company_for_detail(request, company_pk)
    qs = company.measure_records.select_related("referral").order_by("-start", "-id")
    today = timezone.localdate()
    rows = [(r, records.is_due(r, today)) for r in qs]
    return render(
        request,
        "funding/record_list.html",
        {
            "company": company,
            "rows": rows,
            "totals": records.summary(qs),
            "titles": records.programme_titles(),
        },
    )


def _record_edit(request, *, company, record=None, initial=None, plan=None, referral=None):
    titles = records.programme_titles()
    old_status = record.status if record is not None else None
    form = MeasureRecordForm(
        request.POST or None, instance=record, initial=initial, programme_titles=titles
    )
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        if record is None:
            obj.company = company
            obj.created_by = request.user
            obj.planned_measure = plan
            obj.referral = referral
        obj.save()
        records.track_record(obj, request.user, old_status)
        messages.success(request, _("The measure was saved."))
        return redirect("funding:records", company.pk)
    return render(
        request,
        "funding/record_form.html",
        {"company": company, "record": record, "form": form, "plan": plan, "referral": referral},
    )


@role_required(*REGISTER)
def record_create(request, company_pk):
    company = company_for_detail(request, company_pk)
    plan = referral = None
    initial = {}
    source = request.POST if request.method == "POST" else request.GET
    if source.get("plan", "").isdigit():
        plan = get_object_or_404(PlannedMeasure, pk=int(source["plan"]), company=company)
        initial = records.prefill_from_plan(plan)
    if source.get("referral", "").isdigit():
        referral = get_object_or_404(Referral, pk=int(source["referral"]), company=company)
        initial.setdefault("title", referral.measure or referral.offer_title)
        initial.setdefault("provider", referral.actor_name)
        initial.setdefault("topic", referral.topic)
        initial.setdefault("start", referral.measure_date)
        if referral.offer_id and referral.offer.funding_programme:
            initial.setdefault("programme", referral.offer.funding_programme)
    if request.method == "GET" and source.get("topic") in dict(Topic.choices):
        initial.setdefault("topic", source["topic"])
    return _record_edit(request, company=company, initial=initial, plan=plan, referral=referral)


@role_required(*REGISTER)
def record_edit(request, pk):
    record = _record_for(request, pk)
    return _record_edit(request, company=record.company, record=record)


@role_required(*REGISTER)
def record_delete(request, pk):
    record = _record_for(request, pk)
    return confirm_delete(
        request,
        record,
        cancel_url=reverse("funding:records", args=[record.company_id]),
        success_url=reverse("funding:records", args=[record.company_id]),
        message=_("The measure record was deleted."),
        consequences=_(
            "Its participants, hours and funding no longer count in the network's figures."
        ),
    )


# --- the network-wide list ---------------------------------------------------------------------


def _filtered(request):
    titles = records.programme_titles()
    kreise = Kreis.objects.filter(
        pk__in=records.records_for(request.user).values("company__kreis_id")
    ).order_by("name")
    form = RecordFilterForm(request.GET or None, kreise=kreise, programme_titles=titles)
    qs = records.records_for(request.user).select_related("company", "company__kreis")
    f = records.Filters()
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        f = records.Filters(
            status=d["status"],
            kreis=d["kreis"].pk if d["kreis"] else None,
            programme=d["programme"],
            start=d["start"],
            end=d["end"],
            due=d["due"],
        )
    elif form.is_bound:
        qs = qs.none()
    qs = records.apply_filters(qs, f).order_by("-start", "-id")
    return form, qs, titles


@role_required(*REGISTER)
def network_records(request):
    form, qs, titles = _filtered(request)
    today = timezone.localdate()
    rows = [(r, records.is_due(r, today)) for r in qs[:500]]
    return render(
        request,
        "funding/records_all.html",
        {
            "form": form,
            "rows": rows,
            "count": qs.count(),
            "totals": records.summary(qs),
            "titles": titles,
            "query": request.GET.urlencode(),
            "statuses": MeasureStatus.choices,
        },
    )


@role_required(*REGISTER)
def network_records_xlsx(request):
    form, qs, titles = _filtered(request)
    content = records.records_xlsx(list(qs), records.summary(qs), titles)
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="massnahmen-{stamp}.xlsx"'
    return response
