"""Change history of a company and its contacts and activities (django-simple-history)."""

from django.utils.translation import gettext as _

from .models import Activity, Company, ContactPerson

HIDDEN = {
    "id",
    "company",
    "history_user",
    "created_at",
    "updated_at",
    "search_text",
    "engagement_reason",
    "derived_union_scope",
}


def _display(field, value):
    """A readable value: the label of a choice, the name of a related object, ja/nein."""
    if value is None or value == "":
        return None
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


def _entries(records, label, sensitive_fields, show_sensitive):
    records = list(records)
    entries = []
    for record in records:
        changes, sensitive = [], False
        prev = record.prev_record
        if prev is not None:
            delta = record.diff_against(prev)
            for change in delta.changes:
                if change.field in HIDDEN:
                    continue
                if change.field in sensitive_fields:
                    sensitive = True
                    if not show_sensitive:
                        continue
                field = record.instance_type._meta.get_field(change.field)
                changes.append(
                    {
                        "field": str(field.verbose_name),
                        "old": _display(field, change.old),
                        "new": _display(field, change.new),
                    }
                )
        entries.append(
            {
                "at": record.history_date,
                "user": record.history_user,
                "type": record.get_history_type_display(),
                "kind": record.history_type,
                "object": label(record),
                "changes": changes,
                "sensitive": sensitive,
            }
        )
    return entries


def company_history(company: Company, show_sensitive: bool) -> list[dict]:
    entries = _entries(
        company.history.select_related("history_user").all(),
        lambda r: str(company),
        (),
        show_sensitive,
    )
    entries += _entries(
        ContactPerson.history.filter(company_id=company.pk).select_related("history_user"),
        lambda r: f"{r.first_name} {r.last_name}".strip(),
        set(ContactPerson.SENSITIVE_FIELDS),
        show_sensitive,
    )
    entries += _entries(
        Activity.history.filter(company_id=company.pk).select_related("history_user"),
        lambda r: f"{r.get_kind_display()} {r.date:%d.%m.%Y}",
        (),
        show_sensitive,
    )
    entries.sort(key=lambda e: e["at"], reverse=True)
    return entries
