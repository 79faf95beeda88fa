"""API keys: the page “API-Zugänge”, the key shown once, stored hashed, revoked or expired
keys refused."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from anett.api.models import ApiToken
from anett.api.tokens import create_token, hash_key
from anett.core import roles
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _key_from(response) -> str:
    html = response.content.decode()
    start = html.index('id="new-key-value"')
    value = html[html.index('value="', start - 200) + 7 :]
    return value[: value.index('"')]


def test_partner_creates_a_key_and_uses_it(client_partner, user_partner):
    r = client_partner.post("/api/zugaenge/", {"name": "Kreisbericht", "expires": ""})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Nur dieses eine Mal" in html or "nur dieses eine Mal" in html
    key = _key_from(r)
    token = ApiToken.objects.get(user=user_partner)
    assert key.startswith("anett_") and token.prefix == key[:12]
    assert token.key_hash == hash_key(key) and key not in token.key_hash
    # The key is not shown again.
    assert key not in client_partner.get("/api/zugaenge/").content.decode()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get("/api/v1/me").json()["username"] == user_partner.username
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_past_expiry_date_is_refused(client_beratung):
    r = client_beratung.post("/api/zugaenge/", {"name": "x", "expires": "2020-01-01"})
    assert "in der Zukunft" in r.content.decode()
    assert not ApiToken.objects.exists()


def test_revoke_asks_then_blocks_the_key(client_beratung, user_beratung):
    token, key = create_token(user_beratung, "Auswertung")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get("/api/v1/me").status_code == 200
    r = client_beratung.get(f"/api/zugaenge/{token.pk}/widerrufen/")
    assert "wirklich widerrufen" in r.content.decode().lower()
    assert api.get("/api/v1/me").status_code == 200  # nothing happens on GET
    client_beratung.post(f"/api/zugaenge/{token.pk}/widerrufen/")
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == user_beratung
    r = api.get("/api/v1/me")
    assert r.status_code == 401 and "widerrufen" in r.json()["detail"]


def test_expired_and_unknown_keys_fail_without_session_fallback(client_koordination):
    user = make_user(roles.KOORDINATION)
    _t, key = create_token(user, "alt", expires_at=timezone.now() - timedelta(minutes=1))
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/me").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Bearer anett_falsch").get("/api/v1/me").status_code == 401
    # A logged-in browser sending a wrong key gets 401, not the session's rights.
    r = client_koordination.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert r.status_code == 401


def test_deactivated_user_key_fails():
    user = make_user(roles.KOORDINATION)
    _t, key = create_token(user, "x")
    user.is_active = False
    user.save()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/me").status_code == 401


def test_users_see_own_keys_coordinators_see_all(client_partner, user_partner, client_koordination):
    other = make_user(roles.BERATUNG, "api-other", first_name="Fremdschluessel")
    create_token(other, "Fremder Schlüssel")
    create_token(user_partner, "Mein Schlüssel")
    html = client_partner.get("/api/zugaenge/").content.decode()
    assert "Mein Schlüssel" in html and "Fremder Schlüssel" not in html
    html = client_koordination.get("/api/zugaenge/").content.decode()
    assert "Mein Schlüssel" in html and "Fremder Schlüssel" in html
    foreign = ApiToken.objects.get(user=other)
    assert client_partner.post(f"/api/zugaenge/{foreign.pk}/widerrufen/").status_code == 404
    client_koordination.post(f"/api/zugaenge/{foreign.pk}/widerrufen/")
    foreign.refresh_from_db()
    assert foreign.revoked_at is not None


def test_page_needs_login(client):
    assert client.get("/api/zugaenge/").status_code == 302
