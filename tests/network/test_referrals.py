"""Referral from a firm's need to an offer: consent before sending, anonymous otherwise."""

from anett.core import roles
from anett.network.models import Referral

from ..conftest import WARTBURGKREIS, make_company, make_user
from .conftest import firm_with_need, make_actor, make_offer


def setup(user_beratung):
    firm = firm_with_need("Werk am Rennsteig", ags=WARTBURGKREIS, topic="skills", level=85)
    firm.street, firm.postcode, firm.city = "Hauptstr. 1", "99817", "Eisenach"
    firm.save()
    firm.advisers.add(user_beratung)
    agency = make_actor("Agentur für Arbeit Gotha", ags=[WARTBURGKREIS], kind="employment_agency")
    offer = make_offer(agency, "Weiterbildungsberatung", topics=["skills"], groups=["skilled"])
    far = make_actor("Ferne Kammer", ags=["16051"])
    make_offer(far, "Kurs Erfurt", topics=["skills"])
    staff = make_user(roles.BERATUNG, "agentur-beraterin")
    agency.users.add(staff)
    return firm, agency, offer, staff


def test_adviser_refers_a_need_records_consent_and_sends(client_beratung, user_beratung):
    firm, agency, offer, staff = setup(user_beratung)
    url = f"/netzwerk/betriebe/{firm.pk}/vermitteln/"
    r = client_beratung.get(url)
    assert r.status_code == 200 and r.context["topic"] == "skills"
    matches = [(o.title, where) for o, where in r.context["matches"]]
    assert matches == [("Weiterbildungsberatung", "kreis"), ("Kurs Erfurt", "elsewhere")]
    r = client_beratung.post(url, {"topic": "skills", "offer": offer.pk, "note": "Bitte melden"})
    referral = Referral.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/netzwerk/vermittlungen/{referral.pk}/"
    assert (referral.actor, referral.status, referral.need.level) == (agency, "proposed", 85)
    assert not referral.has_consent and not referral.is_sent

    # The actor sees nothing before sending.
    actor_client = _client(staff)
    assert actor_client.get(f"/netzwerk/eingang/{referral.pk}/").status_code == 404

    # Consent: purpose and date, recorded by whom and when.
    r = client_beratung.post(
        f"/netzwerk/vermittlungen/{referral.pk}/einwilligung/",
        {"consent_purpose": "Weitergabe an die Agentur", "consent_date": "2025-03-01"},
    )
    assert r.status_code == 200  # the confirmation box is required
    r = client_beratung.post(
        f"/netzwerk/vermittlungen/{referral.pk}/einwilligung/",
        {
            "consent_purpose": "Weitergabe an die Agentur",
            "consent_date": "2025-03-01",
            "consent_source": "schriftlich",
            "confirm": "on",
        },
    )
    referral.refresh_from_db()
    assert referral.has_consent and referral.consent_by == user_beratung
    assert referral.consent_recorded_at is not None

    client_beratung.post(f"/netzwerk/vermittlungen/{referral.pk}/senden/")
    referral.refresh_from_db()
    assert (referral.disclosure, referral.status) == ("full", "contacted")
    html = actor_client.get("/netzwerk/eingang/").content.decode()
    assert "Werk am Rennsteig" in html
    detail = actor_client.get(f"/netzwerk/eingang/{referral.pk}/")
    assert "Hauptstr. 1" in detail.content.decode() and "Bitte melden" in detail.content.decode()

    # The actor reports back: accepted, then done with the measure that followed.
    r = actor_client.post(f"/netzwerk/eingang/{referral.pk}/", {"status": "done", "measure": ""})
    assert r.status_code == 200  # a done referral names its measure
    actor_client.post(
        f"/netzwerk/eingang/{referral.pk}/",
        {"status": "done", "measure": "CNC-Lehrgang, 4 Beschäftigte", "measure_date": "2025-04-01"},
    )
    referral.refresh_from_db()
    assert (referral.status, referral.measure) == ("done", "CNC-Lehrgang, 4 Beschäftigte")
    assert referral.history.count() >= 4


