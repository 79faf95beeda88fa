"""Merge keeps every row of both records; undo restores the removed record exactly."""

import pytest

from anett.companies.models import Activity, Company, ContactPerson
from anett.duplicates import services
from anett.duplicates.models import CandidatePair, MergeRecord, PairStatus
from anett.imports.models import CompanySourceRecord
from anett.network.models import Membership
from tests.conftest import make_company

pytestmark = pytest.mark.django_db


def _state(company_id):
    """Every row that refers to a company, by model: ids."""
    return {
        model._meta.label: sorted(
            model._default_manager.filter(**{fk.attname: company_id}).values_list("pk", flat=True)
        )
        for model, fk in services.company_relations()
    }


def test_relations_found_generically_without_history_tables():
    labels = {m._meta.label for m, _fk in services.company_relations()}
    assert {
        "companies.ContactPerson",
        "companies.Activity",
        "imports.CompanySourceRecord",
        "imports.ImportRow",
        "network.Membership",
        "outreach.Task",
        "assessment.Need",
        "funding.MeasureRecord",
        "companies.Company_advisers",
    } <= labels
    assert not any("Historical" in label for label in labels)
    assert not any(label.startswith("duplicates.") for label in labels)


def test_merge_keeps_contacts_activities_sources_of_both(twin_firms, twin_pair):
    a, b = twin_firms["a"], twin_firms["b"]
    user = twin_firms["coordinator"]
    record = services.merge(twin_pair, a.pk, user=user)

    assert not Company.objects.filter(pk=b.pk).exists()
    assert set(ContactPerson.objects.filter(company=a).values_list("last_name", flat=True)) == {
        "Albrecht",
        "Bauer",
    }
    assert Activity.objects.filter(company=a).count() == 3
    assert set(
        CompanySourceRecord.objects.filter(company=a).values_list("external_id", flat=True)
    ) == {"I-1", "H-7"}
    # the activity still points at its contact, which moved along
    visit = Activity.objects.get(kind="visit")
    assert visit.contact.company_id == a.pk
    # advisers of both, the shared one once
    assert set(a.advisers.values_list("username", flat=True)) == {
        "twin-adviser",
        "twin-adviser-2",
    }
    # the same membership twice: one kept, the removed firm's copy recorded; the other moved
    assert Membership.objects.filter(company=a).count() == 2
    dropped = {d["model"]: d["values"] for d in record.dropped}
    assert [v["note"] for v in dropped["network.Membership"]] == ["seit 2019"]
    assert len(dropped["companies.Company_advisers"]) == 1

    a.refresh_from_db()
    # empty fields filled from B, differing ones kept from A, sources and notes combined
    assert a.employees_site == 120
    assert a.website == "https://www.wartburg-achsenbau.de"
    assert a.phone == "03691 12340"
    assert a.sources == "IHK, HWK"
    assert "Kontakt über Messe." in a.notes and "Betriebsrat gegründet 2023." in a.notes
    # derived fields recomputed from the activities of both (B's visit: next step agreed)
    assert a.engagement_status == "engaged"
    assert a.sme_class == "medium"

    twin_pair.refresh_from_db()
    assert twin_pair.status == PairStatus.MERGED
    assert twin_pair.decided_by == user
    assert record.snapshot["name"] == "Wartburg Achsenbau"
    # contact, activity, source record, one adviser, one membership
    assert record.moved_count() == 5


def test_merge_choices_and_history(twin_firms, twin_pair):
    a, b = twin_firms["a"], twin_firms["b"]
    services.merge(twin_pair, a.pk, choices={"phone": "other", "notes": "survivor"})
    a.refresh_from_db()
    assert a.phone == "03691 99999"
    assert a.notes == "Kontakt über Messe."
    kinds = list(
        Company.history.filter(id__in=[a.pk, b.pk])
        .order_by("history_id")
        .values_list("id", "history_type", "history_change_reason")
    )
    assert kinds[-2][:2] == (a.pk, "~")
    assert kinds[-1][:2] == (b.pk, "-")
    assert kinds[-1][2] == f"Dublette #{b.pk} zusammengeführt in #{a.pk}"
    contact_history = ContactPerson.history.filter(last_name="Bauer").order_by("history_id")
    assert contact_history.last().company_id == a.pk


