"""The fast path of large imports: rows checked on worker processes (keys and JSON made
there), companies written in bulk with their history copied inside the database, source
records from one in-memory map of the source's links, duplicates changing only the
columns they fill. Everything a company gets from ``save()`` and the import must be there."""

import pytest

from anett.companies.models import Company
from anett.imports import jobs, services
from anett.imports.models import BatchStatus, CompanySourceRecord, ImportRow, ImportSource, Job

from .conftest import HEADER, upload, write_csv

pytestmark = pytest.mark.django_db

TOWNS = [("99817", "Eisenach", "16063"), ("07743", "Jena", "16053"), ("98527", "Suhl", "16054")]


def firm_rows(n: int) -> list[list[str]]:
    rows = []
    for i in range(n):
        plz, town, _ags = TOWNS[i % 3]
        rows.append(
            [
                f"B{i}",
                f"Bulkwerk {i:03d} GmbH",
                f"Industriestraße {i + 1}",
                plz,
                town,
                ("29.32", "25.62.0", "")[i % 3],
                ("50-249", "12", "")[i % 3],
                ("ja", "nein", "")[i % 3],
                "",
            ]
        )
    return rows


@pytest.fixture
def parallel(settings):
    settings.ANETT_IMPORT_PARALLEL_MIN_ROWS = 1
    settings.ANETT_IMPORT_PROCESSES = 2
    settings.ANETT_IMPORT_CHUNK = 7  # several commit chunks


def run(tmp_path, rows, user, source="IHK", name="bulk.csv", commit=True):
    path = write_csv(tmp_path / name, [HEADER, *rows])
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


def test_bulk_created_companies_have_everything_save_would_give(
    tmp_path, user_koordination, parallel
):
    from anett.outreach.services import refresh_priorities

    batch = run(tmp_path, firm_rows(30), user_koordination)
    assert batch.timings["analyse"]["processes"] == 2
    assert Company.objects.count() == 30
    records = {r.external_id: r for r in CompanySourceRecord.objects.select_related("company")}
    for i in range(30):
        record = records[f"B{i}"]
        company = record.company
        # source and batch of every imported record, with its row
        assert (record.batch_id, record.row_number, record.created_company) == (
            batch.pk,
            i + 2,
            True,
        )
        assert company.sources == "IHK"
        # district from the postal code
        assert company.kreis.ags == TOWNS[i % 3][2]
        # derived fields as Company.save() computes them
        derived = (
            company.branch_group,
            company.derived_union_scope,
            company.sme_class,
            company.search_text,
        )
        company.refresh_derived()
        assert derived == (
            company.branch_group,
            company.derived_union_scope,
            company.sme_class,
            company.search_text,
        )
        # the history record is a copy of the row, written by the import
        history = company.history.get()
        assert history.history_type == "+"
        assert history.history_user == user_koordination
        assert history.history_change_reason == f"Import #{batch.pk}: IHK"
        assert (history.name, history.kreis_id, history.wz_code, history.branch_group) == (
            company.name,
            company.kreis_id,
            company.wz_code,
            company.branch_group,
        )
    assert Company.objects.get(name="Bulkwerk 000").branch_group == "automotive"
    assert refresh_priorities() == 0  # the stored priorities are what outreach computes


def test_bulk_duplicates_fill_only_what_is_missing(tmp_path, user_koordination, parallel):
    from anett.outreach.services import refresh_priorities

    rows = firm_rows(12)
    # row 14: the firm of row 4 (B2: no WZ, no headcount, no works council) again, with
    # another ID and the missing values
    rows.append(
        [
            "X2",
            "BULKWERK 002 G.m.b.H.",
            "Industriestraße 3",
            "98527",
            "Suhl",
            "29.32",
            "300",
            "nein",
            "03681 1234",
        ]
    )
    batch = run(tmp_path, rows, user_koordination)
    assert batch.count_duplicate == 1
    dup = ImportRow.objects.get(batch=batch, row_number=14)
    assert dup.match["kind"] == "row" and dup.match["row"] == 4
    company = Company.objects.get(name="Bulkwerk 002")
    assert (company.wz_code, company.employees_site, company.works_council) == ("29.32", 300, "no")
    assert company.phone == "03681 1234"
    assert company.branch_group == "automotive"  # derived again from the filled WZ code
    assert company.search_text == "bulkwerk 002 gmbh suhl"
    assert dup.previous["wz_code"] == ["", "29.32"]
    assert dup.company == company
    assert set(company.source_records.values_list("external_id", flat=True)) == {"B2", "X2"}
    fill = company.history.filter(history_type="~").get()
    assert fill.history_change_reason == f"Import #{batch.pk}: IHK"
    assert (fill.wz_code, fill.phone, fill.name) == ("29.32", "03681 1234", "Bulkwerk 002")
    assert refresh_priorities() == 0
    # undo: the created firms go, with a history record each
    ids = list(Company.objects.values_list("id", flat=True))
    jobs.enqueue(batch, Job.UNDO, user=user_koordination)
    batch.refresh_from_db()
    assert batch.undo_summary["deleted"] == 12
    assert not Company.objects.exists()
    assert Company.history.filter(id__in=ids, history_type="-").count() == 12


