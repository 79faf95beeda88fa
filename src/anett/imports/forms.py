from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .mapping import FIELDS, check
from .models import ImportSource
from .texts import render

MAX_UPLOAD_MB = 200


def max_upload_bytes() -> int:
    return int(getattr(settings, "ANETT_IMPORT_MAX_MB", MAX_UPLOAD_MB)) * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (separated by ; or ,) or Excel workbook (.xlsx), headings in the first rows."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,.xlsm"}),
    )
    source = forms.ModelChoiceField(
        label=_("Source"),
        queryset=ImportSource.objects.all(),
        required=False,
        empty_label=_("– new source –"),
        help_text=_(
            "Rows with the same ID from the same source update the firm instead of adding it again."
        ),
    )
    new_source = forms.CharField(
        label=_("Name of the new source"),
        max_length=100,
        required=False,
        help_text=_("e.g. IHK Erfurt 2026, own list, union list"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB; please split it."),
                params={"mb": max_upload_bytes() // (1024 * 1024)},
            )
        return upload

    def clean(self):
        data = super().clean()
        source, name = data.get("source"), (data.get("new_source") or "").strip()
        if source is None and not name:
            self.add_error("new_source", _("Choose a source or name a new one."))
        elif source is None:
            existing = ImportSource.objects.filter(name__iexact=name).first()
            if existing is not None:
                data["source"] = existing
            data["new_source"] = name
        return data

    def get_source(self) -> ImportSource:
        source = self.cleaned_data.get("source")
        if source is not None:
            return source
        source, _created = ImportSource.objects.get_or_create(name=self.cleaned_data["new_source"])
        return source


class MappingForm(forms.Form):
    """One choice per column of the file: which field it fills."""

    def __init__(self, *args, batch, **kwargs):
        super().__init__(*args, **kwargs)
        self.batch = batch
        choices = [("", _("– do not import –"))] + [(f.key, _(f.label)) for f in FIELDS]
        for i, header in enumerate(batch.headers):
            self.fields[f"col_{i}"] = forms.ChoiceField(
                label=header,
                choices=choices,
                required=False,
                initial=batch.mapping.get(str(i), ""),
            )
        self.fields["remember"] = forms.BooleanField(
            label=_("Keep this mapping for the source"),
            required=False,
            initial=True,
        )

    def columns(self):
        return [self[f"col_{i}"] for i in range(len(self.batch.headers))]

    def mapping(self) -> dict[int, str]:
        return {
            i: self.cleaned_data.get(f"col_{i}") or ""
            for i in range(len(self.batch.headers))
            if self.cleaned_data.get(f"col_{i}")
        }

    def clean(self):
        data = super().clean()
        for msgid, params in check(self.mapping()):
            self.add_error(None, render([msgid, params]))
        return data
