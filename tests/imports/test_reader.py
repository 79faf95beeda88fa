"""Reading broken and unusual files: every problem ends in a clear message."""

import datetime

import pytest

from anett.imports import reader
from anett.imports.problems import ImportFileError
from anett.imports.reader import EXCEL_MAX_ROWS, Formula, open_table

from .conftest import write_csv, write_xlsx

ROWS = [["Firma", "PLZ", "Ort"], ["Müller Drehteile GmbH", "99084", "Erfurt"]]


def read(table):
    return list(table.rows())


def error_of(path) -> str:
    with pytest.raises(ImportFileError) as info:
        open_table(path)
    return info.value.problem.english()


@pytest.mark.parametrize(
    "delimiter, encoding, expected",
    [
        (";", "utf-8", "utf-8"),
        (",", "utf-8", "utf-8"),
        (";", "utf-8-sig", "utf-8-sig"),
        (";", "cp1252", "cp1252"),
        (",", "cp1252", "cp1252"),
        ("\t", "utf-16", "utf-16"),
    ],
)
def test_csv_in_every_usual_encoding_and_separator(tmp_path, delimiter, encoding, expected):
    table = open_table(write_csv(tmp_path / "f.csv", ROWS, delimiter, encoding))
    assert (table.encoding, table.delimiter) == (expected, delimiter)
    assert table.headers == ["Firma", "PLZ", "Ort"]
    assert read(table) == [(2, ["Müller Drehteile GmbH", "99084", "Erfurt"])]


