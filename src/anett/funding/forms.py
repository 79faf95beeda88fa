"""Forms of the Förderrechner and of the catalogue settings.

Every check gives a message at its field. A late application is not a form error: the
engine reports it as a condition to check (§ 324 SGB III), so the plan can still be saved.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anett.assessment.models import Topic

from .catalogue import PROGRAMME_IDS
from .models import (
    MAX_AGE,
    MAX_PARTICIPANTS,
    MIN_AGE,
    FundingHistory,
    MeasureKind,
    MeasureRecord,
    MeasureStatus,
    ParticipantGroup,
    PlannedMeasure,
    ProgrammeSetting,
)
from .pipeline import follow_up_date

TRI_STATE_CHOICES = (
    ("unknown", _("unknown")),
    ("true", _("yes")),
    ("false", _("no")),
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _number(step: str, minimum: str | None = "0") -> forms.NumberInput:
    attrs = {"step": step}
    if minimum is not None:
        attrs["min"] = minimum
    return forms.NumberInput(attrs=attrs)


def _tri_state_labels(form: forms.Form) -> None:
    for f in form.fields.values():
        if isinstance(f, forms.NullBooleanField):
            f.widget.choices = TRI_STATE_CHOICES


def _not_negative(value, message, limit=None):
    """Negative values get `message`; values above the engine's limit a message of their own."""
    if value is not None and value < 0:
        raise ValidationError(message, code="min_value")
    if value is not None and limit is not None and value > limit:
        raise ValidationError(
            _("At most %(limit)s."),
            code="max_value",
            params={"limit": f"{limit:,}".replace(",", ".")},
        )
    return value


# The case parser's limits (case.py): larger values would be rejected by the engine.
MAX_EUR = 10_000_000
MAX_HOURS = 100_000
MAX_DAYS = 3650
MAX_WAGE = 1_000_000


