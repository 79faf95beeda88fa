"""`anett dedupe INPUT.csv --out OUTPUT.csv`."""

import csv
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

ROWS = [
    ["name", "street", "plz", "city", "phone", "note"],
    ["Müller Drehteile GmbH", "Goethestraße 5", "99084", "Erfurt", "0361 123456", "a"],
    ["MUELLER DREHTEILE G.m.b.H.", "Goethestr. 5", "99084", "Erfurt", "+49 361 123456", "b"],
    ["Wartburg Guss GmbH", "Am Flugplatz 3", "99817", "Eisenach", "", "c"],
    ["Pößnecker Präzisionsteile KG", "Straße der Einheit 12", "07381", "Pößneck", "", "d"],
]


def write_csv(path, rows, delimiter=";", encoding="utf-8"):
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def read_csv(path, delimiter=";", encoding="utf-8"):
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.reader(fh, delimiter=delimiter))


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("dedupe", *[str(a) for a in args], stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    "delimiter, encoding",
    [(";", "utf-8"), (",", "utf-8"), (";", "cp1252"), (",", "cp1252"), (";", "utf-8-sig")],
)
def test_dedupe_writes_cluster_ids_keeping_separator_and_encoding(tmp_path, delimiter, encoding):
    src = write_csv(tmp_path / "in.csv", ROWS, delimiter, encoding)
    dst = tmp_path / "out.csv"
    message = run(src, "--out", dst)
    rows = read_csv(dst, delimiter, encoding)
    assert rows[0] == [*ROWS[0], "cluster_id"]
    assert [r[:-1] for r in rows[1:]] == ROWS[1:]  # umlauts and all columns kept
    ids = [r[-1] for r in rows[1:]]
    assert ids[0] == ids[1] == "1"
    assert len({ids[0], ids[2], ids[3]}) == 3
    assert "4 Datensätze gelesen, 3 Betriebe, 1 Dubletten" in message


def test_headers_in_german_and_any_case_are_understood(tmp_path):
    rows = [["Firma", "Straße", "PLZ", "Ort"], *[r[:4] for r in ROWS[1:]]]
    dst = tmp_path / "out.csv"
    run(write_csv(tmp_path / "in.csv", rows), "--out", dst)
    ids = [r[-1] for r in read_csv(dst)[1:]]
    assert ids[0] == ids[1] != ids[2]


def test_short_rows_and_blank_lines(tmp_path):
    rows = [ROWS[0], ROWS[1][:2], [], ROWS[2]]
    dst = tmp_path / "out.csv"
    run(write_csv(tmp_path / "in.csv", rows), "--out", dst)
    out = read_csv(dst)
    assert len(out) == 3
    assert out[1] == [*ROWS[1][:2], "", "", "", "", out[1][-1]]


def test_existing_cluster_id_column_is_not_overwritten(tmp_path):
    rows = [[*ROWS[0], "cluster_id"], *[[*r, "x"] for r in ROWS[1:]]]
    dst = tmp_path / "out.csv"
    run(write_csv(tmp_path / "in.csv", rows), "--out", dst)
    header = read_csv(dst)[0]
    assert header[-2:] == ["cluster_id", "cluster_id_dedupe"]


def _error(tmp_path, *args):
    with pytest.raises(CommandError) as info:
        run(*args)
    assert info.value.returncode == 2
    return str(info.value)


def test_missing_file(tmp_path):
    message = _error(tmp_path, tmp_path / "fehlt.csv", "--out", tmp_path / "o.csv")
    assert "gibt es nicht" in message


def test_directory_instead_of_file(tmp_path):
    message = _error(tmp_path, tmp_path, "--out", tmp_path / "o.csv")
    assert "Ordner" in message


def test_empty_file(tmp_path):
    (tmp_path / "leer.csv").write_bytes(b"")
    message = _error(tmp_path, tmp_path / "leer.csv", "--out", tmp_path / "o.csv")
    assert "leer" in message


def test_binary_file(tmp_path):
    (tmp_path / "mappe.xlsx").write_bytes(b"PK\x03\x04\x00\x00binary")
    message = _error(tmp_path, tmp_path / "mappe.xlsx", "--out", tmp_path / "o.csv")
    assert "keine CSV-Datei" in message


def test_missing_name_column(tmp_path):
    src = write_csv(tmp_path / "in.csv", [["street", "plz"], ["Hauptstraße 1", "99817"]])
    message = _error(tmp_path, src, "--out", tmp_path / "o.csv")
    assert "Spalte „name“ fehlt" in message
    assert "gefunden: street, plz" in message


def test_threshold_out_of_range(tmp_path):
    src = write_csv(tmp_path / "in.csv", ROWS)
    message = _error(tmp_path, src, "--out", tmp_path / "o.csv", "--threshold", "1.5")
    assert "Schwellenwert" in message


def test_unwritable_output(tmp_path):
    src = write_csv(tmp_path / "in.csv", ROWS)
    message = _error(tmp_path, src, "--out", tmp_path / "fehlt" / "o.csv")
    assert "lässt sich nicht schreiben" in message


def test_exit_status_of_the_console_command(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "anett", "dedupe", str(tmp_path / "fehlt.csv"), "--out", "o.csv"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "gibt es nicht" in result.stderr
