from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anett.core import roles
from anett.core.deletion import confirm_delete
from anett.core.permissions import role_required

from . import exports, fazit, services
from .forms import (
    ActionItemForm,
    AgendaFormSet,
    AttachmentForm,
    CallForm,
    ExtendForm,
    FazitFormSet,
    FazitPasteForm,
    InviteForm,
    ParticipantForm,
    PollForm,
    PollInviteForm,
    SectionFormSet,
    WorkshopForm,
)
from .models import (
    ActionItem,
    ActionStatus,
    Attachment,
    Call,
    FazitPoint,
    Invitation,
    Participant,
    Poll,
    PollOption,
    Workshop,
)

MANAGE = (roles.ADMIN, roles.KOORDINATION)
VIEW = (roles.ADMIN, roles.KOORDINATION, roles.BERATUNG)


def _can_manage(user) -> bool:
    return user.effective_role in MANAGE


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _slug(text: str) -> str:
    keep = "".join(ch if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in keep.split("-") if part)[:60] or "dokument"


def save_ordered(formset) -> None:
    """Save an ordered inline formset and number its rows 1, 2, 3 … by the given positions;
    rows without a position go to the end in the order shown."""
    changed = formset.save(commit=False)
    for obj in formset.deleted_objects:
        obj.delete()
    rows = []
    for index, form in enumerate(formset.forms):
        obj = form.instance
        if obj not in changed and not obj.pk:
            continue  # an empty extra row
        if formset.can_delete and formset._should_delete_form(form):
            continue
        position = form.cleaned_data.get("position")
        rows.append((position if position is not None else 10_000 + index, index, obj))
    for number, (_p, _i, obj) in enumerate(sorted(rows, key=lambda r: (r[0], r[1])), 1):
        if obj.position != number or obj in changed or not obj.pk:
            obj.position = number
            obj.save()


# --- overview -------------------------------------------------------------------------------


@role_required(*VIEW)
def index(request):
    today = timezone.localdate()
    manage = _can_manage(request.user)
    context = {
        "workshops": Workshop.objects.annotate(n=Count("participants"))[:8],
        "open_actions": ActionItem.objects.filter(status=ActionStatus.OPEN)
        .select_related("owner_user", "owner_actor")
        .order_by("due_date", "id")[:10],
        "overdue": ActionItem.objects.filter(status=ActionStatus.OPEN, due_date__lt=today).count(),
        "today": today,
        "can_manage": manage,
    }
    if manage:
        context["calls"] = Call.objects.annotate(
            n_inv=Count("invitations", distinct=True),
            n_done=Count(
                "invitations", filter=Q(invitations__submitted_at__isnull=False), distinct=True
            ),
        )[:8]
        context["polls"] = Poll.objects.annotate(n=Count("invitees"))[:8]
    return render(request, "procedure/index.html", context)


# --- workshops ------------------------------------------------------------------------------


@role_required(*VIEW)
def workshop_list(request):
    workshops = Workshop.objects.annotate(
        n=Count("participants", distinct=True), n_points=Count("fazit", distinct=True)
    )
    return render(
        request,
        "procedure/workshop_list.html",
        {"workshops": workshops, "can_manage": _can_manage(request.user)},
    )


@role_required(*MANAGE)
def workshop_new(request):
    form = WorkshopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workshop = form.save(commit=False)
        workshop.created_by = request.user
        workshop.save()
        messages.success(request, _("Workshop saved."))
        return redirect(workshop)
    return render(request, "procedure/workshop_form.html", {"form": form})


@role_required(*MANAGE)
def workshop_edit(request, pk):
    workshop = get_object_or_404(Workshop, pk=pk)
    form = WorkshopForm(request.POST or None, instance=workshop)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Workshop saved."))
        return redirect(workshop)
    return render(request, "procedure/workshop_form.html", {"form": form, "workshop": workshop})


@role_required(*MANAGE)
def workshop_delete(request, pk):
    workshop = get_object_or_404(Workshop, pk=pk)
    return confirm_delete(
        request,
        workshop,
        cancel_url=workshop.get_absolute_url(),
        success_url=reverse("procedure:workshops"),
        message=_("Workshop deleted."),
        consequences=_(
            "Participants, agenda, minutes and attachments are deleted with it; action items "
            "and calls for contributions are kept without the link to the workshop."
        ),
    )


