from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anett.companies.models import Stage
from anett.core import roles
from anett.core.models import User


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("New stage"), choices=Stage.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name of the campaign"), max_length=200)
    title = forms.CharField(
        label=_("Task for the advisers"),
        max_length=300,
        initial=_("Approach the firm and offer a transformation check"),
    )
    advisers = forms.ModelMultipleChoiceField(
        label=_("Advisers"),
        queryset=User.objects.none(),
        help_text=_("Tasks are spread over the chosen advisers in turn."),
    )
    due_date = forms.DateField(
        label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisers"].queryset = User.objects.filter(
            role__in=[roles.BERATUNG, roles.KOORDINATION], is_active=True
        ).order_by("last_name", "username")

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("The due date lies in the past."))
        return due
