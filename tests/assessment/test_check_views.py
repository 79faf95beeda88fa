"""Transformation check in the app and by personal link: roles, save-and-continue,
conflicts, submission, needs, flags, profile, links."""

from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from anett.assessment import services
from anett.assessment.models import Assessment, CheckLink, Flag, Need, Status
from anett.companies.models import Activity, Company

from ..conftest import make_company


def start_visit(client, company) -> Assessment:
    response = client.post(f"/checks/neu/{company.pk}/", {"mode": "visit"})
    assessment = Assessment.objects.get(company=company)
    assert response.status_code == 302
    assert response["Location"] == f"/checks/{assessment.pk}/seite/0/"
    return assessment


def post_page(client, url, revision, **answers):
    return client.post(url, {"revision": revision, "action": "next", **answers})


def test_coordinator_runs_a_check_end_to_end(client_koordination, user_koordination):
    company = make_company("Prüfwerk", wz_code="29.32.0", works_council="unknown")
    assessment = start_visit(client_koordination, company)
    r = post_page(
        client_koordination,
        f"/checks/{assessment.pk}/seite/0/",
        0,
        dt_share="gt60",
        dt_product_ev="no",
        dt_customer_loss="no",
    )
    assert r["Location"] == f"/checks/{assessment.pk}/seite/1/"
    r = post_page(client_koordination, f"/checks/{assessment.pk}/seite/1/", 1, dg_processes="1")
    assert r.status_code == 302
    # work organisation page (index 7) feeds the works council field
    post_page(client_koordination, f"/checks/{assessment.pk}/seite/7/", 2, wo_works_council="no")
    assessment.refresh_from_db()
    assert assessment.answers == {
        "dt_share": "gt60",
        "dt_product_ev": "no",
        "dt_customer_loss": "no",
        "dg_processes": 1,
        "wo_works_council": "no",
    }
    assert assessment.revision == 3

    r = client_koordination.post(f"/checks/{assessment.pk}/abschliessen/")
    assert r["Location"] == f"/betriebe/{company.pk}/"
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    assert assessment.exposure is not None and assessment.exposure >= 70
    needs = {n.topic: n for n in Need.objects.filter(company=company, current=True)}
    assert set(needs) == {"drivetrain", "digital", "work_org"}
    assert needs["digital"].level == 100
    assert needs["drivetrain"].causes[0]["answer"] == "über 60 %"
    flag = Flag.objects.get(company=company)
    assert flag.rule_id == "no_post_combustion_product"
    assert flag.level == "red"
    assert flag.assigned_to == user_koordination
    assert flag.due_date == timezone.localdate() + timedelta(days=5)
    company.refresh_from_db()
    assert company.engagement_status == "engaged"
    assert company.works_council == "no"
    assert Activity.objects.filter(company=company, kind="check").count() == 1

    page = client_koordination.get(f"/betriebe/{company.pk}/").content.decode()
    assert "Transformationsprofil" in page
    assert "Kein Produkt für die Zeit nach dem Verbrenner" in page
    assert "Digitalisierung" in page

    # A second submission changes nothing.
    r = client_koordination.post(f"/checks/{assessment.pk}/abschliessen/", follow=True)
    assert "bereits abgeschlossen" in r.content.decode()
    assert Flag.objects.filter(company=company).count() == 1
    assert Activity.objects.filter(company=company, kind="check").count() == 1


def test_invalid_answer_is_rejected_at_the_question(client_koordination):
    company = make_company("Fehlerfirma")
    assessment = start_visit(client_koordination, company)
    r = post_page(client_koordination, f"/checks/{assessment.pk}/seite/1/", 0, dg_processes="9")
    assert r.status_code == 200
    assert "dg_processes" in r.context["form"].errors
    assessment.refresh_from_db()
    assert assessment.answers == {}


def test_second_tab_does_not_overwrite_silently(client_koordination):
    company = make_company("Zwei Tabs")
    assessment = start_visit(client_koordination, company)
    url = f"/checks/{assessment.pk}/seite/0/"
    post_page(client_koordination, url, 0, dt_share="gt60")
    # The other tab still has revision 0 and answers differently.
    r = post_page(client_koordination, url, 0, dt_share="none")
    assert r.status_code == 200
    assert r.context["conflict"] is True
    html = r.content.decode()
    assert "Es wurde nichts überschrieben" in html
    assert "über 60 %" in html  # the stored answer is shown
    assessment.refresh_from_db()
    assert assessment.answers["dt_share"] == "gt60"
    # Saving again with the current revision is accepted.
    post_page(client_koordination, url, r.context["form"]["revision"].value(), dt_share="none")
    assessment.refresh_from_db()
    assert assessment.answers["dt_share"] == "none"


