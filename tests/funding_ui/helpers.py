"""Builders for the Förderrechner tests: a demo firm, measures and form data."""

from datetime import date

from anett.funding.models import ParticipantGroup, PlannedMeasure

from ..conftest import make_company

# The worked example 1 of docs/foerdercheck.md: a Thuringian supplier with 30 employees,
# a 200-hour course of 6,000 € per person, 100 working hours lost at 3,500 € a month.
FIRM = {
    "employees_site": 30,
    "employees_enterprise": 30,
    "turnover_eur": 4_000_000,
    "balance_sheet_eur": 3_000_000,
    "wz_code": "29.32.0",
}
MEASURE = {
    "title": "CNC-Fachkraft Elektromobilität",
    "provider": "Bildungswerk Eisenach",
    "kind": "training",
    "hours": 200,
    "course_costs_eur": 6000,
    "start": date(2025, 3, 1),
    "application_date": date(2025, 1, 15),
    "provider_azav": True,
    "measure_azav": True,
    "wage_loss_hours": 100,
    "adaptation_only": False,
    "legally_required": False,
    "training_agreement": False,
    "qg_agreement": False,
    "written_declaration_qg": False,
    "structural_need_percent": 0,
    "employer_pays_training": True,
}
GROUP = {
    "label": "Facharbeiter",
    "count": 1,
    "age": 35,
    "severely_disabled": False,
    "qualification_year": 2015,
    "funding_history": "never",
    "notice_given": False,
    "children": False,
    "monthly_gross_eur": 3500,
    "weekly_hours": 40,
}


def demo_firm(name="Demo-Zulieferer Förderwerk", **fields):
    return make_company(name, is_demo=True, **{**FIRM, **fields})


def make_measure(company, groups=(GROUP,), user=None, **fields) -> PlannedMeasure:
    measure = PlannedMeasure.objects.create(
        company=company, created_by=user, **{**MEASURE, **fields}
    )
    for i, g in enumerate(groups):
        ParticipantGroup.objects.create(measure=measure, position=i, **{**GROUP, **g})
    return measure


def _value(v):
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "unknown"
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


def form_data(groups=(GROUP,), initial_forms=0, **fields) -> dict:
    """POST data of the measure form with its participant formset."""
    data = {k: _value(v) for k, v in {**MEASURE, **fields}.items()}
    data.update(
        {
            "groups-TOTAL_FORMS": str(len(groups)),
            "groups-INITIAL_FORMS": str(initial_forms),
            "groups-MIN_NUM_FORMS": "0",
            "groups-MAX_NUM_FORMS": "50",
        }
    )
    for i, g in enumerate(groups):
        for k, v in {**GROUP, **g}.items():
            if k == "no_qualification":
                if v:
                    data[f"groups-{i}-{k}"] = "on"
                continue
            if k == "DELETE":
                if v:
                    data[f"groups-{i}-DELETE"] = "on"
                continue
            data[f"groups-{i}-{k}"] = "" if v == "" else _value(v)
    return data
