"""Actors, offers, the gap page and the graph in the app: roles, filters, figures."""

import csv
import io

from openpyxl import load_workbook

from anett.assessment.models import Need
from anett.network.models import Actor, ActorRelation, Membership, Offer
from anett.regions.models import Kreis

from ..conftest import GOTHA, WARTBURGKREIS, make_company
from .conftest import SOEMMERDA, firm_with_need, make_actor, make_offer

GAPS = "/netzwerk/luecken/?region=pilotregion"


# --- roles -----------------------------------------------------------------------------------


def test_partner_sees_catalogue_and_gaps_only(client_partner, db):
    actor = make_actor("Kammer", ags=[WARTBURGKREIS])
    offer = make_offer(actor, "Nachfolgeberatung")
    assert client_partner.get("/netzwerk/angebote/").status_code == 200
    assert client_partner.get(f"/netzwerk/angebote/{offer.pk}/").status_code == 200
    assert client_partner.get(GAPS).status_code == 200
    for url in (
        "/netzwerk/akteure/",
        f"/netzwerk/akteure/{actor.pk}/",
        "/netzwerk/graph/",
        "/netzwerk/vermittlungen/",
        "/netzwerk/luecken/export.xlsx?region=pilotregion",
        "/netzwerk/angebote/neu/",
    ):
        assert client_partner.get(url).status_code == 403, url


def test_adviser_views_but_does_not_edit(client_beratung, db):
    actor = make_actor("Kammer")
    offer = make_offer(actor)
    assert client_beratung.get("/netzwerk/akteure/").status_code == 200
    assert client_beratung.get(f"/netzwerk/akteure/{actor.pk}/").status_code == 200
    assert client_beratung.get("/netzwerk/graph/").status_code == 200
    for url in (
        "/netzwerk/akteure/neu/",
        f"/netzwerk/akteure/{actor.pk}/bearbeiten/",
        f"/netzwerk/angebote/{offer.pk}/bearbeiten/",
        f"/netzwerk/akteure/{actor.pk}/beziehungen/neu/",
        f"/netzwerk/akteure/{actor.pk}/mitglieder/neu/",
    ):
        assert client_beratung.get(url).status_code == 403, url


def test_anonymous_is_sent_to_login(client, db):
    r = client.get("/netzwerk/angebote/")
    assert r.status_code == 302 and "/anmelden/" in r["Location"]


# --- actors, contacts, relations, memberships ------------------------------------------------


def test_coordinator_creates_actor_with_regions_and_contact(client_koordination):
    r = client_koordination.post(
        "/netzwerk/akteure/neu/",
        {
            "name": "Bildungswerk Test",
            "short_name": "BWT",
            "kind": "education_provider",
            "topics": ["skills", "digital"],
            "target_groups": ["skilled"],
            "add_regions": [_pilot().pk],
            "active": "on",
        },
    )
    assert r.status_code == 302
    actor = Actor.objects.get(name="Bildungswerk Test")
    assert actor.topics == ["digital", "skills"]
    assert set(actor.kreise.values_list("ags", flat=True)) == set(
        _pilot().kreise.values_list("ags", flat=True)
    )
    url = f"/netzwerk/akteure/{actor.pk}/kontakte/neu/"
    r = client_koordination.post(url, {"last_name": "Muster", "consent_purpose": ""})
    assert r.status_code == 200 and not actor.contacts.exists()  # consent required
    r = client_koordination.post(
        url,
        {
            "first_name": "Mia",
            "last_name": "Muster",
            "consent_purpose": "Kontakt im Netzwerk",
            "consent_date": "2024-05-01",
        },
    )
    assert r.status_code == 302 and actor.contacts.get().last_name == "Muster"
    html = client_koordination.get(f"/netzwerk/akteure/{actor.pk}/").content.decode()
    assert "Mia Muster" in html and "Kontakt im Netzwerk" in html


def _pilot():
    from anett.regions.models import Region

    return Region.objects.get(slug="pilotregion")


