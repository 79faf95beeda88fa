from django import forms
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from anett.assessment.models import Topic
from anett.companies.models import BranchGroup
from anett.regions.models import Kreis, Region

from . import vocab
from .models import Contribution, Insight, PartnerOrganisation


def kreis_queryset():
    """Active districts, Thuringia first (transfer regions reach across the border)."""
    first = Case(
        When(land="Thüringen", then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return Kreis.objects.filter(active=True).annotate(_first=first).order_by("_first", "name")


class KreisChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.land})"


def kreis_field(label, help_text=""):
    # Thuringia first, then the rest (transfer regions across the border).
    return KreisChoiceField(
        queryset=kreis_queryset(),
        required=False,
        label=label,
        help_text=help_text or _("Hold Ctrl to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )


class OrganisationForm(forms.ModelForm):
    kreise = kreis_field(_("districts of interest"))

    class Meta:
        model = PartnerOrganisation
        fields = ["name", "kind", "contact_email", "regions", "kreise", "note", "active"]
        widgets = {
            "regions": forms.CheckboxSelectMultiple,
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class AddMemberForm(forms.Form):
    identifier = forms.CharField(
        label=_("user name or e-mail address"),
        max_length=254,
        help_text=_("An existing account with the role Partner."),
    )


class InsightForm(forms.ModelForm):
    kreise = kreis_field(_("districts"))

    class Meta:
        model = Insight
        fields = [
            "title",
            "kind",
            "summary",
            "body",
            "topics",
            "branch_groups",
            "regions",
            "kreise",
            "audience",
            "organisations",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 16, "class": "markdown"}),
            "regions": forms.CheckboxSelectMultiple,
            "organisations": forms.CheckboxSelectMultiple,
            "audience": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = PartnerOrganisation.objects.filter(active=True)

    def clean(self):
        data = super().clean()
        if data.get("audience") == vocab.AUDIENCE_SELECTED and not data.get("organisations"):
            self.add_error(
                "organisations",
                _("Choose at least one organisation, or publish to all partner organisations."),
            )
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("file"))


class StatusForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ContributionForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("kind"),
        choices=[(vocab.COMMENT, _("Comment")), (vocab.QUESTION, _("Question"))],
        widget=forms.RadioSelect,
        initial=vocab.COMMENT,
    )

    class Meta:
        model = Contribution
        fields = ["kind", "text", "private"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class InsightFilterForm(forms.Form):
    q = forms.CharField(
        label=_("search"), required=False, widget=forms.TextInput(attrs={"type": "search"})
    )
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("all"))] + vocab.INSIGHT_KIND_CHOICES
    )
    topic = forms.ChoiceField(
        label=_("topic"), required=False, choices=[("", _("all"))] + list(Topic.choices)
    )
    branch = forms.ChoiceField(
        label=_("branch group"),
        required=False,
        choices=[("", _("all"))] + list(BranchGroup.choices),
    )
    region = forms.ModelChoiceField(
        label=_("region"), required=False, queryset=Region.objects.all(), empty_label=_("all")
    )
    kreis = forms.ModelChoiceField(
        label=_("district"),
        required=False,
        queryset=Kreis.objects.none(),
        empty_label=_("all"),
    )

    def __init__(self, *args, insights=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Thuringia's districts and any other district a readable insight is tagged with.
        if insights is not None:
            ids = insights.values("pk")
            self.fields["kreis"].queryset = (
                Kreis.objects.filter(Q(land="Thüringen", active=True) | Q(insights__in=ids))
                .distinct()
                .order_by("name")
            )


class DigestSettingsForm(forms.Form):
    digest_enabled = forms.BooleanField(label=_("receive the digest e-mail"), required=False)
