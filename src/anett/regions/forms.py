from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kreis, Region


class RegionForm(forms.ModelForm):
    kreise = forms.ModelMultipleChoiceField(
        label=_("Districts"),
        queryset=Kreis.objects.filter(active=True).order_by("land", "name"),
        widget=forms.SelectMultiple(attrs={"size": 14}),
        help_text=_("Hold Ctrl (or Cmd) to select several districts."),
    )

    class Meta:
        model = Region
        fields = ["name", "kind", "description", "kreise"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kreise"].label_from_instance = lambda k: f"{k.name} ({k.land}, {k.ags})"
