from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Need, Topic
from .questionnaire import Question


def page_form(questions: list[Question], data=None, initial=None, revision: int = 0):
    """A form for one page of the questionnaire (all answers optional: save and continue)."""
    fields = {"revision": forms.IntegerField(widget=forms.HiddenInput, initial=revision)}
    for q in questions:
        if q.type in {"choice", "yesno"}:
            fields[q.id] = forms.ChoiceField(
                label=q.text,
                required=False,
                choices=[(o.value, o.label) for o in q.options],
                widget=forms.RadioSelect(attrs={"class": "answer"}),
            )
        elif q.type == "scale":
            s = q.scale
            choices = [
                (
                    str(v),
                    f"{v}"
                    + (f" – {s['min_label']}" if v == s["min"] else "")
                    + (f" – {s['max_label']}" if v == s["max"] else ""),
                )
                for v in range(s["min"], s["max"] + 1)
            ]
            fields[q.id] = forms.ChoiceField(
                label=q.text,
                required=False,
                choices=choices,
                widget=forms.RadioSelect(attrs={"class": "answer scale"}),
            )
        else:
            fields[q.id] = forms.CharField(
                label=q.text,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
    form_class = type("PageForm", (forms.Form,), fields)
    initial = {k: str(v) for k, v in (initial or {}).items()}
    initial["revision"] = revision
    return form_class(data=data, initial=initial)


class ManualNeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["topic", "level", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"level": _("0 = no need, 100 = very high need")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = Topic.choices
        self.fields["reason"].required = True


class ResolveFlagForm(forms.Form):
    resolution = forms.CharField(
        label=_("What was done?"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
