from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anett.companies.access import company_for_detail
from anett.companies.models import Company
from anett.core import roles
from anett.core.permissions import role_required

from . import services
from .forms import ManualNeedForm, ResolveFlagForm, page_form
from .models import Assessment, CheckLink, Flag, FlagLevel, Mode
from .scoring import describe_condition

REGISTER = tuple(roles.REGISTER_ROLES)
CONFIG = tuple(roles.CONFIG_ROLES)


def _assessment_for(request, pk) -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.select_related("company", "questionnaire"), pk=pk
    )
    company_for_detail(request, assessment.company_id)
    return assessment


# --- shared form page (internal and public link) ----------------------------------------


def _fill_page(request, assessment, page: int, *, base, page_url, finish_url, public):
    definition = assessment.questionnaire.parsed
    pages = definition.pages
    if not 0 <= page < len(pages):
        raise Http404
    topic_id, title = pages[page]
    questions = definition.questions_for(topic_id)
    conflict = False
    if request.method == "POST" and not assessment.is_submitted:
        try:
            revision = int(request.POST.get("revision", -1))
        except ValueError:
            revision = -1
        result = services.save_page(assessment, topic_id, request.POST, revision)
        data = request.POST.copy()
        # Re-rendered forms carry the current revision, so that saving again is possible.
        data["revision"] = assessment.revision
        form = page_form(questions, data=data, revision=assessment.revision)
        if result.saved:
            action = request.POST.get("action", "next")
            if action == "later":
                messages.success(request, _("Saved. You can continue later."))
                return redirect(page_url(page))
            if action == "back" and page > 0:
                return redirect(page_url(page - 1))
            if page + 1 < len(pages):
                return redirect(page_url(page + 1))
            return redirect(finish_url)
        conflict = result.conflict
        if result.errors:
            form.is_valid()
            for qid, message in result.errors.items():
                form.add_error(qid, message)
    else:
        form = page_form(questions, initial=assessment.answers, revision=assessment.revision)
    stored = (
        [
            (q, q.label_for(assessment.answers[q.id]))
            for q in questions
            if q.id in assessment.answers
        ]
        if conflict
        else []
    )
    return render(
        request,
        "assessment/fill.html",
        {
            "base": base,
            "assessment": assessment,
            "definition": definition,
            "form": form,
            "title": title,
            "page": page,
            "pages": [(i, t, page_url(i)) for i, (_id, t) in enumerate(pages)],
            "page_count": len(pages),
            "finish_url": finish_url,
            "conflict": conflict,
            "stored": stored,
            "public": public,
            "answered": sum(
                1
                for q in definition.questions
                if q.type != "text" and assessment.answers.get(q.id) not in (None, "")
            ),
            "total": sum(1 for q in definition.questions if q.type != "text"),
        },
    )


# --- internal views -------------------------------------------------------------------


@require_POST
@role_required(*REGISTER)
def start(request, company_pk):
    company = company_for_detail(request, company_pk)
    mode = request.POST.get("mode", Mode.VISIT)
    if mode not in Mode.values:
        mode = Mode.VISIT
    assessment = services.start_assessment(company, request.user, mode)
    if mode == Mode.SELF:
        token = services.create_link(assessment, request.user)
        request.session[f"check-link-{assessment.pk}"] = token
        messages.success(request, _("Personal link created. Send it to the company."))
        return redirect(assessment)
    return redirect("assessment:fill", pk=assessment.pk, page=0)


@role_required(*REGISTER)
def fill(request, pk, page):
    assessment = _assessment_for(request, pk)
    if assessment.is_submitted:
        return redirect(assessment)
    return _fill_page(
        request,
        assessment,
        page,
        base="base.html",
        page_url=lambda i: reverse("assessment:fill", args=[assessment.pk, i]),
        finish_url=reverse("assessment:detail", args=[assessment.pk]),
        public=False,
    )


@role_required(*REGISTER)
def detail(request, pk):
    assessment = _assessment_for(request, pk)
    definition = assessment.questionnaire.parsed
    result = services.evaluate(assessment)
    answers = [
        (
            title,
            [
                (q, q.label_for(assessment.answers[q.id]) if q.id in assessment.answers else None)
                for q in definition.questions_for(topic_id)
            ],
        )
        for topic_id, title in definition.pages
    ]
    links = list(assessment.links.all())
    token = request.session.get(f"check-link-{assessment.pk}")
    link_url = (
        request.build_absolute_uri(reverse("assessment:public", args=[token])) if (token) else None
    )
    return render(
        request,
        "assessment/detail.html",
        {
            "assessment": assessment,
            "company": assessment.company,
            "result": result,
            "answers": answers,
            "links": links,
            "link_url": link_url,
            "now": timezone.now(),
        },
    )


@require_POST
@role_required(*REGISTER)
def finish(request, pk):
    assessment = _assessment_for(request, pk)
    if services.submit(assessment, request.user):
        messages.success(request, _("Check completed; needs and signals were recorded."))
    else:
        messages.info(request, _("This check was already completed."))
    return redirect(assessment.company)


@require_POST
@role_required(*REGISTER)
def new_link(request, pk):
    assessment = _assessment_for(request, pk)
    if assessment.is_submitted:
        messages.error(request, _("The check is completed; a new link is not needed."))
        return redirect(assessment)
    token = services.create_link(assessment, request.user)
    request.session[f"check-link-{assessment.pk}"] = token
    messages.success(request, _("Personal link created. Send it to the company."))
    return redirect(assessment)