def test_relations_and_memberships(client_koordination):
    a, b = make_actor("Alpha"), make_actor("Beta")
    r = client_koordination.post(
        f"/netzwerk/akteure/{a.pk}/beziehungen/neu/", {"kind": "partner_of", "target": b.pk}
    )
    assert r.status_code == 302
    assert ActorRelation.objects.get().target == b
    # The same relation twice and a relation to itself are refused.
    r = client_koordination.post(
        f"/netzwerk/akteure/{a.pk}/beziehungen/neu/", {"kind": "partner_of", "target": b.pk}
    )
    assert r.status_code == 200 and ActorRelation.objects.count() == 1
    r = client_koordination.post(
        f"/netzwerk/akteure/{a.pk}/beziehungen/neu/", {"kind": "funds", "target": a.pk}
    )
    assert r.status_code == 200 and ActorRelation.objects.count() == 1
    firm = make_company("Mitgliedswerk Nord")
    r = client_koordination.get(f"/netzwerk/akteure/{a.pk}/mitglieder/neu/?q=mitgliedswerk")
    assert list(r.context["results"]) == [firm]
    client_koordination.post(f"/netzwerk/akteure/{a.pk}/mitglieder/neu/", {"company": firm.pk})
    assert Membership.objects.get().company == firm
    detail = client_koordination.get(f"/netzwerk/akteure/{a.pk}/")
    assert detail.context["reach"]["firms"] == 1
    assert "Beta" in detail.content.decode()


def test_delete_actor_confirms_and_keeps_referral_names(client_koordination, user_koordination):
    from anett.network.services import create_referral

    actor = make_actor("Wegfall")
    offer = make_offer(actor, "Altangebot")
    firm = make_company("Werk")
    referral = create_referral(firm, offer, "succession", user_koordination)
    r = client_koordination.get(f"/netzwerk/akteure/{actor.pk}/loeschen/")
    assert r.status_code == 200 and "1" in r.content.decode()
    client_koordination.post(f"/netzwerk/akteure/{actor.pk}/loeschen/")
    referral.refresh_from_db()
    assert referral.actor is None and referral.offer is None
    assert (referral.actor_name, referral.offer_title) == ("Wegfall", "Altangebot")


# --- offers ---------------------------------------------------------------------------------


def test_offer_form_validates_links_and_contact_person(client_koordination):
    actor, other = make_actor("Eins"), make_actor("Zwei")
    person = other.contacts.create(
        last_name="Fremd", consent_purpose="x", consent_date="2024-01-01"
    )
    data = {
        "actor": actor.pk,
        "title": "Coaching",
        "kind": "coaching",
        "topics": ["skills"],
        "cost": "free",
        "languages": ["de", "uk"],
        "links": "https://example.org/a\nkein link",
        "contact_person": person.pk,
        "active": "on",
    }
    r = client_koordination.post("/netzwerk/angebote/neu/", data)
    assert r.status_code == 200
    assert set(r.context["form"].errors) == {"links", "contact_person"}
    data.update(links="https://example.org/a\n\nhttps://example.org/b", contact_person="")
    r = client_koordination.post("/netzwerk/angebote/neu/", data)
    assert r.status_code == 302
    offer = Offer.objects.get(title="Coaching")
    assert offer.link_list == ["https://example.org/a", "https://example.org/b"]
    assert offer.languages == ["de", "uk"]


def test_catalogue_filters(client_partner, db):
    agency = make_actor("Agentur", ags=[WARTBURGKREIS], kind="employment_agency")
    chamber = make_actor("Kammer", ags=["16051"], kind="chamber")
    make_offer(
        agency, "Weiterbildung 45plus", topics=["skills"], groups=["older"], formats=["online"]
    )
    make_offer(agency, "Nachfolge", topics=["succession"], groups=["management"], cost="free")
    make_offer(chamber, "Ausbildung", topics=["labour"], groups=[], ags=["16051"], languages=["en"])
    make_offer(chamber, "Alt", topics=["skills"], active=False)

    def titles(query):
        r = client_partner.get(f"/netzwerk/angebote/?{query}")
        return sorted(o.title for o in r.context["page"].object_list)

    assert titles("") == ["Ausbildung", "Nachfolge", "Weiterbildung 45plus"]
    assert titles("topic=skills") == ["Weiterbildung 45plus"]
    assert titles("target_group=older") == ["Ausbildung", "Weiterbildung 45plus"]  # [] = all
    assert titles("format=online") == ["Weiterbildung 45plus"]
    assert titles("cost=free") == ["Nachfolge"]
    assert titles("language=en") == ["Ausbildung"]
    assert titles("actor_kind=chamber") == ["Ausbildung"]
    assert titles("region=pilotregion") == ["Nachfolge", "Weiterbildung 45plus"]
    assert titles("q=nachfolge agentur") == ["Nachfolge"]
    partial = client_partner.get("/netzwerk/angebote/?topic=skills", HTTP_HX_REQUEST="true")
    assert "<h1>" not in partial.content.decode()
    # Partners see no contact persons and no link to the actor page.
    html = client_partner.get(f"/netzwerk/angebote/{Offer.objects.get(title='Nachfolge').pk}/")
    assert f"/netzwerk/akteure/{agency.pk}/" not in html.content.decode()


