"""§ 82 SGB III: table tests at every threshold, for the three versions."""

import pytest

from .factories import DROP, amount, outcomes, run

OLD = {"start": "2024-03-31", "application": "2024-02-01"}  # version 2020-10-01
V2019 = {"start": "2020-09-30", "application": "2020-08-01"}  # version 2019-01-01


def test_issue_example_is_eligible_with_full_course_costs():
    res = run("sgb3-82")
    assert res["version"] == "2024-04-01"
    assert res["status"] == "eligible"
    assert res["entitlement"] is False  # discretionary benefit
    assert amount(res, "lehrgangskosten") == 6000.0
    assert res["employer_cost_eur"] == 0.0
    assert res["unverified"] == []
    assert all(r["ref"].startswith("§") for r in res["reasons"])


@pytest.mark.parametrize(
    "employees, agreement, age, disabled, grant",
    [
        (49, False, 35, False, 6000.0),  # < 50: no employer share (Abs. 2 Satz 3)
        (50, False, 35, False, 3000.0),  # 50-499: employer 50 %
        (499, False, 35, False, 3000.0),
        (500, False, 35, False, 1500.0),  # >= 500: employer 75 %
        (49, True, 35, False, 6000.0),
        (50, True, 35, False, 3300.0),  # Abs. 4: employer share -5 pp
        (500, True, 35, False, 1800.0),
        (499, False, 44, False, 3000.0),
        (499, False, 45, False, 6000.0),  # Abs. 2 Satz 4: 45+ in < 500
        (500, False, 45, False, 1500.0),
        (499, False, 35, True, 6000.0),  # severely disabled
        (500, False, 35, True, 1500.0),
    ],
)
def test_course_cost_share_2024(employees, agreement, age, disabled, grant):
    res = run(
        "sgb3-82",
        firm={
            "employees_enterprise": employees,
            "employees_establishment": min(employees, 30),
            "training_agreement": agreement,
        },
        participant={"age": age, "severely_disabled": disabled},
    )
    assert res["status"] == "eligible", res["reasons"]
    assert amount(res, "lehrgangskosten") == grant
    assert res["employer_cost_eur"] == 6000.0 - grant


def test_enterprise_count_not_establishment_decides():
    res = run("sgb3-82", firm={"employees_establishment": 30, "employees_enterprise": 600})
    assert amount(res, "lehrgangskosten") == 1500.0


@pytest.mark.parametrize("hours, status", [(120, "not_eligible"), (121, "eligible")])
def test_minimum_hours_2024(hours, status):
    res = run("sgb3-82", measure={"hours": hours})
    assert res["status"] == status
    assert outcomes(res)["P5"] == ("failed" if status == "not_eligible" else "passed")


@pytest.mark.parametrize(
    "start, hours, status",
    [
        ("2020-05-28", 160, "not_eligible"),  # 2019 version: more than 160 h
        ("2020-05-28", 161, "eligible"),
        ("2020-05-29", 121, "eligible"),  # Arbeit-von-morgen-Gesetz: more than 120 h
        ("2020-05-29", 120, "not_eligible"),
    ],
)
def test_minimum_hours_2019_version(start, hours, status):
    res = run(
        "sgb3-82",
        measure={"start": start, "application": "2020-04-01", "hours": hours},
        participant={"structural_change_affected": True},
    )
    assert res["version"] == "2019-01-01"
    assert res["status"] == status


@pytest.mark.parametrize(
    "start, version, grant",
    [
        ("2024-03-31", "2020-10-01", 3000.0),  # 30 employees: class 10-249 → 50 %
        ("2024-04-01", "2024-04-01", 6000.0),  # < 50 → 100 %
    ],
)
def test_version_switch_april_2024(start, version, grant):
    res = run(
        "sgb3-82",
        measure={"start": start, "application": "2024-02-01"},
        participant={"structural_change_affected": True},
    )
    assert res["version"] == version
    assert amount(res, "lehrgangskosten") == grant


@pytest.mark.parametrize(
    "start, version, grant",
    [
        ("2020-09-30", "2019-01-01", 1500.0),  # BV/TV bonus only from 2,500 before Oct 2020
        ("2020-10-01", "2020-10-01", 1800.0),  # +5 pp for all sizes from 1 Oct 2020
    ],
)
def test_version_switch_october_2020(start, version, grant):
    res = run(
        "sgb3-82",
        firm={"employees_enterprise": 300, "training_agreement": True},
        measure={"start": start, "application": "2020-08-01"},
        participant={"structural_change_affected": True},
    )
    assert res["version"] == version
    assert amount(res, "lehrgangskosten") == grant


