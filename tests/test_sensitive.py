"""Art. 9 GDPR data (works-council and union membership): who sees it, and the access log."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from anett.companies.models import ContactPerson
from anett.core.models import SensitiveAccess

from .conftest import make_company

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(user_beratung):
    # WZ 62.01 has no union scope, so "IG Metall" on a page can only come from a contact
    company = make_company("Datenwerk", wz_code="62.01")
    assert company.effective_union_scope == ""
    company.advisers.add(user_beratung)
    return company


@pytest.fixture
def contacts(company):
    return [
        ContactPerson.objects.create(
            company=company,
            first_name="Rita",
            last_name="Rat",
            function="Betriebsratsvorsitz",
            works_council_member=True,
            union_membership="IG Metall",
        ),
        ContactPerson.objects.create(
            company=company, first_name="Gero", last_name="Geschäft", union_membership="none"
        ),
    ]


@pytest.mark.parametrize("role", ["admin", "koordination"])
def test_sensitive_columns_shown_and_logged(request, role, company, contacts):
    user = request.getfixturevalue(f"user_{role}")
    client = request.getfixturevalue(f"client_{role}")
    response = client.get(f"/betriebe/{company.pk}/")
    assert response.status_code == 200
    assert response.context["show_sensitive"] is True
    html = response.content.decode()
    assert "Art. 9" in html
    assert "IG Metall" in html
    assert "Rita Rat" in html
    log = SensitiveAccess.objects.filter(user=user)
    assert log.count() == len(contacts)
    assert {e.object_id for e in log} == {str(c.pk) for c in contacts}
    for entry in log:
        assert entry.action == "view"
        assert entry.object_type == "contactperson"
        assert entry.fields == "works_council_member, union_membership"
        assert entry.path == f"/betriebe/{company.pk}/"
    # every view is logged again
    client.get(f"/betriebe/{company.pk}/")
    assert SensitiveAccess.objects.filter(user=user).count() == 2 * len(contacts)


def test_no_log_without_contacts(client_koordination, company):
    client_koordination.get(f"/betriebe/{company.pk}/")
    assert not SensitiveAccess.objects.exists()


def test_beratung_sees_contact_but_not_union(client_beratung, company, contacts):
    response = client_beratung.get(f"/betriebe/{company.pk}/")
    assert response.status_code == 200
    assert response.context["show_sensitive"] is False
    html = response.content.decode()
    assert "Rita Rat" in html
    assert "Betriebsratsvorsitz" in html
    assert "IG Metall" not in html
    assert "Art. 9" not in html
    assert not SensitiveAccess.objects.exists()


def test_beratung_contact_form_without_sensitive_fields(client_beratung, company, contacts):
    url = f"/betriebe/{company.pk}/kontakte/{contacts[0].pk}/"
    response = client_beratung.get(url)
    assert response.status_code == 200
    fields = response.context["form"].fields
    assert "union_membership" not in fields
    assert "works_council_member" not in fields
    html = response.content.decode()
    assert 'name="union_membership"' not in html
    assert "IG Metall" not in html
    assert (
        client_beratung.get(f"/betriebe/{company.pk}/kontakte/neu/")
        .context["form"]
        .fields.keys()
        .isdisjoint(ContactPerson.SENSITIVE_FIELDS)
    )
    assert not SensitiveAccess.objects.exists()


def test_beratung_cannot_set_or_erase_union(client_beratung, company, contacts):
    rita = contacts[0]
    response = client_beratung.post(
        f"/betriebe/{company.pk}/kontakte/{rita.pk}/",
        {
            "first_name": "Rita",
            "last_name": "Rat-Neu",
            "union_membership": "IG BCE",
            "works_council_member": "",
        },
    )
    assert response.status_code == 302
    rita.refresh_from_db()
    assert rita.last_name == "Rat-Neu"
    assert rita.union_membership == "IG Metall"
    assert rita.works_council_member is True
    client_beratung.post(
        f"/betriebe/{company.pk}/kontakte/neu/",
        {"last_name": "Neu", "union_membership": "IG BCE", "works_council_member": "on"},
    )
    new = company.contacts.get(last_name="Neu")
    assert new.union_membership == ""
    assert new.works_council_member is False
    assert not SensitiveAccess.objects.exists()


def test_koordination_contact_form_has_sensitive_fields_and_logs(
    client_koordination, user_koordination, company, contacts
):
    rita = contacts[0]
    url = f"/betriebe/{company.pk}/kontakte/{rita.pk}/"
    response = client_koordination.get(url)
    assert "union_membership" in response.context["form"].fields
    assert (
        SensitiveAccess.objects.filter(user=user_koordination, object_id=str(rita.pk)).count() == 1
    )
    response = client_koordination.post(
        url,
        {
            "first_name": "Rita",
            "last_name": "Rat",
            "union_membership": "IG BCE",
            "works_council_member": "on",
        },
    )
    assert response.status_code == 302
    rita.refresh_from_db()
    assert rita.union_membership == "IG BCE"
    assert SensitiveAccess.objects.filter(action="change", object_id=str(rita.pk)).count() == 1


def test_partner_forbidden(client_partner, company, contacts):
    assert client_partner.get(f"/betriebe/{company.pk}/").status_code == 403
    assert (
        client_partner.get(f"/betriebe/{company.pk}/kontakte/{contacts[0].pk}/").status_code == 403
    )
    assert client_partner.get(f"/betriebe/{company.pk}/historie/").status_code == 403
    assert not SensitiveAccess.objects.exists()


def test_beratung_unassigned_forbidden(client_beratung, contacts):
    other = make_company("Fremd")
    contact = ContactPerson.objects.create(
        company=other, last_name="Geheim", union_membership="IG Metall"
    )
    assert client_beratung.get(f"/betriebe/{other.pk}/").status_code == 403
    assert client_beratung.get(f"/betriebe/{other.pk}/kontakte/{contact.pk}/").status_code == 403


def _change_union(contact):
    contact.union_membership = "IG BCE"
    contact.works_council_member = False
    contact.function = "Personalleitung"
    contact.save()


def test_history_hides_union_from_beratung(client_beratung, company, contacts):
    _change_union(contacts[0])
    response = client_beratung.get(f"/betriebe/{company.pk}/historie/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "IG Metall" not in html
    assert "IG BCE" not in html
    assert "Personalleitung" in html  # the non-sensitive change is shown
    for entry in response.context["entries"]:
        for change in entry["changes"]:
            assert change["old"] not in ("IG Metall", "IG BCE")
            assert change["new"] not in ("IG Metall", "IG BCE")
    assert not SensitiveAccess.objects.exists()


def test_history_shows_union_to_koordination_and_logs(
    client_koordination, user_koordination, company, contacts
):
    _change_union(contacts[0])
    response = client_koordination.get(f"/betriebe/{company.pk}/historie/")
    html = response.content.decode()
    assert "IG Metall" in html and "IG BCE" in html
    log = SensitiveAccess.objects.filter(user=user_koordination, action="history")
    assert log.count() == len(contacts)


def test_export_never_contains_union_membership(client_koordination, client_beratung, contacts):
    for client in (client_koordination, client_beratung):
        response = client.get("/betriebe/export.xlsx?q=datenwerk")
        assert response.status_code == 200
        workbook = load_workbook(BytesIO(response.content), read_only=True)
        cells = [
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        assert "Datenwerk" in cells
        assert not any("IG Metall" in c for c in cells)
        assert not any("Rita" in c or "Gero" in c for c in cells)
        assert not any("mitglied" in c.lower() for c in cells)
    assert not SensitiveAccess.objects.exists()


def test_access_log_page_for_admin(client_admin, client_koordination, company, contacts):
    client_koordination.get(f"/betriebe/{company.pk}/")
    response = client_admin.get("/zugriffsprotokoll/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "t-koordination" in html
    assert "Rita Rat" in html
