"""From a company and a planned measure to the engine's case, and the condensed result."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils.translation import gettext

from anett.funding import services
from anett.funding.case import NEVER, parse_case
from anett.funding.engine import evaluate
from anett.funding.models import ProgrammeSetting

from ..conftest import make_company
from .helpers import GROUP, demo_firm, make_measure

pytestmark = pytest.mark.django_db


def _row(calc, pid):
    return next(r for r in calc.rows if r.id == pid)


def test_firm_facts_come_from_the_company_record():
    company = demo_firm(collective_agreement="yes", works_council="yes")
    measure = make_measure(company, training_agreement=None, qg_agreement=None)
    firm = services.firm_data(company, measure)
    assert firm["employees_establishment"] == 30
    assert firm["employees_enterprise"] == 30
    assert firm["turnover_eur"] == 4_000_000
    assert firm["land"] == "TH"  # Wartburgkreis, AGS 16063
    assert firm["ags"] == "16063"
    assert firm["wz"] == "29.32.0"
    # A collective agreement is not a training agreement: unknown until confirmed.
    assert "training_agreement" not in firm
    assert "qg_agreement" not in firm
    assert firm["employer_pays_training"] is True
    assert firm["structural_need_share"] == 0


def test_land_follows_the_ags_prefix_and_missing_figures_stay_unknown():
    company = make_company("Münchner Zulieferer", ags="09162")
    measure = make_measure(company, structural_need_percent=None)
    firm = services.firm_data(company, measure)
    assert firm["land"] == "BY"
    for key in ("employees_establishment", "employees_enterprise", "turnover_eur", "wz"):
        assert key not in firm
    assert "structural_need_share" not in firm
    no_kreis = make_company("Ohne Kreis", ags=None)
    assert "land" not in services.firm_data(no_kreis, make_measure(no_kreis))


def test_participant_facts_keep_unknown_apart_from_never():
    company = demo_firm()
    measure = make_measure(
        company,
        groups=[
            {"label": "ohne Abschluss", "no_qualification": True, "qualification_year": None},
            {"label": "unbekannt", "qualification_year": None, "funding_history": "unknown"},
            {
                "label": "früher gefördert",
                "funding_history": "dates",
                "last_funded_82": date(2020, 6, 30),
                "last_funded_82a": None,
            },
        ],
    )
    data, group_of = services.case_data(measure)
    none, unknown, earlier = data["participants"]
    assert none["qualification_year"] is None and none["last_funded_82"] is None
    assert "qualification_year" not in unknown and "last_funded_82" not in unknown
    assert earlier["last_funded_82"] == "2020-06-30" and earlier["last_funded_82a"] is None
    case = parse_case(data)
    assert case.participants[0].qualification_year is NEVER
    assert case.participants[1].qualification_year is None
    assert case.participants[2].last_funded_82a is NEVER
    assert group_of == [0, 1, 2]


def test_the_worked_example_is_eligible_with_the_documented_amounts():
    calc = services.calculate(make_measure(demo_firm()))
    assert calc.error == ""
    row = _row(calc, "sgb3-82")
    assert row.status == "eligible"
    amounts = {c.name: c.eur for c in row.components}
    assert amounts == {
        "lehrgangskosten": Decimal("6000.00"),
        "arbeitsentgeltzuschuss": Decimal("1514.42"),
    }
    assert row.cost == Decimal("8019.23")
    assert row.employer_cost == Decimal("504.81")
    # The rows are sorted: eligible first, not eligible last.
    order = [services.STATUS_ORDER[r.status] for r in calc.rows]
    assert order == sorted(order)


def test_a_group_of_n_counts_n_times_and_equals_n_single_participants():
    company = demo_firm()
    grouped = services.calculate(make_measure(company, groups=[{**GROUP, "count": 3}]))
    single = services.calculate(
        make_measure(company, groups=[{**GROUP, "label": f"Person {i}"} for i in range(3)])
    )
    g82, s82 = _row(grouped, "sgb3-82"), _row(single, "sgb3-82")
    assert g82.total == s82.total == Decimal("22543.26")  # 3 × 7,514.42
    assert g82.employer_cost == Decimal("1514.43")  # 3 × 504.81
    course = next(c for c in g82.components if c.name == "lehrgangskosten")
    assert course.eur == Decimal("18000.00")
    assert course.formula == "Anteil der Agentur × Lehrgangskosten"
    (line,) = course.lines
    assert line.startswith("Facharbeiter × 3: ") and line.endswith("= 18.000,00 €")
    # Identical reasons of the group are shown once.
    codes = [r.code for r in g82.reasons]
    assert codes.count("P3") == 1
    assert len([r for r in s82.reasons if r.code == "P3"]) == 1
    assert next(r for r in s82.reasons if r.code == "P3").groups == gettext("all groups")
    assert next(r for r in g82.reasons if r.code == "P3").groups == "Facharbeiter"


def test_engine_result_equals_expanded_case():
    company = demo_firm()
    measure = make_measure(company, groups=[{**GROUP, "count": 2}, {**GROUP, "age": 50}])
    data, _ = services.case_data(measure)
    assert len(data["participants"]) == 3
    res = evaluate(parse_case(data), programmes=["sgb3-82"])["results"][0]
    row = _row(services.calculate(measure), "sgb3-82")
    assert row.total == Decimal(str(res["total_eur"])).quantize(Decimal("0.01"))


def test_unknown_facts_become_readable_open_points():
    company = demo_firm(employees_enterprise=None)
    measure = make_measure(company, groups=[{**GROUP, "qualification_year": None}])
    calc = services.calculate(measure)
    row = _row(calc, "sgb3-82")
    assert row.status == "check"
    texts = " ".join(p.text for p in calc.open_points)
    assert "participants[" not in texts and "firm." not in texts
    points = [p for p in calc.open_points if p.programme == "sgb3-82"]
    assert any(p.groups == "Facharbeiter" for p in points)
    assert any(p.kind == "condition" and p.ref for p in points)


def test_late_application_is_a_point_to_check_not_an_error():
    measure = make_measure(demo_firm(), application_date=date(2025, 3, 10))
    calc = services.calculate(measure)
    row = _row(calc, "sgb3-82")
    assert row.status == "check"
    antrag = next(r for r in row.reasons if r.code == "ANTRAG")
    assert antrag.outcome == "check"
    assert any(p.kind == "rule" for p in calc.open_points if p.programme == "sgb3-82")


def test_inconsistent_company_figures_give_a_message_not_a_crash():
    company = demo_firm()
    # The register form forbids this, but imported records may have it.
    type(company).objects.filter(pk=company.pk).update(employees_site=80, employees_enterprise=30)
    company.refresh_from_db()
    calc = services.calculate(make_measure(company))
    assert calc.rows == []
    assert "firm." not in calc.error
    assert "Betrieb (80)" in calc.error and "Unternehmen (30)" in calc.error


def test_combination_totals_and_double_funding_warning():
    measure = make_measure(demo_firm(), selected_programmes=["sgb3-82", "th-weiterbildungsscheck"])
    calc = services.calculate(measure)
    comb = calc.combination
    assert [r.id for r in comb.rows] == ["sgb3-82", "th-weiterbildungsscheck"]
    r82 = _row(calc, "sgb3-82")
    wbs = _row(calc, "th-weiterbildungsscheck")
    assert comb.grants == r82.grants + wbs.grants
    assert comb.cost_base == max(r82.cost, wbs.cost)
    assert comb.remaining == max(comb.cost_base - comb.grants, Decimal(0))
    assert any("Weiterbildungsscheck" in w for w in comb.warnings)
    # Open points cover the chosen programmes only.
    assert {p.programme for p in calc.open_points} <= {"sgb3-82", "th-weiterbildungsscheck"}


def test_single_choice_keeps_the_engine_figures():
    calc = services.calculate(make_measure(demo_firm(), selected_programmes=["sgb3-82"]))
    comb = calc.combination
    assert comb.grants == Decimal("7514.42")
    assert comb.remaining == Decimal("504.81")
    assert comb.warnings == [] and comb.notes == []


def test_without_a_choice_the_plan_lists_every_programme_that_may_apply():
    calc = services.calculate(make_measure(demo_firm()))
    assert calc.combination.rows == []
    assert calc.plan_rows and all(r.status != "not_eligible" for r in calc.plan_rows)


def test_coordinators_settings_decide_what_is_offered():
    measure = make_measure(demo_firm())
    ids = [r.id for r in services.calculate(measure).rows]
    assert "bildungspraemie" not in ids  # ended: not offered by the files
    assert "sgb3-82" in ids
    ProgrammeSetting.objects.create(programme="sgb3-82", active=False)
    ProgrammeSetting.objects.create(programme="bildungspraemie", active=True, title="Prämie alt")
    calc = services.calculate(measure)
    ids = [r.id for r in calc.rows]
    assert "sgb3-82" not in ids
    assert "bildungspraemie" in ids
    assert _row(calc, "bildungspraemie").title == "Prämie alt"
    assert any("§ 82" in t for t in calc.hidden)
    # A chosen programme stays visible even when it is no longer offered.
    measure.selected_programmes = ["sgb3-82"]
    measure.save()
    row = _row(services.calculate(measure), "sgb3-82")
    assert row.selected and not row.offered


def test_readable_fields():
    text = "Alter: Angabe fehlt (participants[12].age, firm.training_agreement, measure.hours)"
    out = services.readable_fields(text)
    assert "participants[" not in out and "firm." not in out and "measure." not in out
    assert services.readable_fields("firm.unknown_key") == "firm.unknown_key"
