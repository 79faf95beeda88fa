"""Pages of the API app: personal API keys (“API-Zugänge”) and the transfer pack."""

import secrets
from datetime import datetime, time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from anett.core import roles
from anett.core.permissions import role_required

from . import tokens
from .forms import PackUploadForm, TokenForm
from .models import ApiToken
from .pack import PackError

CONFIG = tuple(roles.CONFIG_ROLES)
_SESSION_KEY = "api_transfer_upload"


# --- API keys ----------------------------------------------------------------------------------


@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        expires = form.cleaned_data["expires"]
        expires_at = (
            timezone.make_aware(datetime.combine(expires, time(23, 59, 59))) if expires else None
        )
        token, new_key = tokens.create_token(
            request.user, form.cleaned_data["name"], expires_at=expires_at
        )
        form = TokenForm()
        messages.success(
            request,
            _("API key “%(name)s” created. Copy it now: it is shown only this once.")
            % {"name": token.name},
        )
    qs = ApiToken.objects.visible_to(request.user).select_related("user", "revoked_by")
    return render(
        request,
        "api/token_list.html",
        {
            "form": form,
            "tokens": qs,
            "new_key": new_key,
            "show_owner": request.user.can_configure,
        },
    )


@login_required
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken.objects.visible_to(request.user), pk=pk)
    if request.method == "POST":
        if tokens.revoke(token, request.user):
            messages.success(request, _("API key “%(name)s” revoked.") % {"name": token.name})
        return redirect("api:tokens")
    return render(request, "api/token_revoke.html", {"token": token})


# --- transfer pack -------------------------------------------------------------------------------


def _upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "transfer"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _transfer_context(form) -> dict:
    from django.db.models import Count, Max

    from .models import TransferItem

    imported = list(
        TransferItem.objects.values("source")
        .annotate(n=Count("id"), last=Max("imported_at"))
        .order_by("-last")
    )
    return {"form": form, "imported": imported}


@role_required(*CONFIG)
def transfer_page(request):
    return render(request, "api/transfer.html", _transfer_context(PackUploadForm()))


@role_required(*CONFIG)
def transfer_download(request):
    from .transfer import build_pack

    data = build_pack()
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="anett-transferpaket-{stamp}.zip"'
    return response


@role_required(*CONFIG)
def transfer_preview(request):
    """POST with a file: verify and show what the import would do. POST with `apply`: import
    the file shown in the preview, in one transaction."""
    from .transfer import import_pack

    if request.method != "POST":
        return redirect("api:transfer")
    if "apply" in request.POST:
        stored = request.session.get(_SESSION_KEY)
        if not stored or stored.get("id") != request.POST.get("upload"):
            messages.error(request, _("The preview has expired. Please upload the pack again."))
            return redirect("api:transfer")
        path = _upload_dir() / f"{stored['id']}.zip"
        if not path.is_file():
            raise Http404
        try:
            plan = import_pack(path.read_bytes(), overwrite=stored["overwrite"])
        except PackError as exc:
            messages.error(request, str(exc))
            return redirect("api:transfer")
        path.unlink(missing_ok=True)
        del request.session[_SESSION_KEY]
        messages.success(
            request,
            _(
                "Transfer pack imported: %(created)d created, %(updated)d updated, "
                "%(conflicts)d conflicts kept as they are here."
            )
            % {
                "created": plan.total("create"),
                "updated": plan.total("update"),
                "conflicts": plan.total("conflict"),
            },
        )
        return render(request, "api/transfer_result.html", {"plan": plan})

    form = PackUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "api/transfer.html", _transfer_context(form), status=400)
    data = form.cleaned_data["pack"].read()
    overwrite = form.cleaned_data["overwrite"]
    try:
        plan = import_pack(data, dry_run=True, overwrite=overwrite)
    except PackError as exc:
        form.add_error("pack", str(exc))
        return render(request, "api/transfer.html", _transfer_context(form), status=400)
    upload_id = secrets.token_hex(16)
    previous = request.session.get(_SESSION_KEY)
    if previous:
        (_upload_dir() / f"{previous['id']}.zip").unlink(missing_ok=True)
    (_upload_dir() / f"{upload_id}.zip").write_bytes(data)
    request.session[_SESSION_KEY] = {"id": upload_id, "overwrite": overwrite}
    return render(
        request,
        "api/transfer_preview.html",
        {"plan": plan, "upload_id": upload_id, "overwrite": overwrite},
    )
