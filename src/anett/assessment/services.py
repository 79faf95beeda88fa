"""Services of the transformation check: they adapt the ORM to questionnaire/scoring."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone

from anett.companies.models import Activity, Company, Outcome
from anett.companies.services import recompute_engagement

from . import scoring
from .models import Assessment, CheckLink, Flag, Mode, Need, NeedSource, Questionnaire, Status
from .questionnaire import AnswerError, bundled_definitions, clean_answer

DEFAULT_SLUG = "transformations-check"
LINK_DAYS = 30
MIN_PEERS = 5
_SIGNER_SALT = "anett.assessment.checklink"


# --- questionnaires -------------------------------------------------------------------


@transaction.atomic
def load_questionnaires() -> int:
    """Store the bundled questionnaire versions; the newest of each slug is active."""
    created = 0
    for data in bundled_definitions():
        _obj, was_created = Questionnaire.objects.get_or_create(
            slug=data["slug"],
            version=data["version"],
            defaults={"title": data["title"], "definition": data},
        )
        created += was_created
    for slug in Questionnaire.objects.values_list("slug", flat=True).distinct():
        newest = Questionnaire.objects.filter(slug=slug).order_by("-version").first()
        Questionnaire.objects.filter(slug=slug).exclude(pk=newest.pk).update(active=False)
    return created


def current_questionnaire(slug: str = DEFAULT_SLUG) -> Questionnaire:
    return Questionnaire.objects.filter(slug=slug, active=True).order_by("-version").first()


# --- assessments ----------------------------------------------------------------------


def start_assessment(company: Company, user, mode: str = Mode.VISIT) -> Assessment:
    questionnaire = current_questionnaire()
    if questionnaire is None:
        raise RuntimeError("Kein Fragebogen geladen (anett setup).")
    return Assessment.objects.create(
        company=company, questionnaire=questionnaire, mode=mode, created_by=user
    )


@dataclass
class SaveResult:
    saved: bool
    errors: dict[str, str]
    conflict: bool = False


def save_page(assessment: Assessment, topic_id, raw: dict, revision: int) -> SaveResult:
    """Validate and store the answers of one page.

    `revision` is the revision the form was rendered with. If someone saved in between
    (another tab, a colleague), nothing is overwritten: the caller shows both versions.
    """
    definition = assessment.questionnaire.parsed
    questions = definition.questions_for(topic_id)
    errors, values = {}, {}
    for q in questions:
        try:
            values[q.id] = clean_answer(q, raw.get(q.id))
        except AnswerError as exc:
            errors[q.id] = exc.message
    if errors:
        return SaveResult(False, errors)
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.status == Status.SUBMITTED:
            return SaveResult(False, {}, conflict=True)
        if locked.revision != revision:
            changed = [q.id for q in questions if locked.answers.get(q.id) != values.get(q.id)]
            if changed:
                assessment.answers, assessment.revision = locked.answers, locked.revision
                return SaveResult(False, {}, conflict=True)
        answers = dict(locked.answers)
        for qid, value in values.items():
            if value is None:
                answers.pop(qid, None)
            else:
                answers[qid] = value
        locked.answers = answers
        locked.revision += 1
        locked.save(update_fields=["answers", "revision", "updated_at"])
    assessment.answers, assessment.revision = locked.answers, locked.revision
    return SaveResult(True, {})


def evaluate(assessment: Assessment) -> scoring.Result:
    return scoring.evaluate(
        assessment.questionnaire.parsed, assessment.answers, assessment.company.branch_group
    )


@transaction.atomic
def submit(assessment: Assessment, user=None) -> bool:
    """Complete a check: store needs, raise flags with follow-ups, log the activity.

    Returns False when it was already submitted (double submission changes nothing).
    """
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status == Status.SUBMITTED:
        return False
    company = Company.objects.select_for_update().get(pk=locked.company_id)
    result = scoring.evaluate(locked.questionnaire.parsed, locked.answers, company.branch_group)
    now = timezone.now()
    actor = user or locked.created_by

    # A new check replaces earlier check results, and hand corrections of the topics
    # it measures; hand corrections of other topics stay.
    measured = {n.topic for n in result.needs}
    Need.objects.filter(company=company, current=True, source=NeedSource.CHECK).update(
        current=False
    )
    Need.objects.filter(company=company, current=True, topic__in=measured).update(current=False)
    Need.objects.bulk_create(
        Need(
            company=company,
            topic=n.topic,
            level=n.level,
            source=NeedSource.CHECK,
            assessment=locked,
            causes=[{"question": c.question, "answer": c.answer, "need": c.need} for c in n.causes],
            reason=f"{n.answered} Antworten im Thema „{n.title}“.",
            created_by=actor,
        )
        for n in result.needs
    )
    responsible = company.advisers.order_by("id").first() or actor
    today = timezone.localdate()
    Flag.objects.bulk_create(
        Flag(
            company=company,
            assessment=locked,
            rule_id=hit.rule_id,
            level=hit.level,
            title=hit.title,
            evidence=hit.evidence,
            follow_up=hit.follow_up,
            assigned_to=responsible,
            due_date=today + timedelta(days=hit.due_days),
        )
        for hit in result.flags
    )
    locked.status = Status.SUBMITTED
    locked.submitted_at = now
    locked.exposure = result.exposure.level if result.exposure else None
    locked.exposure_reason = result.exposure.reason[:300] if result.exposure else ""
    locked.save()
    wc = locked.answers.get("wo_works_council")
    if wc in {"yes", "no"} and company.works_council == "unknown":
        company.works_council = wc
        company.save()
    if actor is not None:
        Activity.objects.create(
            company=company,
            kind="check",
            date=today,
            user=actor,
            outcome=Outcome.PARTICIPATED,
            note=(
                "Transformations-Check abgeschlossen"
                + (" (vom Betrieb selbst ausgefüllt)" if locked.mode == Mode.SELF else "")
                + f": {result.answered} von {result.total} Fragen beantwortet, "
                f"{sum(1 for f in result.flags if f.level == 'red')} rote und "
                f"{sum(1 for f in result.flags if f.level == 'yellow')} gelbe Signale."
            ),
        )
        recompute_engagement(company)
    from anett.outreach.services import advance_to_at_least, refresh_priorities

    advance_to_at_least(company, "check_done")
    refresh_priorities([company.pk])
    assessment.status, assessment.submitted_at = locked.status, locked.submitted_at
    return True


@transaction.atomic
def record_manual_need(company: Company, topic: str, level: int, reason: str, user) -> Need:
    """A hand correction replaces the current need of its topic."""
    Need.objects.filter(company=company, topic=topic, current=True).update(current=False)
    need = Need.objects.create(
        company=company,
        topic=topic,
        level=level,
        reason=reason,
        source=NeedSource.MANUAL,
        created_by=user,
    )
    from anett.outreach.services import refresh_priorities

    refresh_priorities([company.pk])
    return need


# --- needs and profile ----------------------------------------------------------------


def current_needs(company: Company) -> list[Need]:
    """The effective need per topic (at most one current entry per topic)."""
    return sorted(
        company.needs.filter(current=True).select_related("created_by"), key=lambda n: -n.level
    )


def peer_averages(company: Company) -> dict[str, tuple[int, int]]:
    """Average current need per topic of comparable firms (same branch group and SME
    class, excluding the firm itself), only where at least MIN_PEERS firms are in it."""
    rows = (
        Need.objects.filter(
            current=True,
            company__branch_group=company.branch_group,
            company__sme_class=company.sme_class,
        )
        .exclude(company=company)
        .values("topic")
        .annotate(avg=Avg("level"), n=Count("company", distinct=True))
        .order_by()
    )
    return {r["topic"]: (round(r["avg"]), r["n"]) for r in rows if r["n"] >= MIN_PEERS}


# --- links ----------------------------------------------------------------------------


def create_link(assessment: Assessment, user, days: int = LINK_DAYS) -> str:
    link = CheckLink.objects.create(
        assessment=assessment,
        token_id=secrets.token_urlsafe(24),
        created_by=user,
        expires_at=timezone.now() + timedelta(days=days),
    )
    return signed_token(link)


def signed_token(link: CheckLink) -> str:
    return signing.Signer(salt=_SIGNER_SALT).sign(link.token_id)


class LinkProblem(Exception):
    def __init__(self, kind: str, link: CheckLink | None = None):
        super().__init__(kind)
        self.kind = kind  # tampered, unknown, revoked, expired
        self.link = link


def resolve_link(token: str) -> CheckLink:
    try:
        token_id = signing.Signer(salt=_SIGNER_SALT).unsign(token)
    except signing.BadSignature:
        raise LinkProblem("tampered") from None
    link = (
        CheckLink.objects.select_related("assessment__company", "assessment__questionnaire")
        .filter(token_id=token_id)
        .first()
    )
    if link is None:
        raise LinkProblem("unknown")
    if link.revoked_at is not None:
        raise LinkProblem("revoked", link)
    if link.expires_at <= timezone.now():
        raise LinkProblem("expired", link)
    CheckLink.objects.filter(pk=link.pk).update(last_used_at=timezone.now())
    return link


def revoke_link(link: CheckLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])


def company_profile(company: Company) -> dict:
    """Everything the company page shows about checks, needs and signals."""
    from .models import Topic

    assessments = list(
        company.assessments.select_related("questionnaire", "created_by").order_by("-created_at")
    )
    submitted = sorted(
        (a for a in assessments if a.status == Status.SUBMITTED), key=lambda a: a.submitted_at
    )
    first, latest = (submitted[0], submitted[-1]) if submitted else (None, None)
    # The change since the first check is shown once the firm has repeated the check.
    first_levels = (
        dict(first.needs.values_list("topic", "level")) if first and first != latest else {}
    )
    needs = current_needs(company)
    peers = peer_averages(company) if needs else {}
    titles = dict(Topic.choices)
    rows = []
    for need in needs:
        peer = peers.get(need.topic)
        rows.append(
            {
                "need": need,
                "title": titles.get(need.topic, need.topic),
                "level": need.level,
                "peer": peer[0] if peer else None,
                "peer_n": peer[1] if peer else None,
                "first": first_levels.get(need.topic),
            }
        )
    return {
        "rows": rows,
        "assessments": assessments,
        "flags": list(
            company.flags.select_related("assigned_to").order_by(
                "resolved_at", "-level", "due_date"
            )
        ),
        "exposure": latest.exposure if latest else None,
        "exposure_reason": latest.exposure_reason if latest else "",
    }
