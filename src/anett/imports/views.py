"""Import pages: upload, column mapping, preview, import, progress, undo, rejected rows.

Only Koordination and Administration import (and undo); everyone else gets 403.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from anett.companies.models import BranchGroup, Company
from anett.core import roles
from anett.core.permissions import role_required
from anett.regions.models import Kreis

from . import jobs, services
from .forms import MappingForm, UploadForm
from .mapping import propose
from .models import BatchStatus, ImportBatch, ImportRow, Job, RowStatus
from .problems import ImportFileError, column_letter
from .texts import comparison_label, field_label, render_map
from .texts import render as render_problem

IMPORT_ROLES = (roles.ADMIN, roles.KOORDINATION)
PAGE_SIZE = 50

# Why a row matched, by rule (see matching.py).
RULE_MSGIDS = {
    "register_name": gettext_noop("same commercial register no. and same name"),
    "vat": gettext_noop("same VAT id"),
    "name_address": gettext_noop("same name and same address"),
    "domain_name": gettext_noop("same name and same internet domain"),
    "source_id": gettext_noop("same ID in this source"),
    "same_key": gettext_noop("same name and postal code, and no ID"),
    "model": gettext_noop("record-linkage model"),
}


def _rule_label(rule: str) -> str:
    return _(RULE_MSGIDS.get(rule, rule))


def _batch(pk) -> ImportBatch:
    return get_object_or_404(
        ImportBatch.objects.select_related("source", "uploaded_by", "undone_by"), pk=pk
    )


# --------------------------------------------------------------------------- pages


@role_required(*IMPORT_ROLES)
def index(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        source = form.get_source()
        try:
            batch = services.create_batch(form.cleaned_data["file"], source, request.user)
        except ImportFileError as exc:
            form.add_error("file", render_problem(exc.problem))
        else:
            return redirect("imports:mapping", batch.pk)
    return render(
        request,
        "imports/index.html",
        {"form": form, "batches": services.recent_batches()},
    )


@role_required(*IMPORT_ROLES)
def mapping(request, pk):
    batch = _batch(pk)
    if not batch.can_remap:
        messages.error(request, _("The column mapping of this import can no longer be changed."))
        return redirect(batch)
    form = MappingForm(request.POST or None, batch=batch)
    if request.method == "POST" and form.is_valid():
        services.save_mapping(batch, form.mapping(), form.cleaned_data["remember"])
        try:
            jobs.enqueue(batch, Job.ANALYSE)
        except jobs.Busy:
            messages.error(request, _("This import is busy; please wait."))
        return redirect(batch)
    proposals = propose(batch.headers, batch.source.mapping)
    columns = []
    for i, (field, proposal) in enumerate(zip(form.columns(), proposals, strict=True)):
        columns.append(
            {
                "letter": _letter(i),
                "header": batch.headers[i],
                "field": field,
                "how": proposal.how,
                "samples": [row[i] for row in batch.sample if i < len(row) and row[i]][:3],
            }
        )
    return render(
        request,
        "imports/mapping.html",
        {
            "batch": batch,
            "form": form,
            "columns": columns,
            "file_warnings": [render_problem(w) for w in batch.file_warnings],
        },
    )


def _letter(i: int) -> str:
    return column_letter(i)


@role_required(*IMPORT_ROLES)
def batch_detail(request, pk):
    batch = _batch(pk)
    status = request.GET.get("status", "")
    if status not in {"", "possible", *RowStatus.values}:
        status = ""
    rows_qs = ImportRow.objects.filter(batch=batch).filter(services.q_rows(status))
    only_row = request.GET.get("row", "")
    if only_row.isdigit():  # "row 17 of this file": show that row
        rows_qs = rows_qs.filter(row_number=int(only_row))
    paginator = Paginator(rows_qs.order_by("row_number"), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    context = {
        "batch": batch,
        "status": status,
        "page": page,
        "query": f"status={status}" if status else "",
        "rows": _row_views(batch, rows),
        "tabs": _tabs(batch),
        "mapping": [
            (header, field_label(batch.column_mapping[i]) if i in batch.column_mapping else "")
            for i, header in enumerate(batch.headers)
        ],
        "file_warnings": [render_problem(w) for w in batch.file_warnings],
        "error": render_problem(batch.error) if batch.error else "",
        "stale": jobs.is_stale(batch),
        "writable": batch.count_new + batch.count_update + batch.count_duplicate,
    }
    return render(request, "imports/batch.html", context)


def _tabs(batch: ImportBatch) -> list[tuple[str, str, int]]:
    return [
        ("", _("all"), batch.total_rows),
        (RowStatus.NEW, _("new"), batch.count_new),
        (RowStatus.UPDATE, _("update"), batch.count_update),
        (RowStatus.UNCHANGED, _("unchanged"), batch.count_unchanged),
        (RowStatus.DUPLICATE, _("duplicate"), batch.count_duplicate),
        ("possible", _("possible duplicate"), batch.count_possible),
        (RowStatus.REJECTED, _("rejected"), batch.count_rejected),
    ]


def _row_views(batch: ImportBatch, rows: list[ImportRow]) -> list[dict]:
    by_row = services.row_company_ids(batch, rows)
    company_ids = set(by_row.values())
    for row in rows:
        if row.match.get("company"):
            company_ids.add(row.match["company"])
    companies = Company.objects.only("id", "name", "legal_form", "city").in_bulk(company_ids)
    kreise = dict(
        Kreis.objects.filter(id__in={r.data.get("kreis_id") for r in rows} - {None}).values_list(
            "id", "name"
        )
    )
    groups = dict(BranchGroup.choices)
    views = []
    for row in rows:
        data = row.data
        match = row.match or {}
        target_id = row.company_id or match.get("company")
        view = {
            "row": row,
            "name": " ".join(x for x in (data.get("name"), data.get("legal_form")) if x),
            "place": " ".join(x for x in (data.get("postcode"), data.get("city")) if x),
            "kreis": kreise.get(data.get("kreis_id"), ""),
            "wz": data.get("wz_code", ""),
            "branch": groups.get(data.get("branch_group"), "") if data.get("wz_code") else "",
            "employees": _employees(data),
            "errors": render_map(row.errors),
            "warnings": render_map(row.warnings),
            "company": companies.get(target_id) if target_id else None,
            "created": companies.get(by_row.get(row.row_number))
            if row.status == RowStatus.NEW
            else None,
            "match_row": match.get("row"),
            "rule": _rule_label(match["rule"]) if match.get("rule") else "",
            "probability": round(100 * match["probability"]) if "probability" in match else None,
            "possible": bool(match.get("possible")),
            "evidence": _evidence(match.get("evidence") or []),
            "changes": [
                (field_label(f), old, new) for f, (old, new) in (match.get("changes") or {}).items()
            ],
        }
        views.append(view)
    return views


def _employees(data: dict) -> str:
    for key in ("employees_site", "employees_enterprise"):
        if data.get(key) is not None:
            rng = data.get(f"{key}_range")
            if rng:
                high = rng[1] if rng[1] is not None else "…"
                return f"{data[key]} ({rng[0]}–{high})"
            return str(data[key])
    return ""


def _evidence(evidence: list) -> list[dict]:
    out = []
    for comparison, _level, label, weight, left, right in evidence:
        if not weight:
            continue
        out.append(
            {
                "field": comparison_label(comparison),
                "label": _(label),
                "weight": weight,
                "agrees": weight > 0,
                "left": left,
                "right": right,
            }
        )
    return out


@role_required(*IMPORT_ROLES)
def progress(request, pk):
    batch = _batch(pk)
    response = render(
        request, "imports/_progress.html", {"batch": batch, "stale": jobs.is_stale(batch)}
    )
    if request.headers.get("HX-Request") and not batch.is_busy:
        response["HX-Refresh"] = "true"
    return response


@require_POST
@role_required(*IMPORT_ROLES)
def commit(request, pk):
    batch = _batch(pk)
    if not batch.can_commit:
        messages.error(request, _("This import cannot be written now."))
        return redirect(batch)
    try:
        jobs.enqueue(batch, Job.COMMIT)
    except jobs.Busy:
        messages.error(request, _("This import is busy; please wait."))
    return redirect(batch)


@require_POST
@role_required(*IMPORT_ROLES)
def resume(request, pk):
    batch = _batch(pk)
    if jobs.is_stale(batch):
        jobs.start(batch.pk)
    elif batch.can_resume:
        jobs.enqueue(batch, Job.COMMIT)
    elif batch.status == BatchStatus.FAILED and batch.job == Job.ANALYSE and batch.mapping:
        jobs.enqueue(batch, Job.ANALYSE)
    else:
        messages.error(request, _("There is nothing to continue."))
    return redirect(batch)


@role_required(*IMPORT_ROLES)
def undo(request, pk):
    batch = _batch(pk)
    if not batch.can_undo:
        messages.error(request, _("This import cannot be undone."))
        return redirect(batch)
    if request.method == "POST":
        try:
            jobs.enqueue(batch, Job.UNDO, user=request.user)
        except jobs.Busy:
            messages.error(request, _("This import is busy; please wait."))
        return redirect(batch)
    created = batch.records.filter(created_company=True).count()
    changed = ImportRow.objects.filter(batch=batch).exclude(previous={}).count()
    return render(
        request,
        "imports/confirm.html",
        {
            "batch": batch,
            "action": "undo",
            "created": created,
            "changed": changed,
        },
    )


@role_required(*IMPORT_ROLES)
def discard(request, pk):
    batch = _batch(pk)
    if not batch.can_discard:
        messages.error(
            request,
            _("An import that has written to the register cannot be discarded; undo it instead."),
        )
        return redirect(batch)
    if request.method == "POST":
        name = batch.file_name
        batch.file.delete(save=False)
        batch.delete()
        messages.success(request, _("Import of “%(file)s” discarded.") % {"file": name})
        return redirect("imports:index")
    return render(request, "imports/confirm.html", {"batch": batch, "action": "discard"})


@role_required(*IMPORT_ROLES)
def rejected(request, pk):
    batch = _batch(pk)
    if not batch.count_rejected:
        raise Http404
    data = services.rejected_workbook(batch)
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    stem = batch.file_name.rsplit(".", 1)[0][:60] or "import"
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="abgelehnt-{_ascii(stem)}-{stamp}.xlsx"'
    )
    return response


UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}


def _ascii(text: str) -> str:
    out = []
    for ch in text:
        if ch.isascii() and (ch.isalnum() or ch in "-_"):
            out.append(ch)
        elif ch in "äöüÄÖÜß":
            out.append(
                {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}.get(ch, "ss")
            )
        else:
            out.append("-")
    return "".join(out).strip("-") or "import"
