"""Measure records: a firm's list, create/edit/delete, "record as a measure" from a plan,
the network-wide list with filters, totals, follow-up and the Excel export; roles."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from anett.companies.models import Activity
from anett.funding.models import MeasureRecord
from anett.network.services import create_referral

from ..funding_ui.helpers import make_measure
from .conftest import GOTHA, actor, firm, offer

pytestmark = pytest.mark.django_db


def record_data(**kw):
    data = {
        "title": "CNC-Lehrgang",
        "provider": "Bildungswerk",
        "kind": "training",
        "topic": "skills",
        "programme": "sgb3-82",
        "status": "planned",
        "start": "",
        "end": "",
        "participants": "4",
        "hours": "160",
        "cost_eur": "16000",
        "funding_applied_eur": "8000",
        "funding_granted_eur": "",
        "employed_after_6_months": "",
        "notes": "",
    }
    data.update({k: str(v) for k, v in kw.items()})
    return data


def rec(company, **kw):
    kw.setdefault("title", "Kurs")
    kw.setdefault("participants", 5)
    return MeasureRecord.objects.create(company=company, **kw)


def test_create_edit_delete_with_stage_moves(client_beratung, user_beratung):
    company = firm()
    company.advisers.add(user_beratung)
    url = reverse("funding:record_create", args=[company.pk])
    r = client_beratung.post(url, record_data())
    assert r.status_code == 302 and r["Location"] == reverse("funding:records", args=[company.pk])
    record = MeasureRecord.objects.get()
    assert (record.company, record.created_by, record.participants) == (company, user_beratung, 4)
    company.refresh_from_db()
    assert company.stage == "measure_planned"

    end = timezone.localdate() - timedelta(days=220)
    start = end - timedelta(days=60)
    r = client_beratung.post(
        reverse("funding:record_edit", args=[record.pk]),
        record_data(
            status="completed",
            start=start,
            end=end,
            funding_granted_eur="7500",
            employed_after_6_months="3",
        ),
    )
    assert r.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.funding_granted_eur, record.employed_after_6_months) == (
        "completed",
        Decimal("7500.00"),
        3,
    )
    company.refresh_from_db()
    assert company.stage == "completed"
    assert Activity.objects.filter(company=company, note__contains="CNC-Lehrgang").count() == 2

    delete = reverse("funding:record_delete", args=[record.pk])
    r = client_beratung.get(delete)
    assert r.status_code == 200 and "CNC-Lehrgang" in r.content.decode()
    assert MeasureRecord.objects.exists()
    client_beratung.post(delete)
    assert not MeasureRecord.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "text"),
    [
        ({"start": "2025-05-01", "end": "2025-04-01"}, "end", "Das Ende liegt vor dem Beginn."),
        (
            {
                "status": "completed",
                "start": "2024-01-01",
                "end": "2024-02-01",
                "employed_after_6_months": "9",
            },
            "employed_after_6_months",
            "Mehr weiterhin beschäftigte Teilnehmende (9) als Teilnehmende (4).",
        ),
        ({"funding_granted_eur": "9000"}, "funding_granted_eur", "bewilligt als beantragt"),
        ({"status": "completed"}, "end", "braucht ihr Ende"),
        ({"employed_after_6_months": "2"}, "employed_after_6_months", "abgeschlossene"),
        (
            {
                "status": "completed",
                "start": (date.today() - timedelta(days=40)).isoformat(),
                "end": (date.today() - timedelta(days=10)).isoformat(),
                "employed_after_6_months": "2",
            },
            "employed_after_6_months",
            "noch nicht vergangen",
        ),
        ({"participants": "-1"}, "participants", ""),
    ],
)
def test_german_errors_name_the_field(client_koordination, fields, field, text):
    company = firm()
    r = client_koordination.post(
        reverse("funding:record_create", args=[company.pk]), record_data(**fields)
    )
    assert r.status_code == 200 and not MeasureRecord.objects.exists()
    errors = r.context["form"].errors
    assert field in errors and text in " ".join(errors[field])
    assert "Bitte korrigieren Sie die markierten Felder" in r.content.decode()


def test_record_from_a_plan_takes_the_combination(client_koordination):
    company = firm()
    plan = make_measure(company, selected_programmes=["sgb3-82"])
    r = client_koordination.get(
        reverse("funding:record_create", args=[company.pk]) + f"?plan={plan.pk}"
    )
    initial = r.context["form"].initial
    assert initial["title"] == plan.title and initial["participants"] == 1
    assert initial["programme"] == "sgb3-82"
    assert initial["funding_granted_eur"] > 0
    assert initial["cost_eur"] == Decimal("6000")
    data = record_data(
        title=plan.title,
        participants=1,
        cost_eur=6000,
        funding_applied_eur=initial["funding_applied_eur"],
        funding_granted_eur=initial["funding_granted_eur"],
        plan=plan.pk,
    )
    client_koordination.post(reverse("funding:record_create", args=[company.pk]), data)
    record = MeasureRecord.objects.get()
    assert record.planned_measure == plan
    html = client_koordination.get(reverse("funding:records", args=[company.pk])).content.decode()
    assert f"?plan={plan.pk}" in html and plan.title in html


def test_record_from_a_referral_closes_it(client_koordination, user_koordination):
    company = firm()
    o = offer(actor("Bildungswerk Gotha", ags=[GOTHA]), "CNC-Kurs", funding_programme="sgb3-82")
    referral = create_referral(company, o, "skills", user_koordination)
    url = reverse("funding:record_create", args=[company.pk]) + f"?referral={referral.pk}"
    initial = client_koordination.get(url).context["form"].initial
    assert (initial["provider"], initial["programme"], initial["topic"]) == (
        "Bildungswerk Gotha",
        "sgb3-82",
        "skills",
    )
    start = timezone.localdate() - timedelta(days=5)
    client_koordination.post(
        reverse("funding:record_create", args=[company.pk]),
        record_data(status="running", start=start, referral=referral.pk),
    )
    record = MeasureRecord.objects.get()
    referral.refresh_from_db()
    assert record.referral == referral
    assert (referral.status, referral.measure, referral.measure_date) == (
        "done",
        "CNC-Lehrgang",
        start,
    )
    company.refresh_from_db()
    assert company.stage == "in_progress"
    html = client_koordination.get(referral.get_absolute_url()).content.decode()
    assert "Maßnahme begonnen" in html and "CNC-Lehrgang" in html


def test_network_list_filters_totals_follow_up_and_export(client_koordination):
    today = timezone.localdate()
    a = firm("Werk A")
    b = firm("Werk B", ags=GOTHA)
    old_end = today - timedelta(days=200)
    rec(a, title="Alt ohne Ergebnis", status="completed", start=old_end - timedelta(days=30),
        end=old_end, participants=10, hours=Decimal("100"), funding_applied_eur=Decimal("5000"),
        funding_granted_eur=Decimal("4000"), programme="sgb3-82")  # fmt: skip
    rec(a, title="Mit Ergebnis", status="completed", start=old_end - timedelta(days=30),
        end=old_end, participants=4, employed_after_6_months=3,
        funding_granted_eur=Decimal("1000"))  # fmt: skip
    rec(b, title="Läuft", status="running", start=today - timedelta(days=10), participants=6,
        programme="th-fwrl-anpassung")  # fmt: skip
    url = reverse("funding:network_records")
    r = client_koordination.get(url)
    assert r.status_code == 200
    t = r.context["totals"]
    assert (t.measures, t.participants, t.granted, t.employed, t.with_outcome) == (
        3, 20, Decimal("5000"), 3, 4,
    )  # fmt: skip
    html = r.content.decode()
    assert "Nachfassen fällig" in html and "75,0 %" in html
    due = [rr.title for rr, d in r.context["rows"] if d]
    assert due == ["Alt ohne Ergebnis"]

    r = client_koordination.get(url, {"due": "on"})
    assert [x.title for x, _d in r.context["rows"]] == ["Alt ohne Ergebnis"]
    r = client_koordination.get(url, {"kreis": b.kreis_id})
    assert [x.title for x, _d in r.context["rows"]] == ["Läuft"]
    r = client_koordination.get(url, {"programme": "sgb3-82", "status": "completed"})
    assert [x.title for x, _d in r.context["rows"]] == ["Alt ohne Ergebnis"]
    r = client_koordination.get(url, {"start": (today - timedelta(days=20)).isoformat()})
    assert [x.title for x, _d in r.context["rows"]] == ["Läuft"]
    r = client_koordination.get(url, {"start": "2025-05-01", "end": "2025-04-01"})
    assert r.context["rows"] == [] and "end" in r.context["form"].errors

    r = client_koordination.get(reverse("funding:network_records_xlsx"), {"kreis": a.kreis_id})
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(r.content))
    ws = wb.worksheets[0]
    assert ws["A1"].value == "Betrieb" and ws.max_row == 3
    titles = {ws.cell(row=i, column=3).value for i in (2, 3)}
    assert titles == {"Alt ohne Ergebnis", "Mit Ergebnis"}
    totals = {row[0].value: row[1].value for row in wb.worksheets[1].iter_rows()}
    assert totals["Teilnehmende"] == 14 and totals["Bewilligte Förderung (EUR)"] == 5000


def test_adviser_sees_only_records_of_assigned_firms(client_beratung, user_beratung):
    mine, other = firm("Meiner"), firm("Fremder")
    mine.advisers.add(user_beratung)
    rec(mine, title="Meine Maßnahme")
    theirs = rec(other, title="Fremde Maßnahme")
    r = client_beratung.get(reverse("funding:network_records"))
    assert [x.title for x, _d in r.context["rows"]] == ["Meine Maßnahme"]
    for name in ("funding:record_edit", "funding:record_delete"):
        assert client_beratung.get(reverse(name, args=[theirs.pk])).status_code == 403
    assert (
        client_beratung.post(reverse("funding:record_delete", args=[theirs.pk])).status_code == 403
    )
    assert MeasureRecord.objects.filter(pk=theirs.pk).exists()
