from django import forms
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anett.assessment.models import Topic
from anett.core.models import User
from anett.regions.models import Kreis, Region

from . import vocab
from .models import Actor, ActorContact, ActorRelation, Offer, Referral


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class KreiseMixin:
    """A district multi-select plus "add all districts of these regions"."""

    def setup_kreise(self):
        self.fields["kreise"].queryset = Kreis.objects.filter(active=True).order_by("land", "name")
        self.fields["kreise"].widget.attrs["size"] = 10
        self.fields["add_regions"] = forms.ModelMultipleChoiceField(
            label=_("add the districts of these regions"),
            queryset=Region.objects.order_by("kind", "name"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )

    def clean(self):
        data = super().clean()
        regions = data.get("add_regions")
        if regions:
            chosen = set(data.get("kreise") or [])
            for region in regions:
                chosen |= set(region.kreise.filter(active=True))
            data["kreise"] = sorted(chosen, key=lambda k: k.ags)
        return data


class ActorForm(KreiseMixin, forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Actor
        fields = [
            "name",
            "short_name",
            "kind",
            "description",
            "website",
            "email",
            "phone",
            "address",
            "seat",
            "kreise",
            "topics",
            "target_groups",
            "users",
            "active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_kreise()
        self.fields["seat"].queryset = Kreis.objects.filter(active=True).order_by("name")
        self.fields["users"].queryset = User.objects.filter(is_active=True).order_by(
            "last_name", "username"
        )
        self.fields["users"].widget.attrs["size"] = 5


class OfferForm(KreiseMixin, forms.ModelForm):
    url = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    class Meta:
        model = Offer
        fields = [
            "actor",
            "title",
            "kind",
            "description",
            "topics",
            "target_groups",
            "formats",
            "cost",
            "cost_note",
            "languages",
            "kreise",
            "url",
            "links",
            "contact",
            "contact_person",
            "funding_programme",
            "active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "links": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_kreise()
        self.fields["actor"].queryset = Actor.objects.order_by("name")
        actor_id = self.data.get("actor") or self.initial.get("actor") or self.instance.actor_id
        contacts = ActorContact.objects.none()
        if actor_id:
            contacts = ActorContact.objects.filter(actor_id=getattr(actor_id, "pk", actor_id))
        self.fields["contact_person"].queryset = contacts
        if not self.instance.pk and "languages" not in self.initial:
            self.initial["languages"] = ["de"]

    def clean_links(self):
        validate = URLValidator()
        lines = [ln.strip() for ln in self.cleaned_data.get("links", "").splitlines()]
        for line in lines:
            if line:
                try:
                    validate(line)
                except forms.ValidationError:
                    raise forms.ValidationError(
                        _("“%(link)s” is not a valid link."), params={"link": line}
                    ) from None
        return "\n".join(ln for ln in lines if ln)

    def clean(self):
        data = super().clean()
        person, actor = data.get("contact_person"), data.get("actor")
        if person and actor and person.actor_id != actor.pk:
            self.add_error("contact_person", _("The contact person works for another actor."))
        return data


class ContactForm(forms.ModelForm):
    class Meta:
        model = ActorContact
        fields = [
            "first_name",
            "last_name",
            "function",
            "email",
            "phone",
            "consent_purpose",
            "consent_date",
            "consent_source",
        ]
        widgets = {"consent_date": DateInput()}
        help_texts = {
            "consent_purpose": _("Contact persons are stored only with their consent."),
        }

    def clean_consent_date(self):
        value = self.cleaned_data["consent_date"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date lies in the future."))
        return value


class RelationForm(forms.ModelForm):
    class Meta:
        model = ActorRelation
        fields = ["kind", "target", "note"]

    def __init__(self, *args, source: Actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.source = source
        self.fields["target"].queryset = Actor.objects.exclude(pk=source.pk).order_by("name")

    def clean(self):
        data = super().clean()
        target, kind = data.get("target"), data.get("kind")
        if (
            target
            and kind
            and ActorRelation.objects.filter(
                source=self.instance.source, target=target, kind=kind
            ).exists()
        ):
            raise forms.ValidationError(_("This relation is already recorded."))
        return data


class ReferralForm(forms.Form):
    """Refer one need of a firm to an offer."""

    topic = forms.ChoiceField(label=_("Need"), choices=Topic.choices)
    offer = forms.ModelChoiceField(label=_("Offer"), queryset=Offer.objects.none())
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = Offer.objects.filter(active=True).select_related("actor")
        self.fields["offer"].label_from_instance = lambda o: f"{o.title} – {o.actor.label}"

    def clean(self):
        data = super().clean()
        offer, topic = data.get("offer"), data.get("topic")
        if offer and topic and topic not in offer.topics:
            self.add_error("offer", _("This offer does not cover the chosen topic."))
        return data


class ConsentForm(forms.ModelForm):
    confirm = forms.BooleanField(
        label=_("The firm has agreed that its data may be passed to this actor."),
        required=True,
    )

    class Meta:
        model = Referral
        fields = ["consent_purpose", "consent_date", "consent_source"]
        widgets = {"consent_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent_purpose"].required = True
        self.fields["consent_date"].required = True
        if not self.initial.get("consent_date"):
            self.initial["consent_date"] = timezone.localdate()

    def clean_consent_date(self):
        value = self.cleaned_data["consent_date"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date lies in the future."))
        return value


class StatusForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["status", "measure", "measure_date", "note"]
        widgets = {"measure_date": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        if data.get("status") == vocab.DONE and not data.get("measure"):
            self.add_error("measure", _("Name the measure that followed."))
        return data


class InboxStatusForm(StatusForm):
    """What the actor may change on a referral sent to it."""

    class Meta(StatusForm.Meta):
        fields = ["status", "measure", "measure_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            c for c in vocab.REFERRAL_STATUS_CHOICES if c[0] != vocab.PROPOSED
        ]
