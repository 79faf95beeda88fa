"""The code-list field: stored as ',a,b,', read as a list, filtered with `__has`."""

import pytest
from django.core.exceptions import ValidationError

from anett.network.models import Actor, Offer

pytestmark = pytest.mark.django_db


def test_round_trip_order_and_has_lookup():
    actor = Actor.objects.create(name="A", kind="union", topics=["skills", "drivetrain", "skills"])
    actor.refresh_from_db()
    assert actor.topics == ["drivetrain", "skills"]  # order of the options, no duplicates
    Actor.objects.create(name="B", kind="union", topics=["labour"])
    assert list(Actor.objects.filter(topics__has="skills").values_list("name", flat=True)) == ["A"]
    assert not Actor.objects.filter(topics__has="skill").exists()  # whole codes only
    raw = Actor.objects.filter(pk=actor.pk).values_list("topics", flat=True).get()
    assert raw == ["drivetrain", "skills"]


def test_unknown_codes_and_required_lists_are_rejected():
    actor = Actor(name="A", kind="union", topics=["nonsense"])
    with pytest.raises(ValidationError) as exc:
        actor.full_clean()
    assert "topics" in exc.value.message_dict
    offer = Offer(actor=Actor.objects.create(name="B", kind="union"), title="x", kind="advice")
    with pytest.raises(ValidationError) as exc:
        offer.full_clean()
    assert "topics" in exc.value.message_dict  # an offer needs at least one topic
    assert "target_groups" not in exc.value.message_dict  # none: for all target groups
