"""Plain pipeline rules: forward-only stage moves, follow-up dates, totals."""

from datetime import date
from decimal import Decimal

import pytest

from anett.funding import pipeline as p


@pytest.mark.parametrize(
    ("current", "target", "expected"),
    [
        ("identified", "first_talk", "first_talk"),
        ("check_done", "first_talk", None),  # never backwards
        ("measure_planned", "measure_planned", None),
        ("in_progress", "measure_planned", None),
        ("check_done", "in_progress", "in_progress"),
        ("later", "first_talk", None),  # a mere proposal does not wake a parked firm
        ("no_interest", "measure_planned", "measure_planned"),
        ("completed", "in_progress", None),
        ("identified", None, None),
    ],
)
def test_forward(current, target, expected):
    assert p.forward(current, target) == expected


def test_stage_codes_match_the_company_model():
    from anett.companies.models import Stage

    assert tuple(s.value for s in Stage) == p.MAIN_STAGES + p.SIDE_STAGES
    from anett.network import vocab

    assert {c for c, _l in vocab.REFERRAL_STATUS_CHOICES} == set(p.REFERRAL_STAGE)
    from anett.funding.models import MeasureStatus

    assert set(MeasureStatus.values) == set(p.RECORD_STAGE)


def test_add_months_and_follow_up():
    assert p.add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert p.add_months(date(2025, 3, 15), -6) == date(2024, 9, 15)
    end = date(2025, 1, 31)
    assert p.follow_up_date(end) == date(2025, 7, 31)
    assert not p.follow_up_due("completed", end, None, date(2025, 7, 30))
    assert p.follow_up_due("completed", end, None, date(2025, 7, 31))
    assert not p.follow_up_due("completed", end, 3, date(2026, 1, 1))
    assert not p.follow_up_due("cancelled", end, None, date(2026, 1, 1))
    assert not p.follow_up_due("running", None, None, date(2026, 1, 1))


def test_totals_and_retention():
    D = Decimal
    rows = [
        p.RecordRow("completed", 10, D("120"), D("40000"), D("30000"), D("28000"), 9),
        p.RecordRow("completed", 4, D("40"), None, D("2000"), None, None),
        p.RecordRow("running", 6, None, D("6000"), None, D("3000"), None),
        p.RecordRow("cancelled", 5, D("100"), D("999"), D("999"), D("999"), None),
    ]
    t = p.totals(rows)
    assert (t.measures, t.participants) == (4, 20)
    assert t.participant_hours == D("1360")
    assert (t.cost, t.applied, t.granted) == (D("46000"), D("32000"), D("31000"))
    assert (t.with_outcome, t.employed) == (10, 9)
    assert t.retention == D("0.9")
    assert p.totals([]).retention is None
