"""A partner walks every GET operation of the OpenAPI schema (with real ids, with and
without filters) and never gets a firm, a person or a small cell. The same walk as the
coordination does find the firm, so the assertions can fail."""

import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from anett.api.v1 import api

from .conftest import SECRET_ADVISER, SECRET_CONTACT_FIRST, SECRET_CONTACT_LAST, SECRET_FIRM

pytestmark = pytest.mark.django_db

SECRETS = (
    SECRET_FIRM,
    "Fremdbetrieb Kolben",
    SECRET_CONTACT_FIRST,
    SECRET_CONTACT_LAST,
    "h.schraubenzieher@example.org",
    SECRET_ADVISER,
    "Entwurf über Geheimwerk",
)


@pytest.fixture
def world(register):
    from anett.network.models import Actor, Offer
    from anett.partners.models import Insight
    from anett.regions.models import Region

    actor = Actor.objects.create(name="Walk-Akteur", kind="chamber")
    offer = Offer.objects.create(
        actor=actor, title="Walk-Angebot", kind="advice", topics=["skills"]
    )
    published = Insight.objects.create(
        title="Veröffentlichte Erkenntnis",
        summary="Für alle Partner.",
        body="Text",
        kind="finding",
        status="published",
        published_at=timezone.now(),
    )
    Insight.objects.create(
        title="Entwurf über Geheimwerk",
        summary=f"{SECRET_FIRM} plant Kurzarbeit.",
        kind="finding",
        status="draft",
    )
    region = Region.objects.filter(kreise__ags="16063").order_by("slug").first()
    return {
        "company_id": register["firm"].pk,
        "actor_id": actor.pk,
        "offer_id": offer.pk,
        "insight_id": published.pk,
        "slug": region.slug,
        "ags": "16063",
        "figure_id": "identified",
        "region": region.slug,
    }


def _get_paths() -> list[str]:
    schema = api.get_openapi_schema()
    return [p for p, ops in schema["paths"].items() if "get" in ops]


def _walk(client: Client, world) -> dict[str, tuple[int, str]]:
    out = {}
    for template in _get_paths():
        path = re.sub(r"\{(\w+)\}", lambda m: str(world[m.group(1)]), template)
        for query in ("", "?limit=200", f"?region={world['region']}", "?kreis=16063"):
            r = client.get(path + query)
            if r["Content-Type"].startswith("application/json"):
                body = json.dumps(r.json(), ensure_ascii=False)
            else:
                body = r.content.decode(errors="replace")
            out[path + query] = (r.status_code, body)
    return out


def _client(user) -> Client:
    from .conftest import bearer

    return bearer(user)


def test_partner_gets_no_firm_no_person_from_any_endpoint(world, user_partner):
    paths = _get_paths()
    assert len(paths) >= 19
    responses = _walk(_client(user_partner), world)
    ok = 0
    for path, (status, body) in responses.items():
        assert status < 500, (path, body)
        for secret in SECRETS:
            assert secret not in body, (path, secret)
        ok += status == 200
    assert ok >= 40
    # The firm endpoints refuse with the German message.
    status, body = responses[f"/api/v1/companies/{world['company_id']}"]
    assert status == 403 and json.loads(body)["detail"].startswith("Nicht erlaubt")


def test_same_walk_as_coordination_finds_the_firm(world, user_koordination):
    responses = _walk(_client(user_koordination), world)
    everything = "".join(body for _s, body in responses.values())
    assert SECRET_FIRM in everything and SECRET_CONTACT_LAST in everything
    assert "Entwurf über Geheimwerk" in everything


def test_partner_figures_hide_small_cells(world, user_partner, user_koordination):
    """One firm in the Wartburgkreis: the coordination sees 1, the partner "< 5"."""
    url = f"/api/v1/figures?region={world['region']}&kreis=16063"
    mine = _client(user_koordination).get(url).json()
    theirs = _client(user_partner).get(url).json()
    assert mine["suppressed"] is False and mine["figures"]["identified"]["value"] == 1
    assert theirs["suppressed"] is True
    cell = theirs["figures"]["identified"]
    assert cell["value"] is None and cell["hidden"] == "small" and cell["display"] == "< 5"
    for fid, cell in theirs["figures"].items():
        if cell["unit"] == "count" and cell["value"] is not None:
            assert cell["value"] == 0 or cell["value"] >= 5, fid
    by_kreis = (
        _client(user_partner)
        .get(f"/api/v1/figures/identified/kreise?region={world['region']}")
        .json()
    )
    assert by_kreis["kreise"]["16063"]["hidden"] == "small"
    assert by_kreis["kreise"]["16063"]["value"] is None
    for ags, row in by_kreis["kreise"].items():
        assert row["value"] is None or row["value"] == 0 or row["value"] >= 5, ags
