"""Upload, mapping, preview, import, re-import, duplicates and undo through the services."""

import pytest

from anett.companies.models import Company
from anett.imports import jobs, services
from anett.imports.models import (
    BatchStatus,
    CompanySourceRecord,
    ImportRow,
    ImportSource,
    Job,
    RowStatus,
)

from ..conftest import make_company
from .conftest import HEADER, ROWS, upload, write_csv

pytestmark = pytest.mark.django_db


def run_import(tmp_path, rows, *, user, source="IHK", name="liste.csv", commit=True, header=HEADER):
    path = write_csv(tmp_path / name, [header, *rows])
    src, _ = ImportSource.objects.get_or_create(name=source)
    batch = services.create_batch(upload(path), src, user)
    jobs.enqueue(batch, Job.ANALYSE)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.PREVIEW, batch.error
    if commit:
        jobs.enqueue(batch, Job.COMMIT)
        batch.refresh_from_db()
        assert batch.status == BatchStatus.COMMITTED, batch.error
    return batch


def statuses(batch):
    return dict(ImportRow.objects.filter(batch=batch).values_list("row_number", "status"))


def test_preview_writes_nothing_and_counts(tmp_path, user_koordination):
    batch = run_import(tmp_path, ROWS, user=user_koordination, commit=False)
    assert Company.objects.count() == 0
    assert (batch.total_rows, batch.count_new, batch.count_rejected) == (4, 3, 1)
    assert statuses(batch) == {2: "new", 3: "new", 4: "new", 5: "rejected"}
    row = ImportRow.objects.get(batch=batch, row_number=2)
    assert row.data["name"] == "Muster Metall"
    assert row.data["legal_form"] == "GmbH & Co. KG"
    assert row.data["wz_code"] == "29.32"
    assert row.data["employees_site"] == 149
    assert row.data["employees_site_range"] == [50, 249]
    assert row.data["works_council"] == "yes"
    assert row.data["branch_group"] == "automotive"


def test_commit_writes_companies_with_source_and_batch(tmp_path, user_koordination):
    batch = run_import(tmp_path, ROWS, user=user_koordination)
    assert Company.objects.count() == 3
    muster = Company.objects.get(name="Muster Metall")
    assert muster.legal_form == "GmbH & Co. KG"
    assert muster.kreis.ags == "16063"
    assert muster.sources == "IHK"
    record = CompanySourceRecord.objects.get(company=muster)
    assert (record.external_id, record.batch, record.row_number) == ("K1", batch, 2)
    assert (record.employees_low, record.employees_high) == (50, 249)
    # what Company.save() would have computed
    before = (muster.branch_group, muster.sme_class, muster.search_text, muster.derived_union_scope)
    muster.refresh_derived()
    assert before == (
        muster.branch_group,
        muster.sme_class,
        muster.search_text,
        muster.derived_union_scope,
    )
    history = muster.history.get()
    assert history.history_type == "+"
    assert history.history_user == user_koordination
    assert history.history_change_reason == f"Import #{batch.pk}: IHK"


def test_reimport_same_file_updates_instead_of_duplicating(tmp_path, user_koordination):
    run_import(tmp_path, ROWS, user=user_koordination)
    again = run_import(tmp_path, ROWS, user=user_koordination)
    assert Company.objects.count() == 3
    assert (again.count_new, again.count_unchanged, again.count_rejected) == (0, 3, 1)
    changed = [r[:] for r in ROWS]
    changed[0][6] = "300"  # more employees
    changed[1][7] = ""  # an empty cell never erases a value
    third = run_import(tmp_path, changed, user=user_koordination)
    assert (third.count_update, third.count_unchanged, third.count_new) == (1, 2, 0)
    muster = Company.objects.get(name="Muster Metall")
    assert muster.employees_site == 300
    assert muster.sme_class == "large"
    assert Company.objects.get(name="Wartburg Guss").works_council == "no"
    row = ImportRow.objects.get(batch=third, row_number=2)
    assert row.previous == {"employees_site": [149, 300]}
    assert muster.history.first().history_change_reason == f"Import #{third.pk}: IHK"


