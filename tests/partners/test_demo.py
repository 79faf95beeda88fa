"""The demo content of the partner area."""

import io

import pytest
from django.core.management import call_command

from anett.partners import demo, vocab
from anett.partners.models import Contribution, Insight, PartnerOrganisation

pytestmark = pytest.mark.django_db


def test_demo_is_complete_marked_and_idempotent():
    from anett.companies.demo import ensure_users

    ensure_users("pw-demo-1234")
    summary = demo.create_demo(seed=1, log=lambda *a: None)
    assert summary and "Partnerbereich" in summary
    orgs = PartnerOrganisation.objects.filter(is_demo=True)
    assert orgs.count() == 2
    partner_org = orgs.get(memberships__user__username="partner")
    assert partner_org.interest_kreis_ids()
    published = Insight.objects.published().filter(is_demo=True)
    assert 4 <= published.count() <= 6
    assert Insight.objects.filter(status=vocab.DRAFT, is_demo=True).count() == 1
    assert {i.kind for i in published} == {"finding", "good_practice", "lesson_learned"}
    question = Contribution.objects.get(kind=vocab.QUESTION)
    assert question.answers.count() == 1
    # Each published insight went through review by a second person.
    for insight in published:
        assert insight.reviewer_id and insight.reviewer_id != insight.author_id
        assert insight.status_changes.count() == 2
    assert demo.create_demo(seed=1, log=lambda *a: None) is None
    assert Insight.objects.filter(is_demo=True).count() == published.count() + 1


def test_demo_command_runs_the_hook(mailoutbox):
    call_command("demo", "--companies", "5", stdout=io.StringIO())
    assert Insight.objects.published().exists()
    # The demo partner gets a digest with the recent demo insights.
    out = io.StringIO()
    call_command("partner_digest", stdout=out)
    assert any(m.to == ["partner@demo.anett.invalid"] for m in mailoutbox)