@pytest.mark.parametrize(
    "employees, agreement, age, grant",
    [
        (9, False, 35, 6000.0),  # < 10 → 100 %
        (10, False, 35, 3000.0),
        (10, False, 45, 6000.0),  # 45+ in < 250 → 100 %
        (249, False, 44, 3000.0),
        (249, False, 45, 6000.0),
        (250, False, 45, 1500.0),
        (2499, False, 35, 1500.0),
        (2500, False, 35, 900.0),  # 15 %
        (2500, True, 35, 1200.0),  # 20 % with BV/TV
    ],
)
def test_course_cost_share_2020_version(employees, agreement, age, grant):
    res = run(
        "sgb3-82",
        firm={
            "employees_enterprise": employees,
            "employees_establishment": min(employees, 30),
            "training_agreement": agreement,
        },
        participant={"age": age, "structural_change_affected": True},
        measure=OLD,
    )
    assert res["version"] == "2020-10-01"
    assert res["status"] == "eligible", res["reasons"]
    assert amount(res, "lehrgangskosten") == grant


@pytest.mark.parametrize(
    "employees, share, grant",
    [
        (249, 0.0999, 3000.0),
        (249, 0.10, 3600.0),  # KMU: >= 10 % → +10 pp (Abs. 5 a. F.)
        (250, 0.10, 1500.0),
        (250, 0.1999, 1500.0),
        (250, 0.20, 2100.0),  # others: >= 20 %
    ],
)
def test_need_bonus_2020_version(employees, share, grant):
    res = run(
        "sgb3-82",
        firm={
            "employees_enterprise": employees,
            "employees_establishment": 30,
            "structural_need_share": share,
        },
        participant={"structural_change_affected": True},
        measure=OLD,
    )
    assert amount(res, "lehrgangskosten") == grant
    assert res["status"] == "eligible"


def test_need_bonus_abolished_from_april_2024():
    res = run("sgb3-82", firm={"employees_enterprise": 250, "structural_need_share": 0.5})
    assert amount(res, "lehrgangskosten") == 3000.0


def test_both_increases_rely_on_unverified_combination():
    res = run(
        "sgb3-82",
        firm={
            "employees_enterprise": 250,
            "structural_need_share": 0.2,
            "training_agreement": True,
        },
        participant={"structural_change_affected": True},
        measure=OLD,
    )
    assert amount(res, "lehrgangskosten") == 2400.0  # 25 + 5 + 10 %
    assert res["status"] == "check"
    assert [u["rule"] for u in res["unverified"]] == ["bonus_combination"]


@pytest.mark.parametrize(
    "start, affected, status",
    [
        ("2020-12-31", False, "not_eligible"),  # no small-firm exemption yet
        ("2021-01-01", False, "check"),  # < 250 exempt, reading unverified
        ("2020-12-31", True, "eligible"),
    ],
)
def test_targeting_of_old_versions(start, affected, status):
    res = run(
        "sgb3-82",
        participant={"structural_change_affected": affected},
        measure={"start": start, "application": "2020-11-01"},
    )
    assert res["status"] == status
    if status == "check":
        assert [u["rule"] for u in res["unverified"]] == ["targeting_exemptions"]


@pytest.mark.parametrize(
    "last_funded, status",
    [("2023-01-15", "not_eligible"), ("2023-01-14", "eligible"), (None, "eligible")],
)
def test_no_funding_in_two_years_before_application(last_funded, status):
    res = run("sgb3-82", participant={"last_funded_82": last_funded})
    assert res["status"] == status


def test_four_years_in_the_2020_version():
    res = run(
        "sgb3-82",
        participant={"last_funded_82": "2021-01-01", "structural_change_affected": True},
        measure=OLD,
    )
    assert res["status"] == "not_eligible"


@pytest.mark.parametrize(
    "qualification, status, outcome",
    [
        ({"qualification_date": "2023-03-01", "qualification_year": 2023}, "eligible", "passed"),
        ({"qualification_date": "2023-03-02", "qualification_year": 2023}, "check", "check"),
        ({"qualification_year": 2023}, "check", "unknown"),  # depends on the day
        ({"qualification_year": 2022}, "eligible", "passed"),
        ({"qualification_year": None}, "check", "check"),  # no qualification: § 81 Abs. 2
        ({"qualification_year": DROP}, "check", "unknown"),
    ],
)
def test_qualification_two_years_ago_is_a_soft_rule(qualification, status, outcome):
    res = run("sgb3-82", participant=qualification)
    assert res["status"] == status
    assert outcomes(res)["P3"] == outcome


