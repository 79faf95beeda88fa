"""A model field for a short list of choice codes (topics, target groups, formats …).

Stored as text ",skills,digital," so that the same filter works on SQLite and PostgreSQL:
`Offer.objects.filter(topics__has="skills")` becomes `topics LIKE '%,skills,%'`. (JSON lists
would need `contains`, which SQLite does not support for JSON fields.) In Python the value is
a list of codes in the order of the options.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.lookups import Contains
from django.utils.translation import gettext_lazy as _


class CodeListField(models.CharField):
    def __init__(self, *args, options=(), **kwargs):
        self.options = list(options)
        kwargs.setdefault("max_length", 250)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 250:
            del kwargs["max_length"]
        if kwargs.get("blank"):
            del kwargs["blank"]
        else:
            kwargs["blank"] = False
        kwargs.pop("default", None)
        return name, path, args, kwargs

    def _codes(self):
        return [code for code, _label in self.options]

    def from_db_value(self, value, expression, connection):
        # Stored normalised by get_prep_value: ",a,b," -> ["a", "b"] without re-sorting.
        return value[1:-1].split(",") if value else []

    def to_python(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, list | tuple | set | frozenset):
            codes = list(value)
        else:
            codes = [c for c in str(value).split(",") if c]
        order = {c: i for i, c in enumerate(self._codes())}
        return sorted(dict.fromkeys(codes), key=lambda c: (order.get(c, len(order)), c))

    def get_prep_value(self, value):
        codes = self.to_python(value)
        return f",{','.join(codes)}," if codes else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        allowed = set(self._codes())
        bad = [c for c in self.to_python(value) if c not in allowed]
        if bad:
            raise ValidationError(
                _("Unknown choice: %(codes)s"), params={"codes": ", ".join(bad)}, code="invalid"
            )
        if not self.blank and not value:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def run_validators(self, value):
        # The max_length check applies to the stored text.
        super().run_validators(self.get_prep_value(value))

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.options,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        for key in ("max_length", "empty_value"):
            defaults.pop(key, None)
        return form_class(**defaults)


@CodeListField.register_lookup
class Has(Contains):
    """`field__has="code"`: the list contains the code."""

    lookup_name = "has"

    def get_prep_lookup(self):
        return f",{self.rhs},"

    def get_rhs_op(self, connection, rhs):
        return connection.operators["contains"] % rhs