def test_undo_restores_exactly(twin_firms, twin_pair):
    a, b = twin_firms["a"], twin_firms["b"]
    before_a, before_b = _state(a.pk), _state(b.pk)
    values_a = services.row_values(Company.objects.get(pk=a.pk))
    values_b = services.row_values(Company.objects.get(pk=b.pk))
    advisers_b = set(b.advisers.values_list("pk", flat=True))
    record = services.merge(twin_pair, a.pk)

    # something happens to the merged firm in between: a new contact stays with A
    new = ContactPerson.objects.create(company=a, last_name="Neu")
    notes = services.undo(record)
    assert notes == []

    restored = Company.objects.get(pk=b.pk)
    assert _state(b.pk) == before_b
    assert set(restored.advisers.values_list("pk", flat=True)) == advisers_b
    after_a = _state(a.pk)
    assert after_a["companies.ContactPerson"] == sorted(
        [*before_a["companies.ContactPerson"], new.pk]
    )
    after_a["companies.ContactPerson"] = before_a["companies.ContactPerson"]
    assert after_a == before_a
    skip = {"updated_at", "engagement_status", "engagement_reason", "priority_score"}
    now_b = services.row_values(restored)
    assert {k: v for k, v in now_b.items() if k not in skip} == {
        k: v for k, v in values_b.items() if k not in skip
    }
    now_a = services.row_values(Company.objects.get(pk=a.pk))
    assert {k: v for k, v in now_a.items() if k not in skip} == {
        k: v for k, v in values_a.items() if k not in skip
    }
    # the membership that had been dropped is back with its id and note
    assert Membership.objects.get(pk=twin_firms["memberships"][1].pk).note == "seit 2019"
    twin_pair.refresh_from_db()
    assert twin_pair.status == PairStatus.OPEN
    record.refresh_from_db()
    assert record.undone_at is not None
    assert Company.history.filter(id=b.pk).order_by("history_id").last().history_type == "+"
    with pytest.raises(services.MergeError):
        services.undo(record)


def test_undo_keeps_fields_changed_since(twin_firms, twin_pair):
    a = twin_firms["a"]
    record = services.merge(twin_pair, a.pk)
    a.refresh_from_db()
    a.website = "https://www.neu.de"
    a.save()
    notes = services.undo(record)
    a.refresh_from_db()
    assert a.website == "https://www.neu.de"
    assert notes == ["Seit der Zusammenführung geändert und daher beibehalten: Website"]
    assert a.employees_site is None  # unchanged since the merge: restored


def test_merge_repoints_other_open_pairs_and_undo_restores_them(twin_firms, twin_pair):
    a, b = twin_firms["a"], twin_firms["b"]
    c = make_company("Wartburg Achsenbau Service")
    lo, hi = sorted([b.pk, c.pk])
    other = CandidatePair.objects.create(
        company_a_id=lo, company_b_id=hi, match_probability=0.5, match_weight=1.0
    )
    record = services.merge(twin_pair, a.pk)
    other.refresh_from_db()
    assert {other.company_a_id, other.company_b_id} == {a.pk, c.pk}
    assert other.status == PairStatus.OPEN
    services.undo(record)
    other.refresh_from_db()
    assert (other.company_a_id, other.company_b_id) == (lo, hi)


def test_survivor_merged_away_blocks_undo_until_later_merge_undone(twin_firms, twin_pair):
    a, b = twin_firms["a"], twin_firms["b"]
    first = services.merge(twin_pair, a.pk)
    z = make_company("Wartburg Achsenbau Holding")
    lo, hi = sorted([a.pk, z.pk])
    pair2 = CandidatePair.objects.create(
        company_a_id=lo, company_b_id=hi, match_probability=0.9, match_weight=5
    )
    second = services.merge(pair2, z.pk)
    assert ContactPerson.objects.filter(company=z).count() == 2
    with pytest.raises(services.MergeError, match=f"#{second.pk}"):
        services.undo(first)
    services.undo(second)
    services.undo(first)
    assert ContactPerson.objects.filter(company=b).count() == 1
    assert ContactPerson.objects.filter(company=a).count() == 1
    assert MergeRecord.objects.filter(undone_at__isnull=True).count() == 0


def test_merge_twice_refused(twin_firms, twin_pair):
    services.merge(twin_pair, twin_firms["a"].pk)
    with pytest.raises(services.MergeError):
        services.merge(twin_pair, twin_firms["a"].pk)


def test_merge_rejects_survivor_outside_pair(twin_firms, twin_pair):
    with pytest.raises(services.MergeError):
        services.merge(twin_pair, 999999)
    with pytest.raises(services.MergeError):
        services.merge(twin_pair, twin_firms["a"].pk, choices={"name": "both"})


def test_tasks_and_needs_of_other_apps_move_and_come_back(twin_firms, twin_pair):
    import datetime as dt

    from anett.assessment.models import Need
    from anett.outreach.models import Task

    a, b = twin_firms["a"], twin_firms["b"]
    task = Task.objects.create(
        company=b,
        assigned_to=twin_firms["advisers"][0],
        title="Anrufen",
        due_date=dt.date(2026, 12, 1),
    )
    need = Need.objects.create(company=b, topic="skills", level=70, source="manual")
    record = services.merge(twin_pair, a.pk)
    task.refresh_from_db()
    need.refresh_from_db()
    assert (task.company_id, need.company_id) == (a.pk, a.pk)
    services.undo(record)
    task.refresh_from_db()
    need.refresh_from_db()
    assert (task.company_id, need.company_id) == (b.pk, b.pk)
