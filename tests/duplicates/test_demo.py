import pytest

from anett.companies.demo import create_demo as create_companies
from anett.duplicates.demo import DEMO_SOURCE, HOW_MANY, create_demo
from anett.duplicates.models import CandidatePair

pytestmark = pytest.mark.django_db


def test_demo_duplicates_are_found_and_idempotent():
    create_companies(120, seed=7, log=lambda *a: None)
    summary = create_demo(seed=7, log=print)
    assert summary.startswith(f"{HOW_MANY} Demo-Dubletten angelegt")
    from anett.companies.models import Company

    twins = set(Company.objects.filter(sources=DEMO_SOURCE).values_list("pk", flat=True))
    assert len(twins) == HOW_MANY
    found = {
        pk
        for a, b in CandidatePair.objects.to_review().values_list("company_a_id", "company_b_id")
        for pk in (a, b)
        if pk in twins
    }
    assert len(found) >= HOW_MANY - 1
    assert create_demo(seed=7, log=print) is None


def test_no_demo_duplicates_in_small_demo_registers():
    from anett.companies.models import Company

    create_companies(40, seed=7, log=lambda *a: None)
    assert create_demo(seed=7, log=print) is None
    assert Company.objects.count() == 40
