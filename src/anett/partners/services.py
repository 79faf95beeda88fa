"""ORM adapters of the partner app: membership, the review workflow, attachments,
contributions, the digest e-mail and the aggregated figures shown to partners."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from anett.core import roles
from anett.core.disclosure import suppress_table
from anett.core.links import public_base_url

from . import attachments, digest, vocab, workflow
from .models import (
    STAFF_ROLES,
    Contribution,
    DigestDelivery,
    DigestRun,
    Insight,
    InsightAttachment,
    InsightStatusChange,
    PartnerMembership,
    PartnerOrganisation,
    PartnerProfile,
)


def organisation_of(user) -> PartnerOrganisation | None:
    """The partner organisation `user` belongs to (None if none or anonymous)."""
    if user is None or not getattr(user, "is_authenticated", False) or user.pk is None:
        return None
    membership = PartnerMembership.objects.filter(user=user).select_related("organisation").first()
    return membership.organisation if membership else None


def display_organisation(user) -> str:
    """The name shown beside a user's contribution: the organisation, never the person."""
    org = organisation_of(user)
    if org is not None:
        return org.name
    if user.effective_role in STAFF_ROLES | {roles.BERATUNG}:
        return _("ANeTT network office")
    return user.organisation or _("Partner organisation")


# --- membership ---------------------------------------------------------------------------


def find_user(identifier: str):
    """A user by user name or e-mail address (case-insensitive)."""
    from anett.core.models import User

    identifier = identifier.strip()
    if not identifier:
        return None
    matches = list(
        User.objects.filter(Q(username__iexact=identifier) | Q(email__iexact=identifier))[:2]
    )
    return matches[0] if len(matches) == 1 else None


@transaction.atomic
def add_member(organisation: PartnerOrganisation, identifier: str, by) -> PartnerMembership:
    """Add the user named by user name or e-mail; ValueError with a German message."""
    user = find_user(identifier)
    if user is None:
        raise ValueError(
            _(
                "No user account with the user name or e-mail address “%(id)s”. "
                "The administration creates user accounts."
            )
            % {"id": identifier.strip()}
        )
    if user.effective_role != roles.PARTNER:
        raise ValueError(
            _(
                "“%(user)s” has the role %(role)s; only accounts with the role Partner can "
                "belong to a partner organisation."
            )
            % {"user": user.username, "role": user.get_role_display()}
        )
    current = PartnerMembership.objects.filter(user=user).select_related("organisation").first()
    if current is not None:
        if current.organisation_id == organisation.pk:
            raise ValueError(
                _("“%(user)s” already belongs to this organisation.") % {"user": user.username}
            )
        raise ValueError(
            _("“%(user)s” already belongs to “%(org)s”. Remove the account there first.")
            % {"user": user.username, "org": current.organisation.name}
        )
    membership = PartnerMembership.objects.create(organisation=organisation, user=user, added_by=by)
    if user.organisation != organisation.name:
        user.organisation = organisation.name[:200]
        user.save(update_fields=["organisation"])
    return membership


# --- workflow -----------------------------------------------------------------------------


@transaction.atomic
def change_status(insight: Insight, action: str, by, comment: str = "") -> Insight:
    """Run one workflow step; workflow.TransitionError with the reason if not possible."""
    insight = Insight.objects.select_for_update().get(pk=insight.pk)
    old = insight.status
    new = workflow.check(
        action,
        old,
        actor_id=by.pk,
        author_id=insight.author_id,
        is_admin=by.effective_role == roles.ADMIN,
        comment=comment,
    )
    insight.status = new
    fields = ["status", "updated_at"]
    if action == workflow.PUBLISH:
        insight.reviewer = by
        insight.published_at = timezone.now()
        fields += ["reviewer", "published_at"]
    elif action == workflow.RETURN:
        insight.reviewer = by
        fields.append("reviewer")
    insight.save(update_fields=fields)
    InsightStatusChange.objects.create(
        insight=insight, from_status=old, to_status=new, by=by, comment=comment.strip()
    )
    return insight


