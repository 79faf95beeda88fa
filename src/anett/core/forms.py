from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NetworkSettings


class NetworkSettingsForm(forms.ModelForm):
    class Meta:
        model = NetworkSettings
        fields = [
            "passive_after_days",
            "engagement_stale_days",
            "weight_exposure",
            "weight_need",
            "weight_passivity",
            "weight_sme",
            "weight_no_works_council",
            "weight_size",
        ]

    def clean(self):
        data = super().clean()
        weights = [v for k, v in data.items() if k.startswith("weight_") and v is not None]
        if len(weights) == 6 and sum(weights) != 100:
            raise forms.ValidationError(
                _("The weights must add up to 100 (now %(sum)d)."), params={"sum": sum(weights)}
            )
        return data
