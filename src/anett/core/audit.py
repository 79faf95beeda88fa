"""Writing the access log for Art. 9 GDPR data."""

from collections.abc import Iterable

from .models import SensitiveAccess


def log_sensitive_access(request, objects: Iterable, fields: Iterable[str], action="view"):
    field_list = ", ".join(fields)
    entries = [
        SensitiveAccess(
            user=request.user,
            action=action,
            object_type=obj._meta.model_name,
            object_id=str(obj.pk),
            object_label=str(obj)[:300],
            fields=field_list,
            path=request.get_full_path()[:300],
        )
        for obj in objects
    ]
    if entries:
        SensitiveAccess.objects.bulk_create(entries)
    return len(entries)