def max_attachment_mb() -> int:
    return int(getattr(settings, "ANETT_INSIGHT_ATTACHMENT_MAX_MB", attachments.MAX_MB_DEFAULT))


def add_attachment(insight: Insight, upload, by) -> InsightAttachment:
    """Check and store an uploaded file; ValueError with a German message."""
    head = upload.read(2048)
    upload.seek(0)
    checked = attachments.check_file(upload.name, upload.size, head, max_attachment_mb())
    return InsightAttachment.objects.create(
        insight=insight,
        file=upload,
        original_name=upload.name[-200:],
        content_type=checked.content_type,
        size=upload.size,
        uploaded_by=by,
    )


def delete_attachment_file(attachment: InsightAttachment):
    """Remove the stored file once the row is gone (after the transaction commits)."""
    name, storage = attachment.file.name, attachment.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- contributions ------------------------------------------------------------------------


def visible_contributions(insight: Insight, user):
    """Top-level contributions of an insight `user` may read, with their answers."""
    qs = insight.contributions.filter(parent__isnull=True).prefetch_related("answers")
    if user.effective_role in STAFF_ROLES:
        return qs
    org = organisation_of(user)
    own = Q(author=user) | (Q(organisation=org) if org else Q(pk__in=[]))
    return qs.filter(Q(private=False) | own)


def contribute(insight: Insight, user, kind: str, text: str, private: bool) -> Contribution:
    org = organisation_of(user)
    return Contribution.objects.create(
        insight=insight,
        kind=kind,
        text=text.strip(),
        private=private,
        author=user,
        organisation=org,
        organisation_name=display_organisation(user),
    )


def answer(question: Contribution, user, text: str) -> Contribution:
    return Contribution.objects.create(
        insight=question.insight,
        parent=question,
        kind=vocab.ANSWER,
        text=text.strip(),
        private=question.private,
        author=user,
        organisation=organisation_of(user),
        organisation_name=display_organisation(user),
    )


def own_contributions(user):
    """'My contributions': those of the user's organisation (or the user's own)."""
    org = organisation_of(user)
    own = Q(author=user) | (Q(organisation=org) if org else Q(pk__in=[]))
    return (
        Contribution.objects.filter(own, parent__isnull=True)
        .select_related("insight")
        .prefetch_related("answers")
        .order_by("-created_at", "-id")
    )


# --- digest -------------------------------------------------------------------------------


def digest_recipients():
    """Active partner users with an e-mail address, digest switched on, and either no
    organisation or an active one."""
    from anett.core.models import User

    return (
        User.objects.filter(role=roles.PARTNER, is_active=True)
        .exclude(email="")
        .exclude(partner_profile__digest_enabled=False)
        .exclude(partner_membership__organisation__active=False)
        .order_by("username")
    )


@dataclass
class DigestItem:
    user: object
    insights: list = field(default_factory=list)


def plan_digest(now=None) -> list[DigestItem]:
    """Per recipient the insights their next digest holds (recipients with none left out)."""
    now = now or timezone.now()
    first_days = int(getattr(settings, "ANETT_DIGEST_FIRST_DAYS", 30))
    plan = []
    for user in digest_recipients():
        visible = list(Insight.objects.visible_to(user).published().order_by("-published_at"))
        if not visible:
            continue
        sent = set(DigestDelivery.objects.filter(user=user).values_list("insight_id", flat=True))
        profile = PartnerProfile.objects.filter(user=user).first()
        ids = digest.select(
            [digest.Candidate(i.pk, i.published_at) for i in visible],
            already_sent=sent,
            last_digest=profile.last_digest_at if profile else None,
            now=now,
            first_days=first_days,
        )
        if ids:
            by_id = {i.pk: i for i in visible}
            plan.append(DigestItem(user, [by_id[i] for i in ids]))
    return plan


