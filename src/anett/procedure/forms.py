from datetime import datetime

from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anett.companies.models import Company, ContactPerson
from anett.core import roles
from anett.core.models import User
from anett.network.models import Actor, ActorContact

from . import rules
from .models import (
    ActionItem,
    AgendaItem,
    Attachment,
    Call,
    FazitPoint,
    Poll,
    Section,
    Workshop,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class WorkshopForm(forms.ModelForm):
    online_url = forms.URLField(label=_("online link"), required=False, assume_scheme="https")

    class Meta:
        model = Workshop
        fields = [
            "title",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "organiser",
            "status",
            "minutes_due_days",
            "feedback_until",
            "minutes_intro",
        ]
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "feedback_until": DATE,
            "minutes_intro": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end < start:
            self.add_error("ends_at", _("The end lies before the start."))
        return data


def actor_contact_choices():
    return ActorContact.objects.select_related("actor").order_by("actor__name", "last_name")


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        org = obj.actor.name if hasattr(obj, "actor") else obj.company.name
        mail = f" <{obj.email}>" if obj.email else ""
        return f"{org}: {obj}{mail}"


class ParticipantForm(forms.Form):
    actor_contact = ContactChoiceField(
        label=_("contact person of an actor"), queryset=ActorContact.objects.none(), required=False
    )
    company_contact = ContactChoiceField(
        label=_("contact person of a company (with consent)"),
        queryset=ContactPerson.objects.none(),
        required=False,
    )
    actor = forms.ModelChoiceField(
        label=_("or: an actor as organisation"),
        queryset=Actor.objects.filter(active=True),
        required=False,
        help_text=_("Uses the actor's general e-mail address."),
    )
    name = forms.CharField(label=_("or: name"), max_length=200, required=False)
    email = forms.EmailField(label=_("e-mail"), required=False)
    organisation = forms.CharField(label=_("organisation"), max_length=200, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor_contact"].queryset = actor_contact_choices()
        companies = Company.objects.for_detail(user) if user else Company.objects.none()
        self.fields["company_contact"].queryset = (
            ContactPerson.objects.filter(company__in=companies)
            .exclude(consent_date=None)
            .exclude(consent_purpose="")
            .select_related("company")
            .order_by("company__name", "last_name")
        )

    def clean(self):
        data = super().clean()
        chosen = [
            bool(data.get("actor_contact")),
            bool(data.get("company_contact")),
            bool(data.get("actor")),
            bool(data.get("name") or data.get("organisation")),
        ]
        if sum(chosen) == 0:
            raise forms.ValidationError(
                _("Choose a contact person or enter a name or an organisation.")
            )
        if sum(chosen) > 1:
            raise forms.ValidationError(
                _(
                    "Choose either a contact person of an actor, one of a company, an actor, "
                    "or enter a name."
                )
            )
        return data


def _ordered_formset(model, fields, widgets=None, extra=2):
    return inlineformset_factory(
        Workshop if model in (AgendaItem, FazitPoint) else Call,
        model,
        fields=fields,
        widgets=widgets or {},
        extra=extra,
        can_delete=True,
    )


AgendaFormSet = _ordered_formset(
    AgendaItem,
    ["position", "title", "note"],
    {"position": forms.NumberInput(attrs={"style": "width:4rem"}), "note": forms.TextInput()},
    extra=3,
)
FazitFormSet = _ordered_formset(
    FazitPoint,
    ["position", "heading", "text"],
    {
        "position": forms.NumberInput(attrs={"style": "width:4rem"}),
        "text": forms.Textarea(attrs={"rows": 4}),
    },
    extra=2,
)
SectionFormSet = _ordered_formset(
    Section,
    ["position", "title", "question"],
    {
        "position": forms.NumberInput(attrs={"style": "width:4rem"}),
        "question": forms.Textarea(attrs={"rows": 2}),
    },
    extra=3,
)
for _fs in (AgendaFormSet, FazitFormSet, SectionFormSet):
    _fs.form.base_fields["position"].required = False
    _fs.form.base_fields["position"].initial = None


class FazitPasteForm(forms.Form):
    text = forms.CharField(
        label=_("Fazit text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Paste the text from Word or an e-mail: each heading line (“1. Pilotregion”) starts a "
            "point, the lines below it (“- …”) are its text."
        ),
    )
    replace = forms.BooleanField(label=_("replace the existing points"), required=False)


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["title", "file"]


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["text", "owner_user", "owner_actor", "due_date", "status", "workshop"]
        widgets = {"due_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = User.objects.filter(
            is_active=True, role__in=roles.REGISTER_ROLES
        ).order_by("last_name", "username")
        self.fields["owner_actor"].queryset = Actor.objects.filter(active=True)

    def clean(self):
        data = super().clean()
        if not data.get("owner_user") and not data.get("owner_actor"):
            self.add_error("owner_user", _("Name a responsible person or actor."))
        return data


class CallForm(forms.ModelForm):
    class Meta:
        model = Call
        fields = ["title", "document_title", "intro", "workshop", "deadline", "reminder_days"]
        widgets = {"deadline": DATE, "intro": forms.Textarea(attrs={"rows": 4})}

    def clean_reminder_days(self):
        value = self.cleaned_data["reminder_days"]
        try:
            days = rules.parse_reminder_days(value)
        except ValueError as exc:
            raise forms.ValidationError(
                _("“%(value)s” is not a number of days between 1 and 60.") % {"value": exc.args[0]}
            ) from None
        return ", ".join(str(d) for d in days)


class InviteForm(forms.Form):
    actor = forms.ModelChoiceField(
        label=_("actor"), queryset=Actor.objects.filter(active=True), required=False
    )
    contact = ContactChoiceField(
        label=_("contact person"), queryset=ActorContact.objects.none(), required=False
    )
    organisation = forms.CharField(label=_("or: organisation"), max_length=200, required=False)
    name = forms.CharField(label=_("name"), max_length=200, required=False)
    email = forms.EmailField(label=_("e-mail"), required=False)
    send_now = forms.BooleanField(
        label=_("send the invitation by e-mail now"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = actor_contact_choices()

    def clean(self):
        data = super().clean()
        actor, contact = data.get("actor"), data.get("contact")
        if contact and actor and contact.actor_id != actor.pk:
            self.add_error("contact", _("This contact person belongs to another actor."))
        if not (actor or contact or data.get("organisation")):
            self.add_error("actor", _("Choose an actor or enter an organisation."))
        email = data.get("email") or (contact.email if contact else "")
        if data.get("send_now") and not email:
            self.add_error("email", _("An e-mail address is needed to send the invitation."))
        return data


class ExtendForm(forms.Form):
    until = forms.DateField(label=_("new deadline"), widget=DATE)

    def __init__(self, *args, deadline=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.deadline = deadline

    def clean_until(self):
        until = self.cleaned_data["until"]
        if self.deadline and until <= self.deadline:
            raise forms.ValidationError(_("The new deadline must be after the current one."))
        return until


def parse_options(text: str) -> list[datetime]:
    """One date option per line ("04.03.2022 10:00"); errors name the line."""
    result = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        for fmt in ("%d.%m.%Y %H:%M", "%d.%m.%Y, %H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y"):
            try:
                value = datetime.strptime(line, fmt)
                break
            except ValueError:
                continue
        else:
            raise forms.ValidationError(
                _("Line %(line)s: “%(text)s” is not a date with time like 04.03.2022 10:00.")
                % {"line": number, "text": line}
            )
        result.append(timezone.make_aware(value))
    if not result:
        raise forms.ValidationError(_("Enter at least one date option."))
    return sorted(set(result))


class PollForm(forms.ModelForm):
    online_url = forms.URLField(label=_("online link"), required=False, assume_scheme="https")
    options_text = forms.CharField(
        label=_("date options"),
        widget=forms.Textarea(
            attrs={"rows": 5, "placeholder": "02.03.2022 10:00\n03.03.2022 14:00"}
        ),
        help_text=_("One per line: date and time, e.g. 04.03.2022 10:00."),
    )

    class Meta:
        model = Poll
        fields = ["title", "note", "place", "online_url", "call"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def clean_options_text(self):
        return parse_options(self.cleaned_data["options_text"])


class PollInviteForm(forms.Form):
    contacts = forms.ModelMultipleChoiceField(
        label=_("contact persons of actors"),
        queryset=ActorContact.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    name = forms.CharField(label=_("or: name"), max_length=200, required=False)
    email = forms.EmailField(label=_("e-mail"), required=False)
    organisation = forms.CharField(label=_("organisation"), max_length=200, required=False)
    send_now = forms.BooleanField(
        label=_("send the invitation by e-mail now"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = actor_contact_choices()
        self.fields["contacts"].label_from_instance = lambda c: f"{c.actor.name}: {c}"

    def clean(self):
        data = super().clean()
        if not data.get("contacts") and not (data.get("name") or data.get("email")):
            raise forms.ValidationError(_("Choose contact persons or enter a name or e-mail."))
        return data
