from datetime import date, timedelta

import pytest
from django.utils import timezone

from anett.network.models import Actor, ActorContact
from anett.procedure import services
from anett.procedure.models import Call, Section


@pytest.fixture
def actor(db):
    return Actor.objects.create(name="IG Metall Test", short_name="IGM", kind="union")


@pytest.fixture
def contact(actor):
    return ActorContact.objects.create(
        actor=actor,
        first_name="Erika",
        last_name="Beispiel",
        email="erika@example.org",
        consent_purpose="Netzwerkarbeit",
        consent_date=date(2022, 1, 10),
    )


@pytest.fixture
def call(db, user_koordination):
    call = Call.objects.create(
        title="Beiträge zur Skizze 2.0",
        document_title="Projektskizze 2.0",
        intro="Bitte um Textbausteine.",
        deadline=timezone.localdate() + timedelta(days=10),
        created_by=user_koordination,
    )
    for i, (title, question) in enumerate(
        [
            ("Pilotregion", "Warum diese Region?"),
            ("Qualifizierung", "Welche Angebote?"),
            ("Akteure", "Wer fehlt?"),
        ],
        1,
    ):
        Section.objects.create(call=call, position=i, title=title, question=question)
    return call


@pytest.fixture
def invitation(call, contact):
    return services.create_invitation(call, contact=contact)
