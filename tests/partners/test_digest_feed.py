"""The digest e-mail (command and page) and the Atom feeds."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from anett.core import roles
from anett.partners import vocab
from anett.partners.models import DigestDelivery, DigestRun, PartnerProfile

from ..conftest import make_user
from .conftest import make_insight, make_org, member

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _run(*args):
    import io

    out = io.StringIO()
    call_command("partner_digest", *args, stdout=out)
    return out.getvalue()


def test_digest_sends_each_user_their_insights_once(mailoutbox, org, partner_member):
    other_org = make_org("Andere")
    other = member(other_org, "p-other")
    no_mail = member(org, "p-nomail", email="")
    loner = make_user(roles.PARTNER, "p-loner", email="loner@partner.example")
    make_user(roles.BERATUNG, "b-adviser", email="adviser@anett.example")
    make_insight("Für alle")
    make_insight("Nur für uns", orgs=[org])
    make_insight("Entwurf", status=vocab.DRAFT)
    make_insight("Alt", published_at=timezone.now() - timedelta(days=90))

    out = _run()
    assert "E-Mails versendet: 3," in out
    by_to = {m.to[0]: m for m in mailoutbox}
    assert set(by_to) == {partner_member.email, other.email, loner.email}
    assert "Für alle" in by_to[loner.email].body and "Nur für uns" not in by_to[loner.email].body
    mine = by_to[partner_member.email]
    assert mine.subject == "ANeTT: 2 neue Erkenntnisse für Ihre Organisation"
    assert "Für alle" in mine.body and "Nur für uns" in mine.body and "Entwurf" not in mine.body
    assert "Alt" not in mine.body.split("Guten Tag")[1].split("Alle Erkenntnisse")[0]
    html, mimetype = mine.alternatives[0]
    assert mimetype == "text/html" and "Nur für uns" in html
    assert "Nur für uns" not in by_to[other.email].body
    assert no_mail.pk

    # Nothing twice.
    mailoutbox.clear()
    assert "E-Mails versendet: 0," in _run()
    assert mailoutbox == []
    make_insight("Neu dazu")
    _run()
    assert len(mailoutbox) == 3 and all("Neu dazu" in m.body for m in mailoutbox)
    assert all("Für alle" not in m.body for m in mailoutbox)
    assert DigestDelivery.objects.filter(user=partner_member).count() == 3
    assert DigestRun.objects.count() == 3


def test_dry_run_sends_and_records_nothing(mailoutbox, partner_member):
    make_insight("Probe")
    out = _run("--dry-run")
    assert "p-member" in out and "Probe" in out and "Probelauf" in out
    assert (
        mailoutbox == [] and not DigestDelivery.objects.exists() and not DigestRun.objects.exists()
    )


def test_opt_out_and_inactive_organisation_get_no_digest(
    mailoutbox, org, partner_member, client_member
):
    make_insight("Neu")
    client_member.post(reverse("partners:my_feed"), {"action": "digest"})  # unticked = off
    assert PartnerProfile.objects.get(user=partner_member).digest_enabled is False
    inactive = make_org("Inaktiv", active=False)
    member(inactive, "p-inactive")
    _run()
    assert mailoutbox == []


def test_coordinator_triggers_digest_from_the_page(mailoutbox, client_koordination, partner_member):
    make_insight("Per Knopf")
    page = client_koordination.get(reverse("partners:digest")).content.decode()
    assert "Der Digest ist noch nicht gelaufen" in page and "p-member" in page
    response = client_koordination.post(reverse("partners:digest"), follow=True)
    page = response.content.decode()
    assert "Digest versendet, E-Mails: 1." in page and "Letzter Lauf" in page
    assert len(mailoutbox) == 1 and "http://testserver/partner/erkenntnisse/" in mailoutbox[0].body
    assert DigestRun.objects.get().via == "page"


def _feed_titles(content: bytes) -> list[str]:
    root = ElementTree.fromstring(content)
    assert root.tag == f"{ATOM}feed"
    return [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]


def test_session_feed_lists_what_the_user_may_read(client_member, org, client):
    make_insight("Für alle")
    make_insight("Nur für uns", orgs=[org], body="<script>x()</script>**fett**")
    make_insight("Entwurf", status=vocab.DRAFT)
    make_insight("Fremd", orgs=[make_org("Fremd")])
    response = client_member.get(reverse("partners:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    titles = _feed_titles(response.content)
    assert sorted(titles) == ["Erkenntnis: Für alle", "Erkenntnis: Nur für uns"]
    assert b"&lt;script" not in response.content and b"<script" not in response.content
    assert client.get(reverse("partners:feed")).status_code == 302  # anonymous → login


def test_secret_feed_link_regenerate_and_revoke(client_member, client, org):
    make_insight("Nur für uns", orgs=[org])
    page = client_member.post(
        reverse("partners:my_feed"), {"action": "regenerate"}
    ).content.decode()
    url = page.split('id="secret-url">')[1].split("<")[0]
    path = url.replace("http://testserver", "")
    assert _feed_titles(client.get(path).content) == ["Erkenntnis: Nur für uns"]
    # The token is stored hashed only.
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert not PartnerProfile.objects.filter(feed_token_hash=token).exists()

    page2 = client_member.post(
        reverse("partners:my_feed"), {"action": "regenerate"}
    ).content.decode()
    path2 = page2.split('id="secret-url">')[1].split("<")[0].replace("http://testserver", "")
    assert client.get(path).status_code == 404 and client.get(path2).status_code == 200
    client_member.post(reverse("partners:my_feed"), {"action": "revoke"})
    assert client.get(path2).status_code == 404


def test_secret_feed_of_a_disabled_account_stops(client):
    user = make_user(roles.PARTNER, "p-gone")
    token = PartnerProfile.objects.create(user=user).new_feed_token()
    make_insight("Für alle")
    path = reverse("partners:feed_token", args=[token])
    assert client.get(path).status_code == 200
    user.is_active = False
    user.save()
    assert client.get(path).status_code == 404
