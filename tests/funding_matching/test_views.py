"""The matching page: ranked offers and programmes, a need by hand, "Verweisen" with
tracking, "Maßnahme planen" into the Förderrechner; roles."""

import pytest
from django.urls import reverse

from anett.assessment.models import Need
from anett.companies.models import Activity
from anett.funding.models import PlannedMeasure
from anett.network.models import Referral

from ..funding_ui.helpers import form_data
from .conftest import ERFURT, GOTHA, WAK, actor, firm, offer

pytestmark = pytest.mark.django_db


def setup_network():
    near = actor("Bildungswerk Gotha", ags=[GOTHA])
    here = actor("Bildungszentrum Eisenach", ags=[WAK])
    far = actor("Kammer Erfurt", ags=[ERFURT], topics=["skills"])
    o_near = offer(near, "CNC-Kurs Gotha", cost="fee")
    o_here = offer(here, "Qualifizierung E-Mobilität", cost="free", funding_programme="sgb3-82")
    o_far = offer(far, "Nachfolgeberatung", topics=["succession"])
    return o_here, o_near, o_far


def test_urls_are_german():
    assert reverse("funding:matching", args=[3]) == "/foerderung/betriebe/3/passende-angebote/"
    assert reverse("funding:records", args=[3]) == "/foerderung/betriebe/3/durchfuehrung/"
    assert reverse("funding:network_records") == "/foerderung/massnahmen/"


def test_page_ranks_offers_and_programmes_with_german_reasons(client_koordination):
    o_here, o_near, o_far = setup_network()
    company = firm()
    r = client_koordination.get(reverse("funding:matching", args=[company.pk]))
    assert r.status_code == 200
    (block,) = r.context["page"].blocks
    assert block.need.topic == "skills"
    assert [row.offer for row in block.offers] == [o_here, o_near, o_far]
    assert [row.direct for row in block.offers] == [True, True, False]
    html = r.content.decode()
    assert "Passende Angebote" in html
    assert "bedient den Landkreis des Betriebs Wartburgkreis" in html
    assert "kostenfrei" in html
    ids = [p.id for p in block.programmes]
    assert ids[0] in ("sgb3-82", "th-fwrl-anpassung", "th-weiterbildungsscheck")
    assert "bafa-beratung" not in ids
    sgb = next(p for p in block.programmes if p.id == "sgb3-82")
    assert sgb.status in ("eligible", "check")
    assert any("§ 82 SGB III" in text for text in sgb.reasons)
    assert (
        f'href="/foerderung/betriebe/{company.pk}/neu/?programme=sgb3-82&amp;topic=skills"' in html
    )


def test_firm_without_facts_gets_programmes_without_calculation(client_koordination):
    company = firm("Ohne Zahlen", ags=None, employees_site=None, employees_enterprise=None)
    r = client_koordination.get(reverse("funding:matching", args=[company.pk]))
    page = r.context["page"]
    assert page.missing_facts and {p.status for p in page.blocks[0].programmes} == {"no_facts"}
    assert "Anzahl der Beschäftigten" in r.content.decode()


def test_need_by_hand(client_beratung, user_beratung):
    company = firm(needs=())
    company.advisers.add(user_beratung)
    url = reverse("funding:need_add", args=[company.pk])
    r = client_beratung.post(url, {"topic": "digital", "level": "150", "reason": "x"})
    assert r.status_code == 200 and "level" in r.context["need_form"].errors
    assert not Need.objects.exists()
    r = client_beratung.post(url, {"topic": "digital", "level": "70", "reason": "ERP fehlt"})
    assert r.status_code == 302 and r["Location"].endswith("/passende-angebote/#needs")
    need = Need.objects.get()
    assert (need.topic, need.level, need.source, need.created_by) == (
        "digital",
        70,
        "manual",
        user_beratung,
    )
    page = client_beratung.get(reverse("funding:matching", args=[company.pk])).context["page"]
    assert [b.need.topic for b in page.blocks] == ["digital"]


def test_refer_creates_a_referral_an_activity_and_moves_the_stage(client_beratung, user_beratung):
    o_here, _near, _far = setup_network()
    company = firm()
    company.advisers.add(user_beratung)
    r = client_beratung.post(
        reverse("funding:refer", args=[company.pk]), {"topic": "skills", "offer": o_here.pk}
    )
    referral = Referral.objects.get()
    assert r.status_code == 302 and r["Location"] == referral.get_absolute_url()
    assert (referral.status, referral.need.level, referral.created_by) == (
        "proposed",
        85,
        user_beratung,
    )
    assert not referral.has_consent and not referral.is_sent  # consent on the next page
    company.refresh_from_db()
    assert company.stage == "first_talk"
    activity = Activity.objects.get(company=company)
    assert "Bildungszentrum Eisenach" in activity.note and activity.user == user_beratung
    # The referral page shows the course and offers to record the measure.
    html = client_beratung.get(referral.get_absolute_url()).content.decode()
    assert "Verlauf der Vermittlung" in html and "vorgeschlagen" in html
    assert f"durchfuehrung/neu/?referral={referral.pk}" in html
    # The matching page shows that it was referred.
    page = client_beratung.get(reverse("funding:matching", args=[company.pk])).context["page"]
    assert page.blocks[0].offers[0].referrals == [referral]


def test_refer_rejects_an_offer_of_another_topic(client_koordination):
    _h, _n, o_far = setup_network()
    o_far.actor.topics = []
    o_far.actor.save()
    company = firm()
    r = client_koordination.post(
        reverse("funding:refer", args=[company.pk]), {"topic": "skills", "offer": o_far.pk}
    )
    assert r.status_code == 302 and not Referral.objects.exists()


def test_plan_a_measure_prefills_the_foerderrechner(client_koordination):
    company = firm()
    url = reverse("funding:create", args=[company.pk]) + "?programme=sgb3-82&topic=skills"
    r = client_koordination.get(url)
    form = r.context["form"]
    assert form.initial["kind"] == "training" and form.initial["hours"] == 160
    assert (
        "Skills and qualification" in form.initial["title"]
        or "Kompetenz" in (form.initial["title"])
    )
    assert r.context["programme"] == "sgb3-82"
    data = form_data(programme="sgb3-82")
    r = client_koordination.post(reverse("funding:create", args=[company.pk]), data)
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    assert PlannedMeasure.objects.get().selected_programmes == ["sgb3-82"]


def test_roles(client_beratung, client_partner, client_koordination):
    o_here, *_ = setup_network()
    company = firm()
    for url in (
        reverse("funding:matching", args=[company.pk]),
        reverse("funding:records", args=[company.pk]),
        reverse("funding:record_create", args=[company.pk]),
    ):
        assert client_beratung.get(url).status_code == 403, url
        assert client_partner.get(url).status_code == 403, url
        assert client_koordination.get(url).status_code == 200, url
    r = client_beratung.post(
        reverse("funding:refer", args=[company.pk]), {"topic": "skills", "offer": o_here.pk}
    )
    assert r.status_code == 403 and not Referral.objects.exists()
    r = client_beratung.post(
        reverse("funding:need_add", args=[company.pk]), {"topic": "skills", "level": "5"}
    )
    assert r.status_code == 403
    assert client_partner.get(reverse("funding:network_records")).status_code == 403


def test_company_page_links_to_matching_and_records(client_koordination):
    company = firm()
    html = client_koordination.get(company.get_absolute_url()).content.decode()
    assert reverse("funding:matching", args=[company.pk]) in html
    assert reverse("funding:records", args=[company.pk]) in html