# --- gap analysis --------------------------------------------------------------------------


def test_gap_page_shows_gap_candidates_and_closes_with_an_offer(client_koordination):
    for i in range(6):
        firm_with_need(f"Nachfolger {i}", ags=SOEMMERDA, topic="succession", employees=10 + i)
    firm_with_need("Niedrig", ags=SOEMMERDA, topic="succession", level=30)  # below threshold
    gotha = make_actor("Kammer Gotha", ags=[GOTHA])
    make_offer(gotha, "Nachfolgeberatung Gotha", topics=["succession"], groups=["management"])
    r = client_koordination.get(GAPS)
    assert r.status_code == 200
    row = next(row for row in r.context["heat_rows"] if row["kreis"].ags == SOEMMERDA)
    cell = next(c for c in row["cells"] if c["topic"] == "succession")
    assert (cell["status"], cell["demand"], cell["offers"], cell["score"]) == ("gap", 6, 0, 6)
    top = r.context["gap_rows"][0]["cell"]
    assert (top.kreis_ags, top.topic, top.target_group, top.demand_firms) == (
        SOEMMERDA,
        "succession",
        "management",
        6,
    )
    assert top.demand_employees == sum(10 + i for i in range(6))
    # Gotha borders Sömmerda: its chamber could fill the gap.
    assert [c.name for c in top.candidates] == ["Kammer Gotha"]
    assert "Kammer Gotha" in r.content.decode()
    # An offer of that chamber for Sömmerda closes the gap.
    make_offer(
        gotha, "Nachfolge Sömmerda", topics=["succession"], groups=["management"], ags=[SOEMMERDA]
    )
    r = client_koordination.get(GAPS)
    row = next(row for row in r.context["heat_rows"] if row["kreis"].ags == SOEMMERDA)
    cell = next(c for c in row["cells"] if c["topic"] == "succession")
    assert (cell["status"], cell["offers"]) == ("covered", 1)
    assert not [g for g in r.context["gap_rows"] if g["cell"].kreis_ags == SOEMMERDA]


def test_gap_page_filters_by_topic_and_target_group(client_koordination):
    firm_with_need("Digital", ags=WARTBURGKREIS, topic="digital")
    firm_with_need("Nachfolge", ags=WARTBURGKREIS, topic="succession")
    r = client_koordination.get(GAPS + "&topic=digital")
    assert {g["cell"].topic for g in r.context["gap_rows"]} == {"digital"}
    assert [c for c, _l in r.context["columns"]] == ["digital"]
    r = client_koordination.get(GAPS + "&target_group=older")
    assert {(g["cell"].topic, g["cell"].target_group) for g in r.context["gap_rows"]} == {
        ("digital", "older")
    }


def test_partner_gap_page_suppresses_small_cells(client_partner, db):
    for i in range(3):
        firm_with_need(f"Klein {i}", ags=SOEMMERDA, topic="succession")
    for i in range(5):
        firm_with_need(f"Groß {i}", ags=WARTBURGKREIS, topic="succession")
    r = client_partner.get(GAPS)
    cells = {
        row["kreis"].ags: next(c for c in row["cells"] if c["topic"] == "succession")
        for row in r.context["heat_rows"]
    }
    assert str(cells[SOEMMERDA]["demand"]) == "< 5" and cells[SOEMMERDA]["score"] is None
    assert cells[SOEMMERDA]["status"] == "hidden"
    assert cells[WARTBURGKREIS]["demand"] == 5
    listed = {g["cell"].kreis_ags for g in r.context["gap_rows"]}
    assert listed == {WARTBURGKREIS}
    html = r.content.decode()
    assert "Klein 0" not in html and "Groß 0" not in html
    assert "export.xlsx" not in html


def test_gap_export_xlsx_and_csv_match_the_page(client_koordination):
    for i in range(3):
        firm_with_need(f"W{i}", ags=WARTBURGKREIS, topic="skills", employees=100)
    r = client_koordination.get("/netzwerk/luecken/export.xlsx?region=pilotregion")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.values)
    assert rows[0] == (
        "kreis_ags",
        "kreis",
        "topic",
        "target_group",
        "demand_firms",
        "demand_employees",
        "offers",
        "actors",
        "gap_score",
        "candidates",
    )
    n_kreise = Kreis.objects.filter(regions__slug="pilotregion", active=True).count()
    assert len(rows) - 1 == n_kreise * 9 * 8
    assert rows[1][0] == WARTBURGKREIS and rows[1][4:6] == (3, 300) and rows[1][8] == 3
    scores = [row[8] for row in rows[1:]]
    assert scores == sorted(scores, reverse=True)
    r = client_koordination.get("/netzwerk/luecken/export.csv?region=pilotregion")
    body = r.content.decode("utf-8")
    table = list(csv.reader(io.StringIO(body)))
    assert table[0][0] == "kreis_ags" and table[1][0] == WARTBURGKREIS
    assert len(table) == len(rows)


