"""Property tests (hypothesis) over random case files."""

import json
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anett.funding.case import parse_case
from anett.funding.engine import STATUSES, evaluate, evaluate_batch

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MISSING = object()


def maybe(strategy):
    return st.one_of(st.just(MISSING), strategy)


def iso(d):
    return d.isoformat()


dates = st.dates(
    min_value=__import__("datetime").date(2018, 6, 1),
    max_value=__import__("datetime").date(2027, 6, 30),
)
bools = st.booleans()
money = st.integers(0, 40_000) | st.floats(0, 40_000, allow_nan=False).map(lambda x: round(x, 2))
counts = st.integers(0, 3000)


@st.composite
def firms(draw):
    enterprise = draw(counts)
    firm = {
        "employees_enterprise": enterprise,
        "employees_establishment": draw(st.integers(0, enterprise)),
        "employees_sme": draw(maybe(counts)),
        "turnover_eur": draw(maybe(st.integers(0, 80_000_000))),
        "balance_sheet_eur": draw(maybe(st.integers(0, 60_000_000))),
        "land": draw(maybe(st.sampled_from(["TH", "BY", "SN", "BE", "NI"]))),
        "ags": draw(maybe(st.sampled_from(["16063", "14713", "03355", "09162"]))),
        "wz": draw(maybe(st.sampled_from(["29.32", "70.22", "01.11", "25.62"]))),
        "structural_need_share": draw(maybe(st.sampled_from([0, 0.0999, 0.1, 0.15, 0.2, 0.5]))),
        "founded": draw(maybe(dates.map(iso))),
        "bafa_consultations_total": draw(maybe(st.integers(0, 6))),
        "bafa_consultations_year": draw(maybe(st.integers(0, 3))),
        "transfer_months": draw(maybe(st.integers(0, 20))),
    }
    for key in (
        "training_agreement",
        "qg_agreement",
        "written_declaration_qg",
        "employer_pays_training",
        "short_time_work",
        "insolvent",
        "restructuring",
        "agency_consulted",
        "transfer_unit",
    ):
        firm[key] = draw(maybe(bools))
    return {k: v for k, v in firm.items() if v is not MISSING}


@st.composite
def participants(draw):
    p = {
        "age": draw(maybe(st.integers(18, 67))),
        "qualification_year": draw(maybe(st.one_of(st.none(), st.integers(1990, 2026)))),
        "last_funded_82": draw(maybe(st.one_of(st.none(), dates.map(iso)))),
        "last_funded_82a": draw(maybe(st.one_of(st.none(), dates.map(iso)))),
        "monthly_gross_eur": draw(maybe(st.integers(0, 9000))),
        "weekly_hours": draw(maybe(st.integers(5, 45))),
        "net_monthly_eur": draw(maybe(st.integers(0, 6000))),
        "taxable_income_eur": draw(maybe(st.integers(0, 150_000))),
        "last_weiterbildungsscheck": draw(maybe(st.one_of(st.none(), dates.map(iso)))),
        "employed_since": draw(maybe(dates.map(iso))),
        "days_per_week": draw(maybe(st.integers(1, 6))),
        "master_exam_passed": draw(maybe(st.one_of(st.none(), dates.map(iso)))),
    }
    for key in (
        "severely_disabled",
        "notice_given",
        "children",
        "structural_change_affected",
        "joint_assessment",
        "apprentice",
        "master_trade_hwo",
        "master_exam_th",
        "in_transfer_unit",
    ):
        p[key] = draw(maybe(bools))
    return {k: v for k, v in p.items() if v is not MISSING}


@st.composite
def measures(draw):
    m = {
        "kind": draw(
            st.sampled_from(["training", "training", "consulting", "coaching", "transfer"])
        ),
        "hours": draw(maybe(st.integers(0, 1000))),
        "course_costs_eur": draw(maybe(money)),
        "exam_fees_eur": draw(maybe(money)),
        "start": draw(maybe(dates.map(iso))),
        "application": draw(maybe(dates.map(iso))),
        "wage_loss_hours": draw(maybe(st.integers(0, 800))),
        "consulting_fee_eur": draw(maybe(money)),
        "days": draw(maybe(st.integers(0, 40))),
        "day_rate_eur": draw(maybe(st.integers(0, 2000))),
    }
    for key in (
        "provider_azav",
        "measure_azav",
        "adaptation_only",
        "legally_required",
        "leads_to_qualification",
        "upgrade_exam",
        "updates_existing_skills",
        "during_working_time",
        "bfg_recognised",
        "consultant_registered",
        "inqa_check",
        "info_talk",
        "ends_during_transfer",
    ):
        m[key] = draw(maybe(bools))
    return {k: v for k, v in m.items() if v is not MISSING}


@st.composite
def cases(draw):
    return {
        "date": iso(draw(dates)),
        "firm": draw(firms()),
        "participants": draw(st.lists(participants(), min_size=0, max_size=3)),
        "measure": draw(measures()),
    }


def cents(x) -> int:
    return int((Decimal(str(x)) * 100).to_integral_value())


@SETTINGS
@given(cases())
def test_grants_are_bounded_and_costs_add_up(data):
    result = evaluate(parse_case(data))
    json.dumps(result)  # serialisable
    assert len(result["results"]) == 14
    for r in result["results"]:
        assert r["status"] in STATUSES
        grants = 0
        for a in r["amounts"].values():
            assert a["eur"] >= 0
            if a["offsets_cost"] and not a["conditional"]:
                grants += cents(a["eur"])
        assert grants <= cents(r["cost_eur"])  # a grant is never above the cost
        assert cents(r["employer_cost_eur"]) + grants == cents(r["cost_eur"])
        assert cents(r["employer_cost_eur"]) >= 0
        if r["status"] == "eligible":  # never a silent yes
            assert r["unverified"] == []
            assert all(x["outcome"] == "passed" for x in r["reasons"] if "participant" not in x)
        if r["status"] == "not_eligible":
            assert r["amounts"] == {} and r["total_eur"] == 0
            assert r["entitlement"] is False


@SETTINGS
@given(cases(), st.integers(0, 3000), st.integers(0, 3000))
def test_more_employees_never_raise_the_82_course_share(data, a, b):
    small, large = sorted((a, b))
    data["measure"].update(kind="training", course_costs_eur=10_000)
    shares = []
    for n in (small, large):
        data["firm"].update(employees_enterprise=n, employees_establishment=min(n, 10))
        (r,) = evaluate(parse_case(data), programmes=["sgb3-82"])["results"]
        shares.append({p["index"]: p["amounts"].get("lehrgangskosten") for p in r["participants"]})
    for idx, amount_small in shares[0].items():
        amount_large = shares[1].get(idx)
        if amount_small and amount_large:
            assert amount_large["eur"] <= amount_small["eur"]


@settings(max_examples=40, deadline=None)
@given(st.lists(firms(), min_size=1, max_size=30), participants(), measures(), dates)
def test_batch_with_shared_results_equals_single_evaluation(firm_list, p, m, day):
    base = parse_case({"date": iso(day), "firm": {}, "participants": [p], "measure": m})
    cases_ = [
        parse_case({"date": iso(day), "firm": f, "participants": [p], "measure": m})
        for f in firm_list
    ]
    batch = evaluate_batch(
        [c.firm for c in cases_],
        date=base.date,
        participants=base.participants,
        measure=base.measure,
    )
    for c, rows in zip(cases_, batch, strict=True):
        assert rows == evaluate(c)["results"]
