"""Fixtures of the import tests: jobs run at once (no worker process), uploads go to a
temporary folder, and small helpers write CSV and XLSX files."""

import csv
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


@pytest.fixture(autouse=True)
def _imports_settings(settings, tmp_path):
    settings.ANETT_IMPORT_RUNNER = "sync"
    settings.MEDIA_ROOT = tmp_path / "media"


def write_csv(path: Path, rows, delimiter=";", encoding="utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows, merge: str | None = None) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Betriebe"
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes())


HEADER = [
    "Kundennummer",
    "Firma",
    "Straße",
    "PLZ",
    "Ort",
    "WZ",
    "Mitarbeiter",
    "Betriebsrat",
    "Telefon",
]
ROWS = [
    [
        "K1",
        "Muster Metall GmbH & Co. KG",
        "Am Werk 1",
        "99817",
        "Eisenach",
        "2932",
        "50-249",
        "ja",
        "03691 1234-0",
    ],
    [
        "K2",
        "Wartburg Guss GmbH",
        "Am Flugplatz 3",
        "99817",
        "Eisenach",
        "24.51.0",
        "10 bis 49",
        "nein",
        "",
    ],
    [
        "K3",
        "Pößnecker Präzisionsteile KG",
        "Straße der Einheit 12",
        "07381",
        "Pößneck",
        "25.62.0",
        "120",
        "k. A.",
        "",
    ],
    ["K4", "Ohne Postleitzahl e.K.", "Hauptstraße 1", "998", "Nirgendwo", "29.32", "5", "", ""],
]
