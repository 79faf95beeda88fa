"""`anett gaps [--region SLUG] --out FILE` writes the gap table of the page."""

import csv

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from anett.network.exports import COLUMNS
from anett.regions.models import Kreis

from .conftest import SOEMMERDA, firm_with_need, make_actor, make_offer


def test_csv_for_the_pilot_region(tmp_path, db):
    for i in range(4):
        firm_with_need(f"S{i}", ags=SOEMMERDA, topic="succession", employees=50)
    for i in range(2):
        firm_with_need(f"W{i}", ags="16063", topic="succession", employees=500)
    chamber = make_actor("Kammer Gotha", ags=["16067"])
    make_offer(chamber, "Nachfolge", topics=["succession"], groups=["management"])
    make_offer(chamber, "Energie ohne Nachfrage", topics=["energy"], groups=[], ags=["16070"])
    out = tmp_path / "luecken.csv"
    call_command("gaps", "--region", "pilotregion", "--out", str(out))
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == COLUMNS
    assert len(rows) == 6 * 9 * 8
    top = rows[0]
    assert (top["kreis_ags"], top["kreis"], top["demand_firms"], top["demand_employees"]) == (
        SOEMMERDA,
        "Sömmerda",
        "4",
        "200",
    )
    assert (top["offers"], top["actors"], top["gap_score"]) == ("0", "0", "4")
    assert top["candidates"].startswith("Kammer Gotha (")
    assert rows[1]["kreis_ags"] == "16063" and rows[1]["gap_score"] == "2"
    assert [int(r["gap_score"]) for r in rows] == sorted(
        (int(r["gap_score"]) for r in rows), reverse=True
    )
    # The offer without demand is in the table with score 0.
    ilm = [r for r in rows if r["kreis_ags"] == "16070" and r["offers"] == "1"]
    assert ilm and all(r["gap_score"] == "0" and r["demand_firms"] == "0" for r in ilm)


def test_xlsx_for_all_kreise(tmp_path, db):
    firm_with_need("E", ags="16051", topic="financing")
    out = tmp_path / "alle.xlsx"
    call_command("gaps", "--out", str(out))
    rows = list(load_workbook(out).active.values)
    assert rows[0] == tuple(COLUMNS)
    assert len(rows) - 1 == Kreis.objects.filter(active=True).count() * 72
    assert rows[1][:3] == ("16051", "Erfurt, Stadt", "Finanzierung") and rows[1][8] == 1


def test_errors(tmp_path, db):
    with pytest.raises(CommandError, match=r"\.csv oder \.xlsx"):
        call_command("gaps", "--out", str(tmp_path / "x.txt"))
    with pytest.raises(CommandError, match="Unbekannte Region"):
        call_command("gaps", "--region", "nirgendwo", "--out", str(tmp_path / "x.csv"))