@role_required(*VIEW)
def workshop_detail(request, pk):
    workshop = get_object_or_404(Workshop, pk=pk)
    participants = list(workshop.participants.all())
    return render(
        request,
        "procedure/workshop_detail.html",
        {
            "workshop": workshop,
            "participants": participants,
            "with_email": sum(1 for p in participants if p.email),
            "agenda": workshop.agenda.all(),
            "points": workshop.fazit.all(),
            "actions": workshop.actions.select_related("owner_user", "owner_actor"),
            "attachments": workshop.attachments.all(),
            "calls": workshop.calls.all(),
            "minutes": workshop.minutes_state(),
            "today": timezone.localdate(),
            "can_manage": _can_manage(request.user),
            "participant_form": ParticipantForm(user=request.user)
            if _can_manage(request.user)
            else None,
        },
    )


@role_required(*MANAGE)
@require_POST
def participant_add(request, pk):
    workshop = get_object_or_404(Workshop, pk=pk)
    form = ParticipantForm(request.POST, user=request.user)
    if not form.is_valid():
        for error in form.non_field_errors():
            messages.error(request, error)
        for name, errors in form.errors.items():
            if name != "__all__":
                messages.error(request, f"{form.fields[name].label}: {' '.join(errors)}")
        return redirect(reverse("procedure:workshop_detail", args=[pk]) + "#participants")
    data = form.cleaned_data
    if data["actor_contact"]:
        c = data["actor_contact"]
        p = Participant(
            workshop=workshop,
            actor_contact=c,
            name=str(c),
            email=c.email,
            organisation=c.actor.name,
        )
    elif data["company_contact"]:
        c = data["company_contact"]
        p = Participant(
            workshop=workshop,
            company_contact=c,
            name=str(c),
            email=c.email,
            organisation=c.company.name,
        )
    elif data["actor"]:
        a = data["actor"]
        p = Participant(workshop=workshop, organisation=a.name, email=a.email)
    else:
        p = Participant(
            workshop=workshop,
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
        )
    p.save()
    messages.success(request, _("Participant added: %(name)s") % {"name": p})
    return redirect(reverse("procedure:workshop_detail", args=[pk]) + "#participants")


@role_required(*MANAGE)
def participant_delete(request, pk, participant_pk):
    participant = get_object_or_404(Participant, pk=participant_pk, workshop_id=pk)
    url = reverse("procedure:workshop_detail", args=[pk]) + "#participants"
    return confirm_delete(
        request,
        participant,
        cancel_url=url,
        success_url=url,
        message=_("Participant removed."),
    )


@role_required(*MANAGE)
def agenda_edit(request, pk):
    workshop = get_object_or_404(Workshop, pk=pk)
    formset = AgendaFormSet(request.POST or None, instance=workshop, prefix="agenda")
    if request.method == "POST" and formset.is_valid():
        save_ordered(formset)
        messages.success(request, _("Agenda saved."))
        return redirect(reverse("procedure:workshop_detail", args=[pk]) + "#agenda")
    return render(
        request,
        "procedure/formset_page.html",
        {
            "workshop": workshop,
            "formset": formset,
            "title": _("Agenda"),
            "cancel_url": workshop.get_absolute_url(),
        },
    )


@role_required(*MANAGE)
def fazit_edit(request, pk):
    workshop = get_object_or_404(Workshop, pk=pk)
    formset = FazitFormSet(request.POST or None, instance=workshop, prefix="fazit")
    if request.method == "POST" and formset.is_valid():
        save_ordered(formset)
        messages.success(request, _("Minutes saved."))
        return redirect(reverse("procedure:workshop_detail", args=[pk]) + "#fazit")
    return render(
        request,
        "procedure/formset_page.html",
        {
            "workshop": workshop,
            "formset": formset,
            "title": _("Minutes (Fazit)"),
            "paste_url": reverse("procedure:fazit_paste", args=[pk]),
            "cancel_url": workshop.get_absolute_url(),
        },
    )