def test_without_consent_the_actor_gets_only_the_anonymous_need(client_beratung, user_beratung):
    firm, agency, offer, staff = setup(user_beratung)
    client_beratung.post(
        f"/netzwerk/betriebe/{firm.pk}/vermitteln/", {"topic": "skills", "offer": offer.pk}
    )
    referral = Referral.objects.get()
    r = client_beratung.get(f"/netzwerk/vermittlungen/{referral.pk}/")
    assert r.context["preview"]["full"] is False
    client_beratung.post(f"/netzwerk/vermittlungen/{referral.pk}/senden/")
    referral.refresh_from_db()
    assert referral.disclosure == "anonymous"
    actor_client = _client(staff)
    for url in ("/netzwerk/eingang/", f"/netzwerk/eingang/{referral.pk}/"):
        r = actor_client.get(url)
        html = r.content.decode()
        assert "Werk am Rennsteig" not in html and "Hauptstr." not in html
        assert "Wartburgkreis" in html  # topic, Kreis and size class remain
    # Consent recorded afterwards: the firm's data go out only when sent again.
    referral.consent_purpose, referral.consent_date = "Weitergabe", "2025-03-02"
    referral.save()
    assert "Werk am Rennsteig" not in actor_client.get("/netzwerk/eingang/").content.decode()
    client_beratung.post(f"/netzwerk/vermittlungen/{referral.pk}/senden/")
    referral.refresh_from_db()
    assert referral.disclosure == "full"
    assert "Werk am Rennsteig" in actor_client.get("/netzwerk/eingang/").content.decode()


def test_partner_accounts_of_an_actor_never_see_firm_names(client_beratung, user_beratung):
    firm, agency, offer, _staff = setup(user_beratung)
    partner = make_user(roles.PARTNER, "agentur-partner")
    agency.users.add(partner)
    client_beratung.post(
        f"/netzwerk/betriebe/{firm.pk}/vermitteln/", {"topic": "skills", "offer": offer.pk}
    )
    referral = Referral.objects.get()
    referral.consent_purpose, referral.consent_date = "Weitergabe", "2025-03-02"
    referral.save()
    client_beratung.post(f"/netzwerk/vermittlungen/{referral.pk}/senden/")
    html = _client(partner).get("/netzwerk/eingang/").content.decode()
    assert "Wartburgkreis" in html and "Werk am Rennsteig" not in html


def test_advisers_refer_only_their_firms(client_beratung, user_beratung, user_koordination):
    firm, agency, offer, _staff = setup(user_beratung)
    other = make_company("Fremdbetrieb")
    assert client_beratung.get(f"/netzwerk/betriebe/{other.pk}/vermitteln/").status_code == 403
    r = client_beratung.post(
        f"/netzwerk/betriebe/{other.pk}/vermitteln/", {"topic": "skills", "offer": offer.pk}
    )
    assert r.status_code == 403 and not Referral.objects.exists()
    from anett.network.services import create_referral

    theirs = create_referral(other, offer, "skills", user_koordination)
    assert client_beratung.get(f"/netzwerk/vermittlungen/{theirs.pk}/").status_code == 403
    assert client_beratung.post(f"/netzwerk/vermittlungen/{theirs.pk}/senden/").status_code == 403
    listed = client_beratung.get("/netzwerk/vermittlungen/").context["page"].object_list
    assert list(listed) == []
    # Users who work for no actor have no inbox.
    assert client_beratung.get("/netzwerk/eingang/").status_code == 403


def test_offer_must_cover_the_topic(client_koordination):
    firm = firm_with_need("Werk", topic="digital")
    offer = make_offer(make_actor("A"), "Nur Nachfolge", topics=["succession"])
    r = client_koordination.post(
        f"/netzwerk/betriebe/{firm.pk}/vermitteln/", {"topic": "digital", "offer": offer.pk}
    )
    assert r.status_code == 200 and not Referral.objects.exists()
    assert "offer" in r.context["form"].errors


