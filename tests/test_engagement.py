"""Engagement status derived from activities (plain Python, no database)."""

from datetime import date, timedelta

from anett.companies import engagement as eng
from anett.companies.engagement import ActivityFact

TODAY = date(2025, 6, 30)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def status(*facts: tuple[int, str], **kwargs) -> str:
    activities = [ActivityFact(ago(days), outcome) for days, outcome in facts]
    return eng.derive_status(activities, TODAY, **kwargs).status


def test_no_activities_is_unknown():
    result = eng.derive_status([], TODAY)
    assert result.status == eng.UNKNOWN
    assert result.reason


def test_contacted_is_reached():
    assert status((10, eng.CONTACTED)) == eng.REACHED


def test_contacted_long_ago_stays_reached():
    assert status((400, eng.CONTACTED)) == eng.REACHED


def test_recent_participation_is_engaged():
    assert status((30, eng.PARTICIPATED)) == eng.ENGAGED


def test_interested_and_agreed_are_engaging():
    assert status((5, eng.INTERESTED)) == eng.ENGAGED
    assert status((5, eng.AGREED)) == eng.ENGAGED


def test_engagement_older_than_stale_days_is_passive():
    assert status((366, eng.PARTICIPATED)) == eng.PASSIVE
    assert status((365, eng.PARTICIPATED)) == eng.ENGAGED
    assert status((100, eng.PARTICIPATED), stale_days=90) == eng.PASSIVE


def test_no_response_is_passive():
    assert status((3, eng.NO_RESPONSE)) == eng.PASSIVE


def test_open_approach_younger_than_passive_days_is_unknown():
    assert status((30, eng.OPEN)) == eng.UNKNOWN
    assert status((90, eng.OPEN)) == eng.UNKNOWN


def test_open_approach_older_than_passive_days_is_passive():
    assert status((91, eng.OPEN)) == eng.PASSIVE
    assert status((40, eng.OPEN), passive_after_days=30) == eng.PASSIVE


def test_declined_after_engaged_is_passive():
    assert status((60, eng.PARTICIPATED), (10, eng.DECLINED)) == eng.PASSIVE


def test_engaged_after_declined_is_engaged():
    assert status((60, eng.DECLINED), (10, eng.AGREED)) == eng.ENGAGED


def test_declined_only_is_passive():
    assert status((5, eng.DECLINED)) == eng.PASSIVE


def test_answer_after_no_response_is_reached():
    assert status((60, eng.NO_RESPONSE), (10, eng.CONTACTED)) == eng.REACHED


def test_no_response_after_answer_is_passive():
    assert status((60, eng.CONTACTED), (10, eng.NO_RESPONSE)) == eng.PASSIVE


def test_order_of_input_does_not_matter():
    facts = [ActivityFact(ago(10), eng.DECLINED), ActivityFact(ago(60), eng.PARTICIPATED)]
    assert eng.derive_status(facts, TODAY).status == eng.PASSIVE
    assert eng.derive_status(list(reversed(facts)), TODAY).status == eng.PASSIVE


def test_reason_names_the_date():
    result = eng.derive_status([ActivityFact(date(2025, 6, 1), eng.PARTICIPATED)], TODAY)
    assert result.status == eng.ENGAGED
    assert "01.06.2025" in result.reason