@role_required(*MANAGE)
def fazit_paste(request, pk):
    workshop = get_object_or_404(Workshop, pk=pk)
    form = FazitPasteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        parsed = fazit.parse(form.cleaned_data["text"])
        if not parsed.points:
            form.add_error("text", _("No points found: start each point with a heading line."))
        else:
            with transaction.atomic():
                if form.cleaned_data["replace"]:
                    workshop.fazit.all().delete()
                start = workshop.fazit.count()
                for i, point in enumerate(parsed.points, start + 1):
                    FazitPoint.objects.create(
                        workshop=workshop,
                        position=i,
                        heading=point.heading or "–",
                        text=point.text,
                    )
            messages.success(request, _("%(n)s points taken over.") % {"n": len(parsed.points)})
            return redirect(reverse("procedure:fazit_edit", args=[pk]))
    return render(request, "procedure/fazit_paste.html", {"workshop": workshop, "form": form})


@role_required(*MANAGE)
def attachment_add(request, pk):
    workshop = get_object_or_404(Workshop, pk=pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        attachment = form.save(commit=False)
        attachment.workshop = workshop
        attachment.save()
        messages.success(request, _("Attachment saved."))
        return redirect(reverse("procedure:workshop_detail", args=[pk]) + "#attachments")
    return render(
        request,
        "procedure/simple_form.html",
        {
            "form": form,
            "title": _("Add attachment"),
            "multipart": True,
            "cancel_url": workshop.get_absolute_url(),
        },
    )


@role_required(*VIEW)
def attachment_download(request, pk, attachment_pk):
    attachment = get_object_or_404(Attachment, pk=attachment_pk, workshop_id=pk)
    from django.http import FileResponse

    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.file.name.rsplit("/", 1)[-1],
    )


@role_required(*MANAGE)
def attachment_delete(request, pk, attachment_pk):
    attachment = get_object_or_404(Attachment, pk=attachment_pk, workshop_id=pk)
    url = reverse("procedure:workshop_detail", args=[pk]) + "#attachments"

    def remove_file(name=attachment.file.name, storage=attachment.file.storage):
        transaction.on_commit(lambda: storage.delete(name))

    return confirm_delete(
        request,
        attachment,
        cancel_url=url,
        success_url=url,
        message=_("Attachment deleted."),
        after=remove_file,
    )


@role_required(*MANAGE)
def minutes_send(request, pk):
    workshop = get_object_or_404(Workshop, pk=pk)
    participants = list(workshop.participants.all())
    if request.method == "POST":
        if not workshop.fazit.exists():
            messages.error(request, _("The minutes have no points yet."))
            return redirect(workshop)
        sent = services.send_minutes(workshop)
        if sent:
            messages.success(request, _("Minutes sent to %(n)s participants.") % {"n": len(sent)})
        else:
            messages.error(request, _("No participant has an e-mail address."))
        return redirect(reverse("procedure:workshop_detail", args=[pk]) + "#participants")
    return render(
        request,
        "procedure/minutes_send.html",
        {
            "workshop": workshop,
            "with": [p for p in participants if p.email],
            "without": [p for p in participants if not p.email],
            "minutes": workshop.minutes_state(),
        },
    )


@role_required(*VIEW)
def minutes_docx(request, pk):
    workshop = get_object_or_404(Workshop, pk=pk)
    name = f"Protokoll-{workshop.held_on:%Y-%m-%d}-{_slug(workshop.title)}.docx"
    return _download(exports.minutes_docx(workshop), exports.DOCX_TYPE, name)


# --- action items ---------------------------------------------------------------------------


def _action_page(request, qs, title, mine):
    status = request.GET.get("status", "open")
    if status in ("open", "done"):
        qs = qs.filter(status=status)
    today = timezone.localdate()
    items = list(qs.order_by("status", "due_date", "id"))
    return render(
        request,
        "procedure/action_list.html",
        {
            "items": items,
            "title": title,
            "mine": mine,
            "status": status,
            "today": today,
            "overdue": sum(1 for a in items if a.is_overdue(today)),
            "can_manage": _can_manage(request.user),
        },
    )


@role_required(*VIEW)
def action_list(request):
    qs = ActionItem.objects.select_related("owner_user", "owner_actor", "workshop")
    return _action_page(request, qs, _("Open tasks"), mine=False)


@role_required(*VIEW)
def action_mine(request):
    return _action_page(request, services.my_actions(request.user), _("My tasks"), mine=True)


