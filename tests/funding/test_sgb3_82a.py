"""§§ 82a–82c SGB III (Qualifizierungsgeld): table tests at the thresholds."""

import pytest

from .factories import DROP, amount, outcomes, run, run_all

QG_FIRM = {
    "qg_agreement": True,
    "structural_need_share": 0.2,
    "employees_establishment": 300,
    "employees_enterprise": 300,
}
QG_MEASURE = {"leads_to_qualification": False, "wage_loss_hours": 200}
QG_PERSON = {"net_monthly_eur": 2400, "weekly_hours": 40}


def qg(firm=None, participant=None, measure=None):
    return run(
        "sgb3-82a",
        firm={**QG_FIRM, **(firm or {})},
        participant={**QG_PERSON, **(participant or {})},
        measure={**QG_MEASURE, **(measure or {})},
    )


def test_eligible_case_and_amount():
    res = qg()
    assert res["status"] == "eligible", res["reasons"]
    assert res["entitlement"] is False
    loss = 2400 * 3 / (13 * 40) * 200
    assert amount(res, "qualifizierungsgeld") == round(0.6 * loss, 2)
    comp = res["amounts"]["qualifizierungsgeld"]
    assert comp["recipient"] == "participant" and comp["offsets_cost"] is False
    # the employer finances the training and pays no wage for the lost hours
    assert res["cost_eur"] == 6000.0 and res["employer_cost_eur"] == 6000.0


def test_rate_with_child_is_67_percent():
    res = qg(participant={"children": True})
    loss = 2400 * 3 / (13 * 40) * 200
    assert amount(res, "qualifizierungsgeld") == round(0.67 * loss, 2)


@pytest.mark.parametrize(
    "establishment, share, status",
    [
        (249, 0.0999, "not_eligible"),
        (249, 0.10, "eligible"),  # Betrieb < 250: 10 %
        (250, 0.10, "not_eligible"),
        (250, 0.1999, "not_eligible"),
        (250, 0.20, "eligible"),  # otherwise 20 %
    ],
)
def test_need_share_around_250(establishment, share, status):
    res = qg(
        firm={
            "employees_establishment": establishment,
            "employees_enterprise": 1000,
            "structural_need_share": share,
        }
    )
    assert res["status"] == status
    assert outcomes(res)["B1"] == ("passed" if status == "eligible" else "failed")


def test_establishment_not_enterprise_counts():
    # 200 in the Betrieb, 5,000 in the group: the 10 % threshold applies (§ 82a Abs. 2 Satz 3)
    res = qg(
        firm={
            "employees_establishment": 200,
            "employees_enterprise": 5000,
            "structural_need_share": 0.12,
        }
    )
    assert res["status"] == "eligible"


@pytest.mark.parametrize(
    "establishment, agreement, declaration, status",
    [
        (9, False, True, "eligible"),  # small-firm exception: written declaration
        (10, False, True, "not_eligible"),
        (9, False, False, "not_eligible"),
        (10, True, False, "eligible"),
        (9, False, DROP, "check"),
    ],
)
def test_agreement_or_small_firm_declaration(establishment, agreement, declaration, status):
    res = qg(
        firm={
            "employees_establishment": establishment,
            "employees_enterprise": 9 + 1,
            "qg_agreement": agreement,
            "written_declaration_qg": declaration,
            "structural_need_share": 0.1,
        }
    )
    assert res["status"] == status


@pytest.mark.parametrize("hours, status", [(120, "not_eligible"), (121, "eligible")])
def test_minimum_hours(hours, status):
    assert qg(measure={"hours": hours})["status"] == status


def test_only_provider_needs_approval():
    assert qg(measure={"measure_azav": False})["status"] == "eligible"
    assert qg(measure={"provider_azav": False})["status"] == "not_eligible"


@pytest.mark.parametrize(
    "field, value, status",
    [
        ("notice_given", True, "not_eligible"),
        ("notice_given", DROP, "check"),
        ("last_funded_82a", "2021-01-15", "not_eligible"),  # 4 years before application
        ("last_funded_82a", "2021-01-14", "eligible"),
        ("children", DROP, "check"),
    ],
)
def test_personal_conditions(field, value, status):
    assert qg(participant={field: value})["status"] == status


def test_employer_must_finance():
    assert qg(firm={"employer_pays_training": False})["status"] == "not_eligible"


def test_qualification_measure_duration_is_check():
    assert qg(measure={"leads_to_qualification": True})["status"] == "check"


@pytest.mark.parametrize(
    "start, status", [("2024-03-31", "not_eligible"), ("2024-04-01", "eligible")]
)
def test_exists_from_april_2024(start, status):
    res = qg(measure={"start": start, "application": "2024-01-15"})
    assert res["status"] == status
    if status == "not_eligible":
        assert res["version"] is None


def test_alternative_to_82_warning_on_both():
    results = run_all(firm=QG_FIRM, participant=QG_PERSON, measure=QG_MEASURE)
    assert results["sgb3-82"]["status"] == "eligible"
    assert results["sgb3-82a"]["status"] == "eligible"
    assert any("§ 82a Abs. 5 Nr. 2" in w for w in results["sgb3-82"]["warnings"])
    assert any("§ 82a Abs. 5 Nr. 2" in w for w in results["sgb3-82a"]["warnings"])
