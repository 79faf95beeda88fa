"""Duplicate review pages: search the register, review pairs side by side, merge (with
confirmation), keep separate, decide later, undo merges, set the auto-merge threshold.

Only Koordination and Administration; everyone else gets 403.
"""

from io import BytesIO
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from anett.companies.models import Company, ContactPerson, search_key
from anett.core import roles
from anett.core.audit import log_sensitive_access
from anett.core.permissions import role_required
from anett.regions.models import Kreis

from . import jobs, plan, services
from .forms import SettingsForm
from .models import (
    CandidatePair,
    DuplicateSettings,
    MergeRecord,
    PairStatus,
    SearchRun,
)

DUPLICATE_ROLES = (roles.ADMIN, roles.KOORDINATION)
PAGE_SIZE = 50

COMPARISON_LABELS = {
    "name": gettext_noop("Name"),
    "address": gettext_noop("Address"),
    "phone": gettext_noop("Phone"),
    "domain": gettext_noop("Internet domain"),
    "register": gettext_noop("Commercial register no."),
    "vat": gettext_noop("VAT id"),
    "wz": gettext_noop("WZ code"),
    "legal_form": gettext_noop("Legal form"),
    "employees": gettext_noop("Employees"),
}
# The level labels of anett.linkage.dedupe.LEVELS are marked for translation once, in
# anett.imports.texts.EVIDENCE_LABELS.
WEIGHT_WORDS = {
    "very_strong": gettext_noop("very strong evidence for one firm"),
    "strong": gettext_noop("strong evidence for one firm"),
    "moderate": gettext_noop("moderate evidence for one firm"),
    "weak": gettext_noop("weak evidence for one firm"),
    "against": gettext_noop("the evidence speaks against one firm"),
}
TABS = (
    ("open", gettext_noop("open")),
    ("later", gettext_noop("decide later")),
    ("separate", gettext_noop("kept separate")),
    ("merged", gettext_noop("merged")),
    ("auto", gettext_noop("automatically merged")),
)


def weight_words(weight: float) -> str:
    return _(WEIGHT_WORDS[plan.weight_in_words(weight)])


def _evidence(evidence: list[dict]) -> list[dict]:
    return [
        {
            "field": _(COMPARISON_LABELS.get(e["comparison"], e["comparison"])),
            "label": _(e["label"]),
            "weight": e["weight"],
            "state": "agree" if e["weight"] > 0 else ("disagree" if e["weight"] < 0 else "missing"),
            "left": e["left"],
            "right": e["right"],
        }
        for e in evidence
    ]


# --------------------------------------------------------------------------- list


def _filtered(request):
    """The pairs of the list (tab and filters from the query string) and the filters."""
    tab = request.GET.get("tab", "open")
    if tab not in dict(TABS):
        tab = "open"
    q = request.GET.get("q", "").strip()
    min_percent = request.GET.get("min", "").strip()
    kreis = request.GET.get("kreis", "").strip()
    pairs = CandidatePair.objects.all()
    if tab in ("open", "later", "separate"):
        pairs = pairs.filter(status=tab).existing()
    elif tab == "merged":
        pairs = pairs.filter(status=PairStatus.MERGED)
    else:
        pairs = pairs.filter(
            status=PairStatus.MERGED,
            merges__automatic=True,
            merges__undone_at__isnull=True,
        ).distinct()
    if q:
        key = search_key(q)
        firms = Company.objects.filter(search_text__contains=key)
        pairs = pairs.filter(
            Exists(firms.filter(pk=OuterRef("company_a_id")))
            | Exists(firms.filter(pk=OuterRef("company_b_id")))
        )
    firm = request.GET.get("firm", "").strip()
    if firm.isdigit():  # the pairs of one firm (link on the company page)
        pairs = pairs.filter(Q(company_a_id=int(firm)) | Q(company_b_id=int(firm)))
    if kreis.isdigit():
        firms = Company.objects.filter(kreis_id=int(kreis))
        pairs = pairs.filter(
            Exists(firms.filter(pk=OuterRef("company_a_id")))
            | Exists(firms.filter(pk=OuterRef("company_b_id")))
        )
    try:
        minimum = float(min_percent.replace(",", ".")) / 100 if min_percent else None
    except ValueError:
        minimum = None
        messages.error(request, _("“%(value)s” is not a percentage.") % {"value": min_percent})
    if minimum is not None:
        pairs = pairs.filter(match_probability__gte=minimum)
    filters = {"tab": tab, "q": q, "min": min_percent, "kreis": kreis, "firm": firm}
    return pairs.order_by("-match_weight", "id"), filters


