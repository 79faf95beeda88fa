"""Company register: list, filters, export, forms, activities, history, branch mapping."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from anett.companies.models import Activity, BranchRule, Company, ContactPerson
from anett.core import roles
from anett.regions.models import Kreis

from .conftest import ERFURT, GOTHA, WARTBURGKREIS, company_data, make_company

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def names(response) -> list[str]:
    return [c.name for c in response.context["page"].object_list]


# --- list, filters, sorting, pagination -------------------------------------------------


@pytest.fixture
def register():
    """A small register with distinct properties per company."""
    return {
        "auto": make_company(
            "Autoteile Eisenach",
            ags=WARTBURGKREIS,
            wz_code="29.32.0",
            employees_site=120,
            works_council="yes",
            city="Eisenach",
        ),
        "plastic": make_company(
            "Kunststoff Gotha",
            ags=GOTHA,
            wz_code="22.19.0",
            employees_site=8,
            works_council="no",
            city="Gotha",
        ),
        "software": make_company(
            "Software Erfurt",
            ags=ERFURT,
            wz_code="62.01",
            employees_site=30,
            city="Erfurt",
        ),
        "mill": make_company("Mühle", ags=ERFURT, legal_form="GmbH", city="Weimar"),
    }


def test_list_shows_all_companies(client_koordination, register):
    response = client_koordination.get("/betriebe/")
    assert response.status_code == 200
    assert names(response) == sorted(names(response))
    assert set(names(response)) == {c.name for c in register.values()}
    html = response.content.decode()
    assert "Autoteile Eisenach" in html
    assert f'href="/betriebe/{register["auto"].pk}/"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=pilotregion", {"auto", "plastic"}),
        ("region=transferregion", {"software", "mill"}),
        (f"kreis={GOTHA}", {"plastic"}),
        ("branch_group=automotive", {"auto"}),
        ("branch_group=supplier", {"plastic"}),
        ("branch_group=neighbouring", {"software"}),
        ("branch_group=other", {"mill"}),
        ("sme_class=micro", {"plastic"}),
        ("sme_class=small", {"software"}),
        ("sme_class=medium", {"auto"}),
        ("sme_class=unknown", {"mill"}),
        ("works_council=yes", {"auto"}),
        ("works_council=no", {"plastic"}),
        ("works_council=unknown", {"software", "mill"}),
        ("engagement_status=unknown", {"auto", "plastic", "software", "mill"}),
        ("engagement_status=engaged", set()),
        ("region=pilotregion&works_council=no", {"plastic"}),
        ("q=muehle", {"mill"}),
        ("q=mühle", {"mill"}),
        ("q=MÜHLE gmbh", {"mill"}),
        ("q=weimar", {"mill"}),
        ("q=erfurt", {"software"}),
        ("q=gibtsnicht", set()),
        ("q=", {"auto", "plastic", "software", "mill"}),
    ],
)
def test_list_filters(client_koordination, register, query, expected):
    response = client_koordination.get(f"/betriebe/?{query}")
    assert response.status_code == 200
    assert set(names(response)) == {register[k].name for k in expected}


def test_engagement_filter_follows_activities(client_koordination, register, user_koordination):
    Activity.objects.create(
        company=register["plastic"],
        kind="visit",
        date=TODAY,
        user=user_koordination,
        outcome="participated",
    )
    from anett.companies.services import recompute_engagement

    recompute_engagement(register["plastic"])
    response = client_koordination.get("/betriebe/?engagement_status=engaged")
    assert names(response) == ["Kunststoff Gotha"]


@pytest.mark.parametrize("query", ["branch_group=nonsense", "kreis=99999", "region=nowhere"])
def test_invalid_filter_gives_empty_list(client_koordination, register, query):
    response = client_koordination.get(f"/betriebe/?{query}")
    assert response.status_code == 200
    assert names(response) == []


def test_merged_kreis_is_not_a_filter_choice(client_koordination, register):
    response = client_koordination.get("/betriebe/?kreis=16056")
    assert names(response) == []
    assert response.context["filter"].errors


def test_sort_by_employees_descending(client_koordination, register):
    response = client_koordination.get("/betriebe/?sort=-employees")
    ordered = names(response)
    with_employees = [n for n in ordered if n != "Mühle"]
    assert with_employees == ["Autoteile Eisenach", "Software Erfurt", "Kunststoff Gotha"]
    assert response.context["sort"] == "-employees"


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("name", "Autoteile Eisenach"),
        ("-name", "Software Erfurt"),
        ("city", "Autoteile Eisenach"),
        ("-city", "Mühle"),
        ("bogus", "Autoteile Eisenach"),
    ],
)
def test_sort_keys(client_koordination, register, sort, first):
    assert names(client_koordination.get(f"/betriebe/?sort={sort}"))[0] == first


def test_sort_by_employees_ascending(client_koordination, register):
    # where companies without a headcount go differs between SQLite and PostgreSQL
    ordered = [
        n for n in names(client_koordination.get("/betriebe/?sort=employees")) if n != "Mühle"
    ]
    assert ordered == ["Kunststoff Gotha", "Software Erfurt", "Autoteile Eisenach"]


def test_pagination(client_koordination, settings):
    settings.ANETT_PAGE_SIZE = 5
    for i in range(12):
        make_company(f"Firma {i:02d}")
    first = client_koordination.get("/betriebe/")
    assert first.context["page"].paginator.count == 12
    assert first.context["page"].paginator.num_pages == 3
    assert names(first) == [f"Firma {i:02d}" for i in range(5)]
    third = client_koordination.get("/betriebe/?page=3")
    assert names(third) == ["Firma 10", "Firma 11"]
    # out of range falls back to the last page; the filter keeps working with page
    assert names(client_koordination.get("/betriebe/?page=99")) == ["Firma 10", "Firma 11"]
    filtered = client_koordination.get("/betriebe/?q=firma&sort=-name&page=2")
    assert names(filtered) == [f"Firma {i:02d}" for i in range(6, 1, -1)]
    html = filtered.content.decode()
    assert "q=firma&amp;sort=-name&amp;page=3" in html


def test_htmx_request_returns_only_results(client_koordination, register):
    response = client_koordination.get("/betriebe/?q=muehle", headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="company-table"' in html
    assert "<html" not in html
    assert "Mühle" in html


# --- export ----------------------------------------------------------------------------


def read_xlsx(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(BytesIO(response.content), read_only=True)
    return list(workbook.worksheets[0].iter_rows(values_only=True))


def test_export_filtered(client_koordination, register):
    rows = read_xlsx(client_koordination.get("/betriebe/export.xlsx?branch_group=automotive"))
    header, *data = rows
    assert header[0] == "Name"
    assert "Kreis" in header and "AGS" in header
    assert [r[0] for r in data] == ["Autoteile Eisenach"]
    row = dict(zip(header, data[0], strict=True))
    assert row["AGS"] == WARTBURGKREIS
    assert row["WZ 2008"] == "29.32.0"
    assert row["Beschäftigte Betrieb"] == 120


def test_export_by_region(client_beratung, register):
    rows = read_xlsx(client_beratung.get("/betriebe/export.xlsx?region=pilotregion&sort=name"))
    assert [r[0] for r in rows[1:]] == ["Autoteile Eisenach", "Kunststoff Gotha"]


def test_export_invalid_filter_is_empty(client_koordination, register):
    rows = read_xlsx(client_koordination.get("/betriebe/export.xlsx?branch_group=nonsense"))
    assert len(rows) == 1


# --- create and edit --------------------------------------------------------------------


def test_create_company(client_koordination, user_beratung):
    response = client_koordination.post(
        "/betriebe/neu/",
        company_data(
            name="Neue Werke",
            wz_code="2932",
            employees_site="40",
            employees_enterprise="60",
            kreis=str(make_kreis_pk(GOTHA)),
            advisers=[user_beratung.pk],
            website="https://example.org",
        ),
    )
    company = Company.objects.get(name="Neue Werke")
    assert response.status_code == 302
    assert response["Location"] == f"/betriebe/{company.pk}/"
    assert company.wz_code == "29.32"
    assert company.branch_group == "automotive"
    assert company.effective_union_scope == "IG Metall"
    assert company.sme_class == "medium"  # enterprise headcount counts
    assert company.kreis.ags == GOTHA
    assert list(company.advisers.all()) == [user_beratung]


def make_kreis_pk(ags: str) -> int:
    from anett.regions.models import Kreis

    return Kreis.objects.get(ags=ags).pk


def test_postcode_error_in_german(client_koordination):
    response = client_koordination.post("/betriebe/neu/", company_data(postcode="1234"))
    assert response.status_code == 200
    assert response.context["form"].errors["postcode"] == [
        "Die Postleitzahl muss genau fünf Ziffern haben."
    ]
    assert "Die Postleitzahl muss genau fünf Ziffern haben." in response.content.decode()


def test_create_validation_errors_at_fields(client_koordination):
    before = Company.objects.count()
    response = client_koordination.post(
        "/betriebe/neu/",
        company_data(postcode="1234", wz_code="99.99", employees_site="-5", website="kein-link"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"postcode", "wz_code", "employees_site", "website"} <= set(errors)
    assert Company.objects.count() == before
    html = response.content.decode()
    assert 'class="errorlist"' in html
    assert "Bitte eine gültige Adresse eingeben." in html  # Django's own message, German
    assert "Dieser Wert muss größer oder gleich 0 sein." in html
    # each error is rendered inside the row of its field
    for field in ("postcode", "wz_code", "employees_site", "website"):
        row = html.split(f'id="row-{field}"')[1].split("</p>")[0]
        assert "errorlist" in row, field


def test_create_requires_name(client_koordination):
    response = client_koordination.post("/betriebe/neu/", company_data(name=""))
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()


def test_postcode_derives_kreis(client_koordination):
    response = client_koordination.post(
        "/betriebe/neu/", company_data(name="Eisenacher Werk", postcode="99817", city="Eisenach")
    )
    assert response.status_code == 302
    company = Company.objects.get(name="Eisenacher Werk")
    assert company.kreis.ags == WARTBURGKREIS
    assert company.kreis.name == "Wartburgkreis"


def test_explicit_kreis_wins_over_postcode(client_koordination):
    client_koordination.post(
        "/betriebe/neu/",
        company_data(name="Grenzfall", postcode="99817", kreis=str(make_kreis_pk(GOTHA))),
    )
    assert Company.objects.get(name="Grenzfall").kreis.ags == GOTHA


def test_postcode_without_known_kreis_asks_for_one(client_koordination):
    before = Company.objects.count()
    response = client_koordination.post("/betriebe/neu/", company_data(postcode="00000"))
    assert response.status_code == 200
    assert "kreis" in response.context["form"].errors
    assert Company.objects.count() == before


def test_enterprise_smaller_than_site_rejected(client_koordination):
    before = Company.objects.count()
    response = client_koordination.post(
        "/betriebe/neu/", company_data(employees_site="100", employees_enterprise="50")
    )
    assert response.status_code == 200
    assert "employees_enterprise" in response.context["form"].errors
    assert Company.objects.count() == before


def test_merged_kreis_cannot_be_chosen(client_koordination):
    response = client_koordination.post(
        "/betriebe/neu/", company_data(kreis=str(make_kreis_pk("16056")))
    )
    assert response.status_code == 200
    assert "kreis" in response.context["form"].errors


def test_edit_company(client_koordination):
    company = make_company("Altname", wz_code="62.01")
    response = client_koordination.post(
        f"/betriebe/{company.pk}/bearbeiten/",
        company_data(name="Neuname", kreis=str(company.kreis_id), wz_code="22190"),
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.name == "Neuname"
    assert company.wz_code == "22.19.0"
    assert company.branch_group == "supplier"
    assert company.search_text == "neuname gmbh"


def test_edit_invalid_changes_nothing(client_koordination):
    company = make_company("Altname", employees_site=10)
    response = client_koordination.post(
        f"/betriebe/{company.pk}/bearbeiten/",
        company_data(name="Neuname", postcode="1234", employees_site="-5"),
    )
    assert response.status_code == 200
    company.refresh_from_db()
    assert company.name == "Altname"
    assert company.employees_site == 10


# --- contacts ---------------------------------------------------------------------------


def test_contact_create(client_koordination):
    company = make_company()
    response = client_koordination.post(
        f"/betriebe/{company.pk}/kontakte/neu/",
        {"first_name": "Anna", "last_name": "Muster", "email": "anna@example.org"},
    )
    assert response.status_code == 302
    contact = company.contacts.get()
    assert contact.email == "anna@example.org"


def test_contact_malformed_email_rejected(client_koordination):
    company = make_company()
    response = client_koordination.post(
        f"/betriebe/{company.pk}/kontakte/neu/",
        {"first_name": "Anna", "last_name": "Muster", "email": "anna(at)example"},
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert "Bitte gültige E-Mail-Adresse eingeben." in response.content.decode()
    assert not company.contacts.exists()


def test_contact_consent_needs_purpose_and_date(client_koordination):
    company = make_company()
    response = client_koordination.post(
        f"/betriebe/{company.pk}/kontakte/neu/",
        {"last_name": "Muster", "consent_purpose": "Netzwerk"},
    )
    assert response.status_code == 200
    assert "consent_date" in response.context["form"].errors
    assert not company.contacts.exists()


def test_contact_of_other_company_is_404(client_koordination):
    company, other = make_company(), make_company()
    contact = ContactPerson.objects.create(company=other, last_name="Fremd")
    assert (
        client_koordination.get(f"/betriebe/{company.pk}/kontakte/{contact.pk}/").status_code == 404
    )


def test_contact_delete_needs_post(client_koordination):
    company = make_company()
    contact = ContactPerson.objects.create(company=company, last_name="Weg")
    url = f"/betriebe/{company.pk}/kontakte/{contact.pk}/loeschen/"
    assert client_koordination.get(url).status_code == 200
    assert company.contacts.exists()
    assert client_koordination.post(url).status_code == 302
    assert not company.contacts.exists()


# --- activities and engagement ----------------------------------------------------------


def test_activity_participated_makes_engaged(client_koordination, user_koordination):
    company = make_company()
    assert company.engagement_status == "unknown"
    response = client_koordination.post(
        f"/betriebe/{company.pk}/aktivitaeten/neu/",
        {"kind": "workshop", "date": TODAY.isoformat(), "outcome": "participated"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/betriebe/{company.pk}/#activities"
    company.refresh_from_db()
    assert company.engagement_status == "engaged"
    assert company.engagement_reason
    activity = company.activities.get()
    assert activity.user == user_koordination


def test_activity_no_response_makes_passive(client_koordination):
    company = make_company()
    client_koordination.post(
        f"/betriebe/{company.pk}/aktivitaeten/neu/",
        {"kind": "letter", "date": TODAY.isoformat(), "outcome": "no_response"},
    )
    company.refresh_from_db()
    assert company.engagement_status == "passive"


def test_activity_get_not_allowed(client_koordination):
    company = make_company()
    assert client_koordination.get(f"/betriebe/{company.pk}/aktivitaeten/neu/").status_code == 405


def test_activity_invalid_shows_form(client_koordination):
    company = make_company()
    response = client_koordination.post(
        f"/betriebe/{company.pk}/aktivitaeten/neu/",
        {
            "kind": "call",
            "date": TODAY.isoformat(),
            "outcome": "contacted",
            "due_date": (TODAY - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "next_step" in errors
    assert "due_date" in errors
    assert not company.activities.exists()


def test_activity_contact_must_belong_to_company(client_koordination):
    company, other = make_company(), make_company()
    foreign = ContactPerson.objects.create(company=other, last_name="Fremd")
    response = client_koordination.post(
        f"/betriebe/{company.pk}/aktivitaeten/neu/",
        {"kind": "call", "date": TODAY.isoformat(), "outcome": "contacted", "contact": foreign.pk},
    )
    assert response.status_code == 200
    assert "contact" in response.context["form"].errors


def test_activity_delete_recomputes_engagement(client_koordination, user_koordination):
    company = make_company()
    activity = Activity.objects.create(
        company=company, kind="visit", date=TODAY, user=user_koordination, outcome="participated"
    )
    client_koordination.post(
        f"/betriebe/{company.pk}/aktivitaeten/neu/",
        {"kind": "call", "date": TODAY.isoformat(), "outcome": "contacted"},
    )
    company.refresh_from_db()
    assert company.engagement_status == "engaged"
    url = f"/betriebe/{company.pk}/aktivitaeten/{activity.pk}/loeschen/"
    assert client_koordination.get(url).status_code == 200
    assert client_koordination.post(url).status_code == 302
    company.refresh_from_db()
    assert company.engagement_status == "reached"


def test_activity_done_toggles(client_koordination, user_koordination):
    company = make_company()
    activity = Activity.objects.create(
        company=company,
        kind="call",
        date=TODAY,
        user=user_koordination,
        next_step="Termin",
        due_date=TODAY + timedelta(days=7),
    )
    url = f"/betriebe/{company.pk}/aktivitaeten/{activity.pk}/erledigt/"
    assert client_koordination.post(url).status_code == 302
    activity.refresh_from_db()
    assert activity.done
    client_koordination.post(url)
    activity.refresh_from_db()
    assert not activity.done


def test_home_lists_due_steps_only_for_openable_companies(
    client_beratung, client_koordination, user_beratung, user_koordination
):
    mine, other = make_company("Meine Firma"), make_company("Fremde Firma")
    mine.advisers.add(user_beratung)
    for company, step in ((mine, "Eigener Schritt"), (other, "Fremder Schritt")):
        Activity.objects.create(
            company=company,
            kind="call",
            date=TODAY,
            user=user_koordination,
            next_step=step,
            due_date=TODAY + timedelta(days=3),
        )
    html = client_beratung.get("/").content.decode()
    assert "Eigener Schritt" in html
    assert "Fremder Schritt" not in html
    html = client_koordination.get("/").content.decode()
    assert "Eigener Schritt" in html and "Fremder Schritt" in html


# --- delete and history -----------------------------------------------------------------


def test_delete_needs_post_confirmation(client_koordination, user_koordination):
    company = make_company("Wegfirma")
    ContactPerson.objects.create(company=company, last_name="Muster")
    Activity.objects.create(company=company, kind="call", date=TODAY, user=user_koordination)
    response = client_koordination.get(f"/betriebe/{company.pk}/loeschen/")
    assert response.status_code == 200
    assert "Wegfirma" in response.content.decode()
    assert Company.objects.filter(pk=company.pk).exists()
    response = client_koordination.post(f"/betriebe/{company.pk}/loeschen/")
    assert response.status_code == 302
    assert response["Location"] == "/betriebe/"
    assert not Company.objects.filter(pk=company.pk).exists()
    assert not ContactPerson.objects.filter(last_name="Muster").exists()
    # the change history keeps the deleted record
    assert Company.history.filter(id=company.pk, history_type="-").exists()


def test_history_lists_edit_with_user(client_koordination, user_koordination):
    client_koordination.post("/betriebe/neu/", company_data(name="Vorher AG"))
    company = Company.objects.get(name="Vorher AG")
    client_koordination.post(
        f"/betriebe/{company.pk}/bearbeiten/", company_data(name="Nachher AG", city="Gotha")
    )
    response = client_koordination.get(f"/betriebe/{company.pk}/historie/")
    assert response.status_code == 200
    entries = response.context["entries"]
    edit = next(e for e in entries if e["kind"] == "~")
    assert edit["user"] == user_koordination
    changes = {(c["old"], c["new"]) for c in edit["changes"]}
    assert ("Vorher AG", "Nachher AG") in changes
    html = response.content.decode()
    assert user_koordination.username in html
    assert "Vorher AG → Nachher AG" in html
    assert any(e["kind"] == "+" for e in entries)


def test_history_shows_labels_and_names_not_raw_values(client_koordination):
    client_koordination.post("/betriebe/neu/", company_data(name="Label AG"))
    company = Company.objects.get(name="Label AG")
    gotha = Kreis.objects.get(ags="16067")
    client_koordination.post(
        f"/betriebe/{company.pk}/bearbeiten/",
        company_data(name="Label AG", kreis=gotha.pk, works_council="yes"),
    )
    entries = client_koordination.get(f"/betriebe/{company.pk}/historie/").context["entries"]
    edit = next(e for e in entries if e["kind"] == "~")
    changes = {c["field"]: (c["old"], c["new"]) for c in edit["changes"]}
    assert changes["Kreis"][1] == "Gotha"
    assert changes["Betriebsrat"] == ("unbekannt", "ja")


def test_history_includes_contacts_and_activities(client_koordination, user_koordination):
    company = make_company()
    client_koordination.post(
        f"/betriebe/{company.pk}/kontakte/neu/", {"first_name": "Eva", "last_name": "Lang"}
    )
    client_koordination.post(
        f"/betriebe/{company.pk}/aktivitaeten/neu/",
        {"kind": "call", "date": TODAY.isoformat(), "outcome": "contacted"},
    )
    entries = client_koordination.get(f"/betriebe/{company.pk}/historie/").context["entries"]
    objects = [e["object"] for e in entries]
    assert "Eva Lang" in objects
    assert any(TODAY.strftime("%d.%m.%Y") in o for o in objects)


# --- branch mapping ---------------------------------------------------------------------


def test_branch_rules_page(client_koordination, client_beratung):
    response = client_koordination.get("/betriebe/branchen/")
    assert response.status_code == 200
    assert response.context["form"] is not None
    assert len(response.context["rules"]) == BranchRule.objects.count() > 20
    response = client_beratung.get("/betriebe/branchen/")
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "29.3" in response.content.decode()


def test_new_branch_rule_reclassifies(client_koordination):
    company = make_company("Großhandel Metall", wz_code="46.69.1")
    assert company.branch_group == "other"
    response = client_koordination.post(
        "/betriebe/branchen/", {"prefix": "46.69", "branch_group": "neighbouring"}
    )
    assert response.status_code == 302
    assert BranchRule.objects.get(prefix="46.69").branch_group == "neighbouring"
    company.refresh_from_db()
    assert company.branch_group == "neighbouring"


def test_branch_rule_prefix_is_normalised_and_updated(client_koordination):
    company = make_company("Software", wz_code="62.01")
    client_koordination.post(
        "/betriebe/branchen/", {"prefix": "62", "branch_group": "other", "union_scope": "ver.di"}
    )
    rule = BranchRule.objects.get(prefix="62")
    assert rule.branch_group == "other"
    assert BranchRule.objects.filter(prefix="62").count() == 1
    company.refresh_from_db()
    assert (company.branch_group, company.derived_union_scope) == ("other", "ver.di")
    client_koordination.post("/betriebe/branchen/", {"prefix": "WZ 2932", "branch_group": "other"})
    assert BranchRule.objects.filter(prefix="29.32").exists()


def test_branch_rule_invalid_prefix(client_koordination):
    before = BranchRule.objects.count()
    response = client_koordination.post(
        "/betriebe/branchen/", {"prefix": "ab", "branch_group": "neighbouring"}
    )
    assert response.status_code == 200
    assert "prefix" in response.context["form"].errors
    assert BranchRule.objects.count() == before


def test_beratung_cannot_change_branch_rules(client_beratung):
    company = make_company("Großhandel Metall", wz_code="46.69.1")
    before = BranchRule.objects.count()
    response = client_beratung.post(
        "/betriebe/branchen/", {"prefix": "46.69", "branch_group": "neighbouring"}
    )
    assert response.status_code != 302
    assert response.status_code in (200, 403)
    assert BranchRule.objects.count() == before
    assert not BranchRule.objects.filter(prefix="46.69").exists()
    company.refresh_from_db()
    assert company.branch_group == "other"
    rule = BranchRule.objects.get(prefix="29.3")
    assert client_beratung.post(f"/betriebe/branchen/{rule.pk}/loeschen/").status_code == 403
    assert BranchRule.objects.filter(pk=rule.pk).exists()


def test_delete_branch_rule_reclassifies(client_admin):
    company = make_company("Software", wz_code="62.01")
    assert company.branch_group == "neighbouring"
    rule = BranchRule.objects.get(prefix="62")
    assert client_admin.get(f"/betriebe/branchen/{rule.pk}/loeschen/").status_code == 200
    assert client_admin.post(f"/betriebe/branchen/{rule.pk}/loeschen/").status_code == 302
    company.refresh_from_db()
    assert company.branch_group == "other"


# --- query counts (no N+1) --------------------------------------------------------------


def add_companies(n: int, adviser, author) -> list[Company]:
    kreise = [WARTBURGKREIS, GOTHA, ERFURT]
    created = []
    for i in range(n):
        c = make_company(
            f"Serie {len(created)}-{i}",
            ags=kreise[i % 3],
            wz_code="29.32.0",
            employees_site=i,
        )
        c.advisers.add(adviser)
        contact = ContactPerson.objects.create(
            company=c, last_name=f"Kontakt {i}", union_membership="IG Metall"
        )
        Activity.objects.create(
            company=c, contact=contact, kind="call", date=TODAY, user=author, outcome="contacted"
        )
        created.append(c)
    return created


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", [roles.KOORDINATION, roles.BERATUNG])
def test_list_queries_do_not_grow_with_rows(
    request, role, user_beratung, user_koordination, django_assert_max_num_queries
):
    client = request.getfixturevalue(f"client_{role}")
    add_companies(10, user_beratung, user_koordination)
    with_10 = count_queries(client, "/betriebe/")
    add_companies(20, user_beratung, user_koordination)
    assert Company.objects.count() == 30
    with_30 = count_queries(client, "/betriebe/")
    assert with_10 == with_30
    with django_assert_max_num_queries(10):
        response = client.get("/betriebe/?region=pilotregion&sort=-employees")
    in_pilot = Company.objects.filter(kreis__ags__in=[WARTBURGKREIS, GOTHA]).count()
    assert len(response.context["page"].object_list) == in_pilot == 21


@pytest.mark.parametrize("role", [roles.KOORDINATION, roles.BERATUNG])
def test_detail_queries_do_not_grow_with_rows(
    request, role, user_beratung, user_koordination, django_assert_max_num_queries
):
    client = request.getfixturevalue(f"client_{role}")
    company = make_company("Detailfirma", wz_code="29.32.0")
    company.advisers.add(user_beratung, user_koordination)

    def add(n_contacts, n_activities):
        start = company.contacts.count()
        contacts = [
            ContactPerson.objects.create(
                company=company,
                last_name=f"K{start + i}",
                works_council_member=True,
                union_membership="IG Metall",
            )
            for i in range(n_contacts)
        ]
        for i in range(n_activities):
            Activity.objects.create(
                company=company,
                contact=contacts[i % len(contacts)],
                kind="visit",
                date=TODAY - timedelta(days=i),
                user=user_koordination if i % 2 else user_beratung,
                outcome="contacted",
                next_step="Nachfassen",
                due_date=TODAY,
            )

    url = f"/betriebe/{company.pk}/"
    add(2, 3)
    small = count_queries(client, url)
    add(3, 7)
    assert company.contacts.count() == 5 and company.activities.count() == 10
    large = count_queries(client, url)
    assert small == large
    # 17: one constant query for the link to open duplicate pairs (coordinators)
    with django_assert_max_num_queries(17):
        response = client.get(url)
    assert len(response.context["activities"]) == 10
    assert len(response.context["contacts"]) == 5
