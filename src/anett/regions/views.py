from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Sum
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from anett.core import roles
from anett.core.deletion import confirm_delete
from anett.core.disclosure import suppress_table
from anett.core.permissions import role_required

from . import geo
from .forms import RegionForm
from .models import Region
from .reference import MAP_CREDIT

CONFIG = tuple(roles.CONFIG_ROLES)


@login_required
def region_list(request):
    regions = Region.objects.annotate(
        n_kreise=Count("kreise"), population=Sum("kreise__population")
    )
    return render(request, "regions/region_list.html", {"regions": regions})


def region_figures(region: Region, role: str) -> dict:
    """Key figures of a region; partners get small-cell suppression (core.disclosure)."""
    from anett.companies.models import BranchGroup, Company

    kreise = list(region.kreise.order_by("name"))
    ids = [k.id for k in kreise]
    by_kreis_group = (
        Company.objects.filter(kreis_id__in=ids)
        .values_list("kreis_id", "branch_group")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int, dict[str, int]] = {k.id: {} for k in kreise}
    for kreis_id, group, n in by_kreis_group:
        counts[kreis_id][group] = n
    groups = list(BranchGroup.choices)
    matrix = [[counts[k.id].get(g, 0) for g, _label in groups] for k in kreise]
    table = suppress_table(matrix, suppress=role == roles.PARTNER)
    raw_totals = [sum(r[j] for r in matrix) for j in range(len(groups))]
    return {
        "kreise": kreise,
        "population": sum(k.population for k in kreise),
        "area": sum(k.area_km2 for k in kreise),
        "groups": groups,
        "group_totals": [
            (label, value, raw if isinstance(value, int) else 0)
            for (_g, label), value, raw in zip(groups, table.col_totals, raw_totals, strict=True)
        ],
        "company_total": table.total,
        "rows": [
            {"kreis": k, "groups": cells, "total": total}
            for k, cells, total in zip(kreise, table.cells, table.row_totals, strict=True)
        ],
        "max_group": max(raw_totals, default=0) or 1,
        "suppressed": role == roles.PARTNER,
    }


@login_required
def region_detail(request, slug):
    region = get_object_or_404(Region, slug=slug)
    figures = region_figures(region, request.user.effective_role)
    return render(
        request,
        "regions/region_detail.html",
        {
            "region": region,
            "figures": figures,
            "map_credit": MAP_CREDIT,
        },
    )


@login_required
def region_geojson(request, slug):
    region = get_object_or_404(Region, slug=slug)
    kreise = region.kreise.all()
    props = {k.ags: {"name": k.name, "population": k.population} for k in kreise}
    return JsonResponse(geo.feature_collection([k.ags for k in kreise], props))


@role_required(*CONFIG)
def region_edit(request, slug=None):
    region = get_object_or_404(Region, slug=slug) if slug else None
    form = RegionForm(request.POST or None, instance=region)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            region = form.save()
        messages.success(request, _("Region “%(name)s” saved.") % {"name": region})
        return redirect(region)
    return render(request, "regions/region_form.html", {"form": form, "region": region})


@role_required(*CONFIG)
def region_delete(request, slug):
    region = get_object_or_404(Region, slug=slug)
    return confirm_delete(
        request,
        region,
        cancel_url=region.get_absolute_url(),
        success_url=reverse("regions:list"),
        message=_("Region “%(name)s” deleted.") % {"name": region},
        consequences=_("The districts and companies remain; only the grouping is removed."),
    )