def test_same_firm_from_another_source_is_a_duplicate_that_fills_gaps(tmp_path, user_koordination):
    existing = make_company(
        "Wartburg Guss",
        legal_form="GmbH",
        postcode="99817",
        city="Eisenach",
        street="Am Flugplatz 3",
    )
    batch = run_import(tmp_path, ROWS[1:2], user=user_koordination, source="HWK")
    row = ImportRow.objects.get(batch=batch)
    assert row.status == RowStatus.DUPLICATE
    assert row.company == existing
    assert row.match["rule"] == "name_address"
    existing.refresh_from_db()
    assert existing.wz_code == "24.51.0"  # filled
    assert existing.works_council == "no"
    assert existing.sources == "HWK"
    assert Company.objects.count() == 1
    assert (
        CompanySourceRecord.objects.get(company=existing, source__name="HWK").created_company
        is False
    )


def test_duplicate_rows_within_the_file(tmp_path, user_koordination):
    rows = [
        ROWS[0],
        ["K9", "MUSTER METALL G.m.b.H. & Co KG", "Am Werk 1", "99817", "Eisenach", "", "", "", ""],
    ]
    batch = run_import(tmp_path, rows, user=user_koordination)
    assert statuses(batch) == {2: "new", 3: "duplicate"}
    dup = ImportRow.objects.get(batch=batch, row_number=3)
    assert dup.match == {"kind": "row", "rule": "name_address", "row": 2}
    assert Company.objects.count() == 1
    company = Company.objects.get()
    assert set(company.source_records.values_list("external_id", flat=True)) == {"K1", "K9"}


def test_same_id_twice_in_a_file_is_rejected(tmp_path, user_koordination):
    rows = [ROWS[0], [*ROWS[1][:0], "K1", *ROWS[1][1:]]]
    batch = run_import(tmp_path, rows, user=user_koordination, commit=False)
    row = ImportRow.objects.get(batch=batch, row_number=3)
    assert row.status == RowStatus.REJECTED
    assert row.errors["external_id"][0][1] == {"id": "K1", "row": "2"}


def test_undo_deletes_created_keeps_worked_on_and_restores_updates(tmp_path, user_koordination):
    from anett.companies.models import Activity

    first = run_import(tmp_path, ROWS, user=user_koordination)
    changed = [r[:] for r in ROWS]
    changed[0][6] = "300"
    changed.append(["K5", "Neue Werke GmbH", "Weg 2", "99817", "Eisenach", "", "", "", ""])
    changed.append(["K6", "Später bearbeitet GmbH", "Weg 3", "99817", "Eisenach", "", "", "", ""])
    second = run_import(tmp_path, changed, user=user_koordination)
    later = Company.objects.get(name="Später bearbeitet")
    Activity.objects.create(company=later, kind="call", date="2026-01-05", user=user_koordination)
    muster = Company.objects.get(name="Muster Metall")
    assert muster.employees_site == 300

    jobs.enqueue(second, Job.UNDO, user=user_koordination)
    second.refresh_from_db()
    assert second.status == BatchStatus.UNDONE
    assert second.undo_summary["deleted"] == 1
    assert second.undo_summary["kept"] == 1
    assert second.undo_summary["restored"] == 1
    assert not Company.objects.filter(name="Neue Werke").exists()
    assert Company.objects.filter(name="Später bearbeitet").exists()
    muster.refresh_from_db()
    assert muster.employees_site == 149
    # the first import is untouched and can itself be undone
    jobs.enqueue(first, Job.UNDO, user=user_koordination)
    first.refresh_from_db()
    assert first.undo_summary["deleted"] == 3
    assert Company.objects.filter(name="Später bearbeitet").count() == 1
    assert Company.objects.count() == 1


