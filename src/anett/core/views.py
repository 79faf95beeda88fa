from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone

from anett.regions.reference import MAP_CREDIT, SOURCE_CREDIT

from . import roles
from .models import NetworkSettings, SensitiveAccess
from .permissions import role_required


@login_required
def home(request):
    user = request.user
    if not user.can_see_register:
        # Partners land in their area: published insights and suppressed aggregates.
        return redirect("partners:home")
    from anett.companies.models import Activity, Company

    status_counts = dict(
        Company.objects.values_list("engagement_status").annotate(n=Count("id")).order_by()
    )
    due = (
        Activity.objects.filter(done=False, due_date__isnull=False)
        .filter(company__in=Company.objects.for_detail(user))
        .select_related("company")
        .order_by("due_date")
    )
    from anett.assessment.models import Flag
    from anett.outreach.models import Task

    visible = Company.objects.for_detail(user)
    open_flags = Flag.objects.filter(resolved_at__isnull=True, company__in=visible)
    return render(
        request,
        "core/home.html",
        {
            "red_flags": open_flags.filter(level="red").count(),
            "yellow_flags": open_flags.filter(level="yellow").count(),
            "my_tasks": Task.objects.filter(assigned_to=user, done_at__isnull=True).count(),
            "status_counts": status_counts,
            "total": sum(status_counts.values()),
            "due": list(due[:15]),
            "today": timezone.localdate(),
        },
    )


def about(request):
    return render(
        request,
        "core/about.html",
        {
            "source_credit": SOURCE_CREDIT,
            "map_credit": MAP_CREDIT,
        },
    )


@role_required(roles.ADMIN)
def access_log(request):
    page = Paginator(SensitiveAccess.objects.select_related("user"), 100).get_page(
        request.GET.get("page")
    )
    return render(request, "core/access_log.html", {"page": page})


@role_required(*roles.CONFIG_ROLES)
def network_settings(request):
    from django.contrib import messages
    from django.utils.translation import gettext as _

    from anett.companies.services import refresh_all_engagement
    from anett.outreach.services import refresh_priorities

    from .forms import NetworkSettingsForm

    current = NetworkSettings.current()
    form = NetworkSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.updated_by = request.user
        obj.save()
        engaged = refresh_all_engagement()
        prioritised = refresh_priorities()
        messages.success(
            request,
            _("Settings saved; %(e)d engagement statuses and %(p)d priorities recomputed.")
            % {"e": engaged, "p": prioritised},
        )
        return redirect("core:settings")
    return render(request, "core/settings.html", {"form": form, "current": current})
