"""Case builders for the funding tests."""

import copy

from anett.funding.case import parse_case
from anett.funding.engine import evaluate

# The example of the issue, plus the keys § 82 needs to reach "eligible".
BASE = {
    "date": "2025-03-01",
    "firm": {
        "employees_establishment": 30,
        "employees_enterprise": 30,
        "turnover_eur": 4_000_000,
        "balance_sheet_eur": 3_000_000,
        "land": "TH",
        "wz": "29.32",
        "training_agreement": False,
        "qg_agreement": False,
        "structural_need_share": 0.0,
        "written_declaration_qg": False,
        "employer_pays_training": True,
    },
    "participants": [
        {
            "age": 35,
            "severely_disabled": False,
            "qualification_year": 2015,
            "last_funded_82": None,
            "last_funded_82a": None,
            "notice_given": False,
            "children": False,
            "monthly_gross_eur": 3500,
        }
    ],
    "measure": {
        "kind": "training",
        "hours": 200,
        "course_costs_eur": 6000,
        "start": "2025-03-01",
        "application": "2025-01-15",
        "provider_azav": True,
        "measure_azav": True,
        "wage_loss_hours": 0,
        "consulting_fee_eur": None,
        "adaptation_only": False,
        "legally_required": False,
    },
}


def case_dict(firm=None, participant=None, measure=None, participants=None, **top) -> dict:
    data = copy.deepcopy(BASE)
    data["firm"].update(firm or {})
    data["participants"][0].update(participant or {})
    data["measure"].update(measure or {})
    if participants is not None:
        data["participants"] = participants
    data.update(top)
    for section in ("firm", "measure"):
        data[section] = {k: v for k, v in data[section].items() if v is not _DROP}
    data["participants"] = [
        {k: v for k, v in p.items() if v is not _DROP} for p in data["participants"]
    ]
    return data


class _Drop:
    pass


DROP = _DROP = _Drop()  # use as a value to remove a key (= unknown)


def run(pid: str, include_drafts=False, **kwargs) -> dict:
    """Evaluate a case built by `case_dict(**kwargs)` and return the result of programme pid."""
    case = parse_case(case_dict(**kwargs))
    (res,) = evaluate(case, programmes=[pid], include_drafts=include_drafts)["results"]
    return res


def run_all(**kwargs) -> dict:
    case = parse_case(case_dict(**kwargs))
    return {r["programme"]: r for r in evaluate(case)["results"]}


def amount(res: dict, name: str) -> float | None:
    a = res["amounts"].get(name)
    return None if a is None else a["eur"]


def outcomes(res: dict) -> dict:
    """code -> outcome (last one wins for per-participant codes)."""
    return {r["code"]: r["outcome"] for r in res["reasons"]}