def test_same_answers_from_a_stale_tab_are_no_conflict(client_koordination):
    company = make_company("Gleich")
    assessment = start_visit(client_koordination, company)
    url = f"/checks/{assessment.pk}/seite/0/"
    post_page(client_koordination, url, 0, dt_share="gt60")
    r = post_page(client_koordination, url, 0, dt_share="gt60")
    assert r.status_code == 302


def test_adviser_only_for_assigned_companies(client_beratung, user_beratung):
    other = make_company("Nicht meine")
    assert client_beratung.post(f"/checks/neu/{other.pk}/", {"mode": "visit"}).status_code == 403
    mine = make_company("Meine")
    mine.advisers.add(user_beratung)
    assessment = start_visit(client_beratung, mine)
    assert client_beratung.get(f"/checks/{assessment.pk}/").status_code == 200
    foreign = services.start_assessment(other, None)
    assert client_beratung.get(f"/checks/{foreign.pk}/").status_code == 403
    assert client_beratung.get(f"/checks/{foreign.pk}/seite/0/").status_code == 403
    # Hand corrections of needs are for coordinators.
    assert client_beratung.get(f"/betriebe/{mine.pk}/bedarfe/neu/").status_code == 403


def test_partner_has_no_access(client_partner):
    company = make_company("Partnerlos")
    assessment = services.start_assessment(company, None)
    for url in (f"/checks/{assessment.pk}/", f"/checks/{assessment.pk}/seite/0/", "/signale/"):
        assert client_partner.get(url).status_code == 403


def test_manual_need_overrides_until_next_check(client_koordination, user_koordination):
    company = make_company("Handarbeit")
    r = client_koordination.post(
        f"/betriebe/{company.pk}/bedarfe/neu/",
        {"topic": "energy", "level": 80, "reason": "Gespräch mit der Geschäftsführung"},
    )
    assert r.status_code == 302
    r = client_koordination.post(
        f"/betriebe/{company.pk}/bedarfe/neu/", {"topic": "energy", "level": 120, "reason": ""}
    )
    assert r.status_code == 200
    assert set(r.context["form"].errors) == {"level", "reason"}
    (need,) = services.current_needs(company)
    assert (need.topic, need.level, need.source) == ("energy", 80, "manual")
    assessment = services.start_assessment(company, user_koordination)
    assessment.answers = {"en_costs": "low", "en_plan": "yes"}
    assessment.save()
    services.submit(assessment, user_koordination)
    (need,) = services.current_needs(company)
    assert (need.source, need.level) == ("check", 7)


def test_peer_average_only_with_five_comparable_firms(user_koordination):
    def checked(name, answer):
        c = make_company(name, wz_code="29.32.0", employees_site=30)
        a = services.start_assessment(c, user_koordination)
        a.answers = {"dg_processes": answer}
        a.save()
        services.submit(a, user_koordination)
        return c

    target = checked("Ziel", 1)
    for i in range(4):
        checked(f"Peer {i}", 5)
    assert services.peer_averages(target) == {}
    checked("Peer 5", 3)
    assert services.peer_averages(target) == {"digital": (10, 5)}
    profile = services.company_profile(target)
    assert profile["rows"][0]["peer"] == 10


def test_repeated_check_shows_change_since_first(user_koordination):
    company = make_company("Wiederholer")
    for answer in (1, 4):
        a = services.start_assessment(company, user_koordination)
        a.answers = {"dg_processes": answer}
        a.save()
        services.submit(a, user_koordination)
    (row,) = services.company_profile(company)["rows"]
    assert (row["first"], row["level"]) == (100, 25)


def test_flag_list_and_resolution(client_koordination, user_koordination):
    company = make_company("Signalfirma")
    a = services.start_assessment(company, user_koordination)
    a.answers = {"lb_job_cuts": "cuts"}
    a.save()
    services.submit(a, user_koordination)
    flag = Flag.objects.get(company=company)
    html = client_koordination.get("/signale/").content.decode()
    assert "Personalabbau geplant" in html
    # The rules are listed in words.
    assert (
        "Planen Sie in den nächsten 12 Monaten Kurzarbeit oder Personalabbau? → „Personalabbau“"
        in html
    )
    r = client_koordination.post(f"/signale/{flag.pk}/erledigt/", {"resolution": ""})
    assert r.status_code == 200 and "resolution" in r.context["form"].errors
    r = client_koordination.post(
        f"/signale/{flag.pk}/erledigt/", {"resolution": "Agentur für Arbeit eingebunden"}
    )
    assert r.status_code == 302
    flag.refresh_from_db()
    assert flag.resolved_by == user_koordination
    assert list(client_koordination.get("/signale/").context["page"]) == []
    resolved = client_koordination.get("/signale/?status=resolved").context["page"]
    assert [f.title for f in resolved] == ["Personalabbau geplant"]


# --- personal link ----------------------------------------------------------------------


