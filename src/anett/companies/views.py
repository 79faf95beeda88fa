from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anett.core import roles
from anett.core.audit import log_sensitive_access
from anett.core.deletion import confirm_delete
from anett.core.permissions import role_required

from . import classification as cls
from .access import company_for_detail
from .exports import companies_xlsx
from .filters import CompanyFilter
from .forms import ActivityForm, BranchRuleForm, CompanyForm, ContactForm
from .history import company_history
from .models import Activity, BranchRule, Company, ContactPerson, Stage
from .services import reclassify_all, recompute_engagement, refresh_priority

REGISTER = tuple(roles.REGISTER_ROLES)
CONFIG = tuple(roles.CONFIG_ROLES)


LIST_FIELDS = (
    "id",
    "name",
    "legal_form",
    "city",
    "postcode",
    "kreis__name",
    "kreis__ags",
    "branch_group",
    "employees_site",
    "sme_class",
    "works_council",
    "engagement_status",
    "is_demo",
)


def _filtered(request):
    qs = Company.objects.for_list(request.user).select_related("kreis")
    return CompanyFilter(request.GET or None, queryset=qs, request=request)


@role_required(*REGISTER)
def company_list(request):
    company_filter = _filtered(request)
    if company_filter.is_bound and not company_filter.is_valid():
        qs = company_filter.queryset.none()
    else:
        qs = company_filter.qs
    # Page over ids first (an index-only scan, cheap even for deep pages), then load the rows.
    paginator = Paginator(qs.values_list("id", flat=True), settings.ANETT_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    ids = list(page.object_list)
    rows = qs.only(*LIST_FIELDS).in_bulk(ids)
    page.object_list = [rows[pk] for pk in ids]
    if request.user.can_see_all_details:
        openable = set(ids)
    else:
        openable = set(
            Company.objects.for_detail(request.user).filter(pk__in=ids).values_list("pk", flat=True)
        )
    query = request.GET.copy()
    query.pop("page", None)
    sort_query = query.copy()
    sort_query.pop("sort", None)
    context = {
        "filter": company_filter,
        "page": page,
        "openable": openable,
        "query": query.urlencode(),
        "sort_query": sort_query.urlencode(),
        "sort": request.GET.get("sort", "name"),
    }
    template = (
        "companies/_list_results.html"
        if request.headers.get("HX-Request")
        else ("companies/company_list.html")
    )
    return render(request, template, context)


@role_required(*REGISTER)
def company_export(request):
    company_filter = _filtered(request)
    if company_filter.is_bound and not company_filter.is_valid():
        qs = Company.objects.none()
    else:
        qs = company_filter.qs
    data = companies_xlsx(qs.iterator(chunk_size=2000))
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="betriebe-{stamp}.xlsx"'
    return response


@role_required(*REGISTER)
def company_detail(request, pk):
    from anett.assessment.services import company_profile

    company = company_for_detail(request, pk)
    company = (
        Company.objects.select_related("kreis")
        .prefetch_related(
            "kreis__regions",
            "advisers",
            "contacts",
            Prefetch("activities", queryset=Activity.objects.select_related("user", "contact")),
        )
        .get(pk=company.pk)
    )
    contacts = list(company.contacts.all())
    show_sensitive = request.user.can_see_sensitive
    if show_sensitive and contacts:
        log_sensitive_access(request, contacts, ContactPerson.SENSITIVE_FIELDS)
    context = {
        "company": company,
        "contacts": contacts,
        "activities": list(company.activities.all()),
        "regions": list(company.kreis.regions.all()) if company.kreis else [],
        "show_sensitive": show_sensitive,
        "activity_form": ActivityForm(company=company, initial={"date": timezone.localdate()}),
        "is_sme": cls.is_sme(company.sme_class),
        "can_edit": True,
        "can_delete": request.user.can_configure,
        "profile": company_profile(company),
        "stages": Stage.choices,
    }
    return render(request, "companies/company_detail.html", context)


@role_required(*REGISTER)
def company_create(request):
    form = CompanyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            company = form.save()
            if not request.user.can_see_all_details:
                company.advisers.add(request.user)
            refresh_priority(company)
        messages.success(request, _("Company “%(name)s” created.") % {"name": company})
        return redirect(company)
    return render(request, "companies/company_form.html", {"form": form, "company": None})


@role_required(*REGISTER)
def company_edit(request, pk):
    company = company_for_detail(request, pk)
    form = CompanyForm(request.POST or None, instance=company, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            refresh_priority(company)
        messages.success(request, _("Changes saved."))
        return redirect(company)
    return render(request, "companies/company_form.html", {"form": form, "company": company})


@role_required(*CONFIG)
def company_delete(request, pk):
    company = get_object_or_404(Company, pk=pk)
    return confirm_delete(
        request,
        company,
        cancel_url=company.get_absolute_url(),
        success_url=reverse("companies:list"),
        message=_("Company “%(name)s” deleted. It stays in the change history.")
        % {"name": company},
        consequences=_(
            "%(contacts)d contact persons and %(activities)d activities will be deleted too."
        )
        % {"contacts": company.contacts.count(), "activities": company.activities.count()},
    )


@role_required(*REGISTER)
def company_history_view(request, pk):
    company = company_for_detail(request, pk)
    entries = company_history(company, show_sensitive=request.user.can_see_sensitive)
    if request.user.can_see_sensitive:
        sensitive = [e for e in entries if e.get("sensitive")]
        if sensitive:
            log_sensitive_access(
                request, company.contacts.all(), ContactPerson.SENSITIVE_FIELDS, action="history"
            )
    return render(
        request, "companies/company_history.html", {"company": company, "entries": entries}
    )


# --- contacts -------------------------------------------------------------------------


@role_required(*REGISTER)
def contact_edit(request, pk, contact_pk=None):
    company = company_for_detail(request, pk)
    contact = get_object_or_404(company.contacts, pk=contact_pk) if contact_pk else None
    form = ContactForm(request.POST or None, instance=contact, user=request.user)
    if request.method == "POST" and form.is_valid():
        contact = form.save(commit=False)
        contact.company = company
        contact.save()
        if request.user.can_see_sensitive and any(
            f in form.changed_data for f in ContactPerson.SENSITIVE_FIELDS
        ):
            log_sensitive_access(request, [contact], ContactPerson.SENSITIVE_FIELDS, "change")
        messages.success(request, _("Contact person saved."))
        return redirect(company)
    if contact and request.user.can_see_sensitive:
        log_sensitive_access(request, [contact], ContactPerson.SENSITIVE_FIELDS)
    return render(
        request,
        "companies/contact_form.html",
        {"form": form, "company": company, "contact": contact},
    )


@role_required(*REGISTER)
def contact_delete(request, pk, contact_pk):
    company = company_for_detail(request, pk)
    contact = get_object_or_404(company.contacts, pk=contact_pk)
    return confirm_delete(
        request,
        contact,
        cancel_url=company.get_absolute_url(),
        success_url=company.get_absolute_url(),
        message=_("Contact person deleted."),
    )


# --- activities -----------------------------------------------------------------------


@require_POST
@role_required(*REGISTER)
def activity_add(request, pk):
    company = company_for_detail(request, pk)
    form = ActivityForm(request.POST, company=company)
    if form.is_valid():
        with transaction.atomic():
            activity = form.save(commit=False)
            activity.company = company
            activity.user = request.user
            activity.save()
            before = company.get_engagement_status_display()
            recompute_engagement(company)
            refresh_priority(company)
        after = company.get_engagement_status_display()
        msg = _("Activity recorded.")
        if before != after:
            msg += " " + _("Engagement: %(before)s → %(after)s.") % {
                "before": before,
                "after": after,
            }
        messages.success(request, msg)
        return redirect(reverse("companies:detail", args=[company.pk]) + "#activities")
    return render(request, "companies/activity_form.html", {"form": form, "company": company})


@role_required(*REGISTER)
def activity_delete(request, pk, activity_pk):
    company = company_for_detail(request, pk)
    activity = get_object_or_404(company.activities, pk=activity_pk)
    return confirm_delete(
        request,
        activity,
        cancel_url=company.get_absolute_url(),
        success_url=company.get_absolute_url(),
        message=_("Activity deleted."),
        after=lambda: (recompute_engagement(company), refresh_priority(company)),
    )


@require_POST
@role_required(*REGISTER)
def activity_done(request, pk, activity_pk):
    company = company_for_detail(request, pk)
    activity = get_object_or_404(company.activities, pk=activity_pk)
    activity.done = not activity.done
    activity.save(update_fields=["done"])
    return redirect(reverse("companies:detail", args=[company.pk]) + "#activities")


# --- branch mapping -------------------------------------------------------------------


@role_required(*REGISTER)
def branch_rules(request):
    rules = list(BranchRule.objects.all())
    form = None
    if request.user.can_configure:
        instance = None
        if request.method == "POST":
            try:
                prefix = cls.normalise_wz(request.POST.get("prefix", ""))
                instance = BranchRule.objects.filter(prefix=prefix).first()
            except cls.InvalidWZ:
                pass
        form = BranchRuleForm(request.POST or None, instance=instance)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                form.save()
                changed = reclassify_all()
            messages.success(
                request, _("Rule saved; %(n)d companies reclassified.") % {"n": changed}
            )
            return redirect("companies:branch_rules")
    return render(request, "companies/branch_rules.html", {"rules": rules, "form": form})


@role_required(*CONFIG)
def branch_rule_delete(request, rule_pk):
    rule = get_object_or_404(BranchRule, pk=rule_pk)
    return confirm_delete(
        request,
        rule,
        cancel_url=reverse("companies:branch_rules"),
        success_url=reverse("companies:branch_rules"),
        message=_("Rule deleted; the companies were reclassified."),
        consequences=_("Companies with this WZ prefix will be classified by the remaining rules."),
        after=reclassify_all,
    )
