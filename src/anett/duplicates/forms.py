from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DuplicateSettings, ThresholdKind


class SettingsForm(forms.ModelForm):
    class Meta:
        model = DuplicateSettings
        fields = ["auto_merge", "threshold"]
        widgets = {
            "auto_merge": forms.RadioSelect,
            "threshold": forms.NumberInput(attrs={"step": "any"}),
        }

    def clean(self):
        data = super().clean()
        kind, threshold = data.get("auto_merge"), data.get("threshold")
        if kind == ThresholdKind.PROBABILITY:
            if threshold is None:
                self.add_error("threshold", _("Enter the match probability above which to merge."))
            elif not 0.5 <= threshold < 1:
                self.add_error(
                    "threshold",
                    _("A match probability must lie between 0.5 and 1 (e.g. 0.999)."),
                )
        elif kind == ThresholdKind.WEIGHT:
            if threshold is None:
                self.add_error("threshold", _("Enter the match weight above which to merge."))
            elif not 0 < threshold <= 100:
                self.add_error(
                    "threshold", _("A match weight must lie above 0 and at most 100 (e.g. 20).")
                )
        return data
