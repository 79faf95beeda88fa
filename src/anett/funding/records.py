"""Measure records and referral tracking: adapters between the ORM and `pipeline`.

- `track_referral(referral, old_status, user)`: every referral change becomes an Activity on
  the firm; the outreach stage moves forward (`outreach.services.move_stage`, which records
  the move in that same activity) when the new status implies a later stage.
- `track_record(record, user)`: a measure record moves the stage forward by its status.
- `network_records(user, filters)`, `summary(qs)`, `records_xlsx(...)`: the network-wide list.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anett.companies.models import Activity, ActivityKind, Company
from anett.network import vocab

from . import pipeline
from .catalogue import PROGRAMME_IDS, load_catalogue
from .models import MeasureRecord, MeasureStatus, PlannedMeasure
from .services import calculate, display_title, programme_settings


def _move(company: Company, target: str | None, user, note: str) -> Activity | None:
    """Move forward if `target` is later; the outreach service records the activity."""
    from anett.outreach.services import move_stage

    company.refresh_from_db(fields=["stage"])
    goal = pipeline.forward(company.stage, target)
    if goal is None:
        return None
    return move_stage(company, goal, user, note=note)


def _label(choices, code) -> str:
    return vocab.label(choices, code) or code


@transaction.atomic
def track_referral(referral, old_status: str | None, user) -> Activity | None:
    """Record a referral that was made (old_status None) or changed status."""
    if user is None or old_status == referral.status:
        return None
    from anett.companies.services import recompute_engagement

    company = referral.company
    with translation.override("de"):
        status = _label(vocab.REFERRAL_STATUS_CHOICES, referral.status)
        if old_status is None:
            note = _("Referral to %(actor)s (%(offer)s, topic %(topic)s) proposed.") % {
                "actor": referral.actor_name,
                "offer": referral.offer_title,
                "topic": referral.get_topic_display(),
            }
        else:
            note = _("Referral to %(actor)s (%(offer)s): %(old)s → %(new)s.") % {
                "actor": referral.actor_name,
                "offer": referral.offer_title,
                "old": _label(vocab.REFERRAL_STATUS_CHOICES, old_status),
                "new": status,
            }
        if referral.status == vocab.DONE and referral.measure:
            note += " " + _("Measure: %(measure)s.") % {"measure": referral.measure}
    activity = _move(company, pipeline.REFERRAL_STAGE.get(referral.status), user, note)
    if activity is None:
        activity = Activity.objects.create(
            company=company,
            kind=ActivityKind.NOTE,
            date=timezone.localdate(),
            user=user,
            outcome=pipeline.REFERRAL_OUTCOME[referral.status],
            note=note,
        )
        recompute_engagement(company)
    return activity


@transaction.atomic
def track_record(record: MeasureRecord, user, old_status: str | None = None) -> None:
    """A new measure record or a changed status moves the firm's stage forward; a record
    made from an open referral closes it as done with this measure."""
    if user is None or old_status == record.status:
        return
    with translation.override("de"):
        note = _("Measure “%(title)s”: %(status)s.") % {
            "title": record.title,
            "status": MeasureStatus(record.status).label,
        }
    _move(record.company, pipeline.RECORD_STAGE.get(record.status), user, note)
    ref = record.referral
    if (
        ref is not None
        and ref.status in vocab.OPEN_STATUSES
        and record.status in (MeasureStatus.RUNNING, MeasureStatus.COMPLETED)
    ):
        old = ref.status
        ref.status = vocab.DONE
        ref.measure = ref.measure or record.title[:300]
        ref.measure_date = ref.measure_date or record.start
        ref.save()
        track_referral(ref, old, user)


# --- prefill --------------------------------------------------------------------------------


def prefill_from_plan(measure: PlannedMeasure) -> dict:
    """Initial data of a measure record made from a Förderrechner plan: title, provider,
    kind, start, participants, hours, cost and the chosen combination's grants."""
    calc = calculate(measure)
    participants = measure.participant_total
    course = (measure.course_costs_eur or 0) + (measure.exam_fees_eur or 0)
    cost = course * participants if measure.kind == "training" else measure.consulting_fee_eur
    initial = {
        "title": measure.title,
        "provider": measure.provider,
        "kind": measure.kind,
        "start": measure.start,
        "participants": participants,
        "hours": measure.hours,
        "cost_eur": cost or None,
        "status": MeasureStatus.PLANNED,
    }
    chosen = calc.combination.rows
    if chosen:
        initial["programme"] = chosen[0].id
        initial["funding_applied_eur"] = calc.combination.grants
        initial["funding_granted_eur"] = calc.combination.grants
    return initial


# --- the network-wide list -------------------------------------------------------------------


@dataclass
class Filters:
    status: str = ""
    kreis: int | None = None
    programme: str = ""
    start: date | None = None  # period: measures running at some point in [start, end]
    end: date | None = None
    due: bool = False


