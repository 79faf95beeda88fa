"""Views of the Förderrechner and the programme catalogue.

Access: Koordination and Administration see every company's measures; Beratung only those of
companies assigned to them (`company_for_detail`); Partner none. The catalogue is visible
to every register role and editable by Koordination and Administration.
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anett.companies.access import company_for_detail
from anett.core import roles
from anett.core.deletion import confirm_delete
from anett.core.permissions import role_required

from . import exports, services
from .catalogue import PROGRAMME_IDS, load_catalogue
from .forms import GroupFormSet, MeasureForm, ProgrammeSettingForm, SelectionForm
from .matching_services import planning_prefill
from .models import PlannedMeasure, ProgrammeSetting

REGISTER = tuple(roles.REGISTER_ROLES)
CONFIG = tuple(roles.CONFIG_ROLES)


def _measure_for(request, pk) -> PlannedMeasure:
    measure = get_object_or_404(
        PlannedMeasure.objects.select_related("company", "company__kreis", "created_by"), pk=pk
    )
    company_for_detail(request, measure.company_id)
    return measure


@role_required(*REGISTER)
def company_measures(request, company_pk):
    company = company_for_detail(request, company_pk)
    measures = company.planned_measures.select_related("created_by").prefetch_related("groups")
    return render(
        request, "funding/company_measures.html", {"company": company, "measures": measures}
    )


def _edit(request, *, company, measure=None, initial=None, programme=""):
    data = request.POST if request.method == "POST" else None
    form = MeasureForm(data, instance=measure, company=company, initial=initial)
    kind = request.POST.get("kind") if data is not None else None
    formset = GroupFormSet(data, instance=measure or PlannedMeasure(), prefix="groups", kind=kind)
    if data is not None:
        form_ok = form.is_valid()
        formset_ok = formset.is_valid()
        if form_ok and formset_ok:
            measure = services.save_measure(form, formset, company=company, user=request.user)
            if programme:
                services.save_selection(measure, [programme])
            messages.success(request, _("The measure was saved; the programmes are calculated."))
            return redirect(measure)
    return render(
        request,
        "funding/measure_form.html",
        {
            "company": company,
            "measure": measure,
            "form": form,
            "formset": formset,
            "programme": programme,
        },
    )


@role_required(*REGISTER)
def measure_create(request, company_pk):
    """New plan; `?programme=<id>&topic=<code>` (from the matching page) prefills the form
    with the programme's standard measure and chooses the programme on saving."""
    company = company_for_detail(request, company_pk)
    source = request.POST if request.method == "POST" else request.GET
    programme = source.get("programme", "")
    if programme not in PROGRAMME_IDS:
        programme = ""
    initial = planning_prefill(programme, source.get("topic", "")) if programme else None
    return _edit(request, company=company, initial=initial, programme=programme)


@role_required(*REGISTER)
def measure_edit(request, pk):
    measure = _measure_for(request, pk)
    return _edit(request, company=measure.company, measure=measure)


@role_required(*REGISTER)
def measure_delete(request, pk):
    measure = _measure_for(request, pk)
    return confirm_delete(
        request,
        measure,
        cancel_url=measure.get_absolute_url(),
        success_url=reverse("funding:company", args=[measure.company_id]),
        message=_("The planned measure was deleted."),
        consequences=_("The participant groups and the chosen combination are deleted with it."),
    )


@role_required(*REGISTER)
def measure_detail(request, pk):
    measure = _measure_for(request, pk)
    calc = services.calculate(measure)
    return render(
        request,
        "funding/measure_detail.html",
        {
            "company": measure.company,
            "measure": measure,
            "calc": calc,
            "kind_label": services.kind_label(measure.kind),
            "firm_facts": services.firm_facts(measure),
            "late_application": bool(
                measure.application_date and measure.application_date > measure.start
            ),
        },
    )


@require_POST
@role_required(*REGISTER)
def measure_select(request, pk):
    measure = _measure_for(request, pk)
    settings = services.programme_settings()
    allowed = [
        pid
        for pid in PROGRAMME_IDS
        if services.is_offered(pid, settings) or pid in measure.selected_programmes
    ]
    form = SelectionForm(request.POST, choices=allowed)
    if not form.is_valid():
        messages.error(request, _("The choice contains an unknown programme."))
        return redirect(measure)
    with transaction.atomic():
        chosen = services.save_selection(measure, form.cleaned_data["programmes"])
    if chosen:
        messages.success(request, _("The combination was saved."))
    else:
        messages.info(request, _("No programme is chosen."))
    return redirect(reverse("funding:detail", args=[measure.pk]) + "#combination")


def _download(measure, content: bytes, suffix: str, content_type: str) -> HttpResponse:
    name = slugify(measure.title)[:60] or "massnahme"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="foerderfahrplan-{name}.{suffix}"'
    return response


@role_required(*REGISTER)
def export_docx(request, pk):
    measure = _measure_for(request, pk)
    calc = services.calculate(measure)
    if calc.error:
        messages.error(request, calc.error)
        return redirect(measure)
    return _download(
        measure,
        exports.plan_docx(calc, services.firm_facts(measure)),
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@role_required(*REGISTER)
def export_xlsx(request, pk):
    measure = _measure_for(request, pk)
    calc = services.calculate(measure)
    if calc.error:
        messages.error(request, calc.error)
        return redirect(measure)
    return _download(
        measure,
        exports.plan_xlsx(calc, services.firm_facts(measure)),
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


# --- catalogue -------------------------------------------------------------------------------


@role_required(*REGISTER)
def catalogue(request):
    settings = services.programme_settings()
    programmes = []
    for pid, prog in load_catalogue().items():
        latest = prog.versions[-1]
        setting = settings.get(pid)
        programmes.append(
            {
                "id": pid,
                "title": services.display_title(pid, latest.title, settings),
                "file_title": latest.title,
                "description": setting.description if setting else "",
                "versions": prog.versions,
                "catalogue_active": prog.active,
                "offered": services.is_offered(pid, settings),
                "override": setting.active if setting else None,
                "legal_basis": latest.legal_basis,
                "entitlement": latest.entitlement,
                "entitlement_basis": latest.entitlement_ref,
                "kinds": [services.kind_label(k) for k in latest.kinds],
                "sources": services.display_sources(pid, latest.sources, settings),
                "sources_edited": bool(setting and setting.source_list),
                "unverified": sum(len(v.unverified) for v in prog.versions),
                "setting": setting,
            }
        )
    return render(request, "funding/catalogue.html", {"programmes": programmes})


@role_required(*CONFIG)
def catalogue_edit(request, programme):
    catalogue_data = load_catalogue()
    if programme not in catalogue_data:
        raise Http404
    prog = catalogue_data[programme]
    setting = ProgrammeSetting.objects.filter(programme=programme).first() or ProgrammeSetting(
        programme=programme
    )
    form = ProgrammeSettingForm(
        request.POST or None, instance=setting, catalogue_active=prog.active
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            obj = form.save(commit=False)
            obj.updated_by = request.user
            obj.save()
        messages.success(request, _("The catalogue entry was saved."))
        return redirect(reverse("funding:catalogue") + f"#programme-{programme}")
    return render(
        request,
        "funding/catalogue_form.html",
        {"form": form, "programme": prog, "latest": prog.versions[-1]},
    )
