"""The interactive documentation works offline: every asset it loads is served here."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_openapi_and_docs_without_cdn(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "ANeTT API"
    assert "/api/v1/companies/{company_id}" in schema["paths"]
    html = client.get("/api/v1/docs").content.decode()
    assert "cdn" not in html.lower() and "http" not in html.replace("http-equiv", "")
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    for url in assets:
        r = client.get(url)
        assert r.status_code == 200, url
        b"".join(r.streaming_content)
    assert client.get("/api/v1/docs/assets/settings.py").status_code == 404
