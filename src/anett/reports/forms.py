from django import forms
from django.utils.translation import gettext_lazy as _

from anett.companies.models import BranchGroup
from anett.regions.models import Region

from . import indicators as ind
from .models import SECTION_CHOICES, ReportPeriod

NEED_THRESHOLDS = [(25, "≥ 25"), (50, "≥ 50"), (75, "≥ 75")]


class DashboardFilter(forms.Form):
    """The filters of the dashboard (GET). Invalid values fall back to the defaults."""

    region = forms.ChoiceField(label=_("Region"), required=False)
    branch_group = forms.ChoiceField(label=_("Branch group"), required=False)
    period = forms.ChoiceField(label=_("Period"), required=False)
    need = forms.TypedChoiceField(
        label=_("Need level"), required=False, coerce=int, choices=NEED_THRESHOLDS, empty_value=50
    )
    figure = forms.ChoiceField(label=_("Map colours districts by"), required=False)

    def __init__(self, *args, period_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = list(Region.objects.values_list("slug", "name"))
        self.fields["branch_group"].choices = [("", _("All branch groups"))] + list(
            BranchGroup.choices
        )
        self.fields["period"].choices = [("", _("All time"))] + list(period_choices)
        self.fields["figure"].choices = [(i, _(ind.BY_ID[i].label)) for i in ind.MAP_IDS]


class ReportPeriodForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].required = True

    class Meta:
        model = ReportPeriod
        fields = ["title", "region", "date_from", "date_to"]
        widgets = {
            "date_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "date_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class ReportTextsForm(forms.Form):
    """One text field per section of the report."""

    def __init__(self, *args, initial_texts=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_texts = initial_texts or {}
        for code, label in SECTION_CHOICES:
            self.fields[code] = forms.CharField(
                label=label,
                required=False,
                max_length=20000,
                initial=initial_texts.get(code, ""),
                widget=forms.Textarea(attrs={"rows": 5}),
            )
