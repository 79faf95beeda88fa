"""Förderrechner pages: roles, the measure form, the programme table and the choice."""

from datetime import date
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from anett.funding.models import ParticipantGroup, PlannedMeasure

from ..conftest import make_company
from .helpers import GROUP, demo_firm, form_data, make_measure

pytestmark = pytest.mark.django_db


def _urls(measure):
    return [
        reverse("funding:company", args=[measure.company_id]),
        reverse("funding:create", args=[measure.company_id]),
        reverse("funding:detail", args=[measure.pk]),
        reverse("funding:edit", args=[measure.pk]),
        reverse("funding:delete", args=[measure.pk]),
        reverse("funding:docx", args=[measure.pk]),
        reverse("funding:xlsx", args=[measure.pk]),
    ]


def test_urls_are_german():
    assert reverse("funding:company", args=[1]) == "/foerderung/betriebe/1/"
    assert reverse("funding:detail", args=[2]) == "/foerderung/massnahmen/2/"
    assert reverse("funding:docx", args=[2]) == "/foerderung/massnahmen/2/foerderfahrplan.docx"
    assert reverse("funding:xlsx", args=[2]) == "/foerderung/massnahmen/2/foerderfahrplan.xlsx"
    assert reverse("funding:catalogue") == "/foerderung/katalog/"


@pytest.mark.parametrize("who", ["client_koordination", "client_admin"])
def test_coordination_and_admin_open_every_page(request, who):
    client = request.getfixturevalue(who)
    measure = make_measure(demo_firm())
    for url in _urls(measure):
        assert client.get(url).status_code == 200, url


def test_adviser_only_for_assigned_companies(client_beratung, user_beratung):
    mine = make_measure(demo_firm("Mein Betrieb"))
    mine.company.advisers.add(user_beratung)
    other = make_measure(demo_firm("Fremder Betrieb"))
    for url in _urls(mine):
        assert client_beratung.get(url).status_code == 200, url
    for url in _urls(other):
        assert client_beratung.get(url).status_code == 403, url
    select = reverse("funding:select", args=[other.pk])
    assert client_beratung.post(select, {"programmes": ["sgb3-82"]}).status_code == 403
    other.refresh_from_db()
    assert other.selected_programmes == []


def test_partner_and_anonymous_are_kept_out(client_partner, client):
    measure = make_measure(demo_firm())
    for url in [*_urls(measure), reverse("funding:catalogue")]:
        assert client_partner.get(url).status_code == 403, url
        response = client.get(url)
        assert response.status_code == 302 and "/anmelden/" in response["Location"]


def test_unknown_objects_are_404(client_koordination):
    assert client_koordination.get("/foerderung/massnahmen/999999/").status_code == 404
    assert client_koordination.get("/foerderung/betriebe/999999/").status_code == 404
    assert (
        client_koordination.get("/foerderung/katalog/gibt-es-nicht/bearbeiten/").status_code == 404
    )


def test_plan_a_measure_with_groups(client_koordination, user_koordination):
    company = demo_firm()
    data = form_data(
        groups=[
            {**GROUP, "label": "Facharbeiter 45+", "count": 2, "age": 48},
            {**GROUP, "label": "Anna Beispiel", "count": 1},
        ],
    )
    response = client_koordination.post(reverse("funding:create", args=[company.pk]), data)
    measure = PlannedMeasure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("funding:detail", args=[measure.pk])
    assert measure.company == company and measure.created_by == user_koordination
    groups = list(measure.groups.all())
    assert [(g.label, g.count, g.position) for g in groups] == [
        ("Facharbeiter 45+", 2, 0),
        ("Anna Beispiel", 1, 1),
    ]
    assert groups[0].funding_history == "never"
    assert measure.training_agreement is False and measure.provider_azav is True

    page = client_koordination.get(response["Location"])
    html = page.content.decode()
    assert 'data-programme="sgb3-82" data-status="eligible"' in html
    assert "18.000,00 €" in html  # § 82 course costs: 3 × 6,000 €
    assert 'id="export-docx"' in html
    assert 'id="late-application"' not in html
    row = next(r for r in page.context["calc"].rows if r.id == "sgb3-82")
    assert row.total == Decimal("22543.26")


def test_unknown_stays_unknown(client_koordination):
    company = demo_firm()
    data = form_data(training_agreement=None, provider_azav=None)
    client_koordination.post(reverse("funding:create", args=[company.pk]), data)
    measure = PlannedMeasure.objects.get()
    assert measure.training_agreement is None and measure.provider_azav is None
    page = client_koordination.get(measure.get_absolute_url())
    row = next(r for r in page.context["calc"].rows if r.id == "sgb3-82")
    assert row.status == "check"  # never a silent yes