class MeasureForm(forms.ModelForm):
    class Meta:
        model = PlannedMeasure
        fields = [
            "title",
            "provider",
            "kind",
            "start",
            "application_date",
            "hours",
            "course_costs_eur",
            "exam_fees_eur",
            "wage_loss_hours",
            "consulting_fee_eur",
            "days",
            "provider_azav",
            "measure_azav",
            "adaptation_only",
            "legally_required",
            "consultant_registered",
            "training_agreement",
            "qg_agreement",
            "written_declaration_qg",
            "structural_need_percent",
            "employer_pays_training",
            "short_time_work",
            "employees_sme",
            "notes",
        ]
        widgets = {
            "start": DateInput(),
            "application_date": DateInput(),
            "hours": _number("0.5"),
            "course_costs_eur": _number("0.01"),
            "exam_fees_eur": _number("0.01"),
            "wage_loss_hours": _number("0.5"),
            "consulting_fee_eur": _number("0.01"),
            "days": _number("0.5"),
            "structural_need_percent": _number("0.1"),
            "employees_sme": _number("1"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "application_date": _(
                "Most programmes need the application before the start; a later date is "
                "shown as a point to check."
            ),
            "hours": _("Total hours of the training (more than 0)."),
            "course_costs_eur": _("Fees of the provider for one participant, net."),
            "wage_loss_hours": _(
                "Working hours one participant misses for the training (0 if outside working "
                "time); the employer keeps paying the wage for them."
            ),
            "days": _("Consulting or coaching days; for educational leave the event days."),
            "training_agreement": _(
                "Only “yes” if an agreement really covers vocational training: a collective "
                "agreement alone does not."
            ),
            "structural_need_percent": _(
                "Share of the staff whose jobs need new skills because of the structural change."
            ),
            "employees_sme": _("Used by BAFA, INQA and go-digital; left empty it is unknown."),
        }

    # Groups of fields for the template.
    MEASURE_FIELDS = (
        "title",
        "provider",
        "kind",
        "start",
        "application_date",
        "hours",
        "course_costs_eur",
        "exam_fees_eur",
        "wage_loss_hours",
        "consulting_fee_eur",
        "days",
    )
    CONDITION_FIELDS = (
        "provider_azav",
        "measure_azav",
        "adaptation_only",
        "legally_required",
        "consultant_registered",
    )
    FIRM_FIELDS = (
        "training_agreement",
        "qg_agreement",
        "written_declaration_qg",
        "structural_need_percent",
        "employer_pays_training",
        "short_time_work",
        "employees_sme",
    )

    def __init__(self, *args, company=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.company = company
        _tri_state_labels(self)
        self.fields["kind"].choices = MeasureKind.choices

    def section(self, names):
        return [self[name] for name in names]

    def measure_fields(self):
        return self.section(self.MEASURE_FIELDS)

    def condition_fields(self):
        return self.section(self.CONDITION_FIELDS)

    def firm_fields(self):
        return self.section(self.FIRM_FIELDS)

    def clean_hours(self):
        hours = self.cleaned_data.get("hours")
        if hours is not None and hours <= 0:
            raise ValidationError(_("The hours must be more than 0."), code="min_value")
        return _not_negative(hours, "", MAX_HOURS)

    def clean_course_costs_eur(self):
        return _not_negative(
            self.cleaned_data.get("course_costs_eur"), _("Costs cannot be negative."), MAX_EUR
        )

    def clean_exam_fees_eur(self):
        return _not_negative(
            self.cleaned_data.get("exam_fees_eur"), _("Costs cannot be negative."), MAX_EUR
        )

    def clean_consulting_fee_eur(self):
        return _not_negative(
            self.cleaned_data.get("consulting_fee_eur"), _("Costs cannot be negative."), MAX_EUR
        )

    def clean_wage_loss_hours(self):
        return _not_negative(
            self.cleaned_data.get("wage_loss_hours"), _("The hours cannot be negative."), MAX_HOURS
        )

    def clean_days(self):
        return _not_negative(
            self.cleaned_data.get("days"), _("The days cannot be negative."), MAX_DAYS
        )

    def clean_structural_need_percent(self):
        value = self.cleaned_data.get("structural_need_percent")
        if value is not None and not 0 <= value <= 100:
            raise ValidationError(_("Enter a share between 0 and 100 %."), code="range")
        return value

    def clean_employees_sme(self):
        return _not_negative(
            self.cleaned_data.get("employees_sme"),
            _("The headcount cannot be negative."),
            10_000_000,
        )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == MeasureKind.TRAINING:
            if data.get("hours") is None and "hours" not in self.errors:
                self.add_error(
                    "hours",
                    ValidationError(_("Enter the hours of the training."), code="required"),
                )
            if data.get("course_costs_eur") is None and "course_costs_eur" not in self.errors:
                self.add_error(
                    "course_costs_eur",
                    ValidationError(
                        _("Enter the course costs per participant (0 if free)."),
                        code="required",
                    ),
                )
        elif kind in (MeasureKind.CONSULTING, MeasureKind.COACHING):
            if data.get("consulting_fee_eur") is None and "consulting_fee_eur" not in self.errors:
                self.add_error(
                    "consulting_fee_eur",
                    ValidationError(_("Enter the consulting fee."), code="required"),
                )
        return data


class ParticipantGroupForm(forms.ModelForm):
    class Meta:
        model = ParticipantGroup
        fields = [
            "label",
            "count",
            "age",
            "severely_disabled",
            "qualification_year",
            "no_qualification",
            "funding_history",
            "last_funded_82",
            "last_funded_82a",
            "notice_given",
            "children",
            "monthly_gross_eur",
            "weekly_hours",
            "net_monthly_eur",
        ]
        widgets = {
            "count": _number("1", "1"),
            "age": _number("1", str(MIN_AGE)),
            "qualification_year": _number("1", "1950"),
            "last_funded_82": DateInput(),
            "last_funded_82a": DateInput(),
            "monthly_gross_eur": _number("0.01"),
            "weekly_hours": _number("0.5", "1"),
            "net_monthly_eur": _number("0.01"),
        }
        help_texts = {
            "label": _("e.g. “Facharbeiter 45+” or a name (a named person is a group of one)."),
            "severely_disabled": _(
                "Health data (Art. 9 GDPR): record it for groups rather than for named persons."
            ),
            "net_monthly_eur": _("Only for the Qualifizierungsgeld."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tri_state_labels(self)
        self.fields["count"].error_messages["required"] = _("Enter the number of participants.")

    def clean_count(self):
        count = self.cleaned_data.get("count")
        if count is not None and count < 1:
            raise ValidationError(_("At least 1 participant."), code="min_value")
        if count is not None and count > MAX_PARTICIPANTS:
            raise ValidationError(
                _("At most %(limit)s participants per measure."),
                code="max_value",
                params={"limit": MAX_PARTICIPANTS},
            )
        return count

    def clean_age(self):
        age = self.cleaned_data.get("age")
        if age is not None and not MIN_AGE <= age <= MAX_AGE:
            raise ValidationError(
                _("The age must be between %(min)s and %(max)s."),
                code="range",
                params={"min": MIN_AGE, "max": MAX_AGE},
            )
        return age

    def clean_qualification_year(self):
        year = self.cleaned_data.get("qualification_year")
        last = timezone.localdate().year + 5
        if year is not None and not 1950 <= year <= last:
            raise ValidationError(
                _("The year must lie between 1950 and %(last)s."),
                code="range",
                params={"last": last},
            )
        return year

    def clean_monthly_gross_eur(self):
        return _not_negative(
            self.cleaned_data.get("monthly_gross_eur"), _("The wage cannot be negative."), MAX_WAGE
        )

    def clean_net_monthly_eur(self):
        return _not_negative(
            self.cleaned_data.get("net_monthly_eur"), _("The wage cannot be negative."), MAX_WAGE
        )

    def clean_weekly_hours(self):
        hours = self.cleaned_data.get("weekly_hours")
        if hours is not None and not 1 <= hours <= 80:
            raise ValidationError(_("The weekly hours must be between 1 and 80."), code="range")
        return hours

    def clean(self):
        data = super().clean()
        if data.get("no_qualification") and data.get("qualification_year") is not None:
            self.add_error(
                "qualification_year",
                ValidationError(
                    _("Either a year or “no vocational qualification”, not both."),
                    code="conflict",
                ),
            )
        history = data.get("funding_history")
        dates = [data.get("last_funded_82"), data.get("last_funded_82a")]
        if any(dates):
            if history == FundingHistory.NEVER:
                self.add_error(
                    "funding_history",
                    ValidationError(
                        _("Dates of earlier funding are given: choose “funded before”."),
                        code="conflict",
                    ),
                )
            elif history == FundingHistory.UNKNOWN:
                data["funding_history"] = FundingHistory.DATES
                self.instance.funding_history = FundingHistory.DATES
        elif history == FundingHistory.DATES:
            self.add_error(
                "last_funded_82",
                ValidationError(
                    _("Enter the end of the last funded training, or choose another option."),
                    code="required",
                ),
            )
        return data


class BaseGroupFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, kind=None, **kwargs):
        self.kind = kind
        super().__init__(*args, **kwargs)

    def _live_forms(self):
        return [
            f
            for f in self.forms
            if f not in self.deleted_forms and (f.instance.pk is not None or f.has_changed())
        ]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        live = self._live_forms()
        total = sum(f.cleaned_data.get("count") or 0 for f in live)
        if total > MAX_PARTICIPANTS:
            raise ValidationError(
                _("At most %(limit)s participants per measure (now %(total)s)."),
                code="max_value",
                params={"limit": MAX_PARTICIPANTS, "total": total},
            )
        if self.kind == MeasureKind.TRAINING and not live:
            raise ValidationError(
                _("A training needs at least one group of participants."), code="required"
            )


GroupFormSet = forms.inlineformset_factory(
    PlannedMeasure,
    ParticipantGroup,
    form=ParticipantGroupForm,
    formset=BaseGroupFormSet,
    extra=1,
    can_delete=True,
    max_num=50,
    validate_max=True,
)


class SelectionForm(forms.Form):
    programmes = forms.MultipleChoiceField(required=False)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programmes"].choices = [(c, c) for c in choices]


class ProgrammeSettingForm(forms.ModelForm):
    class Meta:
        model = ProgrammeSetting
        fields = ["active", "title", "description", "sources"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "sources": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, catalogue_active: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        default = _("offered") if catalogue_active else _("not offered")
        self.fields["active"].widget.choices = (
            ("unknown", _("as in the catalogue files (%(state)s)") % {"state": default}),
            ("true", _("offered")),
            ("false", _("not offered")),
        )

    def clean_sources(self):
        text = self.cleaned_data.get("sources", "")
        check = URLValidator(schemes=["http", "https"])
        lines = []
        for n, line in enumerate(text.splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            try:
                check(line)
            except ValidationError:
                raise ValidationError(
                    _("Line %(line)s is not a web address (https://…)."),
                    code="invalid",
                    params={"line": n},
                ) from None
            lines.append(line)
        return "\n".join(lines)


# --- measure records and matching ------------------------------------------------------------


class MeasureRecordForm(forms.ModelForm):
    """A measure that happens at a firm; every check names its field."""

    class Meta:
        model = MeasureRecord
        fields = [
            "title",
            "provider",
            "kind",
            "topic",
            "programme",
            "status",
            "start",
            "end",
            "participants",
            "hours",
            "cost_eur",
            "funding_applied_eur",
            "funding_granted_eur",
            "employed_after_6_months",
            "notes",
        ]
        widgets = {
            "start": DateInput(),
            "end": DateInput(),
            "participants": _number("1"),
            "hours": _number("0.5"),
            "cost_eur": _number("0.01"),
            "funding_applied_eur": _number("0.01"),
            "funding_granted_eur": _number("0.01"),
            "employed_after_6_months": _number("1"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "employed_after_6_months": _(
                "Enter it once six months have passed since the end; leave it empty until then."
            ),
            "funding_granted_eur": _("The amount in the grant notice."),
        }

    def __init__(self, *args, programme_titles=None, **kwargs):
        super().__init__(*args, **kwargs)
        titles = programme_titles or {}
        self.fields["programme"] = forms.ChoiceField(
            label=_("funding programme"),
            required=False,
            choices=[("", _("none"))] + [(pid, titles.get(pid, pid)) for pid in PROGRAMME_IDS],
        )
        self.fields["topic"] = forms.ChoiceField(
            label=_("topic"), required=False, choices=[("", "–"), *Topic.choices]
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end lies before the start."))
        participants = data.get("participants")
        employed = data.get("employed_after_6_months")
        if employed is not None and participants is not None and employed > participants:
            self.add_error(
                "employed_after_6_months",
                _("More participants still employed (%(employed)s) than took part (%(n)s).")
                % {"employed": employed, "n": participants},
            )
        applied, granted = data.get("funding_applied_eur"), data.get("funding_granted_eur")
        status = data.get("status")
        if granted is not None and applied is not None and granted > applied:
            self.add_error("funding_granted_eur", _("More funding granted than applied for."))
        if employed is not None and (status != MeasureStatus.COMPLETED or not end):
            self.add_error(
                "employed_after_6_months",
                _("The outcome after six months needs a completed measure with its end."),
            )
        elif employed is not None and end and follow_up_date(end) > timezone.localdate():
            self.add_error(
                "employed_after_6_months",
                _("Six months after the end (%(date)s) have not passed yet.")
                % {"date": follow_up_date(end).strftime("%d.%m.%Y")},
            )
        if status in (MeasureStatus.RUNNING, MeasureStatus.COMPLETED) and not start:
            self.add_error("start", _("A running or completed measure needs its start."))
        if status == MeasureStatus.COMPLETED and not end:
            self.add_error("end", _("A completed measure needs its end."))
        if status == MeasureStatus.COMPLETED and end and end > timezone.localdate():
            self.add_error("end", _("A completed measure cannot end in the future."))
        return data


class RecordFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *MeasureStatus.choices]
    )
    kreis = forms.ModelChoiceField(
        label=_("District"), required=False, queryset=None, empty_label=_("all")
    )
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    start = forms.DateField(label=_("from"), required=False, widget=DateInput())
    end = forms.DateField(label=_("until"), required=False, widget=DateInput())
    due = forms.BooleanField(label=_("only follow-up due"), required=False)

    def __init__(self, *args, kreise=None, programme_titles=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kreis"].queryset = kreise
        titles = programme_titles or {}
        self.fields["programme"].choices = [("", _("all"))] + [
            (pid, titles.get(pid, pid)) for pid in PROGRAMME_IDS
        ]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end of the period lies before its start."))
        return data
