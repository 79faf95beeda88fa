"""Priority list, campaigns, pipeline and the adviser's queue in the app."""

import csv
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from anett.assessment import services as checks
from anett.companies.models import Activity, Company
from anett.outreach.models import Task
from anett.outreach.services import refresh_priorities

from ..conftest import ERFURT, make_company


def setup_firms():
    hot = make_company(
        "Heißer Zulieferer", wz_code="29.32.0", employees_site=40, works_council="no"
    )
    cold = make_company(
        "Kalter Händler", wz_code="46.69.0", employees_site=400, works_council="yes", ags=ERFURT
    )
    refresh_priorities()
    hot.refresh_from_db()
    cold.refresh_from_db()
    return hot, cold


def test_priority_list_ranks_and_explains(client_koordination):
    hot, cold = setup_firms()
    assert hot.priority_score > cold.priority_score
    r = client_koordination.get("/ansprache/prioritaeten/")
    assert r.status_code == 200
    rows = r.context["page"].object_list
    assert [c.name for c, _p in rows] == ["Heißer Zulieferer", "Kalter Händler"]
    html = r.content.decode()
    assert "KMU ohne Betriebsrat" in html
    assert "2 Betriebe" in html
    assert "noch nie beteiligt, obwohl im Fokus der Branche" in html
    assert "Geschäftsführung" in html
    r = client_koordination.get("/ansprache/prioritaeten/?sme_without_wc=on")
    assert [c.name for c, _p in r.context["page"].object_list] == ["Heißer Zulieferer"]
    r = client_koordination.get("/ansprache/prioritaeten/?region=pilotregion")
    assert [c.name for c, _p in r.context["page"].object_list] == ["Heißer Zulieferer"]


def test_priority_follows_check_and_activity(client_koordination, user_koordination):
    hot, _cold = setup_firms()
    before = hot.priority_score
    a = checks.start_assessment(hot, user_koordination)
    a.answers = {"dt_share": "gt60", "dg_processes": 1}
    a.save()
    checks.submit(a, user_koordination)
    hot.refresh_from_db()
    assert hot.stage == "check_done"
    # Engaged now (less passive), but exposure and needs rose.
    p_after_check = hot.priority_score
    assert p_after_check != before
    client_koordination.post(
        f"/betriebe/{hot.pk}/aktivitaeten/neu/",
        {"kind": "call", "date": timezone.localdate().isoformat(), "outcome": "declined"},
    )
    hot.refresh_from_db()
    assert hot.engagement_status == "passive"
    assert hot.priority_score > p_after_check


def test_campaign_creates_tasks_for_advisers(client_koordination, user_beratung):
    hot, cold = setup_firms()
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    r = client_koordination.post(
        "/ansprache/kampagnen/neu/",
        {
            "query": "sme_without_wc=on",
            "name": "KMU ohne BR",
            "title": "Anrufen",
            "advisers": [user_beratung.pk],
            "due_date": due,
        },
    )
    assert r.status_code == 302
    task = Task.objects.get()
    assert (task.company, task.assigned_to, task.title) == (hot, user_beratung, "Anrufen")
    assert task.channel == "Geschäftsführung"
    # The adviser is now responsible for the firm and may open it.
    assert user_beratung in hot.advisers.all()


def test_campaign_with_selection_and_validation(client_koordination, user_beratung):
    hot, cold = setup_firms()
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    r = client_koordination.post(
        "/ansprache/kampagnen/neu/",
        {
            "query": "",
            "name": "Auswahl",
            "title": "Besuchen",
            "advisers": [user_beratung.pk],
            "due_date": due,
            "company": [cold.pk],
        },
    )
    assert r.status_code == 302
    assert list(Task.objects.values_list("company__name", flat=True)) == ["Kalter Händler"]
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    r = client_koordination.post(
        "/ansprache/kampagnen/neu/",
        {
            "query": "",
            "name": "Alt",
            "title": "x",
            "advisers": [user_beratung.pk],
            "due_date": yesterday,
        },
        follow=True,
    )
    assert "in der Vergangenheit" in r.content.decode()
    assert Task.objects.count() == 1


def test_campaigns_are_for_coordinators(client_beratung, user_beratung):
    setup_firms()
    r = client_beratung.post("/ansprache/kampagnen/neu/", {"name": "x"})
    assert r.status_code == 403
    r = client_beratung.get("/ansprache/prioritaeten/")
    assert r.status_code == 200
    assert r.context["campaign_form"] is None


def test_partner_sees_no_outreach(client_partner):
    for url in ("/ansprache/prioritaeten/", "/ansprache/pipeline/", "/ansprache/meine-aufgaben/"):
        assert client_partner.get(url).status_code == 403


def test_pipeline_move_records_activity(client_koordination):
    hot, _cold = setup_firms()
    r = client_koordination.post(
        f"/ansprache/betriebe/{hot.pk}/phase/", {"stage": "first_talk", "note": "Termin"}
    )
    assert r.status_code == 302
    hot.refresh_from_db()
    assert hot.stage == "first_talk"
    activity = Activity.objects.get(company=hot)
    assert activity.note == "Phase: identifiziert → Erstgespräch. Termin"
    assert hot.engagement_status == "reached"
    board = client_koordination.get("/ansprache/pipeline/")
    cols = {c["stage"]: c for c in board.context["columns"]}
    assert cols["first_talk"]["count"] == 1
    assert [c.name for c in cols["first_talk"]["cards"]] == ["Heißer Zulieferer"]
    r = client_koordination.post(f"/ansprache/betriebe/{hot.pk}/phase/", {"stage": "nonsense"})
    assert r.status_code == 200 and "stage" in r.context["form"].errors
    listing = client_koordination.get("/ansprache/pipeline/?view=list").content.decode()
    assert "pipeline-list" in listing


