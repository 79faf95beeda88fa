"""Views of the partner area: reading insights (every role), writing and reviewing them
(coordination, administration), partner organisations, contributions, digest, feeds."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anett.companies.models import search_key
from anett.core import roles
from anett.core.deletion import confirm_delete
from anett.core.permissions import role_required
from anett.regions.models import Region

from . import rendering, services, vocab, workflow
from .feeds import InsightFeed
from .forms import (
    AddMemberForm,
    AnswerForm,
    AttachmentForm,
    ContributionForm,
    DigestSettingsForm,
    InsightFilterForm,
    InsightForm,
    OrganisationForm,
    StatusForm,
)
from .models import (
    Contribution,
    DigestRun,
    Insight,
    InsightAttachment,
    PartnerMembership,
    PartnerOrganisation,
    PartnerProfile,
)

STAFF = (roles.ADMIN, roles.KOORDINATION)
READERS = (roles.ADMIN, roles.KOORDINATION, roles.BERATUNG, roles.PARTNER)


def _is_staff(user) -> bool:
    return user.effective_role in STAFF


def _query(request, drop=("page",)):
    query = request.GET.copy()
    for key in drop:
        query.pop(key, None)
    return query.urlencode()


# --- partner area -------------------------------------------------------------------------


@role_required(*READERS)
def home(request):
    """The partner area: recent insights, own contributions, the network in figures."""
    user = request.user
    org = services.organisation_of(user)
    readable = Insight.objects.visible_to(user).published()
    kreis_ids = org.interest_kreis_ids() if org else set()
    if not kreis_ids:
        pilot = Region.objects.filter(kind="pilot").first()
        kreis_ids = set(pilot.kreise.values_list("id", flat=True)) if pilot else set()
    own = services.own_contributions(user)
    return render(
        request,
        "partners/home.html",
        {
            "organisation": org,
            "recent": readable.order_by("-published_at")[:5],
            "n_insights": readable.count(),
            "n_own": own.count(),
            "n_answered": own.filter(answers__isnull=False).distinct().count(),
            "figures": services.network_figures(kreis_ids),
            "is_staff": _is_staff(user),
        },
    )


def filter_insights(qs, data: dict):
    """Apply the list filters (kind, topic, branch group, region, district, search words)."""
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    if data.get("topic"):
        qs = qs.filter(topics__has=data["topic"])
    if data.get("branch"):
        qs = qs.filter(branch_groups__has=data["branch"])
    region = data.get("region")
    if region:
        qs = qs.filter(Q(regions=region) | Q(kreise__in=region.kreise.all())).distinct()
    kreis = data.get("kreis")
    if kreis:
        qs = qs.filter(Q(kreise=kreis) | Q(regions__kreise=kreis)).distinct()
    for word in search_key(data.get("q") or "").split():
        qs = qs.filter(search_text__contains=word)
    return qs


@role_required(*READERS)
def insight_list(request):
    readable = Insight.objects.visible_to(request.user).published()
    form = InsightFilterForm(request.GET or None, insights=readable)
    qs = readable
    if form.is_bound and form.is_valid():
        qs = filter_insights(qs, form.cleaned_data)
    qs = qs.order_by("-published_at", "-id").prefetch_related("regions", "kreise")
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": _query(request)}
    template = "partners/_insight_results.html" if request.headers.get("HX-Request") else None
    return render(request, template or "partners/insight_list.html", context)


def _readable_insight(request, pk) -> Insight:
    return get_object_or_404(Insight.objects.visible_to(request.user), pk=pk)


@role_required(*READERS)
def insight_detail(request, pk):
    insight = _readable_insight(request, pk)
    staff = _is_staff(request.user)
    context = {
        "insight": insight,
        "body_html": insight.body_html(),
        "attachments": list(insight.attachments.all()),
        "regions": list(insight.regions.all()),
        "kreise": list(insight.kreise.order_by("name")),
        "is_staff": staff,
    }
    if insight.is_published:
        context["contributions"] = services.visible_contributions(insight, request.user)
        context["contribution_form"] = ContributionForm()
    if staff:
        context.update(
            {
                "transitions": workflow.available(insight.status),
                "status_changes": insight.status_changes.select_related("by"),
                "attachment_form": AttachmentForm(),
                "organisations": list(insight.organisations.all()),
                "max_mb": services.max_attachment_mb(),
                "answer_form": AnswerForm(),
            }
        )
    return render(request, "partners/insight_detail.html", context)


@role_required(*READERS)
def attachment_download(request, pk, attachment_pk):
    """Files are only ever served here, after the check who may read the insight."""
    insight = _readable_insight(request, pk)
    attachment = get_object_or_404(InsightAttachment, pk=attachment_pk, insight=insight)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- contributions ------------------------------------------------------------------------


@require_POST
@role_required(*READERS)
def contribution_create(request, pk):
    insight = _readable_insight(request, pk)
    if not insight.is_published:
        raise Http404
    form = ContributionForm(request.POST)
    if form.is_valid():
        services.contribute(
            insight,
            request.user,
            form.cleaned_data["kind"],
            form.cleaned_data["text"],
            form.cleaned_data["private"],
        )
        messages.success(request, _("Thank you, your contribution has been saved."))
        return redirect(insight.get_absolute_url() + "#beitraege")
    errors = "; ".join(f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items())
    messages.error(request, _("Your contribution was not saved. %(errors)s") % {"errors": errors})
    return redirect(insight.get_absolute_url() + "#beitraege")


@require_POST
@role_required(*STAFF)
def contribution_answer(request, pk):
    question = get_object_or_404(Contribution, pk=pk, parent__isnull=True)
    form = AnswerForm(request.POST)
    if form.is_valid():
        services.answer(question, request.user, form.cleaned_data["text"])
        messages.success(request, _("Answer saved; the partner sees it under “My contributions”."))
    else:
        messages.error(request, _("Please write an answer."))
    return redirect(question.insight.get_absolute_url() + f"#beitrag-{question.pk}")


@role_required(*READERS)
def contribution_delete(request, pk):
    contribution = get_object_or_404(Contribution, pk=pk)
    if not (_is_staff(request.user) or contribution.author_id == request.user.pk):
        raise PermissionDenied
    url = contribution.insight.get_absolute_url()
    return confirm_delete(
        request,
        contribution,
        cancel_url=url,
        success_url=url,
        message=_("Contribution deleted."),
        consequences=_("Answers to it are deleted as well."),
    )


@role_required(*READERS)
def my_contributions(request):
    items = services.own_contributions(request.user)
    return render(
        request,
        "partners/my_contributions.html",
        {
            "page": Paginator(items, 30).get_page(request.GET.get("page")),
            "organisation": services.organisation_of(request.user),
        },
    )


@role_required(*STAFF)
def contribution_inbox(request):
    show = request.GET.get("show", "open")
    qs = (
        Contribution.objects.filter(parent__isnull=True)
        .select_related("insight")
        .annotate(n_answers=Count("answers"))
        .order_by("-created_at", "-id")
    )
    if show == "open":
        qs = qs.filter(kind=vocab.QUESTION, n_answers=0)
    return render(
        request,
        "partners/contribution_inbox.html",
        {"page": Paginator(qs, 50).get_page(request.GET.get("page")), "show": show},
    )


# --- editorial: insights ------------------------------------------------------------------


@role_required(*STAFF)
def manage(request):
    status = request.GET.get("status", "")
    qs = Insight.objects.select_related("author", "reviewer").order_by("-updated_at", "-id")
    if status in dict(vocab.STATUS_CHOICES):
        qs = qs.filter(status=status)
    counts = dict(Insight.objects.values_list("status").annotate(n=Count("id")).order_by())
    return render(
        request,
        "partners/manage.html",
        {
            "page": Paginator(qs, 50).get_page(request.GET.get("page")),
            "status": status,
            "tabs": [(code, label, counts.get(code, 0)) for code, label in vocab.STATUS_CHOICES],
            "query": _query(request),
        },
    )


@role_required(*STAFF)
def insight_edit(request, pk=None):
    insight = get_object_or_404(Insight, pk=pk) if pk else None
    if insight and insight.status not in (vocab.DRAFT, vocab.IN_REVIEW):
        messages.error(
            request,
            _("A published or withdrawn insight is not edited; set it back to draft first."),
        )
        return redirect(insight)
    form = InsightForm(request.POST or None, instance=insight)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            obj = form.save(commit=False)
            if obj.author_id is None:
                obj.author = request.user
            obj.save()
            form.save_m2m()
        messages.success(request, _("Insight “%(title)s” saved.") % {"title": obj.title})
        return redirect(obj)
    return render(request, "partners/insight_form.html", {"form": form, "insight": insight})


@require_POST
@role_required(*STAFF)
def insight_preview(request):
    """htmx: the Markdown text as the partners will see it."""
    html = rendering.markdown_to_html(request.POST.get("body", ""))
    return HttpResponse(html or f'<p class="muted">{_("Nothing to show yet.")}</p>')


@role_required(*STAFF)
def insight_delete(request, pk):
    insight = get_object_or_404(Insight, pk=pk)
    files = list(insight.attachments.all())
    return confirm_delete(
        request,
        insight,
        cancel_url=insight.get_absolute_url(),
        success_url=reverse("partners:manage"),
        message=_("Insight “%(title)s” deleted.") % {"title": insight.title},
        consequences=_(
            "Its attachments, comments and questions are deleted as well. To take a published "
            "insight away from the partners but keep it, withdraw it instead."
        ),
        after=lambda: [services.delete_attachment_file(a) for a in files],
    )


@require_POST
@role_required(*STAFF)
def insight_status(request, pk):
    insight = get_object_or_404(Insight, pk=pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        raise Http404
    action = form.cleaned_data["action"]
    try:
        insight = services.change_status(
            insight, action, request.user, form.cleaned_data["comment"]
        )
    except workflow.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Status is now “%(status)s”.") % {"status": insight.get_status_display()},
        )
    return redirect(insight)


@require_POST
@role_required(*STAFF)
def attachment_upload(request, pk):
    insight = get_object_or_404(Insight, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Please choose a file."))
        return redirect(insight)
    try:
        attachment = services.add_attachment(insight, form.cleaned_data["file"], request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("File “%(name)s” attached.") % {"name": attachment})
    return redirect(insight.get_absolute_url() + "#anhaenge")


@role_required(*STAFF)
def attachment_delete(request, pk, attachment_pk):
    attachment = get_object_or_404(InsightAttachment, pk=attachment_pk, insight_id=pk)
    url = attachment.insight.get_absolute_url()
    return confirm_delete(
        request,
        attachment,
        cancel_url=url,
        success_url=url,
        message=_("File “%(name)s” removed.") % {"name": attachment},
        after=lambda: services.delete_attachment_file(attachment),
    )


# --- organisations ------------------------------------------------------------------------


@role_required(*STAFF)
def organisation_list(request):
    qs = PartnerOrganisation.objects.annotate(
        n_members=Count("memberships", distinct=True)
    ).order_by("-active", "name")
    return render(request, "partners/organisation_list.html", {"organisations": qs})


@role_required(*STAFF)
def organisation_detail(request, pk):
    org = get_object_or_404(PartnerOrganisation, pk=pk)
    form = AddMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.add_member(org, form.cleaned_data["identifier"], request.user)
        except ValueError as exc:
            form.add_error("identifier", str(exc))
        else:
            messages.success(
                request,
                _("“%(user)s” now belongs to “%(org)s”.")
                % {"user": membership.user.username, "org": org.name},
            )
            return redirect(org)
    return render(
        request,
        "partners/organisation_detail.html",
        {
            "org": org,
            "form": form,
            "memberships": org.memberships.select_related("user"),
            "kreise": list(org.kreise.order_by("name")),
            "regions": list(org.regions.all()),
            "n_insights": org.insights.count(),
            "n_contributions": org.contributions.count(),
        },
    )


@role_required(*STAFF)
def organisation_edit(request, pk=None):
    org = get_object_or_404(PartnerOrganisation, pk=pk) if pk else None
    form = OrganisationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        org = form.save()
        messages.success(request, _("Organisation “%(name)s” saved.") % {"name": org.name})
        return redirect(org)
    return render(request, "partners/organisation_form.html", {"form": form, "org": org})


@role_required(*STAFF)
def organisation_active(request, pk):
    """Deactivate (after a confirmation) or reactivate an organisation."""
    org = get_object_or_404(PartnerOrganisation, pk=pk)
    if request.method == "POST":
        org.active = not org.active
        org.save(update_fields=["active", "updated_at"])
        text = (
            _("“%(name)s” is active again.")
            if org.active
            else _("“%(name)s” is deactivated; its members no longer see insights.")
        )
        messages.success(request, text % {"name": org.name})
        return redirect(org)
    return render(request, "partners/organisation_active.html", {"org": org})


@role_required(*STAFF)
def member_remove(request, pk, membership_pk):
    membership = get_object_or_404(
        PartnerMembership.objects.select_related("user", "organisation"),
        pk=membership_pk,
        organisation_id=pk,
    )
    url = membership.organisation.get_absolute_url()
    return confirm_delete(
        request,
        membership,
        cancel_url=url,
        success_url=url,
        message=_("“%(user)s” removed from the organisation.") % {"user": membership.user},
        consequences=_(
            "The user account remains; it then sees only the insights meant for all partners."
        ),
    )


# --- digest -------------------------------------------------------------------------------


@role_required(*STAFF)
def digest_page(request):
    if request.method == "POST":
        result = services.send_digest(
            by=request.user, via="page", site=request.build_absolute_uri("/")
        )
        if result.failed:
            messages.error(
                request,
                _("%(n)d e-mails could not be sent: %(who)s")
                % {
                    "n": len(result.failed),
                    "who": ", ".join(f"{u.username} ({err})" for u, err in result.failed),
                },
            )
        messages.success(
            request,
            _("Digest sent, e-mails: %(n)d.") % {"n": result.sent}
            if result.sent
            else _("Nothing new: no e-mail was sent."),
        )
        return redirect("partners:digest")
    plan = services.plan_digest()
    runs = DigestRun.objects.select_related("started_by")[:20]
    return render(
        request,
        "partners/digest.html",
        {
            "plan": plan,
            "runs": runs,
            "last": DigestRun.objects.aggregate(last=Max("started_at"))["last"],
            "n_recipients": services.digest_recipients().count(),
        },
    )


# --- feeds --------------------------------------------------------------------------------


@role_required(*READERS)
def feed(request):
    return InsightFeed()(request, user=request.user)


def feed_token(request, token):
    """The personal secret feed link for feed readers that cannot log in."""
    profile = (
        PartnerProfile.objects.filter(feed_token_hash=PartnerProfile.hash_token(token))
        .select_related("user")
        .first()
    )
    if profile is None or not profile.user.is_active:
        raise Http404
    return InsightFeed()(request, user=profile.user)


@role_required(*READERS)
def my_feed(request):
    profile, _created = PartnerProfile.objects.get_or_create(user=request.user)
    new_token = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "regenerate":
            new_token = profile.new_feed_token()
            messages.success(
                request,
                _("New personal feed link created; the previous one no longer works."),
            )
        elif action == "revoke":
            profile.revoke_feed_token()
            messages.success(request, _("Personal feed link revoked."))
            return redirect("partners:my_feed")
        elif action == "digest":
            form = DigestSettingsForm(request.POST)
            form.is_valid()
            profile.digest_enabled = form.cleaned_data.get("digest_enabled", False)
            profile.save(update_fields=["digest_enabled"])
            messages.success(request, _("Digest setting saved."))
            return redirect("partners:my_feed")
    return render(
        request,
        "partners/my_feed.html",
        {
            "profile": profile,
            "feed_url": request.build_absolute_uri(reverse("partners:feed")),
            "secret_url": request.build_absolute_uri(
                reverse("partners:feed_token", args=[new_token])
            )
            if new_token
            else None,
            "digest_form": DigestSettingsForm(initial={"digest_enabled": profile.digest_enabled}),
            "has_email": bool(request.user.email),
        },
    )