def _client(user):
    from django.test import Client

    c = Client()
    c.force_login(user)
    return c


# --- status tracking: activities on the firm and the outreach stage ---------------------------


def _notes(firm):
    from anett.companies.models import Activity

    return list(Activity.objects.filter(company=firm).order_by("id").values_list("note", flat=True))


def test_each_referral_change_is_an_activity_and_moves_the_stage_forward(
    client_beratung, user_beratung
):
    firm, agency, offer, staff = setup(user_beratung)
    client_beratung.post(
        f"/netzwerk/betriebe/{firm.pk}/vermitteln/", {"topic": "skills", "offer": offer.pk}
    )
    referral = Referral.objects.get()
    firm.refresh_from_db()
    assert firm.stage == "first_talk"
    notes = _notes(firm)
    assert len(notes) == 1 and "Agentur für Arbeit Gotha" in notes[0]
    assert "vorgeschlagen" in notes[0]

    client_beratung.post(f"/netzwerk/vermittlungen/{referral.pk}/senden/")
    notes = _notes(firm)
    assert len(notes) == 2 and "vorgeschlagen → Kontakt aufgenommen" in notes[1]

    # The actor accepts in its inbox: the firm moves to "measure planned".
    _client(staff).post(f"/netzwerk/eingang/{referral.pk}/", {"status": "accepted"})
    firm.refresh_from_db()
    assert firm.stage == "measure_planned"
    notes = _notes(firm)
    assert len(notes) == 3 and "Kontakt aufgenommen → angenommen" in notes[2]
    assert "Phase:" in notes[2]  # the stage move is recorded in the same activity

    # A later "declined" never moves the firm back.
    client_beratung.post(
        f"/netzwerk/vermittlungen/{referral.pk}/status/",
        {"status": "declined", "measure": "", "note": ""},
    )
    firm.refresh_from_db()
    assert firm.stage == "measure_planned"
    assert "angenommen → abgelehnt" in _notes(firm)[3]

    # Saving without a change of status records nothing new.
    client_beratung.post(
        f"/netzwerk/vermittlungen/{referral.pk}/status/",
        {"status": "declined", "measure": "", "note": "Nachtrag"},
    )
    assert len(_notes(firm)) == 4

    html = client_beratung.get(f"/netzwerk/vermittlungen/{referral.pk}/").content.decode()
    for label in ("vorgeschlagen", "Kontakt aufgenommen", "angenommen", "abgelehnt"):
        assert label in html


def test_done_moves_to_in_implementation_and_names_the_measure(client_koordination, user_beratung):
    firm, agency, offer, staff = setup(user_beratung)
    from anett.outreach.services import move_stage

    move_stage(firm, "check_done", user_beratung)
    client_koordination.post(
        f"/netzwerk/betriebe/{firm.pk}/vermitteln/", {"topic": "skills", "offer": offer.pk}
    )
    firm.refresh_from_db()
    assert firm.stage == "check_done"  # a proposal does not move a firm back to "first talk"
    referral = Referral.objects.get()
    r = client_koordination.post(
        f"/netzwerk/vermittlungen/{referral.pk}/status/",
        {"status": "done", "measure": "CNC-Lehrgang", "measure_date": "2025-04-01", "note": ""},
    )
    assert r.status_code == 302
    firm.refresh_from_db()
    assert firm.stage == "in_progress"
    assert "Maßnahme: CNC-Lehrgang." in _notes(firm)[-1]


def test_invalid_status_change_records_nothing(client_koordination, user_beratung):
    firm, agency, offer, staff = setup(user_beratung)
    client_koordination.post(
        f"/netzwerk/betriebe/{firm.pk}/vermitteln/", {"topic": "skills", "offer": offer.pk}
    )
    referral = Referral.objects.get()
    r = client_koordination.post(
        f"/netzwerk/vermittlungen/{referral.pk}/status/", {"status": "done", "measure": ""}
    )
    assert r.status_code == 200
    referral.refresh_from_db()
    assert referral.status == "proposed" and len(_notes(firm)) == 1