def records_for(user):
    """Records a user may see: coordinators all, advisers those of their firms."""
    return MeasureRecord.objects.filter(company__in=Company.objects.for_detail(user))


def apply_filters(qs, f: Filters, today: date | None = None):
    today = today or timezone.localdate()
    if f.status:
        qs = qs.filter(status=f.status)
    if f.kreis:
        qs = qs.filter(Q(company__kreis_id=f.kreis) | Q(company__kreis__merged_into_id=f.kreis))
    if f.programme:
        qs = qs.filter(programme=f.programme)
    if f.start:
        qs = qs.filter(Q(end__gte=f.start) | Q(end__isnull=True, start__gte=f.start))
    if f.end:
        qs = qs.filter(start__lte=f.end)
    if f.due:
        candidates = qs.filter(
            end__isnull=False, end__lte=today, employed_after_6_months__isnull=True
        ).exclude(status=MeasureStatus.CANCELLED)
        due = [
            pk
            for pk, status, end in candidates.values_list("pk", "status", "end").order_by()
            if pipeline.follow_up_due(status, end, None, today)
        ]
        qs = qs.filter(pk__in=due)
    return qs


def summary(qs) -> pipeline.Totals:
    rows = qs.values_list(
        "status",
        "participants",
        "hours",
        "cost_eur",
        "funding_applied_eur",
        "funding_granted_eur",
        "employed_after_6_months",
    ).order_by()
    return pipeline.totals(pipeline.RecordRow(*r) for r in rows)


def programme_titles() -> dict[str, str]:
    settings = programme_settings()
    catalogue = load_catalogue()
    return {
        pid: display_title(pid, catalogue[pid].versions[-1].title, settings)
        for pid in PROGRAMME_IDS
    }


def is_due(record: MeasureRecord, today: date | None = None) -> bool:
    return pipeline.follow_up_due(
        record.status, record.end, record.employed_after_6_months, today or timezone.localdate()
    )


def records_xlsx(records, totals: pipeline.Totals, titles: dict[str, str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    today = timezone.localdate()
    wb = Workbook()
    ws = wb.active
    ws.title = _("Measures")
    head = [
        _("Company"),
        _("District"),
        _("Measure"),
        _("Provider"),
        _("Kind"),
        _("Programme"),
        _("Status"),
        _("Start"),
        _("End"),
        _("Participants"),
        _("Hours per participant"),
        _("Total cost (EUR)"),
        _("Funding applied for (EUR)"),
        _("Funding granted (EUR)"),
        _("Employed after 6 months"),
        _("Follow-up due"),
    ]
    ws.append(head)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in records:
        ws.append(
            [
                r.company.name,
                r.company.kreis.name if r.company.kreis else "",
                r.title,
                r.provider,
                r.get_kind_display(),
                titles.get(r.programme, r.programme),
                r.get_status_display(),
                r.start,
                r.end,
                r.participants,
                float(r.hours) if r.hours is not None else None,
                float(r.cost_eur) if r.cost_eur is not None else None,
                float(r.funding_applied_eur) if r.funding_applied_eur is not None else None,
                float(r.funding_granted_eur) if r.funding_granted_eur is not None else None,
                r.employed_after_6_months,
                _("yes") if is_due(r, today) else "",
            ]
        )
    for row in ws.iter_rows(min_row=2, min_col=8, max_col=9):
        for cell in row:
            cell.number_format = "DD.MM.YYYY"
    for row in ws.iter_rows(min_row=2, min_col=12, max_col=14):
        for cell in row:
            cell.number_format = "#,##0.00"
    ws.freeze_panes = "A2"
    for col, width in zip(
        "ABCDEFGHIJKLMNOP",
        (32, 20, 36, 24, 14, 30, 18, 12, 12, 10, 10, 14, 14, 14, 12, 10),
        strict=True,
    ):
        ws.column_dimensions[col].width = width

    s = wb.create_sheet(_("Totals"))
    rate = (
        f"{totals.retention * 100:.1f} %".replace(".", ",") if totals.retention is not None else "–"
    )
    for label, value in (
        (_("Measures"), totals.measures),
        (_("Participants"), totals.participants),
        (_("Participant hours"), float(totals.participant_hours)),
        (_("Total cost (EUR)"), float(totals.cost)),
        (_("Funding applied for (EUR)"), float(totals.applied)),
        (_("Funding granted (EUR)"), float(totals.granted)),
        (_("Participants with a recorded outcome"), totals.with_outcome),
        (_("Employed after 6 months"), totals.employed),
        (_("Retention rate"), rate),
    ):
        s.append([label, value])
    s.column_dimensions["A"].width = 40
    s.column_dimensions["B"].width = 16
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