def digest_message(item: DigestItem, site: str, connection=None) -> EmailMultiAlternatives:
    """The German e-mail (plain text and HTML) for one recipient."""
    with translation.override("de"):
        n = len(item.insights)
        subject = ngettext(
            "ANeTT: %(n)d new insight for your organisation",
            "ANeTT: %(n)d new insights for your organisation",
            n,
        ) % {"n": n}
        context = {
            "user": item.user,
            "organisation": organisation_of(item.user),
            "insights": [
                {"obj": i, "url": site + i.get_absolute_url(), "kind": i.get_kind_display()}
                for i in item.insights
            ],
            "list_url": site + reverse("partners:insights"),
            "feed_url": site + reverse("partners:my_feed"),
        }
        text = render_to_string("partners/email/digest.txt", context)
        html = render_to_string("partners/email/digest.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=getattr(settings, "ANETT_DIGEST_FROM", None) or settings.DEFAULT_FROM_EMAIL,
        to=[item.user.email],
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


@dataclass
class DigestResult:
    run: DigestRun | None
    plan: list
    sent: int = 0
    failed: list = field(default_factory=list)


def send_digest(*, by=None, via="command", dry_run=False, site=None, now=None) -> DigestResult:
    """Send each recipient one e-mail with their new insights and record what was sent.
    A dry run only plans (no e-mail, nothing recorded)."""
    now = now or timezone.now()
    plan = plan_digest(now)
    if dry_run:
        return DigestResult(None, plan)
    site = (site or public_base_url()).rstrip("/")
    run = DigestRun.objects.create(started_by=by, via=via, started_at=now)
    result = DigestResult(run, plan)
    connection = get_connection(fail_silently=False)
    n_insights = 0
    for item in plan:
        try:
            digest_message(item, site, connection).send()
        except Exception as exc:  # noqa: BLE001 - one failing address must not stop the run
            result.failed.append((item.user, str(exc)))
            continue
        with transaction.atomic():
            DigestDelivery.objects.bulk_create(
                [
                    DigestDelivery(run=run, user=item.user, insight=i, sent_at=now)
                    for i in item.insights
                ],
                ignore_conflicts=True,
            )
            PartnerProfile.objects.update_or_create(
                user=item.user, defaults={"last_digest_at": now}
            )
        result.sent += 1
        n_insights += len(item.insights)
    run.finished_at = timezone.now()
    run.recipients = result.sent
    run.insights = n_insights
    run.failures = len(result.failed)
    run.save(update_fields=["finished_at", "recipients", "insights", "failures"])
    return result


# --- aggregated figures for partners ------------------------------------------------------


def network_figures(kreis_ids: set[int]) -> dict | None:
    """Firms the network has reached (reached or engaged) per district × branch group in
    the given districts, with small-cell suppression (core.disclosure) – the only figure
    about firms a partner sees here."""
    from anett.companies.models import BranchGroup, Company, EngagementStatus
    from anett.regions.models import Kreis

    if not kreis_ids:
        return None
    kreise = list(Kreis.objects.filter(id__in=kreis_ids).order_by("name"))
    groups = list(BranchGroup.choices)
    counts: dict[tuple[int, str], int] = {}
    rows = (
        Company.objects.filter(
            kreis_id__in=kreis_ids,
            engagement_status__in=[EngagementStatus.REACHED, EngagementStatus.ENGAGED],
        )
        .values_list("kreis_id", "branch_group")
        .annotate(n=Count("id"))
        .order_by()
    )
    for kreis_id, group, n in rows:
        counts[(kreis_id, group)] = n
    matrix = [[counts.get((k.id, g), 0) for g, _label in groups] for k in kreise]
    table = suppress_table(matrix)
    return {
        "groups": [label for _g, label in groups],
        "rows": [
            {"kreis": k.name, "cells": cells, "total": total}
            for k, cells, total in zip(kreise, table.cells, table.row_totals, strict=True)
        ],
        "col_totals": table.col_totals,
        "total": table.total,
    }