@role_required(*MANAGE)
def action_new(request):
    initial = {}
    if request.GET.get("workshop"):
        initial["workshop"] = request.GET["workshop"]
    form = ActionItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.created_by = request.user
        item.save()
        messages.success(request, _("Task saved."))
        return redirect(
            item.workshop.get_absolute_url() + "#actions"
            if item.workshop
            else reverse("procedure:actions")
        )
    return render(
        request,
        "procedure/simple_form.html",
        {"form": form, "title": _("New task"), "cancel_url": reverse("procedure:actions")},
    )


@role_required(*MANAGE)
def action_edit(request, pk):
    item = get_object_or_404(ActionItem, pk=pk)
    form = ActionItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.done_at = (
            timezone.now()
            if item.status == ActionStatus.DONE and not item.done_at
            else (item.done_at if item.status == ActionStatus.DONE else None)
        )
        item.save()
        messages.success(request, _("Task saved."))
        return redirect("procedure:actions")
    return render(
        request,
        "procedure/simple_form.html",
        {
            "form": form,
            "title": _("Edit task"),
            "delete_url": reverse("procedure:action_delete", args=[pk]),
            "cancel_url": reverse("procedure:actions"),
        },
    )


@role_required(*VIEW)
@require_POST
def action_done(request, pk):
    item = get_object_or_404(ActionItem, pk=pk)
    mine = services.my_actions(request.user).filter(pk=pk).exists()
    if not (_can_manage(request.user) or mine):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    item.status = ActionStatus.DONE
    item.done_at = timezone.now()
    item.save(update_fields=["status", "done_at"])
    messages.success(request, _("Task marked as done."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = reverse("procedure:actions")
    return redirect(target)


@role_required(*MANAGE)
def action_delete(request, pk):
    item = get_object_or_404(ActionItem, pk=pk)
    url = reverse("procedure:actions")
    return confirm_delete(
        request, item, cancel_url=url, success_url=url, message=_("Task deleted.")
    )


# --- calls for contributions ---------------------------------------------------------------


@role_required(*MANAGE)
def call_list(request):
    calls = Call.objects.annotate(
        n_inv=Count("invitations", distinct=True),
        n_done=Count(
            "invitations", filter=Q(invitations__submitted_at__isnull=False), distinct=True
        ),
        n_sections=Count("sections", distinct=True),
    ).select_related("workshop")
    return render(request, "procedure/call_list.html", {"calls": calls})


@role_required(*MANAGE)
def call_new(request):
    initial = {"document_title": "", "reminder_days": "7, 2"}
    if request.GET.get("workshop"):
        initial["workshop"] = request.GET["workshop"]
    form = CallForm(request.POST or None, initial=initial)
    formset = SectionFormSet(request.POST or None, instance=Call(), prefix="sections")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        if not any(
            f.cleaned_data.get("title") and not f.cleaned_data.get("DELETE")
            for f in formset.forms
            if hasattr(f, "cleaned_data")
        ):
            messages.error(request, _("Enter at least one section of the document."))
        else:
            with transaction.atomic():
                call = form.save(commit=False)
                call.created_by = request.user
                call.save()
                formset.instance = call
                save_ordered(formset)
            messages.success(request, _("Call for contributions saved. Now invite the actors."))
            return redirect(reverse("procedure:call_invite", args=[call.pk]))
    return render(request, "procedure/call_form.html", {"form": form, "formset": formset})


@role_required(*MANAGE)
def call_edit(request, pk):
    call = get_object_or_404(Call, pk=pk)
    old_deadline = call.deadline
    form = CallForm(request.POST or None, instance=call)
    formset = SectionFormSet(request.POST or None, instance=call, prefix="sections")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            form.save()
            save_ordered(formset)
            if call.deadline != old_deadline:
                services.sync_call_deadline(call)
        messages.success(request, _("Call for contributions saved."))
        return redirect(call)
    return render(
        request, "procedure/call_form.html", {"form": form, "formset": formset, "call": call}
    )


@role_required(*MANAGE)
def call_delete(request, pk):
    call = get_object_or_404(Call, pk=pk)
    return confirm_delete(
        request,
        call,
        cancel_url=call.get_absolute_url(),
        success_url=reverse("procedure:calls"),
        message=_("Call for contributions deleted."),
        consequences=_("All invitations, personal links and contributions are deleted with it."),
    )


@role_required(*MANAGE)
def call_detail(request, pk):
    call = get_object_or_404(Call.objects.select_related("workshop"), pk=pk)
    sections, rows = services.matrix(call)
    for row in rows:
        row["url"] = request.build_absolute_uri(services.link_path(row["invitation"]))
    today = timezone.localdate()
    return render(
        request,
        "procedure/call_detail.html",
        {
            "call": call,
            "sections": sections,
            "rows": rows,
            "open": call.deadline >= today,
            "delivered": sum(1 for r in rows if r["invitation"].submitted_at),
            "reminders": [
                (d, call.deadline - timezone.timedelta(days=d)) for d in call.reminder_offsets
            ],
        },
    )


@role_required(*MANAGE)
def call_invite(request, pk):
    call = get_object_or_404(Call, pk=pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitation = services.create_invitation(
            call,
            actor=data["actor"],
            contact=data["contact"],
            name=data["name"],
            email=data["email"],
            org=data["organisation"],
        )
        if data["send_now"] and services.send_invitation(invitation, _base(request)):
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
        else:
            messages.success(request, _("Invitation created. Send the personal link yourself."))
        if "another" in request.POST:
            return redirect(reverse("procedure:call_invite", args=[pk]))
        return redirect(reverse("procedure:call_detail", args=[pk]) + "#invitations")
    return render(request, "procedure/call_invite.html", {"call": call, "form": form})


def _invitation(pk, inv_pk):
    return get_object_or_404(Invitation.objects.select_related("call"), pk=inv_pk, call_id=pk)


@role_required(*MANAGE)
@require_POST
def invitation_send(request, pk, inv_pk):
    invitation = _invitation(pk, inv_pk)
    if services.send_invitation(invitation, _base(request)):
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
    else:
        messages.error(request, _("This invitation has no e-mail address."))
    return redirect(reverse("procedure:call_detail", args=[pk]) + "#invitations")


@role_required(*MANAGE)
def invitation_revoke(request, pk, inv_pk):
    invitation = _invitation(pk, inv_pk)
    url = reverse("procedure:call_detail", args=[pk]) + "#invitations"
    if request.method == "POST":
        services.revoke(invitation)
        messages.success(
            request, _("The personal link of %(who)s no longer works.") % {"who": invitation}
        )
        return redirect(url)
    return render(
        request,
        "procedure/confirm.html",
        {
            "title": _("Revoke the personal link?"),
            "text": _(
                "%(who)s can no longer open the link. Contributions already submitted are kept."
            )
            % {"who": invitation},
            "button": _("Revoke link"),
            "cancel_url": url,
        },
    )


@role_required(*MANAGE)
def invitation_extend(request, pk, inv_pk):
    invitation = _invitation(pk, inv_pk)
    form = ExtendForm(request.POST or None, deadline=invitation.deadline)
    if request.method == "POST" and form.is_valid():
        services.extend_invitation(invitation, form.cleaned_data["until"])
        messages.success(
            request,
            _("Deadline for %(who)s extended to %(date)s.")
            % {"who": invitation, "date": invitation.deadline_label},
        )
        return redirect(reverse("procedure:call_detail", args=[pk]) + "#invitations")
    return render(
        request,
        "procedure/simple_form.html",
        {
            "form": form,
            "title": _("Extend the deadline for %(who)s") % {"who": invitation},
            "cancel_url": reverse("procedure:call_detail", args=[pk]),
        },
    )


@role_required(*MANAGE)
def call_curate(request, pk):
    call = get_object_or_404(Call, pk=pk)
    compiled = {s.number: s for s in services.compiled(call)}
    sections = list(call.sections.all())
    if request.method == "POST":
        with transaction.atomic():
            for s in sections:
                s.curated_text = request.POST.get(f"section-{s.pk}", "").strip()
                s.save(update_fields=["curated_text"])
        messages.success(request, _("Section texts saved."))
        return redirect(call)
    rows = []
    for number, s in enumerate(sections, 1):
        joined = "\n\n".join(text for _a, text in compiled[number].contributions)
        rows.append(
            {
                "section": s,
                "number": number,
                "contributions": compiled[number].contributions,
                "suggestion": joined,
            }
        )
    return render(request, "procedure/call_curate.html", {"call": call, "rows": rows})


@role_required(*MANAGE)
def call_docx(request, pk):
    call = get_object_or_404(Call, pk=pk)
    name = f"{_slug(call.document_title or call.title)}.docx"
    return _download(exports.compiled_docx(call), exports.DOCX_TYPE, name)


@role_required(*MANAGE)
def call_xlsx(request, pk):
    call = get_object_or_404(Call, pk=pk)
    name = f"Beitraege-{_slug(call.title)}.xlsx"
    return _download(exports.matrix_xlsx(call), exports.XLSX_TYPE, name)


# --- public contribution page (personal link, no login) --------------------------------------


def _problem(request, problem, title):
    status = 410 if problem.kind in {"revoked", "expired"} else 404
    page = render(request, "procedure/public_problem.html", {"kind": problem.kind, "title": title})
    page.status_code = status
    return page


def contribute(request, token):
    try:
        invitation = services.resolve_invitation(token)
    except services.LinkProblem as problem:
        return _problem(request, problem, _("Call for contributions"))
    call = invitation.call
    sections = list(call.sections.all())
    existing = {c.section_id: c for c in invitation.contributions.all()}
    if not invitation.is_open():
        return render(
            request,
            "procedure/public_closed.html",
            {
                "invitation": invitation,
                "call": call,
                "delivered": [
                    (s, existing[s.pk])
                    for s in sections
                    if s.pk in existing and existing[s.pk].submitted_text
                ],
            },
            status=410,
        )
    conflict = False
    texts = {s.pk: existing[s.pk].text if s.pk in existing else "" for s in sections}
    if request.method == "POST":
        posted = {s.pk: request.POST.get(f"section-{s.pk}", "") for s in sections}
        try:
            revision = int(request.POST.get("revision", ""))
        except ValueError:
            revision = -1
        submit = "submit" in request.POST
        if submit and not any(t.strip() for t in posted.values()):
            messages.error(
                request, _("Please write something in at least one section before submitting.")
            )
            texts = posted
        else:
            result = services.save_contributions(invitation, posted, revision, submit=submit)
            if result.closed:
                return redirect(request.path)
            if result.conflict:
                conflict = True
                fresh = {c.section_id: c for c in invitation.contributions.all()}
                texts = {s.pk: fresh[s.pk].text if s.pk in fresh else "" for s in sections}
                messages.error(
                    request,
                    _(
                        "Your texts were changed in another window in the meantime. Below is the "
                        "stored version; your entries were not saved. Copy what you need and "
                        "save again."
                    ),
                )
                return _contribute_page(request, invitation, sections, texts, posted, conflict)
            if submit:
                messages.success(
                    request,
                    _(
                        "Thank you! Your contribution has been submitted. You can still change it "
                        "until the deadline."
                    ),
                )
            else:
                messages.success(request, _("Saved as a draft. Not submitted yet."))
            return redirect(request.path + ("#done" if submit else ""))
    return _contribute_page(request, invitation, sections, texts, None, conflict)


def _contribute_page(request, invitation, sections, texts, posted, conflict):
    existing = {c.section_id: c for c in invitation.contributions.all()}
    rows = [
        {
            "section": s,
            "number": i,
            "text": texts.get(s.pk, ""),
            "posted": posted.get(s.pk, "") if posted else "",
            "contribution": existing.get(s.pk),
        }
        for i, s in enumerate(sections, 1)
    ]
    return render(
        request,
        "procedure/public_contribute.html",
        {
            "invitation": invitation,
            "call": invitation.call,
            "rows": rows,
            "conflict": conflict,
        },
    )


# --- meeting polls ----------------------------------------------------------------------------


@role_required(*MANAGE)
def poll_list(request):
    polls = Poll.objects.annotate(
        n=Count("invitees", distinct=True),
        answered=Count("invitees", filter=Q(invitees__answered_at__isnull=False), distinct=True),
    )
    return render(request, "procedure/poll_list.html", {"polls": polls})


@role_required(*MANAGE)
def poll_new(request):
    initial = {}
    if request.GET.get("call"):
        call = Call.objects.filter(pk=request.GET["call"]).first()
        if call:
            initial = {
                "call": call.pk,
                "title": _("Meeting on the final version: %(doc)s") % {"doc": call.document_title},
            }
    form = PollForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            poll = form.save(commit=False)
            poll.created_by = request.user
            poll.save()
            PollOption.objects.bulk_create(
                PollOption(poll=poll, starts_at=at) for at in form.cleaned_data["options_text"]
            )
            if poll.call_id:
                for inv in poll.call.invitations.filter(revoked_at__isnull=True):
                    services.create_poll_invitee(
                        poll,
                        contact=inv.contact,
                        name=inv.name,
                        email=inv.email,
                        org=inv.actor_name,
                    )
        messages.success(request, _("Poll saved."))
        return redirect(poll)
    return render(
        request,
        "procedure/simple_form.html",
        {
            "form": form,
            "title": _("New meeting poll"),
            "help": _("Invitees of a linked call for contributions are invited automatically."),
            "cancel_url": reverse("procedure:polls"),
        },
    )


@role_required(*MANAGE)
def poll_detail(request, pk):
    poll = get_object_or_404(Poll, pk=pk)
    results = services.poll_results(poll)
    for row in results["rows"]:
        row["url"] = request.build_absolute_uri(services.link_path(row["invitee"]))
    return render(
        request,
        "procedure/poll_detail.html",
        {"poll": poll, **results, "invite_form": PollInviteForm()},
    )


@role_required(*MANAGE)
@require_POST
def poll_invite(request, pk):
    poll = get_object_or_404(Poll, pk=pk)
    form = PollInviteForm(request.POST)
    if not form.is_valid():
        for error in form.non_field_errors():
            messages.error(request, error)
        for name, errors in form.errors.items():
            if name != "__all__":
                messages.error(request, f"{form.fields[name].label}: {' '.join(errors)}")
        return redirect(poll)
    data = form.cleaned_data
    invitees = [services.create_poll_invitee(poll, contact=c) for c in data["contacts"]]
    if data["name"] or data["email"]:
        invitees.append(
            services.create_poll_invitee(
                poll, name=data["name"], email=data["email"], org=data["organisation"]
            )
        )
    sent = 0
    if data["send_now"]:
        sent = sum(services.send_poll_invitation(i, _base(request)) for i in invitees)
    messages.success(
        request, _("%(n)s invited, %(sent)s e-mails sent.") % {"n": len(invitees), "sent": sent}
    )
    return redirect(poll)


@role_required(*MANAGE)
@require_POST
def poll_send(request, pk):
    poll = get_object_or_404(Poll, pk=pk)
    sent = sum(
        services.send_poll_invitation(i, _base(request))
        for i in poll.invitees.filter(invited_at__isnull=True, revoked_at__isnull=True)
    )
    messages.success(request, _("%(sent)s e-mails sent.") % {"sent": sent})
    return redirect(poll)


@role_required(*MANAGE)
@require_POST
def poll_schedule(request, pk):
    poll = get_object_or_404(Poll, pk=pk)
    option = get_object_or_404(PollOption, pk=request.POST.get("option"), poll=poll)
    workshop = services.schedule(poll, option, request.user)
    messages.success(
        request, _("Date fixed: workshop created with the poll's invitees as participants.")
    )
    return redirect(workshop)


@role_required(*MANAGE)
def poll_delete(request, pk):
    poll = get_object_or_404(Poll, pk=pk)
    return confirm_delete(
        request,
        poll,
        cancel_url=poll.get_absolute_url(),
        success_url=reverse("procedure:polls"),
        message=_("Poll deleted."),
        consequences=_("All answers and personal links are deleted with it."),
    )


def poll_answer(request, token):
    try:
        invitee = services.resolve_poll_invitee(token)
    except services.LinkProblem as problem:
        return _problem(request, problem, _("Meeting poll"))
    poll = invitee.poll
    options = list(poll.options.all())
    if request.method == "POST" and poll.workshop_id is None:
        answers = {o.pk: request.POST.get(f"option-{o.pk}", "") for o in options}
        missing = [o for o in options if not answers[o.pk]]
        if missing:
            messages.error(
                request,
                _("Please answer every date (missing: %(dates)s).")
                % {"dates": ", ".join(str(o) for o in missing)},
            )
        else:
            services.save_poll_answers(invitee, answers)
            messages.success(request, _("Thank you, your answer has been saved."))
            return redirect(request.path)
    given = {a.option_id: a.answer for a in invitee.answers.all()}
    rows = [
        {"option": o, "answer": request.POST.get(f"option-{o.pk}") or given.get(o.pk, "")}
        for o in options
    ]
    return render(
        request,
        "procedure/public_poll.html",
        {
            "invitee": invitee,
            "poll": poll,
            "rows": rows,
            "choices": [("yes", _("yes")), ("maybe", _("maybe")), ("no", _("no"))],
        },
    )
