from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from anett.core import roles
from anett.core.deletion import confirm_delete
from anett.core.permissions import role_required
from anett.regions import geo
from anett.regions.reference import MAP_CREDIT

from . import charts, exports, services
from . import indicators as ind
from .forms import DashboardFilter, ReportPeriodForm, ReportTextsForm
from .models import ReportPeriod, ReportText

REPORT_ROLES = tuple(roles.CONFIG_ROLES)  # koordination, admin


def _filters(request, notify: bool = True) -> dict:
    """Cleaned dashboard filters; an invalid value falls back to its default (with a note)."""
    form = DashboardFilter(request.GET or None, period_choices=services.period_choices())
    values = {"region": "", "branch_group": "", "period": "", "need": 50, "figure": "reached"}
    if form.is_bound:
        if form.is_valid():
            values.update({k: v for k, v in form.cleaned_data.items() if v not in (None, "")})
        else:
            for name in form.errors if notify else ():
                messages.warning(
                    request,
                    _("The filter “%(field)s” had an unknown value and was reset.")
                    % {"field": form.fields[name].label},
                )
            values.update(
                {
                    k: v
                    for k, v in form.cleaned_data.items()
                    if k not in form.errors and v not in (None, "")
                }
            )
    region = services.resolve_region(values["region"] or None)
    values["region"] = region.slug if region else ""
    shown = DashboardFilter(initial=dict(values), period_choices=form.fields["period"].choices[1:])
    return {"values": values, "form": shown, "region": region}


@login_required
def dashboard(request):
    f = _filters(request)
    v = f["values"]
    d = services.dashboard(
        request.user,
        region=f["region"],
        period=v["period"] or None,
        group=v["branch_group"] or None,
        need_threshold=v["need"],
    )
    months = [m.strftime("%m/%y") for m in d["months"]]
    series_chart = charts.line_chart(
        months,
        [(_(ind.BY_ID[i].label), d["series"][i]) for i in ind.SERIES_IDS],
        title=_("Firms per month"),
    )
    funnel_chart = charts.bar_chart(
        [(_(f["indicator"].label), _cell(f)) for f in d["funnel"]],
        title=_("Outreach funnel"),
        centred=True,
    )
    needs_chart = charts.bar_chart(
        [(str(n["label"]), _cell(n)) for n in d["needs"]],
        title=_("Firms with a need ≥ %(level)s by topic") % {"level": d["need_threshold"]},
        colour="#b35c00",
        width=640,
        label_w=300,
    )
    query = request.GET.copy()
    query.pop("figure", None)
    return render(
        request,
        "reports/dashboard.html",
        {
            "d": d,
            "form": f["form"],
            "values": v,
            "region": f["region"],
            "series_chart": series_chart,
            "funnel_chart": funnel_chart,
            "needs_chart": needs_chart,
            "series_rows": list(
                zip(months, *[d["series"][i] for i in ind.SERIES_IDS], strict=True)
            ),
            "series_labels": [_(ind.BY_ID[i].label) for i in ind.SERIES_IDS],
            "map_credit": MAP_CREDIT,
            "query": query.urlencode(),
            "map_figures": [(i, _(ind.BY_ID[i].label)) for i in ind.MAP_IDS],
        },
    )


def _cell(cell: dict):
    return exports._hidden(cell) if cell["hidden"] else cell["value"]


@login_required
def map_data(request):
    """District polygons of the region with the chosen figure, its classes and legend."""
    f = _filters(request, notify=False)
    v = f["values"]
    data = services.figures_by_kreis(
        request.user,
        v["figure"],
        region=f["region"],
        period=v["period"] or None,
        branch_group=v["branch_group"] or None,
    )
    props = {ags: {**cell, "figure": v["figure"]} for ags, cell in data["kreise"].items()}
    fc = geo.feature_collection(list(data["kreise"]), props)
    fc["legend"] = data["legend"]
    fc["figure"] = data["figure"]
    fc["suppressed"] = data["suppressed"]
    fc["credit"] = MAP_CREDIT
    return JsonResponse(fc)


@login_required
def dashboard_xlsx(request):
    f = _filters(request, notify=False)
    v = f["values"]
    d = services.dashboard(
        request.user,
        region=f["region"],
        period=v["period"] or None,
        group=v["branch_group"] or None,
        need_threshold=v["need"],
    )
    body = exports.workbook(d, title=_("ANeTT dashboard"))
    name = f"anett-dashboard-{v['region'] or 'region'}-{timezone.localdate():%Y-%m-%d}.xlsx"
    return _download(body, exports.XLSX_TYPE, name)


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- reports --------------------------------------------------------------------------------