BAD_INPUT = [
    ({"hours": "0"}, "hours", "min_value"),
    ({"hours": "-5"}, "hours", "min_value"),
    ({"hours": ""}, "hours", "required"),
    ({"course_costs_eur": "-1"}, "course_costs_eur", "min_value"),
    ({"course_costs_eur": ""}, "course_costs_eur", "required"),
    ({"exam_fees_eur": "-0.01"}, "exam_fees_eur", "min_value"),
    ({"course_costs_eur": "10000000.01"}, "course_costs_eur", "max_value"),
    ({"hours": "100001"}, "hours", "max_value"),
    ({"days": "4000"}, "days", "max_value"),
    ({"wage_loss_hours": "-3"}, "wage_loss_hours", "min_value"),
    ({"structural_need_percent": "120"}, "structural_need_percent", "range"),
    ({"start": ""}, "start", "required"),
    ({"start": "31.02.2025"}, "start", "invalid"),
    ({"title": ""}, "title", "required"),
    ({"kind": "transfer"}, "kind", "invalid_choice"),
    ({"kind": "consulting", "consulting_fee_eur": ""}, "consulting_fee_eur", "required"),
]


@pytest.mark.parametrize("fields,field,code", BAD_INPUT)
def test_bad_measure_input_is_reported_at_the_field(client_koordination, fields, field, code):
    company = demo_firm()
    response = client_koordination.post(
        reverse("funding:create", args=[company.pk]), form_data(**fields)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert [e.code for e in errors[field]] == [code]
    assert 'id="form-errors"' in response.content.decode()
    assert PlannedMeasure.objects.count() == 0
    assert ParticipantGroup.objects.count() == 0


BAD_GROUPS = [
    ({"count": "0"}, "count", "min_value"),
    ({"count": ""}, "count", "required"),
    ({"count": "1001"}, "count", "max_value"),
    ({"age": "14"}, "age", "range"),
    ({"age": "71"}, "age", "range"),
    ({"label": ""}, "label", "required"),
    ({"monthly_gross_eur": "-100"}, "monthly_gross_eur", "min_value"),
    ({"monthly_gross_eur": "2000000"}, "monthly_gross_eur", "max_value"),
    ({"weekly_hours": "90"}, "weekly_hours", "range"),
    ({"qualification_year": "1900"}, "qualification_year", "range"),
    ({"qualification_year": "2010", "no_qualification": True}, "qualification_year", "conflict"),
    ({"funding_history": "dates"}, "last_funded_82", "required"),
    ({"funding_history": "never", "last_funded_82": "2020-01-31"}, "funding_history", "conflict"),
]


@pytest.mark.parametrize("fields,field,code", BAD_GROUPS)
def test_bad_participant_input_is_reported_at_the_field(client_koordination, fields, field, code):
    company = demo_firm()
    group = {**GROUP, "label": "Facharbeiter", **fields}
    response = client_koordination.post(
        reverse("funding:create", args=[company.pk]), form_data(groups=[group])
    )
    assert response.status_code == 200
    errors = response.context["formset"].forms[0].errors.as_data()
    assert [e.code for e in errors[field]] == [code]
    assert PlannedMeasure.objects.count() == 0


def test_a_training_needs_participants_and_at_most_1000(client_koordination):
    company = demo_firm()
    url = reverse("funding:create", args=[company.pk])
    response = client_koordination.post(url, form_data(groups=[]))
    assert [e.code for e in response.context["formset"].non_form_errors().as_data()] == ["required"]
    big = [{**GROUP, "label": f"G{i}", "count": 600} for i in range(2)]
    response = client_koordination.post(url, form_data(groups=big))
    assert [e.code for e in response.context["formset"].non_form_errors().as_data()] == [
        "max_value"
    ]
    assert PlannedMeasure.objects.count() == 0
    # Consulting needs no participants.
    response = client_koordination.post(
        url, form_data(groups=[], kind="consulting", consulting_fee_eur="4800", days="4")
    )
    assert response.status_code == 302
    assert PlannedMeasure.objects.get().groups.count() == 0


def test_a_late_application_is_saved_and_shown_as_point_to_check(client_koordination):
    company = demo_firm()
    data = form_data(application_date=date(2025, 3, 10))  # after the start on 1 March
    response = client_koordination.post(reverse("funding:create", args=[company.pk]), data)
    assert response.status_code == 302
    page = client_koordination.get(response["Location"])
    row = next(r for r in page.context["calc"].rows if r.id == "sgb3-82")
    assert row.status == "check"
    assert any(r.code == "ANTRAG" and r.outcome == "check" for r in row.reasons)
    assert "§ 324 Abs. 1 SGB III" in page.content.decode()
    assert 'id="late-application"' in page.content.decode()


def test_nothing_is_half_saved(client_koordination, monkeypatch):
    company = demo_firm()

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ParticipantGroup, "save", broken_save)
    with pytest.raises(RuntimeError):
        client_koordination.post(reverse("funding:create", args=[company.pk]), form_data())
    assert PlannedMeasure.objects.count() == 0


