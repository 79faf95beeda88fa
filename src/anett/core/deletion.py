"""The one way objects are deleted from the UI: a confirmation page, then one transaction."""

from collections.abc import Callable

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render


def confirm_delete(
    request,
    obj,
    *,
    cancel_url: str,
    success_url: str,
    message: str,
    consequences: str = "",
    after: Callable[[], object] | None = None,
):
    """GET shows what will be deleted; POST deletes (and runs `after`) atomically."""
    if request.method == "POST":
        with transaction.atomic():
            obj.delete()
            if after is not None:
                after()
        messages.success(request, message)
        return redirect(success_url)
    return render(
        request,
        "core/confirm_delete.html",
        {"object": obj, "cancel_url": cancel_url, "consequences": consequences},
    )