def test_undo_keeps_a_field_changed_by_hand_since(tmp_path, user_koordination):
    run_import(tmp_path, ROWS[:1], user=user_koordination)
    changed = [ROWS[0][:]]
    changed[0][6] = "300"
    changed[0][4] = "Eisenach-Stadt"
    second = run_import(tmp_path, changed, user=user_koordination)
    muster = Company.objects.get()
    muster.city = "Wutha-Farnroda"  # a person corrects the town after the import
    muster.save()
    jobs.enqueue(second, Job.UNDO, user=user_koordination)
    muster.refresh_from_db()
    assert muster.employees_site == 149  # restored
    assert muster.city == "Wutha-Farnroda"  # kept
    second.refresh_from_db()
    assert second.undo_summary["conflicts"] == 1


def test_priority_of_imported_firms_is_what_outreach_computes(tmp_path, user_koordination):
    from anett.outreach.services import refresh_priorities

    run_import(tmp_path, ROWS, user=user_koordination)
    stored = dict(Company.objects.values_list("id", "priority_score"))
    assert refresh_priorities() == 0  # nothing to change
    assert dict(Company.objects.values_list("id", "priority_score")) == stored


def test_rows_normalised_on_several_processes_give_the_same_preview(
    tmp_path, user_koordination, settings
):
    rows = [
        *ROWS,
        ["K9", "MUSTER METALL G.m.b.H. & Co KG", "Am Werk 1", "99817", "Eisenach", "", "", "", ""],
    ] * 3
    rows = [[f"K{i}", *r[1:]] for i, r in enumerate(rows)]
    one = run_import(tmp_path, rows, user=user_koordination, commit=False, name="a.csv")
    settings.ANETT_IMPORT_PARALLEL_MIN_ROWS = 1
    settings.ANETT_IMPORT_PROCESSES = 2
    two = run_import(tmp_path, rows, user=user_koordination, commit=False, name="b.csv")
    assert two.timings["analyse"]["processes"] == 2
    assert one.timings["analyse"]["processes"] == 1

    def preview(batch):
        return list(
            ImportRow.objects.filter(batch=batch)
            .order_by("row_number")
            .values_list("row_number", "status", "data", "errors", "warnings", "match")
        )

    assert preview(one) == preview(two)


def test_undo_leaves_a_trace_in_the_history(tmp_path, user_koordination, user_admin):
    batch = run_import(tmp_path, ROWS[:2], user=user_koordination)
    ids = list(Company.objects.values_list("id", flat=True))
    jobs.enqueue(batch, Job.UNDO, user=user_admin)
    assert not Company.objects.exists()
    assert not CompanySourceRecord.objects.exists()
    gone = Company.history.filter(id__in=ids, history_type="-")
    assert gone.count() == 2
    assert {h.history_user for h in gone} == {user_admin}
    assert {h.history_change_reason for h in gone} == {f"Undo import #{batch.pk}: IHK"}
    # the preview of the undone import is kept, without links to the deleted firms
    assert ImportRow.objects.filter(batch=batch).count() == 2


def test_broken_xlsx_cells_reject_their_rows_with_reasons(tmp_path, user_koordination):
    import datetime

    from .conftest import write_xlsx

    rows = [
        ["Firma", "PLZ", "Mitarbeiter", "WZ"],
        ["Formel GmbH", "99817", "=SUM(B2:B3)", "29.32"],
        ["Datum GmbH", "99817", datetime.datetime(1949, 10, 1), "29.32"],
        ["Gut GmbH", 99817, 120, datetime.datetime(2026, 10, 29)],
    ]
    path = write_xlsx(tmp_path / "kaputt.xlsx", rows)
    source = ImportSource.objects.create(name="Excel")
    batch = services.create_batch(upload(path), source, user_koordination)
    services.analyse(batch)
    got = {r.row_number: r for r in ImportRow.objects.filter(batch=batch)}
    assert got[2].status == got[3].status == RowStatus.REJECTED
    assert got[2].errors["employees_site"][0][1] == {"formula": "=SUM(B2:B3)"}
    assert "is a date, not a number of employees" in got[3].errors["employees_site"][0][0]
    assert got[3].raw[2] == "01.10.1949"  # kept as the user saw it, for the download
    assert got[4].status == RowStatus.NEW
    assert got[4].data["wz_code"] == "29.10"  # the date Excel made of "29.10"
    assert got[4].data["employees_site"] == 120
