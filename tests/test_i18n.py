"""German by default, whatever the browser asks for; English when chosen in the switcher."""

from .conftest import make_company


def test_german_even_for_english_browser(client_koordination):
    response = client_koordination.get("/betriebe/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert response["Content-Language"] == "de"
    assert "Betriebsregister" in html
    assert "Company register" not in html


def test_switch_to_english_and_back(client_koordination):
    response = client_koordination.post(
        "/i18n/setlang/", {"language": "en", "next": "/betriebe/"}, follow=True
    )
    assert "Company register" in response.content.decode()
    response = client_koordination.post(
        "/i18n/setlang/", {"language": "de", "next": "/betriebe/"}, follow=True
    )
    assert "Betriebsregister" in response.content.decode()


def test_login_page_is_german(client):
    html = client.get("/anmelden/").content.decode()
    assert "Bei ANeTT anmelden" in html
    assert 'lang="de"' in html


def test_forbidden_page_is_german_and_explains(client_beratung):
    company = make_company("Fremdbetrieb")
    response = client_beratung.get(f"/betriebe/{company.pk}/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Kein Zugriff" in html
    assert "Dieser Betrieb ist Ihnen nicht zugeordnet." in html