@require_POST
@role_required(*REGISTER)
def revoke_link(request, link_pk):
    link = get_object_or_404(CheckLink.objects.select_related("assessment"), pk=link_pk)
    company_for_detail(request, link.assessment.company_id)
    services.revoke_link(link)
    request.session.pop(f"check-link-{link.assessment_id}", None)
    messages.success(request, _("The link was revoked; it no longer opens the check."))
    return redirect(link.assessment)


@role_required(*CONFIG)
def manual_need(request, company_pk):
    company = company_for_detail(request, company_pk)
    form = ManualNeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_manual_need(
            company,
            form.cleaned_data["topic"],
            form.cleaned_data["level"],
            form.cleaned_data["reason"],
            request.user,
        )
        messages.success(request, _("Need recorded."))
        return redirect(reverse("companies:detail", args=[company.pk]) + "#needs")
    return render(request, "assessment/need_form.html", {"form": form, "company": company})


@role_required(*REGISTER)
def flag_list(request):
    flags = Flag.objects.select_related("company", "assigned_to").filter(
        company__in=Company.objects.for_detail(request.user)
    )
    state = request.GET.get("status", "open")
    if state == "open":
        flags = flags.filter(resolved_at__isnull=True)
    elif state == "resolved":
        flags = flags.filter(resolved_at__isnull=False)
    level = request.GET.get("level")
    if level in FlagLevel.values:
        flags = flags.filter(level=level)
    if request.GET.get("mine"):
        flags = flags.filter(assigned_to=request.user)
    flags = flags.order_by("resolved_at", "-level", "due_date", "id")
    page = Paginator(flags, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assessment/flag_list.html",
        {
            "page": page,
            "status": state,
            "level": level,
            "query": query.urlencode(),
            "today": timezone.localdate(),
            "levels": FlagLevel.choices,
            "rules": flag_rules(),
            "questionnaire": services.current_questionnaire(),
        },
    )


def flag_rules() -> list[dict]:
    """The signal rules of the current questionnaire, in words."""
    questionnaire = services.current_questionnaire()
    if questionnaire is None:
        return []
    definition = questionnaire.parsed
    return [
        {
            "level": r["level"],
            "title": r["title"],
            "condition": describe_condition(r["when"], definition),
            "follow_up": r.get("follow_up", ""),
            "due_days": r.get("due_days"),
        }
        for r in definition.flags
    ]


@role_required(*REGISTER)
def flag_resolve(request, flag_pk):
    flag = get_object_or_404(Flag.objects.select_related("company"), pk=flag_pk)
    company_for_detail(request, flag.company_id)
    form = ResolveFlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        flag.resolved_at = timezone.now()
        flag.resolved_by = request.user
        flag.resolution = form.cleaned_data["resolution"]
        flag.save()
        messages.success(request, _("Signal marked as resolved."))
        return redirect(reverse("companies:detail", args=[flag.company_id]) + "#flags")
    return render(request, "assessment/flag_resolve.html", {"form": form, "flag": flag})


# --- public link (no login) -----------------------------------------------------------


def _resolve(request, token):
    """(link, None) for a usable link, else (None, a German page that says why)."""
    try:
        return services.resolve_link(token), None
    except services.LinkProblem as problem:
        status = 410 if problem.kind in {"revoked", "expired"} else 404
        page = render(request, "assessment/public_problem.html", {"kind": problem.kind})
        page.status_code = status
        return None, page


def public_entry(request, token):
    link, problem = _resolve(request, token)
    if problem:
        return problem
    assessment = link.assessment
    if assessment.is_submitted:
        return render(request, "assessment/public_done.html", {"assessment": assessment})
    return render(
        request,
        "assessment/public_start.html",
        {
            "assessment": assessment,
            "token": token,
            "definition": assessment.questionnaire.parsed,
            "link": link,
        },
    )


def public_fill(request, token, page):
    link, problem = _resolve(request, token)
    if problem:
        return problem
    assessment = link.assessment
    if assessment.is_submitted:
        return render(request, "assessment/public_done.html", {"assessment": assessment})
    return _fill_page(
        request,
        assessment,
        page,
        base="assessment/public_base.html",
        page_url=lambda i: reverse("assessment:public_page", args=[token, i]),
        finish_url=reverse("assessment:public_finish", args=[token]),
        public=True,
    )


def public_finish(request, token):
    link, problem = _resolve(request, token)
    if problem:
        return problem
    assessment = link.assessment
    if request.method == "POST":
        services.submit(assessment, None)
        return render(request, "assessment/public_done.html", {"assessment": assessment})
    if assessment.is_submitted:
        return render(request, "assessment/public_done.html", {"assessment": assessment})
    definition = assessment.questionnaire.parsed
    answered = sum(
        1
        for q in definition.questions
        if q.type != "text" and assessment.answers.get(q.id) not in (None, "")
    )
    return render(
        request,
        "assessment/public_finish.html",
        {
            "assessment": assessment,
            "token": token,
            "answered": answered,
            "total": sum(1 for q in definition.questions if q.type != "text"),
        },
    )
