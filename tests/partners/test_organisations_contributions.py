"""Partner organisations and their members; comments, questions and answers."""

import pytest
from django.urls import reverse

from anett.core import roles
from anett.partners import vocab
from anett.partners.models import Contribution, PartnerMembership, PartnerOrganisation

from ..conftest import _logged_in
from .conftest import make_insight, make_org, member

pytestmark = pytest.mark.django_db


def test_coordinator_creates_edits_and_lists_organisations(client_koordination):
    response = client_koordination.post(
        reverse("partners:organisation_create"),
        {
            "name": "IHK Test",
            "kind": "chamber",
            "contact_email": "info@ihk.example",
            "active": "on",
        },
    )
    org = PartnerOrganisation.objects.get(name="IHK Test")
    assert response.status_code == 302 and org.active
    client_koordination.post(
        reverse("partners:organisation_edit", args=[org.pk]),
        {"name": "IHK Erfurt Test", "kind": "chamber", "contact_email": "", "active": "on"},
    )
    org.refresh_from_db()
    assert org.name == "IHK Erfurt Test"
    assert (
        "IHK Erfurt Test"
        in client_koordination.get(reverse("partners:organisations")).content.decode()
    )


def test_add_members_by_username_or_email_with_german_errors(client_koordination, user_factory):
    org = make_org()
    by_name = user_factory(roles.PARTNER, "paula", email="paula@partner.example")
    by_mail = user_factory(roles.PARTNER, "peter", email="Peter@Partner.example")
    adviser = user_factory(roles.BERATUNG, "bernd")
    url = reverse("partners:organisation_detail", args=[org.pk])
    client_koordination.post(url, {"identifier": "paula"})
    client_koordination.post(url, {"identifier": "peter@partner.example"})
    assert set(org.memberships.values_list("user__username", flat=True)) == {"paula", "peter"}
    by_mail.refresh_from_db()
    assert by_mail.organisation == org.name

    def error(identifier):
        return client_koordination.post(url, {"identifier": identifier}).content.decode()

    assert "Kein Benutzerkonto mit dem Benutzernamen oder der E-Mail-Adresse „niemand“" in error(
        "niemand"
    )
    assert "nur Konten mit der Rolle Partner" in error("bernd")
    assert "gehört bereits zu dieser Organisation" in error("paula")
    other = make_org("Andere")
    page = client_koordination.post(
        reverse("partners:organisation_detail", args=[other.pk]), {"identifier": "paula"}
    ).content.decode()
    assert "gehört bereits zu „Testpartner e. V.“" in page
    assert adviser.pk and by_name.pk


def test_remove_member_after_confirmation(client_koordination, org, partner_member):
    membership = PartnerMembership.objects.get(user=partner_member)
    url = reverse("partners:member_remove", args=[org.pk, membership.pk])
    assert "Ja, löschen" in client_koordination.get(url).content.decode()
    assert PartnerMembership.objects.filter(pk=membership.pk).exists()
    client_koordination.post(url)
    assert not PartnerMembership.objects.filter(pk=membership.pk).exists()
    partner_member.refresh_from_db()
    assert partner_member.is_active  # the account remains


def test_deactivate_organisation_cuts_access(client_koordination, org, client_member):
    insight = make_insight("Für alle")
    assert client_member.get(insight.get_absolute_url()).status_code == 200
    url = reverse("partners:organisation_active", args=[org.pk])
    assert "wirklich deaktivieren" in client_koordination.get(url).content.decode()
    client_koordination.post(url)
    org.refresh_from_db()
    assert not org.active
    assert client_member.get(insight.get_absolute_url()).status_code == 404
    client_koordination.post(url)
    org.refresh_from_db()
    assert org.active


@pytest.mark.parametrize(
    "name", ["organisations", "organisation_create", "manage", "digest", "inbox"]
)
def test_partner_and_beratung_cannot_manage(client_member, client_beratung, name):
    assert client_member.get(reverse(f"partners:{name}")).status_code == 403
    assert client_beratung.get(reverse(f"partners:{name}")).status_code == 403