# --- graph ---------------------------------------------------------------------------------


def test_graph_page_key_figures(client_koordination, user_beratung):
    from anett.companies.models import Activity

    union = make_actor("Gewerkschaft", ags=[WARTBURGKREIS], kind="union")
    cluster = make_actor("Cluster", ags=[GOTHA], kind="cluster_association")
    lonely = make_actor("Einzeln", ags=[GOTHA])
    ActorRelation.objects.create(source=union, kind="partner_of", target=cluster)
    reached = make_company("Erreicht", ags=WARTBURGKREIS)
    member = make_company("Mitglied", ags=GOTHA)
    make_company("Allein", ags=GOTHA)
    union.users.add(user_beratung)
    Activity.objects.create(
        company=reached, kind="visit", date="2025-01-10", user=user_beratung, outcome="contacted"
    )
    Membership.objects.create(actor=cluster, company=member)
    r = client_koordination.get("/netzwerk/graph/?region=pilotregion")
    assert r.status_code == 200
    m = r.context["metrics"]
    by = m.by_id
    assert by[union.pk].firms_reached == 1 and by[cluster.pk].firms_reached == 1
    assert by[union.pk].kreise == {WARTBURGKREIS: 1}
    assert [c.name for c in r.context["isolated"]] == ["Allein"]
    assert lonely.pk in by and by[lonely.pk].relations == 0
    assert m.groups == [2, 1]
    nodes = {n["id"]: n for n in r.context["data"]["nodes"]}
    assert nodes[f"a{union.pk}"]["url"] == f"/netzwerk/akteure/{union.pk}/"
    assert 'id="graph-data"' in r.content.decode()
    # Filter by kind of actor: the cluster and its member only.
    r = client_koordination.get("/netzwerk/graph/?region=pilotregion&kind=cluster_association")
    assert [f.name for f in r.context["metrics"].actors] == ["Cluster"]
    # Filter by topic: firms with that need, actors with that topic.
    Need.objects.create(company=member, topic="digital", level=90, source="manual")
    cluster.topics = ["digital"]
    cluster.save()
    r = client_koordination.get("/netzwerk/graph/?topic=digital")
    assert r.context["metrics"].n_firms == 1
    assert [f.name for f in r.context["metrics"].actors] == ["Cluster"]


def test_gap_page_follows_every_change_of_offers_and_actors(client_koordination):
    """The supply side is cached per process; each edit through the app must show at once."""

    def status():
        r = client_koordination.get(GAPS)
        row = next(row for row in r.context["heat_rows"] if row["kreis"].ags == SOEMMERDA)
        return next(c for c in row["cells"] if c["topic"] == "succession")["status"]

    for i in range(3):
        firm_with_need(f"N{i}", ags=SOEMMERDA, topic="succession")
    actor = make_actor("Kammer", ags=[GOTHA])
    assert status() == "gap"
    offer = make_offer(actor, "Nachfolge", topics=["succession"], groups=["management"])
    assert status() == "gap"  # the actor serves Gotha only
    actor.kreise.add(Kreis.objects.get(ags=SOEMMERDA))
    assert status() == "covered"  # the offer follows its actor's districts
    data = {
        "actor": actor.pk,
        "title": "Nachfolge",
        "kind": "advice",
        "topics": ["succession"],
        "target_groups": ["management"],
        "cost": "unknown",
        "kreise": [Kreis.objects.get(ags=GOTHA).pk],
        "active": "on",
    }
    client_koordination.post(f"/netzwerk/angebote/{offer.pk}/bearbeiten/", data)
    assert status() == "gap"  # own districts now: Gotha only
    data["kreise"] = [Kreis.objects.get(ags=SOEMMERDA).pk]
    client_koordination.post(f"/netzwerk/angebote/{offer.pk}/bearbeiten/", data)
    assert status() == "covered"
    # Unticked "available": the offer no longer counts.
    client_koordination.post(f"/netzwerk/angebote/{offer.pk}/bearbeiten/", {**data, "active": ""})
    offer.refresh_from_db()
    assert not offer.active and status() == "gap"
    client_koordination.post(f"/netzwerk/angebote/{offer.pk}/bearbeiten/", data)
    assert status() == "covered"
    client_koordination.post(f"/netzwerk/angebote/{offer.pk}/loeschen/")
    assert status() == "gap"
