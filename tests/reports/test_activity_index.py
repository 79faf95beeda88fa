"""The activity figures kept up to date firm by firm equal a recount: in plain Python
(random histories of changes) and against the SQL computation on the database."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anett.reports import activity_index as ai
from anett.reports import indicators as ind
from anett.reports import services

from .conftest import add_activity, bulk_firms

D0 = date(2025, 1, 1)
firm_st = st.builds(
    ai.Firm,
    kreis_id=st.sampled_from([1, 2, 3]),
    group=st.sampled_from(["automotive", "supplier"]),
    employees=st.integers(0, 500),
    sme=st.booleans(),
    no_wc=st.booleans(),
)
days_st = st.dictionaries(
    st.integers(0, 800).map(lambda n: (D0 + timedelta(days=n)).isoformat()),
    st.integers(1, 3),
    max_size=4,
)
state_st = st.tuples(
    st.dictionaries(st.integers(1, 12), firm_st),
    st.dictionaries(st.integers(1, 12), days_st),
)
RANGES = [
    ("totals", None, None),
    ("totals", date(2025, 1, 1), date(2025, 12, 31)),
    ("totals", date(2025, 4, 1), date(2025, 6, 30)),
    ("months", date(2025, 1, 1), date(2026, 12, 31)),
    ("months", date(2025, 3, 1), date(2025, 9, 30)),
]


def _copy(days):
    return {f: dict(d) for f, d in days.items()}


@settings(max_examples=150, deadline=None)
@given(state_st, st.lists(st.tuples(st.sets(st.integers(1, 14), max_size=4), state_st), max_size=5))
def test_updates_by_delta_equal_a_recount(start, changes):
    firms, days = start
    index = ai.ActivityIndex(dict(firms), _copy(days))
    handed_out = {r: index.figures(*r) for r in RANGES}
    frozen = {r: {i: dict(c) for i, c in f.items()} for r, f in handed_out.items()}
    for touched, (new_firms, new_days) in changes:
        firms_now = {f: v for f, v in new_firms.items() if f in touched}
        days_now = {f: v for f, v in new_days.items() if f in touched}
        index.update(firms_now, _copy(days_now), touched)
        for f in touched:
            days.pop(f, None)
            if f in firms_now:
                firms[f] = firms_now[f]
            else:
                firms.pop(f, None)
        days.update(_copy(days_now))
        recount = ai.ActivityIndex(dict(firms), _copy(days))
        for r in RANGES:
            assert index.figures(*r) == recount.figures(*r), r
    # figures handed out earlier are never changed by later updates
    assert {r: {i: dict(c) for i, c in f.items()} for r, f in handed_out.items()} == frozen


def test_a_firm_counts_once_per_month_and_period():
    firm = ai.Firm(7, "supplier", 40, True, False)
    days = {"2025-03-02": ai.REACHED, "2025-03-20": ai.REACHED | ai.ADVISED, "2025-05-01": 1}
    index = ai.ActivityIndex({1: firm}, {1: days})
    totals = index.figures("totals", None, None)
    assert totals["reached"] == {(7, "supplier"): 1}
    assert totals["employees_reached"] == {(7, "supplier"): 40}
    assert totals["sme_reached"] == {(7, "supplier"): 1}
    assert totals["no_wc_reached"] == {} and totals["advised"] == {(7, "supplier"): 1}
    months = index.figures("months", date(2025, 1, 1), date(2025, 12, 31))
    assert months["reached"] == {("2025-03", 7, "supplier"): 1, ("2025-05", 7, "supplier"): 1}
    assert months["advised"] == {("2025-03", 7, "supplier"): 1}
    assert index.figures("totals", date(2025, 4, 1), date(2025, 4, 30))["reached"] == {}


def _nonzero(cells):
    return {k: v for k, v in cells.items() if v}


def _sql_figures(period, start, end):
    totals = {i: _nonzero(c) for i, c in services._agg_activities(period).items()}
    months = {"reached": {}, "advised": {}}
    for m, k, g, r, v in services._activity_months(start, end):
        if r:
            months["reached"][(m, k, g)] = r
        if v:
            months["advised"][(m, k, g)] = v
    return totals, months


def _index_figures(period, start, end):
    version = services.data_version()
    return (
        services.activity_figures("totals", period, period, version),
        services.activity_figures("months", start, end, version),
    )


@pytest.mark.django_db
def test_index_follows_every_kind_of_change(user_koordination, monkeypatch):
    from anett.companies.models import Activity
    from anett.regions.models import Kreis

    kreise = list(Kreis.objects.filter(ags__startswith="16").order_by("ags")[:3])
    firms = []
    for n, kreis in enumerate(kreise):
        firms += bulk_firms(kreis, "supplier", 4 + n, sme_class="small", employees_site=10 + n)
        firms += bulk_firms(kreis, "automotive", 3, sme_class="large", works_council="yes")
    today = date.today()
    add_activity(firms[::2], user_koordination, when=today - timedelta(days=40))
    add_activity(firms[1::3], user_koordination, kind="visit", outcome="agreed", when=today)
    add_activity(firms[2::5], user_koordination, outcome="declined", when=today)
    year = ind.parse_period(str(today.year))
    cases = [(None, today - timedelta(days=700), today), (year, year.start, year.end)]

    def check():
        for period, start, end in cases:
            assert _index_figures(period, start, end) == _sql_figures(period, start, end)

    check()
    index = services._index[2]
    new = Activity.objects.create(  # firms[3] and firms[5] had no activity yet
        company=firms[3],
        kind="workshop",
        outcome="participated",
        date=today,
        user=user_koordination,
    )
    check()
    new.company = firms[5]  # moved to another firm: both firms are counted anew
    new.save()
    check()
    new.outcome = "declined"
    new.save()
    check()
    Activity.objects.filter(company=firms[0]).delete()
    check()
    add_activity(firms[5:9], user_koordination, kind="check", outcome="participated")
    check()
    firms[4].kreis = kreise[0]  # a firm changes district
    firms[4].save()
    check()
    Activity.objects.create(
        company=firms[4], kind="call", outcome="agreed", date=today, user=user_koordination
    )
    check()
    firms[6].delete()
    check()
    assert services._index[2] is index  # all of this by delta, no rebuild
    monkeypatch.setattr(services, "DELTA_LIMIT", 2)  # more firms touched: rebuilt
    add_activity(firms[9:13], user_koordination, kind="visit", outcome="interested")
    check()
    assert services._index[2] is not index
