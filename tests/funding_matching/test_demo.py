"""Demo referrals and measure records: plausible, tracked, idempotent."""

import pytest

from anett.core import roles
from anett.funding import demo
from anett.funding.models import MeasureRecord
from anett.network.models import Referral

from ..conftest import make_user
from .conftest import WAK, actor, firm, offer

pytestmark = pytest.mark.django_db


def test_create_demo_is_idempotent_and_only_touches_demo_firms():
    make_user(roles.BERATUNG, "beratung")
    offer(actor("Bildungswerk", ags=[WAK]), "Kurs", topics=["skills", "digital"])
    firms = [firm(f"Demo {i}", is_demo=True, needs=(("skills", 60 + i),)) for i in range(10)]
    real = firm("Echter Betrieb", needs=(("skills", 90),))
    summary = demo.create_demo(2022, log=lambda *_: None)
    assert summary and "10 Vermittlungen" in summary
    assert Referral.objects.filter(company=real).count() == 0
    assert Referral.objects.count() == 10
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert {"proposed", "contacted", "accepted", "done", "declined"} <= statuses
    recs = list(MeasureRecord.objects.all())
    assert len(recs) == 5 and all(r.referral and r.company.is_demo for r in recs)
    assert {r.status for r in recs} >= {"applied", "granted", "running", "completed"}
    done = Referral.objects.filter(status="done").first()
    done.company.refresh_from_db()
    assert done.company.stage in ("in_progress", "completed")
    assert done.company.activities.count() >= 4
    assert demo.create_demo(2022, log=lambda *_: None) is None
    assert Referral.objects.count() == 10 and MeasureRecord.objects.count() == 5
    assert firms
