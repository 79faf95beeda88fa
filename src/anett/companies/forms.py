from django import forms
from django.utils.translation import gettext_lazy as _

from anett.regions.models import Kreis

from . import classification as cls
from .models import Activity, BranchRule, Company, ContactPerson, plz_validator


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CompanyForm(forms.ModelForm):
    website = forms.URLField(
        label=_("website"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Company
        fields = [
            "name",
            "legal_form",
            "street",
            "postcode",
            "city",
            "kreis",
            "wz_code",
            "employees_site",
            "employees_enterprise",
            "turnover_eur",
            "balance_sheet_eur",
            "works_council",
            "collective_agreement",
            "union_scope",
            "sources",
            "website",
            "phone",
            "advisers",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "kreis": _("Left empty, it is derived from the postal code."),
            "wz_code": _("e.g. 29.32.0, 29.32 or 2932"),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kreis"].queryset = Kreis.objects.filter(active=True).order_by("name")
        from anett.core import roles
        from anett.core.models import User

        advisers = User.objects.filter(
            role__in=[roles.BERATUNG, roles.KOORDINATION], is_active=True
        ).order_by("last_name", "username")
        self.fields["advisers"].queryset = advisers
        self.fields["advisers"].widget.attrs["size"] = 5
        if user is not None and not user.can_see_all_details:
            # Advisers cannot assign others; they stay assigned to what they create.
            del self.fields["advisers"]

    def clean_postcode(self):
        postcode = self.cleaned_data.get("postcode", "").strip()
        if postcode:
            plz_validator(postcode)
        return postcode

    def clean_wz_code(self):
        raw = self.cleaned_data.get("wz_code", "")
        if not raw:
            return ""
        try:
            return cls.validate_wz(raw)
        except cls.InvalidWZ:
            raise forms.ValidationError(
                _("“%(code)s” is not a code of the WZ 2008 classification."),
                params={"code": raw},
            ) from None

    def clean(self):
        data = super().clean()
        site = data.get("employees_site")
        enterprise = data.get("employees_enterprise")
        if site is not None and enterprise is not None and enterprise < site:
            self.add_error(
                "employees_enterprise",
                _("The enterprise cannot have fewer employees than its establishment."),
            )
        if data.get("postcode") and not data.get("kreis") and "postcode" not in self.errors:
            from .services import kreis_for_plz

            kreis = kreis_for_plz(data["postcode"])
            if kreis is None:
                self.add_error(
                    "kreis",
                    _("No district is known for this postal code; please choose one."),
                )
            else:
                data["kreis"] = kreis
        return data


class ContactForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = [
            "first_name",
            "last_name",
            "function",
            "email",
            "phone",
            "consent_purpose",
            "consent_date",
            "consent_source",
            "works_council_member",
            "union_membership",
        ]
        widgets = {"consent_date": DateInput()}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is None or not user.can_see_sensitive:
            for name in ContactPerson.SENSITIVE_FIELDS:
                del self.fields[name]

    def clean(self):
        data = super().clean()
        purpose, when = data.get("consent_purpose"), data.get("consent_date")
        if bool(purpose) != bool(when):
            self.add_error(
                "consent_date" if purpose else "consent_purpose",
                _("Consent needs both a purpose and a date."),
            )
        return data


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["kind", "date", "contact", "outcome", "note", "next_step", "due_date"]
        widgets = {
            "date": DateInput(),
            "due_date": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, company=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = (
            company.contacts.all() if company else ContactPerson.objects.none()
        )

    def clean(self):
        data = super().clean()
        if data.get("due_date") and not data.get("next_step"):
            self.add_error("next_step", _("A due date needs a next step."))
        if data.get("due_date") and data.get("date") and data["due_date"] < data["date"]:
            self.add_error("due_date", _("The due date cannot lie before the activity."))
        return data


class BranchRuleForm(forms.ModelForm):
    class Meta:
        model = BranchRule
        fields = ["prefix", "branch_group", "union_scope", "note"]

    def clean_prefix(self):
        raw = self.cleaned_data["prefix"]
        try:
            code = cls.validate_wz(raw)
        except cls.InvalidWZ:
            raise forms.ValidationError(
                _("“%(code)s” is not a code of the WZ 2008 classification."),
                params={"code": raw},
            ) from None
        return code