def test_edit_changes_and_removes_groups(client_koordination):
    measure = make_measure(
        demo_firm(), groups=[{"label": "A", "count": 2}, {"label": "B", "count": 1}]
    )
    a, b = measure.groups.all()
    data = form_data(
        groups=[
            {**GROUP, "id": a.pk, "measure": measure.pk, "label": "A", "count": 5},
            {**GROUP, "id": b.pk, "measure": measure.pk, "label": "B", "DELETE": True},
        ],
        initial_forms=2,
        title="Neuer Titel",
    )
    response = client_koordination.post(reverse("funding:edit", args=[measure.pk]), data)
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title == "Neuer Titel"
    assert [(g.label, g.count) for g in measure.groups.all()] == [("A", 5)]


def test_delete_measure(client_koordination):
    measure = make_measure(demo_firm())
    url = reverse("funding:delete", args=[measure.pk])
    assert client_koordination.get(url).status_code == 200
    response = client_koordination.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("funding:company", args=[measure.company_id])
    assert not PlannedMeasure.objects.exists() and not ParticipantGroup.objects.exists()


def test_choose_a_combination(client_koordination):
    measure = make_measure(demo_firm())
    url = reverse("funding:select", args=[measure.pk])
    response = client_koordination.post(url, {"programmes": ["th-weiterbildungsscheck", "sgb3-82"]})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.selected_programmes == ["sgb3-82", "th-weiterbildungsscheck"]
    page = client_koordination.get(measure.get_absolute_url())
    html = page.content.decode()
    assert 'id="choose-sgb3-82" checked' in html
    comb = page.context["calc"].combination
    assert [r.id for r in comb.rows] == ["sgb3-82", "th-weiterbildungsscheck"]
    assert 'data-warning="combination"' in html  # double funding § 82 + Weiterbildungsscheck
    # An unknown id is refused and changes nothing.
    client_koordination.post(url, {"programmes": ["sgb3-82", "erfunden"]})
    measure.refresh_from_db()
    assert measure.selected_programmes == ["sgb3-82", "th-weiterbildungsscheck"]
    # A programme the coordination does not offer cannot be chosen.
    client_koordination.post(url, {"programmes": ["bildungspraemie"]})
    measure.refresh_from_db()
    assert measure.selected_programmes == ["sgb3-82", "th-weiterbildungsscheck"]
    # An empty choice clears it; GET is not allowed.
    client_koordination.post(url, {})
    measure.refresh_from_db()
    assert measure.selected_programmes == []
    assert client_koordination.get(url).status_code == 405


def test_inconsistent_company_data_shows_a_message(client_koordination):
    company = demo_firm()
    type(company).objects.filter(pk=company.pk).update(employees_site=80)
    measure = make_measure(company)
    page = client_koordination.get(measure.get_absolute_url())
    assert page.status_code == 200
    assert 'id="calc-error"' in page.content.decode()
    response = client_koordination.get(reverse("funding:docx", args=[measure.pk]))
    assert response.status_code == 302


def test_company_measures_list_has_no_n_plus_one(
    client_koordination, django_assert_max_num_queries
):
    company = demo_firm()
    for i in range(8):
        make_measure(company, title=f"Maßnahme {i}", groups=[{"count": i + 1}])
    url = reverse("funding:company", args=[company.pk])
    with django_assert_max_num_queries(12):
        response = client_koordination.get(url)
    assert response.content.decode().count("Maßnahme ") >= 8


def test_company_section_include(user_koordination):
    company = make_company("Mit Maßnahmen")
    empty = make_company("Ohne Maßnahmen")
    measure = make_measure(company, title="Schweißkurs")
    request = RequestFactory().get("/")
    request.user = user_koordination
    context = {"company": company, "user": user_koordination}
    html = render_to_string("funding/_company_section.html", context, request=request)
    assert measure.get_absolute_url() in html and "Schweißkurs" in html
    assert reverse("funding:create", args=[company.pk]) in html
    html = render_to_string("funding/_company_section.html", {"company": empty}, request=request)
    assert 'id="funding-measures"' not in html
    assert reverse("funding:create", args=[empty.pk]) in html
