from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_PACK_MB = 50


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the key is used for, e.g. “Kreis report”."),
    )
    expires = forms.DateField(
        label=_("Valid until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Left empty, the key is valid until it is revoked."),
    )

    def clean_expires(self):
        value = self.cleaned_data.get("expires")
        if value is not None and value <= timezone.localdate():
            raise forms.ValidationError(_("The date must lie in the future."))
        return value


class PackUploadForm(forms.Form):
    pack = forms.FileField(label=_("Transfer pack (.zip)"))
    overwrite = forms.BooleanField(
        label=_("Overwrite conflicts with the content of the pack"),
        required=False,
        help_text=_(
            "Only tick this if the entries edited here should be replaced by those of the "
            "source region. Questionnaire versions and programme files are never overwritten."
        ),
    )

    def clean_pack(self):
        f = self.cleaned_data["pack"]
        if f.size > MAX_PACK_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": MAX_PACK_MB}
            )
        if not f.name.lower().endswith(".zip"):
            raise forms.ValidationError(_("Please choose a .zip file (a transfer pack)."))
        return f
