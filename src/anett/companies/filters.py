import django_filters
from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from anett.regions.models import Kreis, Region

from .models import BranchGroup, Company, EngagementStatus, SmeClass, TriState, search_key

SORTS = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "city": ("city", "name", "id"),
    "-city": ("-city", "name", "id"),
    "kreis": ("kreis__name", "name", "id"),
    "-kreis": ("-kreis__name", "name", "id"),
    "employees": (F("employees_site").asc(nulls_last=True), "name", "id"),
    "-employees": (F("employees_site").desc(nulls_last=True), "name", "id"),
    "priority": ("priority_score", "name", "id"),
    "-priority": ("-priority_score", "name", "id"),
    "status": ("engagement_status", "name", "id"),
    "-status": ("-engagement_status", "name", "id"),
}


class CompanyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"placeholder": _("Name or town"), "type": "search"}),
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region"),
        queryset=Region.objects.all(),
        method="filter_region",
        to_field_name="slug",
    )
    kreis = django_filters.ModelChoiceFilter(
        label=_("District"),
        # Districts of the configured regions; a list of all 400 would slow every page.
        queryset=Kreis.objects.filter(active=True, regions__isnull=False)
        .distinct()
        .order_by("name"),
        to_field_name="ags",
    )
    branch_group = django_filters.ChoiceFilter(label=_("Branch group"), choices=BranchGroup.choices)
    sme_class = django_filters.ChoiceFilter(label=_("SME class"), choices=SmeClass.choices)
    works_council = django_filters.ChoiceFilter(label=_("Works council"), choices=TriState.choices)
    engagement_status = django_filters.ChoiceFilter(
        label=_("Engagement"), choices=EngagementStatus.choices
    )
    sort = django_filters.CharFilter(method="filter_sort", widget=forms.HiddenInput)

    class Meta:
        model = Company
        fields = []

    def filter_q(self, queryset, name, value):
        key = search_key(value)
        for word in key.split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def filter_region(self, queryset, name, value):
        kreis_ids = list(value.kreise.values_list("id", flat=True))
        return queryset.filter(kreis_id__in=kreis_ids)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["name"]))
