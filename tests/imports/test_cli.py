"""`anett import FILE [--source NAME] [--dry-run] [--report report.json]`."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from anett.companies.models import Company
from anett.imports.models import ImportBatch, ImportSource

from .conftest import HEADER, ROWS, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("import", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def test_dry_run_writes_nothing_and_reports(tmp_path):
    path = write_csv(tmp_path / "ihk.csv", [HEADER, *ROWS])
    report = tmp_path / "report.json"
    out = run(path, "--source", "IHK", "--dry-run", "--report", report)
    assert "Vorschau: 4 Zeilen – 3 neu" in out
    assert "1 abgelehnt" in out
    assert "Zeile 5:" in out
    assert Company.objects.count() == 0
    assert not ImportBatch.objects.exists()  # a dry run leaves no batch behind
    data = json.loads(report.read_text())
    assert data["dry_run"] is True
    assert data["counts"] == {
        "rows": 4,
        "new": 3,
        "update": 0,
        "unchanged": 0,
        "duplicate": 0,
        "rejected": 1,
        "possible_duplicates": 0,
    }
    assert data["mapping"]["Firma"] == "name"
    rejected = [r for r in data["rows"] if r["status"] == "rejected"]
    assert rejected[0]["row"] == 5
    assert "postcode" in rejected[0]["errors"]


def test_import_then_reimport_updates(tmp_path):
    path = write_csv(tmp_path / "ihk.csv", [HEADER, *ROWS])
    out = run(path, "--source", "IHK", "--rejected", tmp_path / "abgelehnt.xlsx")
    assert "3 neu" in out
    assert Company.objects.count() == 3
    assert (tmp_path / "abgelehnt.xlsx").exists()
    report = tmp_path / "r.json"
    out = run(path, "--source", "IHK", "--report", report)
    assert "3 unverändert" in out
    assert Company.objects.count() == 3
    rows = json.loads(report.read_text())["rows"]
    assert {r["status"] for r in rows} == {"unchanged", "rejected"}
    assert all("company_id" in r for r in rows if r["status"] == "unchanged")


def test_source_defaults_to_the_file_name_and_mapping_can_be_corrected(tmp_path):
    header = ["Nr.", "Titel", "PLZ"]
    path = write_xlsx(tmp_path / "eigene-liste.xlsx", [header, ["1", "A GmbH", "99084"]])
    with pytest.raises(CommandError) as info:
        run(path, "--dry-run")
    assert "Spalte, die den Namen" in str(info.value) or "company name" in str(info.value)
    run(path, "--map", "Titel=name", "--map", "Nr.=external_id")
    company = Company.objects.get()
    assert company.name == "A"
    record = company.source_records.get()
    assert (record.source.name, record.external_id) == ("eigene-liste", "1")


def test_unusable_files_exit_with_status_2(tmp_path):
    (tmp_path / "leer.csv").write_bytes(b"")
    with pytest.raises(CommandError) as info:
        run(tmp_path / "leer.csv")
    assert info.value.returncode == 2
    assert not ImportSource.objects.exists()
    with pytest.raises(CommandError) as info:
        run(tmp_path / "gibt-es-nicht.csv")
    assert info.value.returncode == 2
    assert "gibt es nicht" in str(info.value)
    path = write_csv(tmp_path / "ihk.csv", [HEADER, *ROWS])
    with pytest.raises(CommandError) as info:
        run(path, "--map", "Firma=unbekannt")
    assert "Unbekanntes Feld" in str(info.value)