def test_no_qualification_in_qualifying_measure_gets_full_wage_subsidy():
    res = run(
        "sgb3-82",
        firm={"employees_enterprise": 600},
        participant={"qualification_year": None, "weekly_hours": 40},
        measure={"leads_to_qualification": True, "wage_loss_hours": 130},
    )
    wage = round(3500 * 3 / (13 * 40) * 130, 2)
    assert amount(res, "arbeitsentgeltzuschuss") == wage  # up to 100 %
    assert amount(res, "lehrgangskosten") == 6000.0  # SEC rule, flagged
    rules = {u["rule"] for u in res["unverified"]}
    assert {"p3_no_qualification", "param:course_no_qualification"} <= rules
    assert res["status"] == "check"


@pytest.mark.parametrize(
    "employees, agreement, rate",
    [
        (49, False, 0.75),
        (50, False, 0.50),
        (499, False, 0.50),
        (500, False, 0.25),
        (50, True, 0.55),
    ],
)
def test_wage_subsidy_rates(employees, agreement, rate):
    res = run(
        "sgb3-82",
        firm={
            "employees_enterprise": employees,
            "employees_establishment": min(employees, 30),
            "training_agreement": agreement,
        },
        participant={"weekly_hours": 40},
        measure={"wage_loss_hours": 100},
    )
    wage = 3500 * 3 / (13 * 40) * 100
    assert amount(res, "arbeitsentgeltzuschuss") == round(rate * round(wage, 10), 2)
    assert res["cost_eur"] == round(6000 + wage, 2)
    grants = sum(a["eur"] for a in res["amounts"].values())
    assert round(res["employer_cost_eur"] + grants, 2) == res["cost_eur"]


def test_wage_subsidy_without_weekly_hours_is_check():
    res = run("sgb3-82", measure={"wage_loss_hours": 100})
    assert res["status"] == "check"
    assert "participants[0].weekly_hours" in " ".join(r["text"] for r in res["reasons"])


@pytest.mark.parametrize(
    "start, stw, status",
    [
        ("2024-07-31", True, "not_eligible"),  # § 82 Abs. 7
        ("2024-07-31", DROP, "check"),
        ("2024-07-31", False, "eligible"),
        ("2024-08-01", True, "eligible"),
    ],
)
def test_short_time_work_exclusion_until_july_2024(start, stw, status):
    res = run(
        "sgb3-82",
        firm={"short_time_work": stw},
        measure={"start": start, "application": "2024-06-01"},
    )
    assert res["status"] == status


def test_late_application_is_check_not_no():
    res = run("sgb3-82", measure={"application": "2025-03-02"})
    assert res["status"] == "check"
    assert [u["rule"] for u in res["unverified"]] == ["application_before_start"]


@pytest.mark.parametrize(
    "section, key",
    [
        ("measure", "adaptation_only"),
        ("measure", "legally_required"),
        ("measure", "hours"),
        ("measure", "provider_azav"),
        ("measure", "application"),
        ("measure", "course_costs_eur"),
        ("measure", "wage_loss_hours"),
        ("firm", "employees_enterprise"),
        ("participant", "last_funded_82"),
    ],
)
def test_missing_data_is_never_a_silent_yes(section, key):
    res = run("sgb3-82", **{section: {key: DROP}})
    assert res["status"] == "check"
    assert any(key in r["text"] for r in res["reasons"] if r["outcome"] == "unknown")


def test_missing_start_selects_version_by_case_date_and_is_check():
    res = run("sgb3-82", measure={"start": DROP})
    assert res["version"] == "2024-04-01"
    assert res["status"] == "check"
    assert outcomes(res)["DATUM"] == "unknown"


def test_before_2019_not_in_catalogue_is_check():
    res = run("sgb3-82", measure={"start": "2018-06-01", "application": "2018-05-01"})
    assert res["version"] is None
    assert res["status"] == "check"


def test_several_participants_sum_up():
    p = dict(
        age=35,
        severely_disabled=False,
        qualification_year=2015,
        last_funded_82=None,
        notice_given=False,
        children=False,
        monthly_gross_eur=3500,
    )
    res = run(
        "sgb3-82",
        firm={"employees_enterprise": 100},
        participants=[p, {**p, "age": 50}, {**p, "last_funded_82": "2024-06-30"}],
    )
    assert res["status"] == "eligible"
    assert amount(res, "lehrgangskosten") == 3000.0 + 6000.0  # third is not eligible
    assert [x["status"] for x in res["participants"]] == ["eligible", "eligible", "not_eligible"]
    assert res["cost_eur"] == 18000.0
    assert res["employer_cost_eur"] == 9000.0
