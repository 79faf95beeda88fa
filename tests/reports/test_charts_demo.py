"""SVG charts (plain Python) and the demo content of the reports app."""

import pytest

from anett.core.disclosure import SMALL
from anett.reports import charts


def test_line_chart_draws_series_and_marks_hidden_months():
    svg = charts.line_chart(
        ["01/26", "02/26", "03/26"],
        [("Erreichte Betriebe", [12, SMALL, 30]), ("Beratene <Betriebe>", [0, 5, 6])],
        title="Betriebe je Monat",
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "Erreichte Betriebe 03/26: 30" in svg
    assert 'class="hidden-mark"' in svg and "&lt; 5" in svg
    assert "Beratene &lt;Betriebe&gt;" in svg  # labels are escaped
    # The hidden month splits the first series into two segments.
    assert svg.count("<polyline") == 3


def test_bar_chart_and_funnel():
    svg = charts.bar_chart([("A", 10), ("B", SMALL), ("C", 0)], title="T", centred=True)
    assert "A: 10" in svg and "hidden-mark" in svg
    assert svg.count("<rect") == 2  # A and C (a zero-width bar), none for the hidden one


@pytest.mark.django_db
def test_demo_measures_and_report_are_idempotent(user_koordination):
    from anett.companies.models import Company
    from anett.funding.models import MeasureRecord
    from anett.regions.models import Kreis
    from anett.reports import demo
    from anett.reports.models import ReportPeriod

    kreis = Kreis.objects.get(ags="16063")
    Company.objects.bulk_create(
        [
            Company(name=f"Demo {i}", kreis=kreis, is_demo=True, stage="check_done")
            for i in range(20)
        ]
    )
    summary = demo.create_demo(2022, print)
    assert "Demo-Maßnahmen" in summary
    n = MeasureRecord.objects.count()
    assert n >= 12 and ReportPeriod.objects.filter(title=demo.DEMO_REPORT).count() == 1
    assert demo.create_demo(2022, print) is None
    assert MeasureRecord.objects.count() == n