def test_empty_files(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    assert error_of(tmp_path / "empty.csv") == "The file is empty."
    (tmp_path / "blank.csv").write_bytes(b"\xef\xbb\xbf\r\n;;\r\n  \r\n")
    assert error_of(tmp_path / "blank.csv") == "The file is empty."
    from openpyxl import Workbook

    Workbook().save(tmp_path / "empty.xlsx")
    assert error_of(tmp_path / "empty.xlsx") == "The file is empty."


def test_only_headings(tmp_path):
    message = error_of(write_csv(tmp_path / "h.csv", ROWS[:1]))
    assert message == "The file holds only the headings (row 1) and no data rows."


def test_wrong_encoding(tmp_path):
    # 'Müller' in the old DOS code page 850: byte 0x81 does not exist in Windows-1252
    (tmp_path / "dos.csv").write_bytes("Firma;Ort\nMüller;Jena\n".encode("cp850"))
    message = error_of(tmp_path / "dos.csv")
    assert "neither UTF-8 nor Windows-1252" in message
    assert "0x81" in message


def test_text_read_with_the_wrong_encoding_before_is_flagged(tmp_path):
    broken = "Firma;Ort\nMÃ¼ller GmbH;Jena\n"  # UTF-8 once read as Windows-1252
    (tmp_path / "m.csv").write_text(broken, encoding="utf-8")
    table = open_table(tmp_path / "m.csv")
    assert any("Ã¼" in w.english() for w in table.warnings)


def test_binary_and_old_excel_files(tmp_path):
    (tmp_path / "a.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert ".xls" in error_of(tmp_path / "a.xls")
    (tmp_path / "a.csv").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + b"\0" * 50)
    assert "not a text file" in error_of(tmp_path / "a.csv")
    (tmp_path / "z.xlsx").write_bytes(b"PK\x03\x04broken")
    assert "damaged" in error_of(tmp_path / "z.xlsx")


def test_title_rows_above_the_headings_are_skipped(tmp_path):
    rows = [["Mitgliederliste IHK, Stand 1.1.2026"], [], *ROWS]
    table = open_table(write_csv(tmp_path / "t.csv", rows))
    assert table.header_row == 3
    assert read(table)[0][0] == 4
    assert [w.english() for w in table.warnings] == [
        "Headings found in row 3; the rows above it are skipped."
    ]


def test_duplicate_and_empty_headings_get_names_and_warnings(tmp_path):
    rows = [["Firma", "PLZ", "", "PLZ"], ["A GmbH", "99084", "x", "99085"]]
    table = open_table(write_csv(tmp_path / "d.csv", rows))
    assert table.headers == ["Firma", "PLZ", "Spalte C", "PLZ (D)"]
    messages = [w.english() for w in table.warnings]
    assert any("Column C has no heading" in m for m in messages)
    assert any("“PLZ” appears more than once (columns B and D)" in m for m in messages)


def test_empty_columns_at_the_right_are_dropped(tmp_path):
    rows = [["Firma", "PLZ", "", ""], ["A GmbH", "99084", "", ""]]
    table = open_table(write_csv(tmp_path / "r.csv", rows))
    assert table.headers == ["Firma", "PLZ"]
    assert table.warnings == []


def test_merged_heading_cells(tmp_path):
    rows = [
        ["Firma", "Adresse", None, None],
        [None, "Straße", "PLZ", "Ort"],
        ["A", "Weg 1", "99084", "Erfurt"],
    ]
    path = write_xlsx(tmp_path / "m.xlsx", rows, merge="B1:D1")
    message = error_of(path)
    assert "merged cells (B1:D1)" in message
    assert "unmerge" in message


def test_merged_title_line_above_the_headings_is_fine(tmp_path):
    rows = [["Mitgliederliste 2026", None, None], *[[*r, None][:3] for r in ROWS]]
    rows[1] = ["Firma", "PLZ", "Ort"]
    table = open_table(write_xlsx(tmp_path / "t.xlsx", rows, merge="A1:C1"))
    assert table.header_row == 2
    assert table.headers == ["Firma", "PLZ", "Ort"]


def test_merged_data_cells_only_warn(tmp_path):
    rows = [["Firma", "PLZ"], ["A", "99084"], ["B", None]]
    path = write_xlsx(tmp_path / "m2.xlsx", rows, merge="B2:B3")
    table = open_table(path)
    assert any("merged" in w.english() for w in table.warnings)


def test_xlsx_values_keep_their_type_and_formulas_are_not_evaluated(tmp_path):
    rows = [
        ["Firma", "PLZ", "Mitarbeiter", "Gründung"],
        ["A GmbH", 7743, "=SUM(1,2)", datetime.datetime(1991, 3, 1)],
    ]
    table = open_table(write_xlsx(tmp_path / "f.xlsx", rows))
    assert table.sheet == "Betriebe"
    ((number, cells),) = read(table)
    assert cells[1] == 7743
    assert isinstance(cells[2], Formula) and cells[2] == "=SUM(1,2)"
    assert cells[3] == datetime.datetime(1991, 3, 1)
    assert reader.display(cells[3]) == "01.03.1991"


def test_csv_with_more_rows_than_excel_holds_is_refused(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("w") as fh:
        fh.write("Firma;PLZ\n")
        fh.write("A;99084\n" * EXCEL_MAX_ROWS)  # one row more than a sheet holds
    message = error_of(path)
    assert "more than 1,048,575 data rows" in message
    assert "split" in message


def test_sheet_filled_to_the_last_excel_row_warns_of_cut_off_data(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Firma", "PLZ"])
    ws.append(["A GmbH", "99084"])
    ws.cell(row=EXCEL_MAX_ROWS, column=1, value="Letzte Zeile GmbH")
    wb.save(tmp_path / "full.xlsx")
    table = open_table(tmp_path / "full.xlsx")
    assert any("1,048,576 rows" in w.english() for w in table.warnings)
    rows = read(table)
    assert rows[0][0] == 2 and rows[-1][0] == EXCEL_MAX_ROWS


def test_several_sheets(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Leer"
    ws = wb.create_sheet("Daten")
    ws.append(ROWS[0])
    ws.append(ROWS[1])
    other = wb.create_sheet("Alt")
    other.append(ROWS[0])
    wb.save(tmp_path / "s.xlsx")
    table = open_table(tmp_path / "s.xlsx")
    assert table.sheet == "Daten"
    assert any("several sheets" in w.english() for w in table.warnings)


@pytest.mark.parametrize(
    "text, delimiter",
    [
        ("a;b;c\n1;2;3\n", ";"),
        ("a,b,c\n1,2,3\n", ","),
        ("a\tb\n1\t2\n", "\t"),
        ('a;b\n"1,5";2\n', ";"),
    ],
)
def test_sniff_delimiter(text, delimiter):
    assert reader.sniff_delimiter(text) == delimiter


def test_csv_cells_starting_with_equals_are_formulas_elsewhere_plain_text(tmp_path):
    rows = [
        ["Firma", "Internet", "Mitarbeiter"],
        ["A GmbH", "https://a.de/?x=1", "12"],
        ["B GmbH", "b.de", "=12*3"],
    ]
    (_n2, first), (_n3, second) = read(open_table(write_csv(tmp_path / "f.csv", rows)))
    assert not any(isinstance(c, Formula) for c in first)  # "=" inside a cell is text
    assert isinstance(second[2], Formula) and second[2] == "=12*3"
    plain = read(open_table(write_csv(tmp_path / "g.csv", rows[:2])))
    assert not any(isinstance(c, Formula) for _n, cells in plain for c in cells)