@pytest.fixture
def linked(client_koordination):
    company = make_company("Linkfirma")
    r = client_koordination.post(f"/checks/neu/{company.pk}/", {"mode": "self"}, follow=True)
    link_url = r.context["link_url"]
    assert link_url.startswith("http://testserver/c/")
    assessment = Assessment.objects.get(company=company)
    return assessment, link_url.removeprefix("http://testserver")


def test_company_fills_in_by_link_with_save_and_continue(client, linked, user_koordination):
    assessment, url = linked
    start = client.get(url)
    assert start.status_code == 200
    assert "Linkfirma" in start.content.decode()
    page0 = f"{url}seite/0/"
    r = client.post(page0, {"revision": 0, "action": "later", "dt_share": "10_30"})
    assert r["Location"] == page0
    # Coming back later: the answer is there.
    r = client.get(page0)
    assert r.context["form"].initial["dt_share"] == "10_30"
    assert "Fortsetzen" in client.get(url).content.decode()
    last = len(assessment.questionnaire.parsed.pages) - 1
    r = client.post(f"{url}seite/{last}/", {"revision": 1, "support_wish": "Qualifizierung"})
    assert r["Location"] == f"{url}abschliessen/"
    r = client.post(f"{url}abschliessen/")
    assert "Vielen Dank" in r.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    assert assessment.answers == {"dt_share": "10_30", "support_wish": "Qualifizierung"}
    # The activity is booked on the person who created the link.
    activity = Activity.objects.get(company=assessment.company, kind="check")
    assert activity.user == user_koordination
    assert "selbst ausgefüllt" in activity.note
    # Double submission and later visits show the thank-you page; nothing changes.
    r = client.post(f"{url}abschliessen/")
    assert "Vielen Dank" in r.content.decode()
    r = client.post(page0, {"revision": 5, "dt_share": "none"})
    assert "Vielen Dank" in r.content.decode()
    assessment.refresh_from_db()
    assert assessment.answers["dt_share"] == "10_30"
    assert Need.objects.filter(company=assessment.company).count() == 1


def test_revoked_link(client, client_koordination, linked):
    assessment, url = linked
    link = CheckLink.objects.get(assessment=assessment)
    client_koordination.post(f"/checks/links/{link.pk}/widerrufen/")
    r = client.get(url)
    assert r.status_code == 410
    assert "nicht mehr gültig" in r.content.decode()
    r = client.post(f"{url}seite/0/", {"revision": 0, "dt_share": "none"})
    assert r.status_code == 410
    assessment.refresh_from_db()
    assert assessment.answers == {}


def test_expired_link(client, linked):
    assessment, url = linked
    CheckLink.objects.filter(assessment=assessment).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    r = client.get(url)
    assert r.status_code == 410
    assert "abgelaufen" in r.content.decode()


def test_tampered_and_unknown_links(client, linked):
    _assessment, url = linked
    token = url.split("/")[2]
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    r = client.get(f"/c/{tampered}/")
    assert r.status_code == 404
    assert "verändert" in r.content.decode()
    unknown = signing.Signer(salt="anett.assessment.checklink").sign("no-such-token")
    r = client.get(f"/c/{unknown}/")
    assert r.status_code == 404
    assert "nicht bekannt" in r.content.decode()


def test_link_does_not_open_other_pages(client, linked):
    _assessment, url = linked
    assert client.get("/betriebe/").status_code == 302  # login required
    assert client.get(f"{url}seite/99/").status_code == 404


def test_company_page_query_count_with_check_data(
    client_koordination, user_koordination, django_assert_max_num_queries
):
    company = make_company("Viele Signale")
    for _ in range(3):
        a = services.start_assessment(company, user_koordination)
        a.answers = {"lb_job_cuts": "cuts", "dg_processes": 2, "en_costs": "threatening"}
        a.save()
        services.submit(a, user_koordination)
    with django_assert_max_num_queries(18):
        r = client_koordination.get(f"/betriebe/{company.pk}/")
    assert len(r.context["profile"]["flags"]) == 6


def test_questionnaire_versions_are_kept(user_koordination):
    from anett.assessment.models import Questionnaire

    q1 = Questionnaire.objects.get(slug="transformations-check", version=1)
    company = make_company("Alt")
    old = services.start_assessment(company, user_koordination)
    old.answers = {"dt_share": "gt60"}
    old.save()
    data = dict(q1.definition, version=2, title="Transformations-Check 2")
    data["questions"] = [q for q in data["questions"] if q["id"] != "dt_customer_plans"]
    Questionnaire.objects.create(slug=q1.slug, version=2, title=data["title"], definition=data)
    Questionnaire.objects.filter(pk=q1.pk).update(active=False)
    new = services.start_assessment(Company.objects.get(pk=company.pk), user_koordination)
    assert new.questionnaire.version == 2
    old.refresh_from_db()
    assert old.questionnaire.version == 1
    assert old.questionnaire.parsed.question("dt_share").label_for("gt60") == "über 60 %"