def test_history_copy_of_scattered_ids(user_koordination):
    from django.utils import timezone

    from ..conftest import make_company

    a, _b, c = (make_company(f"Firma {n}") for n in "ABC")
    before = Company.history.count()
    services.copy_history([c.pk, a.pk], timezone.now(), "~", "Test", user_koordination.pk)
    copied = Company.history.filter(history_change_reason="Test")
    assert Company.history.count() == before + 2
    assert {(h.id, h.name, h.history_user_id) for h in copied} == {
        (a.pk, "Firma A", user_koordination.pk),
        (c.pk, "Firma C", user_koordination.pk),
    }


def test_a_link_written_meanwhile_by_another_import_turns_new_into_update(
    tmp_path, user_koordination, parallel
):
    from ..conftest import make_company

    batch = run(tmp_path, firm_rows(20), user_koordination, commit=False)
    elsewhere = make_company("Bulkwerk 018")

    def another_import_links_b18(chunk):
        if chunk == 1:
            CompanySourceRecord.objects.create(
                company=elsewhere, source=batch.source, external_id="B18"
            )

    services.commit(batch, after_chunk=another_import_links_b18)
    assert Company.objects.count() == 20  # 19 created, B18 went to the existing firm
    assert CompanySourceRecord.objects.get(external_id="B18").company == elsewhere
    assert not Company.objects.filter(name="Bulkwerk 018").exclude(pk=elsewhere.pk).exists()


def test_prebuilt_rows_and_the_orm_path_write_the_same_companies(
    tmp_path, user_koordination, parallel, monkeypatch
):
    fields = [
        f.attname
        for f in Company._meta.concrete_fields
        if f.attname not in ("id", "created_at", "updated_at")
    ]

    def written():
        return sorted(Company.objects.values_list(*fields))

    def links():
        return sorted(
            CompanySourceRecord.objects.values_list(
                "external_id", "row_number", "created_company", "employees_low", "employees_high"
            )
        )

    batch = run(tmp_path, firm_rows(15), user_koordination)
    fast, fast_links = written(), links()
    jobs.enqueue(batch, Job.UNDO, user=user_koordination)
    assert not Company.objects.exists()

    # the same file again, with the ORM-adapted path (what a column needing adaptation uses)
    monkeypatch.setattr(services._Writer, "_layout", lambda self: None)
    run(tmp_path, firm_rows(15), user_koordination, name="again.csv")
    assert written() == fast
    assert links() == fast_links


def test_the_layout_for_the_workers_needs_no_django(user_koordination):
    """The worker processes are plain interpreters: what they get must unpickle there."""
    import pickle
    import subprocess
    import sys

    source = ImportSource.objects.create(name="IHK")
    batch = source.batches.create(file="x.csv", file_name="x.csv", uploaded_by=user_koordination)
    layout = services._Writer(batch).layout
    assert layout is not None
    code = (
        "import pickle, sys; layout = pickle.loads(sys.stdin.buffer.read()); "
        "assert not [m for m in sys.modules if m.startswith('django')], 'django loaded'; "
        "print(len(layout.company_columns))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=pickle.dumps(layout),
        capture_output=True,
        check=False,
        env={"PYTHONPATH": str(services.Path(services.__file__).parents[2])},
    )
    assert done.returncode == 0, done.stderr.decode()
    assert int(done.stdout) == len(layout.company_defaults)