# --- contributions ----------------------------------------------------------------------


def test_question_answer_and_my_contributions(
    client_member, partner_member, org, client_koordination
):
    insight = make_insight("Frage dazu")
    url = reverse("partners:contribute", args=[insight.pk])
    client_member.post(url, {"kind": "question", "text": "Wie lange dauert die Förderzusage?"})
    question = Contribution.objects.get()
    assert question.organisation == org and question.organisation_name == org.name

    # Others see the organisation, never the person's name or e-mail.
    reader = _logged_in(member(make_org("Leser e. V."), "p-leser"))
    page = reader.get(insight.get_absolute_url()).content.decode()
    assert "Wie lange dauert die Förderzusage?" in page and org.name in page
    assert partner_member.email not in page and partner_member.last_name not in page

    mine = client_member.get(reverse("partners:my_contributions")).content.decode()
    assert "Noch nicht beantwortet" in mine
    inbox = client_koordination.get(reverse("partners:inbox")).content.decode()
    assert "Wie lange dauert die Förderzusage?" in inbox

    client_koordination.post(
        reverse("partners:answer", args=[question.pk]), {"text": "Etwa sechs Wochen."}
    )
    answer = question.answers.get()
    assert answer.kind == vocab.ANSWER and answer.organisation_name == "ANeTT-Netzwerkbüro"
    mine = client_member.get(reverse("partners:my_contributions")).content.decode()
    assert "Etwa sechs Wochen." in mine and "Noch nicht beantwortet" not in mine
    assert "Wie lange" not in client_koordination.get(reverse("partners:inbox")).content.decode()
    # A colleague of the same organisation sees it under "My contributions" too.
    colleague = _logged_in(member(org, "p-kollege"))
    assert (
        "Etwa sechs Wochen." in colleague.get(reverse("partners:my_contributions")).content.decode()
    )


def test_private_question_is_hidden_from_other_organisations(client_member):
    insight = make_insight("Privat")
    client_member.post(
        reverse("partners:contribute", args=[insight.pk]),
        {"kind": "question", "text": "Vertrauliche Frage", "private": "on"},
    )
    other = _logged_in(member(make_org("Andere Org"), "p-andere"))
    assert "Vertrauliche Frage" not in other.get(insight.get_absolute_url()).content.decode()
    assert "Vertrauliche Frage" in client_member.get(insight.get_absolute_url()).content.decode()


def test_partner_cannot_answer_nor_comment_on_unpublished(client_member, org):
    draft = make_insight("Entwurf", status=vocab.DRAFT)
    response = client_member.post(
        reverse("partners:contribute", args=[draft.pk]), {"kind": "comment", "text": "x"}
    )
    assert response.status_code == 404
    insight = make_insight("Veröffentlicht")
    client_member.post(
        reverse("partners:contribute", args=[insight.pk]), {"kind": "comment", "text": "Gut"}
    )
    comment = Contribution.objects.get()
    assert (
        client_member.post(reverse("partners:answer", args=[comment.pk]), {"text": "x"}).status_code
        == 403
    )


def test_empty_contribution_gets_a_german_message(client_member):
    insight = make_insight("Leer")
    response = client_member.post(
        reverse("partners:contribute", args=[insight.pk]),
        {"kind": "comment", "text": ""},
        follow=True,
    )
    assert "Ihr Beitrag wurde nicht gespeichert" in response.content.decode()
    assert not Contribution.objects.exists()


def test_author_deletes_own_contribution_others_cannot(client_member):
    insight = make_insight("Löschen")
    client_member.post(
        reverse("partners:contribute", args=[insight.pk]), {"kind": "comment", "text": "Weg damit"}
    )
    c = Contribution.objects.get()
    other = _logged_in(member(make_org("Dritte"), "p-dritte"))
    assert other.post(reverse("partners:contribution_delete", args=[c.pk])).status_code == 403
    url = reverse("partners:contribution_delete", args=[c.pk])
    assert client_member.get(url).status_code == 200
    client_member.post(url)
    assert not Contribution.objects.exists()