@role_required(*DUPLICATE_ROLES)
def index(request):
    pairs, filters = _filtered(request)
    tab, q, min_percent, kreis = (filters[k] for k in ("tab", "q", "min", "kreis"))
    paginator = Paginator(pairs, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    ids = {i for p in rows for i in (p.company_a_id, p.company_b_id)}
    companies = Company.objects.select_related("kreis").in_bulk(ids)
    merges = {m.pair_id: m for m in MergeRecord.objects.filter(pair__in=rows).order_by("merged_at")}
    views = [
        {
            "pair": p,
            "a": companies.get(p.company_a_id),
            "b": companies.get(p.company_b_id),
            "words": weight_words(p.match_weight),
            "agreeing": [
                _(COMPARISON_LABELS.get(e["comparison"], e["comparison"]))
                for e in p.evidence
                if e["weight"] > 0
            ],
            "merge": merges.get(p.pk),
        }
        for p in rows
    ]
    counts = {
        "open": CandidatePair.objects.filter(status=PairStatus.OPEN).existing().count(),
        "later": CandidatePair.objects.filter(status=PairStatus.LATER).existing().count(),
    }
    query = urlencode({k: v for k, v in filters.items() if v})
    run = jobs.current() or SearchRun.objects.first()
    return render(
        request,
        "duplicates/index.html",
        {
            "tab": tab,
            "tabs": [(key, _(label)) for key, label in TABS],
            "q": q,
            "min": min_percent,
            "kreis": kreis,
            "kreise": Kreis.objects.filter(
                Exists(Company.objects.filter(kreis=OuterRef("pk")))
            ).order_by("name"),
            "page": page,
            "rows": views,
            "total": paginator.count,
            "counts": counts,
            "query": query,
            "run": run,
            "stale": jobs.is_stale(run) if run else False,
            "rule": DuplicateSettings.current(),
        },
    )


@role_required(*DUPLICATE_ROLES)
def export(request):
    """The pairs of the list as an Excel workbook (same tab and filters)."""
    pairs, filters = _filtered(request)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Duplicates")[:31])
    bold = Font(bold=True)
    headers = [
        _("Pair"),
        _("Company A: no."),
        _("Company A"),
        _("Company A: postal code and town"),
        _("Company B: no."),
        _("Company B"),
        _("Company B: postal code and town"),
        _("Match probability"),
        _("Match weight"),
        _("Agreeing"),
        _("Decision"),
        _("Link"),
    ]
    row = []
    for h in headers:
        cell = WriteOnlyCell(ws, value=h)
        cell.font = bold
        row.append(cell)
    ws.append(row)
    base = request.build_absolute_uri("/")[:-1]
    statuses = dict(PairStatus.choices)
    for start in range(0, pairs.count(), 2000):
        chunk = list(pairs[start : start + 2000])
        firms = Company.objects.only("id", "name", "legal_form", "postcode", "city").in_bulk(
            {i for p in chunk for i in (p.company_a_id, p.company_b_id)}
        )
        for p in chunk:
            a, b = firms.get(p.company_a_id), firms.get(p.company_b_id)
            ws.append(
                [
                    p.pk,
                    p.company_a_id,
                    str(a) if a else "",
                    f"{a.postcode} {a.city}".strip() if a else "",
                    p.company_b_id,
                    str(b) if b else "",
                    f"{b.postcode} {b.city}".strip() if b else "",
                    round(p.match_probability, 4),
                    round(p.match_weight, 1),
                    ", ".join(
                        _(COMPARISON_LABELS.get(e["comparison"], e["comparison"]))
                        for e in p.evidence
                        if e["weight"] > 0
                    ),
                    str(statuses.get(p.status, p.status)),
                    base + p.get_absolute_url(),
                ]
            )
    out = BytesIO()
    wb.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = (
        f'attachment; filename="dubletten-{filters["tab"]}-{stamp}.xlsx"'
    )
    return response


# --------------------------------------------------------------------------- search


@require_POST
@role_required(*DUPLICATE_ROLES)
def start_search(request):
    try:
        jobs.enqueue(request.user)
    except jobs.Busy:
        messages.error(request, _("A duplicate search is already running; please wait."))
    return redirect("duplicates:index")


@role_required(*DUPLICATE_ROLES)
def progress(request, pk):
    run = get_object_or_404(SearchRun, pk=pk)
    stale = jobs.is_stale(run)
    response = render(request, "duplicates/_progress.html", {"run": run, "stale": stale})
    if request.headers.get("HX-Request") and (not run.is_busy or stale):
        response["HX-Refresh"] = "true"
    return response


# --------------------------------------------------------------------------- pair


def _pair(pk) -> CandidatePair:
    return get_object_or_404(CandidatePair, pk=pk)


def _display(company: Company, field: str) -> str:
    if field == "kreis_id":
        return company.kreis.name if company.kreis else ""
    value = getattr(company, field)
    f = Company._meta.get_field(field)
    if f.choices and value is not None:
        if plan.is_empty(field, value):
            return ""
        return str(company._get_FIELD_display(f))
    if value is None:
        return ""
    return str(value)


def _label(field: str) -> str:
    return str(Company._meta.get_field("kreis" if field == "kreis_id" else field).verbose_name)


def _pair_context(
    request, pair: CandidatePair, survivor_id: int | None, choices=None, *, show_contacts=True
):
    companies = Company.objects.select_related("kreis").in_bulk(
        [pair.company_a_id, pair.company_b_id]
    )
    if len(companies) != 2:
        return None
    a, b = companies[pair.company_a_id], companies[pair.company_b_id]
    if survivor_id not in (a.pk, b.pk):
        survivor_id = services.suggested_survivor(pair, companies)
    va, vb = services.company_values(a), services.company_values(b)
    differing = set(plan.differing_fields(va, vb))
    agreeing = set(plan.agreeing_fields(va, vb))
    choices = choices or {}
    fields = []
    for field in plan.MERGE_FIELDS:
        da, db = _display(a, field), _display(b, field)
        if not da and not db:
            continue
        choice = choices.get(field) or plan.default_choice(field)
        # the choice as a side: which value the merged record keeps
        if field in differing:
            side = {"survivor": survivor_id, "other": a.pk if survivor_id == b.pk else b.pk}
            chosen = "both" if choice == plan.BOTH else str(side.get(choice, survivor_id))
        else:
            chosen = ""
        fields.append(
            {
                "name": field,
                "label": _label(field),
                "a": da,
                "b": db,
                "state": "agree" if field in agreeing else ("differ" if field in differing else ""),
                "combinable": field in plan.COMBINABLE_FIELDS,
                "chosen": chosen,
            }
        )
    counts = services.related_counts([a.pk, b.pk])
    contacts = {
        cid: list(ContactPerson.objects.filter(company_id=cid).order_by("last_name", "first_name"))
        for cid in (a.pk, b.pk)
    }
    show_sensitive = request.user.can_see_sensitive
    every_contact = contacts[a.pk] + contacts[b.pk]
    if show_sensitive and show_contacts and every_contact:
        log_sensitive_access(request, every_contact, ContactPerson.SENSITIVE_FIELDS)
    return {
        "pair": pair,
        "a": a,
        "b": b,
        "survivor_id": survivor_id,
        "removed_id": b.pk if survivor_id == a.pk else a.pk,
        "fields": fields,
        "has_choices": any(f["chosen"] for f in fields),
        "evidence": _evidence(pair.evidence),
        "words": weight_words(pair.match_weight),
        "bayes": plan.bayes_factor(pair.match_weight),
        "counts_a": counts[a.pk],
        "counts_b": counts[b.pk],
        "contacts_a": contacts[a.pk],
        "contacts_b": contacts[b.pk],
        "show_sensitive": show_sensitive,
        "merges": list(pair.merges.all()),
    }


@role_required(*DUPLICATE_ROLES)
def pair_detail(request, pk):
    pair = _pair(pk)
    survivor = request.GET.get("survivor", "")
    context = _pair_context(request, pair, int(survivor) if survivor.isdigit() else None)
    if context is None:
        merge = pair.merges.filter(undone_at__isnull=True).first()
        if merge is not None:
            return redirect(merge)
        messages.error(request, _("One of the two companies no longer exists."))
        return redirect("duplicates:index")
    return render(request, "duplicates/pair.html", context)


@require_POST
@role_required(*DUPLICATE_ROLES)
def decide(request, pk):
    pair = _pair(pk)
    decision = request.POST.get("decision", "")
    try:
        services.decide(pair, decision, request.user)
    except services.MergeError as exc:
        messages.error(request, str(exc))
        return redirect(pair)
    if decision == PairStatus.SEPARATE:
        messages.success(request, _("Kept separate. This pair will not be proposed again."))
    elif decision == PairStatus.LATER:
        messages.success(request, _("Put aside to decide later."))
    else:
        messages.success(request, _("The pair is open again."))
    following = (
        CandidatePair.objects.filter(status=PairStatus.OPEN)
        .existing()
        .order_by("-match_weight", "id")
        .first()
    )
    if following is not None and decision != PairStatus.OPEN:
        return redirect(following)
    return redirect("duplicates:index")


def _choices_from(post, context) -> tuple[dict, list[str]]:
    """The user's choices as plan sides (survivor / other / both), and fields with an
    invalid value."""
    survivor_id = context["survivor_id"]
    choices, bad = {}, []
    for f in context["fields"]:
        if not f["chosen"]:
            continue
        value = post.get(f"choice_{f['name']}", "")
        if value == "both" and f["combinable"]:
            choices[f["name"]] = plan.BOTH
        elif value == str(survivor_id):
            choices[f["name"]] = plan.SURVIVOR
        elif value == str(context["removed_id"]):
            choices[f["name"]] = plan.OTHER
        elif value:
            bad.append(f["label"])
    return choices, bad


@require_POST
@role_required(*DUPLICATE_ROLES)
def merge(request, pk):
    pair = _pair(pk)
    if pair.status == PairStatus.MERGED:
        messages.error(request, _("These two records have already been merged."))
        return redirect("duplicates:index")
    survivor = request.POST.get("survivor", "")
    if not survivor.isdigit() or int(survivor) not in (pair.company_a_id, pair.company_b_id):
        messages.error(request, _("Please choose which record to keep."))
        return redirect(pair)
    context = _pair_context(request, pair, int(survivor), show_contacts=False)
    if context is None:
        messages.error(request, _("One of the two companies no longer exists."))
        return redirect("duplicates:index")
    choices, bad = _choices_from(request.POST, context)
    if bad:
        messages.error(request, _("Invalid choice for: %(fields)s") % {"fields": ", ".join(bad)})
        return redirect(pair)
    if request.POST.get("confirmed") != "1":
        survivor_c = context["a"] if context["survivor_id"] == context["a"].pk else context["b"]
        removed_c = context["b"] if survivor_c is context["a"] else context["a"]
        changes = plan.merged_values(
            services.company_values(survivor_c), services.company_values(removed_c), choices
        )
        context.update(
            {
                "survivor": survivor_c,
                "removed": removed_c,
                "choices": [(f"choice_{k}", request.POST.get(f"choice_{k}")) for k in choices],
                "changes": [
                    (_label(k), _display(survivor_c, k), _show_value(k, v, removed_c))
                    for k, v in changes.items()
                ],
                "moving": context["counts_b"] if removed_c is context["b"] else context["counts_a"],
            }
        )
        return render(request, "duplicates/confirm_merge.html", context)
    try:
        record = services.merge(pair, int(survivor), choices=choices, user=request.user)
    except services.MergeError as exc:
        messages.error(request, str(exc))
        return redirect(pair)
    messages.success(
        request,
        _("Merged: “%(removed)s” is now part of “%(kept)s”. You can undo this.")
        % {"removed": record.removed_name, "kept": Company.objects.get(pk=record.survivor_id)},
    )
    return redirect(record)


def _show_value(field: str, value, other: Company) -> str:
    if field == "kreis_id":
        return other.kreis.name if other.kreis else ""
    f = Company._meta.get_field(field)
    if f.choices:
        return str(dict(f.choices).get(value, value))
    return "" if value is None else str(value)


# --------------------------------------------------------------------------- merges


@role_required(*DUPLICATE_ROLES)
def merges(request):
    kind = request.GET.get("kind", "")
    records = MergeRecord.objects.select_related("merged_by", "undone_by", "run")
    if kind == "auto":
        records = records.filter(automatic=True)
    elif kind == "manual":
        records = records.filter(automatic=False)
    paginator = Paginator(records.order_by("-merged_at", "-id"), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    survivors = Company.objects.in_bulk({r.survivor_id for r in rows})
    return render(
        request,
        "duplicates/merges.html",
        {
            "page": page,
            "rows": [(r, survivors.get(r.survivor_id)) for r in rows],
            "kind": kind,
            "total": paginator.count,
            "query": f"kind={kind}" if kind else "",
        },
    )


def _moved_summary(record: MergeRecord) -> list[tuple[str, int]]:
    from django.apps import apps

    out = []
    for entry in record.moved:
        try:
            model = apps.get_model(entry["model"])
        except LookupError:
            label = entry["model"]
        else:
            label = services._relation_label(
                model,
                model._meta.get_field(
                    next(f.name for f in model._meta.fields if f.attname == entry["field"])
                ),
            )
        out.append((label, len(entry["ids"])))
    return out


@role_required(*DUPLICATE_ROLES)
def merge_detail(request, pk):
    record = get_object_or_404(MergeRecord, pk=pk)
    survivor = Company.objects.filter(pk=record.survivor_id).first()
    snapshot = record.snapshot
    removed_fields = [
        (_label(f), snapshot.get(f))
        for f in plan.MERGE_FIELDS
        if f != "kreis_id" and not plan.is_empty(f, snapshot.get(f))
    ]
    changes = [(_label(f), old, new) for f, (old, new) in record.survivor_changes.items()]
    return render(
        request,
        "duplicates/merge.html",
        {
            "record": record,
            "survivor": survivor,
            "removed_fields": removed_fields,
            "changes": changes,
            "moved": _moved_summary(record),
            "dropped": sum(len(d["values"]) for d in record.dropped),
        },
    )


@role_required(*DUPLICATE_ROLES)
def undo(request, pk):
    record = get_object_or_404(MergeRecord, pk=pk)
    if not record.is_active:
        messages.error(request, _("This merge has already been undone."))
        return redirect(record)
    if request.method == "POST":
        try:
            notes = services.undo(record, request.user)
        except services.MergeError as exc:
            messages.error(request, str(exc))
            return redirect(record)
        messages.success(
            request,
            _("Merge undone: “%(name)s” is back in the register with its contacts and activities.")
            % {"name": record.removed_name},
        )
        for note in notes:
            messages.warning(request, note)
        return redirect(record)
    return render(
        request,
        "duplicates/confirm_undo.html",
        {
            "record": record,
            "survivor": Company.objects.filter(pk=record.survivor_id).first(),
            "moved": _moved_summary(record),
        },
    )


# --------------------------------------------------------------------------- settings


@role_required(*DUPLICATE_ROLES)
def settings_view(request):
    current = DuplicateSettings.current()
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        rule = form.save(commit=False)
        rule.updated_by = request.user
        rule.save()
        messages.success(request, _("Duplicate settings saved."))
        return redirect("duplicates:settings")
    return render(request, "duplicates/settings.html", {"form": form, "rule": current})
