"""Fixtures of the dashboard and report tests: firms, activities and measures in bulk."""

import random
from datetime import date, timedelta

import pytest

from anett.reports import services


@pytest.fixture(autouse=True)
def _fresh_cache(monkeypatch):
    """Cache as in production (requests run in autocommit, tests in a transaction), emptied
    before and after each test so no test sees another's figures."""
    monkeypatch.setattr(services, "CACHE_IN_TRANSACTIONS", True)
    services.forget_cache()
    yield
    services.forget_cache()


def bulk_firms(kreis, group: str, n: int, *, prefix="Betrieb", **fields):
    """n firms of a branch group in a Kreis (bulk, derived fields set directly)."""
    from anett.companies.models import Company

    firms = [
        Company(
            name=f"{prefix} {kreis.ags}-{group}-{k}",
            kreis=kreis,
            branch_group=group,
            sme_class=fields.get("sme_class", "small"),
            works_council=fields.get("works_council", "no"),
            employees_site=fields.get("employees_site", 20),
        )
        for k in range(n)
    ]
    return Company.objects.bulk_create(firms)


def add_activity(firms, user, *, kind="call", outcome="contacted", when=None):
    from anett.companies.models import Activity

    when = when or date.today() - timedelta(days=10)
    Activity.objects.bulk_create(
        [Activity(company=c, kind=kind, outcome=outcome, date=when, user=user) for c in firms]
    )


def add_measure(firm, *, status="granted", granted=1000, participants=3, start=None):
    from anett.funding.models import MeasureRecord

    return MeasureRecord.objects.create(
        company=firm,
        title="Qualifizierung",
        status=status,
        start=start or date.today() - timedelta(days=5),
        participants=participants,
        funding_applied_eur=granted,
        funding_granted_eur=granted,
    )


def random_region(seed: int, user, n_kreise: int = 12):
    """A region of Thuringian districts with random small numbers of firms per branch group,
    some reached, some advised."""
    from anett.regions.models import Kreis, Region

    rng = random.Random(seed)
    kreise = list(Kreis.objects.filter(ags__startswith="16", active=True).order_by("ags"))
    chosen = rng.sample(kreise, min(n_kreise, len(kreise)))
    region = Region.objects.create(name=f"Testregion {seed}", slug=f"test-{seed}", kind="transfer")
    region.kreise.set(chosen)
    groups = ["automotive", "supplier", "neighbouring", "other"]
    for kreis in chosen:
        for group in groups:
            n = rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 9, 12])
            if not n:
                continue
            firms = bulk_firms(
                kreis,
                group,
                n,
                prefix=f"Geheimbetrieb{seed}",
                sme_class=rng.choice(["small", "large"]),
            )
            reached = [c for c in firms if rng.random() < 0.6]
            add_activity(reached, user)
            advised = [c for c in reached if rng.random() < 0.5]
            add_activity(advised, user, kind="visit", outcome="participated")
    return region