def test_adviser_queue(client_beratung, user_beratung, user_koordination):
    mine = make_company("Meiner")
    mine.advisers.add(user_beratung)
    other = make_company("Fremder")
    Task.objects.create(
        company=mine, assigned_to=user_beratung, title="Anrufen", due_date=timezone.localdate()
    )
    Activity.objects.create(
        company=mine,
        kind="call",
        date=timezone.localdate(),
        user=user_koordination,
        next_step="Angebot schicken",
        due_date=timezone.localdate() + timedelta(days=2),
    )
    Activity.objects.create(
        company=other,
        kind="call",
        date=timezone.localdate(),
        user=user_koordination,
        next_step="Geheim",
        due_date=timezone.localdate(),
    )
    a = checks.start_assessment(mine, user_beratung)
    a.answers = {"fi_liquidity": "critical"}
    a.save()
    checks.submit(a, user_beratung)
    html = client_beratung.get("/ansprache/meine-aufgaben/").content.decode()
    assert "Anrufen" in html and "Angebot schicken" in html
    assert "Förderbank" in html  # the red signal's follow-up
    assert "Geheim" not in html
    # The adviser sees only their firms on the board.
    board = client_beratung.get("/ansprache/pipeline/")
    names = [c.name for col in board.context["columns"] for c in col["cards"]]
    assert names == ["Meiner"]


def test_priority_command_csv_and_xlsx(db, tmp_path):
    setup_firms()
    out = tmp_path / "p.csv"
    call_command("priority", "--out", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["name"] for r in rows] == ["Heißer Zulieferer", "Kalter Händler"]
    assert list(rows[0]) == ["rank", "company_id", "name", "kreis", "score", "reasons"]
    assert rows[0]["rank"] == "1"
    assert int(rows[0]["score"]) == Company.objects.get(name="Heißer Zulieferer").priority_score
    xlsx = tmp_path / "p.xlsx"
    call_command("priority", "--region", "pilotregion", "--limit", "1", "--out", str(xlsx))
    ws = load_workbook(xlsx).active
    values = list(ws.values)
    assert values[0] == ("rank", "company_id", "name", "kreis", "score", "reasons")
    assert len(values) == 2 and values[1][2] == "Heißer Zulieferer"


def test_priority_command_rejects_bad_input(db, tmp_path):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="csv oder .xlsx"):
        call_command("priority", "--out", str(tmp_path / "p.txt"))
    with pytest.raises(CommandError, match="Unbekannte Region"):
        call_command("priority", "--region", "mars", "--out", str(tmp_path / "p.csv"))


def test_overview_counts_signals_and_tasks(client_beratung, user_beratung):
    mine = make_company("Übersicht")
    mine.advisers.add(user_beratung)
    a = checks.start_assessment(mine, user_beratung)
    a.answers = {"fi_liquidity": "critical", "en_costs": "threatening"}
    a.save()
    checks.submit(a, user_beratung)
    Task.objects.create(
        company=mine, assigned_to=user_beratung, title="Anrufen", due_date=timezone.localdate()
    )
    hidden = make_company("Nicht sichtbar")
    b = checks.start_assessment(hidden, None)
    b.answers = {"lb_job_cuts": "cuts"}
    b.save()
    checks.submit(b, None)
    r = client_beratung.get("/")
    assert (r.context["red_flags"], r.context["yellow_flags"], r.context["my_tasks"]) == (1, 1, 1)
    assert "offene rote Signale" in r.content.decode()


def test_coordinators_configure_passivity_and_weights(
    client_koordination, client_beratung, user_koordination
):
    from anett.core.models import NetworkSettings

    hot, cold = setup_firms()
    # An approach 30 days ago without answer: not passive under the default 90 days.
    Activity.objects.create(
        company=hot,
        kind="call",
        outcome="open",
        user=user_koordination,
        date=timezone.localdate() - timedelta(days=30),
    )
    from anett.companies.services import recompute_engagement

    recompute_engagement(hot)
    hot.refresh_from_db()
    assert hot.engagement_status == "unknown"
    form = {
        "passive_after_days": 14,
        "engagement_stale_days": 365,
        "weight_exposure": 0,
        "weight_need": 0,
        "weight_passivity": 0,
        "weight_sme": 0,
        "weight_no_works_council": 0,
        "weight_size": 100,
    }
    assert client_beratung.post("/einstellungen/", form).status_code == 403
    bad = client_koordination.post("/einstellungen/", dict(form, weight_size=90))
    assert bad.status_code == 200
    assert "müssen zusammen 100 ergeben (jetzt 90)" in bad.content.decode()
    r = client_koordination.post("/einstellungen/", form)
    assert r.status_code == 302
    assert NetworkSettings.current().updated_by == user_koordination
    hot.refresh_from_db()
    cold.refresh_from_db()
    assert hot.engagement_status == "passive"
    # Only size counts now: the bigger firm ranks first.
    assert cold.priority_score > hot.priority_score
    r = client_koordination.get("/ansprache/prioritaeten/")
    assert [c.name for c, _p in r.context["page"].object_list][0] == "Kalter Händler"
