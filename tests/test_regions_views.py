"""Regions: reference data in the database, list, detail, map data and editing."""

import json

import pytest

from anett.core.disclosure import SMALL
from anett.regions.models import Kreis, Region
from anett.regions.seed import NEIGHBOUR_AGS, PILOT_AGS, load_kreise, load_seed_regions

from .conftest import ERFURT, WARTBURGKREIS

pytestmark = pytest.mark.django_db


def test_reference_data_loaded():
    assert Kreis.objects.count() == 401
    assert Kreis.objects.filter(active=True).count() == 400
    eisenach = Kreis.objects.get(ags="16056")
    assert not eisenach.active
    assert eisenach.merged_into.ags == WARTBURGKREIS
    assert Kreis.objects.get(ags=WARTBURGKREIS).population == 123025 + 42370
    assert set(Region.objects.values_list("slug", flat=True)) == {
        "pilotregion",
        "akzent-soemmerda",
        "transferregion",
    }


def test_seed_regions():
    pilot = Region.objects.get(slug="pilotregion")
    assert sorted(pilot.kreise.values_list("ags", flat=True)) == sorted(PILOT_AGS)
    transfer = Region.objects.get(slug="transferregion")
    transfer_ags = set(transfer.kreise.values_list("ags", flat=True))
    assert set(NEIGHBOUR_AGS) <= transfer_ags
    assert ERFURT in transfer_ags
    assert not transfer_ags & set(PILOT_AGS)
    assert "16056" not in transfer_ags  # merged Eisenach is no district of its own any more
    thuringia = set(
        Kreis.objects.filter(land="Thüringen", active=True).values_list("ags", flat=True)
    )
    assert thuringia <= transfer_ags | set(PILOT_AGS)


def test_loading_is_idempotent_and_keeps_user_edits():
    Region.objects.filter(slug="pilotregion").update(description="von Hand")
    assert load_seed_regions() == 0
    assert load_kreise() == 401
    assert Kreis.objects.count() == 401
    assert Region.objects.get(slug="pilotregion").description == "von Hand"


def test_region_list(client_koordination):
    response = client_koordination.get("/regionen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "ANeTT-Pilotregion" in html
    assert "/regionen/neu/" in html
    pilot = next(r for r in response.context["regions"] if r.slug == "pilotregion")
    assert pilot.n_kreise == 6
    assert pilot.population == sum(
        Kreis.objects.filter(ags__in=PILOT_AGS).values_list("population", flat=True)
    )


def test_region_list_hides_create_link_from_partner(client_partner):
    html = client_partner.get("/regionen/").content.decode()
    assert "/regionen/neu/" not in html
    assert "/bearbeiten/" not in html


def test_region_detail_figures(client_koordination, company_factory):
    company_factory("A", ags=WARTBURGKREIS, wz_code="29.32.0")
    company_factory("B", ags=WARTBURGKREIS, wz_code="22.19.0")
    company_factory("C", ags=ERFURT, wz_code="29.32.0")  # not in the pilot region
    response = client_koordination.get("/regionen/pilotregion/")
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures["company_total"] == 2
    assert len(figures["kreise"]) == 6
    totals = {label: n for label, n, _bar in figures["group_totals"]}
    assert sorted(totals.values()) == [0, 0, 1, 1]
    row = next(r for r in figures["rows"] if r["kreis"].ags == WARTBURGKREIS)
    assert row["total"] == 2
    html = response.content.decode()
    assert "Wartburgkreis" in html
    assert "/regionen/pilotregion/bearbeiten/" in html


def test_region_detail_partner_figures_are_suppressed(client_partner, company_factory):
    company_factory("A", ags=WARTBURGKREIS, wz_code="29.32.0")
    figures = client_partner.get("/regionen/pilotregion/").context["figures"]
    assert figures["company_total"] == SMALL
    row = next(r for r in figures["rows"] if r["kreis"].ags == WARTBURGKREIS)
    assert row["total"] == SMALL
    assert SMALL in row["groups"]


def test_region_detail_404(client_koordination):
    assert client_koordination.get("/regionen/gibt-es-nicht/").status_code == 404


def test_region_geojson(client_partner):
    response = client_partner.get("/regionen/pilotregion/kreise.geojson")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    ags = {f["properties"]["ags"] for f in data["features"]}
    assert ags == set(PILOT_AGS)
    wartburg = next(f for f in data["features"] if f["properties"]["ags"] == WARTBURGKREIS)
    assert wartburg["properties"]["population"] == 123025 + 42370
    assert wartburg["geometry"]["type"] in {"Polygon", "MultiPolygon"}


def test_create_region(client_koordination):
    kreise = list(Kreis.objects.filter(ags__in=[WARTBURGKREIS, ERFURT]))
    response = client_koordination.post(
        "/regionen/neu/",
        {"name": "Westthüringen Test", "kind": "accent", "kreise": [k.pk for k in kreise]},
    )
    assert response.status_code == 302
    region = Region.objects.get(name="Westthüringen Test")
    assert region.slug == "westthuringen-test"
    assert set(region.kreise.all()) == set(kreise)
    assert response["Location"] == "/regionen/westthuringen-test/"


def test_create_region_requires_districts(client_koordination):
    before = Region.objects.count()
    response = client_koordination.post("/regionen/neu/", {"name": "Leer", "kind": "accent"})
    assert response.status_code == 200
    assert "kreise" in response.context["form"].errors
    assert Region.objects.count() == before


def test_region_form_offers_only_active_districts(client_admin):
    form = client_admin.get("/regionen/neu/").context["form"]
    ags = set(form.fields["kreise"].queryset.values_list("ags", flat=True))
    assert "16056" not in ags
    assert WARTBURGKREIS in ags
    assert len(ags) == 400


def test_region_edit_keeps_history(client_koordination, user_koordination):
    region = Region.objects.get(slug="akzent-soemmerda")
    response = client_koordination.post(
        "/regionen/akzent-soemmerda/bearbeiten/",
        {
            "name": region.name,
            "kind": region.kind,
            "description": "neu",
            "kreise": list(region.kreise.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 302
    latest = region.history.first()
    assert latest.description == "neu"
    assert latest.history_user == user_koordination