@role_required(*REPORT_ROLES)
def report_list(request):
    reports = ReportPeriod.objects.select_related("region").order_by("-date_to", "-id")
    return render(request, "reports/report_list.html", {"reports": reports})


@role_required(*REPORT_ROLES)
def report_edit(request, pk=None):
    report = get_object_or_404(ReportPeriod, pk=pk) if pk else None
    initial = {}
    if report is None:
        today = timezone.localdate()
        region = services.default_region()
        initial = {
            "title": _("Report %(year)s") % {"year": today.year},
            "date_from": today.replace(month=1, day=1),
            "date_to": today,
            "region": region.pk if region else None,
        }
    form = ReportPeriodForm(request.POST or None, instance=report, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            report = form.save(commit=False)
            if report.created_by_id is None:
                report.created_by = request.user
            report.save()
        messages.success(request, _("Report period “%(title)s” saved.") % {"title": report})
        return redirect(report)
    return render(request, "reports/report_form.html", {"form": form, "report": report})


@role_required(*REPORT_ROLES)
def report_detail(request, pk):
    """The coordinators write the text of each section; the figures of the period beside."""
    report = get_object_or_404(ReportPeriod.objects.select_related("region"), pk=pk)
    if report.region is None:
        return _ask_for_region(request, report)
    texts = {t.section: t.text for t in report.texts.all()}
    form = ReportTextsForm(request.POST or None, initial_texts=texts)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for code, _label in ind.SECTIONS:
                text = form.cleaned_data.get(code, "")
                if texts.get(code, "") == text:
                    continue
                ReportText.objects.update_or_create(
                    report=report,
                    section=code,
                    defaults={"text": text, "updated_by": request.user},
                )
            report.save(update_fields=["updated_at"])
        messages.success(request, _("Texts saved."))
        return redirect(report)
    d = _report_data(request.user, report)
    sections = []
    for code, label in ind.SECTIONS:
        sections.append(
            {
                "code": code,
                "label": _(label),
                "field": form[code],
                "figures": [
                    {
                        "indicator": i,
                        **services.cell_json(d["scope"].tables.value(i.id, None, None), i.unit),
                    }
                    for i in ind.indicators_of(code)
                ],
            }
        )
    return render(
        request,
        "reports/report_detail.html",
        {"report": report, "form": form, "sections": sections},
    )


def _ask_for_region(request, report: ReportPeriod):
    messages.warning(
        request,
        _("The region of this report was deleted. Please choose a region for the report."),
    )
    return redirect("reports:report_edit", pk=report.pk)


def _report_data(user, report: ReportPeriod) -> dict:
    # Figures for the funding body are not suppressed (coordinators only; marked internal).
    sc = services.scope(user, region=report.region, period=report.period, suppress=False)
    return services.dashboard_of(sc)


def _report_name(report: ReportPeriod, ext: str) -> str:
    return f"{slugify(report.title) or 'bericht'}-{report.date_to:%Y-%m-%d}.{ext}"


@role_required(*REPORT_ROLES)
def report_docx(request, pk):
    report = get_object_or_404(ReportPeriod.objects.select_related("region"), pk=pk)
    if report.region is None:
        return _ask_for_region(request, report)
    texts = {t.section: t.text for t in report.texts.all()}
    body = exports.report_docx(_report_data(request.user, report), report, texts)
    return _download(body, exports.DOCX_TYPE, _report_name(report, "docx"))


@role_required(*REPORT_ROLES)
def report_xlsx(request, pk):
    report = get_object_or_404(ReportPeriod.objects.select_related("region"), pk=pk)
    if report.region is None:
        return _ask_for_region(request, report)
    texts = {t.section: t.text for t in report.texts.all()}
    body = exports.workbook(
        _report_data(request.user, report), title=report.title, internal=True, texts=texts
    )
    return _download(body, exports.XLSX_TYPE, _report_name(report, "xlsx"))


@role_required(*REPORT_ROLES)
def report_delete(request, pk):
    report = get_object_or_404(ReportPeriod, pk=pk)
    return confirm_delete(
        request,
        report,
        cancel_url=report.get_absolute_url(),
        success_url=reverse("reports:reports"),
        message=_("Report period “%(title)s” deleted.") % {"title": report},
        consequences=_("The texts written for its sections are deleted with it."),
    )
