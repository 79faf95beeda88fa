"""The register-wide search: finds seeded duplicates, not distinct firms; decisions
stick; automatic merges only above the coordinators' threshold."""

import pytest
from django.core.management import call_command

from anett.companies.models import ContactPerson
from anett.duplicates import jobs, services
from anett.duplicates.models import (
    CandidatePair,
    DuplicateSettings,
    MergeRecord,
    PairStatus,
    RunStatus,
    SearchRun,
)
from tests.conftest import make_company

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    firms = {
        "achsen": make_company(
            "Wartburg Achsenbau",
            legal_form="GmbH",
            street="Am Flugplatz 3",
            postcode="99817",
            city="Eisenach",
            phone="03691 12340",
            wz_code="29.32.0",
        ),
        "achsen2": make_company(
            "Wartburg-Achsenbau",
            legal_form="GmbH",
            street="Am Flugplatz 3",
            postcode="99817",
            city="Eisenach",
            phone="+49 3691 1234-0",
        ),
        "guss": make_company(
            "Sömmerdaer Präzisionsguss",
            legal_form="KG",
            street="Weißenseer Straße 12",
            postcode="99610",
            city="Sömmerda",
            website="https://www.praezisionsguss.de",
        ),
        "guss2": make_company(
            "Soemmerdaer Praezisionsguss",
            legal_form="KG",
            street="Weissenseer Str. 12",
            postcode="99610",
            city="Sömmerda",
            website="http://praezisionsguss.de/kontakt",
        ),
        "kunststoff": make_company(
            "Thüringer Kunststofftechnik",
            legal_form="GmbH",
            street="Industriestraße 7",
            postcode="99867",
            city="Gotha",
            phone="03621 55501",
        ),
        "elektro": make_company(
            "Elektro Hoffmann",
            legal_form="e.K.",
            street="Markt 2",
            postcode="98527",
            city="Suhl",
        ),
        "sitz": make_company(
            "Eisenacher Sitzsysteme",
            legal_form="GmbH",
            street="Rennbahn 20",
            postcode="99817",
            city="Eisenach",
            phone="03691 77700",
        ),
    }
    return firms


def _pairs():
    return {
        frozenset((p.company_a_id, p.company_b_id)): p
        for p in CandidatePair.objects.exclude(status=PairStatus.OBSOLETE)
    }


def test_search_finds_seeded_duplicates_not_distinct_firms(register, user_koordination):
    run = jobs.enqueue(user_koordination)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert run.companies == 7
    pairs = _pairs()
    ids = {k: c.pk for k, c in register.items()}
    assert set(pairs) == {
        frozenset((ids["achsen"], ids["achsen2"])),
        frozenset((ids["guss"], ids["guss2"])),
    }
    pair = pairs[frozenset((ids["guss"], ids["guss2"]))]
    assert pair.match_probability > 0.9
    agreeing = {e["comparison"] for e in pair.evidence if e["weight"] > 0}
    assert {"name", "address", "domain"} <= agreeing
    assert pair.found_by == run
    assert run.pairs_new == 2 and run.auto_merged == 0
    # a second run finds the same pairs, none new
    run2 = jobs.enqueue(user_koordination)
    run2.refresh_from_db()
    assert (run2.pairs_found, run2.pairs_new) == (2, 0)
    assert CandidatePair.objects.count() == 2


def test_kept_separate_never_proposed_again(register, user_koordination):
    jobs.enqueue(user_koordination)
    pair = CandidatePair.objects.get(company_a_id=register["achsen"].pk)
    services.decide(pair, PairStatus.SEPARATE, user_koordination)
    run = jobs.enqueue(user_koordination)
    run.refresh_from_db()
    assert run.pairs_found == 1
    pair.refresh_from_db()
    assert pair.status == PairStatus.SEPARATE
    assert CandidatePair.objects.to_review().count() == 1


