import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from anett.companies.filters import SORTS, CompanyFilter
from anett.companies.models import Stage


class PriorityFilter(CompanyFilter):
    stage = django_filters.ChoiceFilter(label=_("Pipeline stage"), choices=Stage.choices)
    sme_without_wc = django_filters.BooleanFilter(
        label=_("only SMEs without works council"),
        method="filter_sme_without_wc",
        widget=forms.CheckboxInput,
    )

    def filter_sme_without_wc(self, queryset, name, value):
        if value:
            return queryset.filter(sme_class__in=["micro", "small", "medium"], works_council="no")
        return queryset

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["-priority"]))

    @property
    def qs(self):
        qs = super().qs
        if not self.data.get("sort"):
            qs = qs.order_by(*SORTS["-priority"])
        return qs