def test_kept_separate_holds_after_one_record_is_merged(register, user_koordination):
    jobs.enqueue(user_koordination)
    achsen = CandidatePair.objects.get(company_a_id=register["achsen"].pk)
    services.decide(achsen, PairStatus.SEPARATE, user_koordination)
    # achsen2 merged into a third record; the third one must not be proposed with achsen
    third = make_company(
        "Wartburg Achsenbau",
        legal_form="GmbH",
        street="Am Flugplatz 3",
        postcode="99817",
        city="Eisenach",
    )
    lo, hi = sorted([third.pk, register["achsen2"].pk])
    p = CandidatePair.objects.create(
        company_a_id=lo, company_b_id=hi, match_probability=0.99, match_weight=12
    )
    services.merge(p, third.pk)
    jobs.enqueue(user_koordination)
    assert not CandidatePair.objects.filter(
        company_a_id=register["achsen"].pk, company_b_id=third.pk
    ).exists()


def test_auto_merge_threshold_between_pairs(register, user_koordination):
    ContactPerson.objects.create(company=register["guss2"], last_name="Gans")
    rule = DuplicateSettings.current()
    rule.auto_merge, rule.threshold = "weight", 1000.0  # nothing is that strong
    rule.save()
    run = jobs.enqueue(user_koordination)
    weights = dict(
        (frozenset((a, b)), w)
        for a, b, w in CandidatePair.objects.values_list(
            "company_a_id", "company_b_id", "match_weight"
        )
    )
    run.refresh_from_db()
    assert run.auto_merged == 0
    ids = {k: c.pk for k, c in register.items()}
    w_achsen = weights[frozenset((ids["achsen"], ids["achsen2"]))]
    w_guss = weights[frozenset((ids["guss"], ids["guss2"]))]
    assert w_achsen != w_guss
    high, low = ("achsen", "guss") if w_achsen > w_guss else ("guss", "achsen")
    rule.threshold = (w_achsen + w_guss) / 2
    rule.save()
    run = jobs.enqueue(user_koordination)
    run.refresh_from_db()
    assert run.auto_merged == 1
    record = MergeRecord.objects.get()
    assert record.automatic and record.run == run
    assert {record.survivor_id, record.removed_id} == {ids[high], ids[f"{high}2"]}
    if high == "guss":  # the record with a contact survives
        assert record.survivor_id == ids["guss2"]
    low_pair = CandidatePair.objects.get(company_a_id=ids[low])
    assert low_pair.status == PairStatus.OPEN
    # undone, an automatic merge is not repeated by the next search
    services.undo(record)
    run = jobs.enqueue(user_koordination)
    run.refresh_from_db()
    assert run.auto_merged == 0
    assert MergeRecord.objects.count() == 1


def test_off_by_default():
    rule = DuplicateSettings.current()
    assert rule.auto_merge == "off" and not rule.allows(1.0, 100)


def test_only_one_search_at_a_time(register, user_koordination, settings):
    settings.ANETT_DUPLICATES_RUNNER = "external"
    first = jobs.enqueue(user_koordination)
    with pytest.raises(jobs.Busy):
        jobs.enqueue(user_koordination)
    assert jobs.run_pending() == 1
    first.refresh_from_db()
    assert first.status == RunStatus.DONE


def test_dead_worker_is_noticed(register, user_koordination, settings):
    settings.ANETT_DUPLICATES_RUNNER = "external"
    run = jobs.enqueue(user_koordination)
    SearchRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, worker="nohost:1")
    run.refresh_from_db()
    assert not jobs.is_stale(run)  # another host: only time tells
    import socket

    SearchRun.objects.filter(pk=run.pk).update(worker=f"{socket.gethostname()}:999999")
    run.refresh_from_db()
    assert jobs.is_stale(run)
    assert jobs.current() is None
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED


def test_command_line(register, capsys):
    call_command("find_duplicates")
    out = capsys.readouterr().out
    assert "7 Betriebe verglichen, 2 mögliche Dubletten (2 neu)" in out
