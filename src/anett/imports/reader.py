"""Reading an uploaded spreadsheet: CSV or XLSX. Plain Python, no Django.

``open_table(path)`` looks at the bytes, not the file name:

- XLSX (a zip with ``xl/workbook.xml``) is read with openpyxl in read-only mode, values as
  Excel stores them (numbers, dates, text). A cell with a formula is not evaluated: the
  formula text is kept and the row will name it as the reason for rejecting the cell.
  Merged cells in the heading row make the file unreadable for us (which heading belongs
  to which column?); that is reported in words with the merged ranges.
- CSV in UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text") or
  Windows-1252 (what German Excel writes as "CSV"); the separator (``;``, ``,``, tab or
  ``|``) is the one that splits the first lines into the same number of columns.
- The heading row is the one among the first ten that names most known fields, so title
  lines above the table are skipped. Empty and repeated headings get a name with their
  column letter and a warning; empty columns at the right are dropped.
- Excel holds at most 1,048,576 rows per sheet: a sheet filled to its last row was
  probably cut off when it was saved (warning); a CSV file with more data rows than a sheet
  can hold is refused, because its rejected rows could not be handed back as XLSX.

Everything that makes a file unreadable raises ``ImportFileError`` with an English msgid
(translated by the Django layer); lesser findings are ``Table.warnings``.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from .mapping import header_score
from .problems import ImportFileError, Problem, column_letter, problem
from .problems import gettext_noop as _

EXCEL_MAX_ROWS = 1_048_576
MAX_DATA_ROWS = EXCEL_MAX_ROWS - 1  # one row of an XLSX sheet is taken by the headings
HEADER_SEARCH_ROWS = 10
SAMPLE_ROWS = 5
DELIMITERS = (";", ",", "\t", "|")

CSV, XLSX = "csv", "xlsx"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MOJIBAKE = re.compile("Ã[¤¶¼Ÿ„–œ]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_NOT_TEXT = _(
    "The file is not a text file (CSV) and not an Excel workbook (.xlsx). "
    "Please save it as “CSV UTF-8” or as “.xlsx”."
)


class Formula(str):
    """The text of a formula cell ('=SUMME(A1:A3)'); never evaluated."""


@dataclass
class Table:
    format: str
    headers: list[str]  # one per column, unique, never empty
    header_row: int  # 1-based row number of the headings
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    warnings: list[Problem] = field(default_factory=list)
    sample: list[list] = field(default_factory=list)  # first data rows, for the mapping page
    row_estimate: int = 0
    head_rows: dict = field(
        default_factory=dict, repr=False
    )  # row number -> cells, up to the headings
    _rows: object = None  # callable returning an iterator of (row number, cells)

    @property
    def columns(self) -> list[str]:
        return [column_letter(i) for i in range(len(self.headers))]

    def rows(self) -> Iterator[tuple[int, list]]:
        """(row number, cells) of every data row that is not empty; cells are as many as
        headers ('' or None for an empty cell)."""
        width = len(self.headers)
        text_only = self.format == CSV  # cells are stripped strings: '' is empty
        for number, cells in self._rows():
            if number <= self.header_row:
                continue
            if not (any(cells) if text_only else any(_filled(c) for c in cells)):
                continue
            if len(cells) < width:
                cells = list(cells) + [None] * (width - len(cells))
            elif len(cells) > width:
                cells = list(cells[:width])
            yield number, cells


def _filled(value) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return True


def open_table(path: str | Path) -> Table:
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ImportFileError(
            _("The file cannot be read (%(reason)s)."), reason=exc.strerror or str(exc)
        ) from None
    if not head:
        raise ImportFileError(_("The file is empty."))
    if head.startswith(_XLS_MAGIC):
        raise ImportFileError(
            _(
                "This is a file in the old Excel format (.xls). Please save it in Excel as "
                "“Excel workbook (.xlsx)” or as CSV and upload it again."
            )
        )
    if head.startswith(b"PK\x03\x04"):
        return _open_xlsx(path)
    return _open_csv(path)


# --------------------------------------------------------------------------- CSV


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding: UTF-8 (BOM optional), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    elif _looks_like_utf16(data):
        enc = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        raise ImportFileError(_NOT_TEXT)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _(
                "The characters of the file cannot be read: it is neither UTF-8 nor "
                "Windows-1252 encoded (byte %(byte)s at position %(position)s). Please "
                "save it in Excel as “CSV UTF-8 (comma delimited)”."
            ),
            byte=f"0x{exc.object[exc.start]:02X}",
            position=str(exc.start + 1),
        ) from None


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:200]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    return (zeros_odd > 0.7 and zeros_even < 0.1) or (zeros_even > 0.7 and zeros_odd < 0.1)


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first lines into the same number (≥ 2) of columns."""
    lines = [ln for ln in text[:65536].splitlines()[:30] if ln.strip()]
    if not lines:
        return ";"
    best, best_score = ";", (-1.0, 0)
    for delimiter in DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        mode, freq = Counter(counts).most_common(1)[0]
        if mode < 2:
            continue
        score = (freq / len(counts), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _open_csv(path: Path) -> Table:
    data = path.read_bytes()
    text, encoding = decode(data)
    if _CONTROL.search(text[:8192]):
        raise ImportFileError(_NOT_TEXT)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip(" \t\r\n;,|"):
        raise ImportFileError(_("The file is empty."))
    delimiter = sniff_delimiter(text)
    warnings: list[Problem] = []
    if _MOJIBAKE.search(text[:200000]):
        warnings.append(
            problem(
                _(
                    "The file contains characters such as “Ã¼” instead of “ü”: it was "
                    "probably saved with the wrong encoding once before. Please check the "
                    "umlauts in the preview."
                )
            )
        )
    line_count = text.count("\n") + 1

    maybe_formulas = "=" in text  # most files have none: no need to look at every cell

    def records() -> Iterator[tuple[int, list]]:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for number, row in enumerate(reader, start=1):
                if number > EXCEL_MAX_ROWS:
                    raise ImportFileError(
                        _(
                            "The file has more than %(max)s data rows – more than an Excel "
                            "sheet can hold (1,048,576 rows including the headings), so "
                            "rejected rows could not be handed back as Excel. Please split "
                            "it into several files."
                        ),
                        max=f"{MAX_DATA_ROWS:,}",
                    )
                cells = [c.strip() for c in row]
                if maybe_formulas and any(c[:1] == "=" for c in cells):
                    # what Excel would take for a formula when it opens the CSV
                    cells = [Formula(c) if c[:1] == "=" else c for c in cells]
                yield number, cells
        except csv.Error as exc:
            raise ImportFileError(
                _("The file is not a readable CSV file (%(reason)s)."), reason=str(exc)
            ) from None

    if line_count > EXCEL_MAX_ROWS:
        # Count records, not lines (a cell may hold a line break): refuse before any work.
        for _number, _row in records():
            pass
    table = _build(CSV, records, warnings, encoding=encoding, delimiter=delimiter)
    table.row_estimate = max(0, line_count - table.header_row)
    if line_count >= EXCEL_MAX_ROWS and _count(records) == EXCEL_MAX_ROWS:
        warnings.append(_TRUNCATED)
    return table


def _count(records) -> int:
    n = 0
    for n, _row in records():  # noqa: B007
        pass
    return n


_TRUNCATED = problem(
    _(
        "The table fills all 1,048,576 rows of an Excel sheet. It was probably cut off when "
        "it was saved in Excel: rows beyond that are missing. Please export the data again "
        "as CSV or in several files."
    )
)


# --------------------------------------------------------------------------- XLSX


def _open_xlsx(path: Path) -> Table:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile:
        raise ImportFileError(
            _("The file is damaged: it cannot be opened as an Excel workbook.")
        ) from None
    if "xl/workbook.xml" not in names:
        if "content.xml" in names:
            raise ImportFileError(
                _(
                    "OpenDocument spreadsheets (.ods) cannot be read. Please save the file as "
                    "“Excel workbook (.xlsx)” or as CSV."
                )
            )
        raise ImportFileError(_("The file is a zip archive but not an Excel workbook (.xlsx)."))
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on broken files
        raise ImportFileError(
            _("The Excel workbook cannot be read (%(reason)s)."), reason=str(exc)[:200]
        ) from None
    warnings: list[Problem] = []
    sheets = [ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    sheets = [ws for ws in sheets if ws.max_row and ws.max_row > 0] or sheets
    if not sheets:
        raise ImportFileError(_("The file is empty."))
    ws = sheets[0]
    filled = [s for s in sheets if _sheet_has_data(s)]
    if filled:
        ws = filled[0]
    if len(filled) > 1:
        warnings.append(
            problem(
                _(
                    "The workbook has several sheets with data; only the first one, "
                    "“%(sheet)s”, is read."
                ),
                sheet=ws.title,
            )
        )
    sheet_path = _sheet_path(wb, ws)

    def records() -> Iterator[tuple[int, list]]:
        for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
            yield number, [_xlsx_value(v) for v in row]

    table = _build(XLSX, records, warnings, sheet=ws.title)
    merged = _merged_ranges(path, sheet_path)
    # Merged cells in the heading row, or in a row above it that holds headings too (a
    # heading over two rows: "Adresse" over "Straße", "PLZ", "Ort"). A merged title line
    # alone in its row is fine.
    in_header = [
        r
        for r in merged
        if r[1] <= table.header_row <= r[3]
        or (r[3] < table.header_row and sum(map(_filled, table.head_rows.get(r[1], []))) >= 2)
    ]
    if in_header:
        raise ImportFileError(
            _(
                "The heading row %(row)s contains merged cells (%(ranges)s). Please unmerge "
                "them so that every column has exactly one heading in one row, then upload "
                "the file again."
            ),
            row=str(table.header_row),
            ranges=", ".join(r[4] for r in in_header[:5]),
        )
    if any(r[1] > table.header_row for r in merged):
        warnings.append(
            problem(
                _(
                    "Some data cells are merged; a merged cell counts only for its first row "
                    "and column, the other rows see it as empty."
                )
            )
        )
    max_row = ws.max_row or 0
    table.row_estimate = max(0, max_row - table.header_row)
    if max_row >= EXCEL_MAX_ROWS:
        warnings.append(_TRUNCATED)
    return table


def _sheet_has_data(ws) -> bool:
    for row in ws.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True):
        if any(_filled(v) for v in row):
            return True
    return False


def _xlsx_value(value):
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("="):
            return Formula(text)
        return text
    return value


def _sheet_path(wb, ws) -> str | None:
    """Path of a sheet's XML inside the zip (read-only worksheets keep it)."""
    return getattr(ws, "_worksheet_path", None) or getattr(ws, "worksheet_path", None)


_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _merged_ranges(path: Path, sheet_path: str | None) -> list[tuple[int, int, int, int, str]]:
    """(min_col, min_row, max_col, max_row, 'A1:C1') of every merged range of the sheet.

    Read-only openpyxl does not report merged cells; the sheet XML is scanned in chunks
    (the ranges stand after the cell data)."""
    if not sheet_path:
        return []
    sheet_path = sheet_path.lstrip("/")
    out = []
    tail = b""
    try:
        with zipfile.ZipFile(path) as zf, zf.open(sheet_path) as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                buf = tail + chunk
                for m in _MERGE_RE.finditer(buf):
                    c1, r1 = m.group(1).decode(), int(m.group(2))
                    c2 = (m.group(3) or m.group(1)).decode()
                    r2 = int(m.group(4) or m.group(2))
                    ref = f"{c1}{r1}:{c2}{r2}"
                    item = (_col_index(c1), r1, _col_index(c2), r2, ref)
                    if item not in out:
                        out.append(item)
                tail = buf[-300:]
    except (KeyError, zipfile.BadZipFile):
        return []
    return out


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


# --------------------------------------------------------------------------- shared


def _build(fmt: str, records, warnings: list[Problem], **kw) -> Table:
    """Find the heading row and name the columns."""
    first: list[tuple[int, list]] = []
    for number, cells in records():
        if any(_filled(c) for c in cells):
            first.append((number, cells))
        if len(first) >= HEADER_SEARCH_ROWS + SAMPLE_ROWS + 45:
            break
    if not first:
        raise ImportFileError(_("The file is empty."))
    candidates = first[:HEADER_SEARCH_ROWS]
    scored = [(header_score(cells), -i) for i, (_n, cells) in enumerate(candidates)]
    best_score, neg_i = max(scored)
    if best_score == 0:
        # nothing recognised: the first row with at least two filled cells
        neg_i = -next((i for i, (_n, c) in enumerate(candidates) if sum(map(_filled, c)) >= 2), 0)
    header_number, header_cells = candidates[-neg_i]
    after = [cells for number, cells in first if number > header_number]
    if not after:
        raise ImportFileError(
            _("The file holds only the headings (row %(row)s) and no data rows."),
            row=str(header_number),
        )
    width = max([len(header_cells)] + [len(c) for c in after])
    # drop empty columns at the right (no heading, no data in the first rows)
    while width > 0:
        i = width - 1
        head = header_cells[i] if i < len(header_cells) else None
        if _filled(head) or any(i < len(c) and _filled(c[i]) for c in after):
            break
        width -= 1
    headers: list[str] = []
    seen: dict[str, int] = {}
    for i in range(width):
        raw = header_cells[i] if i < len(header_cells) else None
        text = " ".join(_header_text(raw).split())
        letter = column_letter(i)
        if not text:
            if any(i < len(c) and _filled(c[i]) for c in after):
                warnings.append(
                    problem(
                        _(
                            "Column %(column)s has no heading; it is called “%(name)s” here "
                            "and is imported only if you assign it a field."
                        ),
                        column=letter,
                        name=f"Spalte {letter}",
                    )
                )
            text = f"Spalte {letter}"
        key = text.casefold()
        if key in seen:
            first_letter = column_letter(seen[key])
            warnings.append(
                problem(
                    _(
                        "The heading “%(header)s” appears more than once (columns %(first)s "
                        "and %(column)s). The columns are told apart by their letter; "
                        "please check which one to import."
                    ),
                    header=text,
                    first=first_letter,
                    column=letter,
                )
            )
            text = f"{text} ({letter})"
        seen.setdefault(key, i)
        headers.append(text)
    if header_number > 1:
        warnings.append(
            problem(
                _("Headings found in row %(row)s; the rows above it are skipped."),
                row=str(header_number),
            )
        )
    if isinstance(header_cells, list) and any(isinstance(c, Formula) for c in header_cells):
        raise ImportFileError(
            _("The heading row %(row)s contains formulas; please enter the headings as text."),
            row=str(header_number),
        )
    sample = [c[:width] + [None] * (width - len(c)) for c in after[:SAMPLE_ROWS]]
    head_rows = {number: cells for number, cells in first if number <= header_number}
    return Table(
        head_rows=head_rows,
        format=fmt,
        headers=headers,
        header_row=header_number,
        warnings=warnings,
        sample=sample,
        _rows=records,
        **kw,
    )


def _header_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def display(value) -> str:
    """A cell as text, as the user saw it: 120.0 -> '120', a date -> '01.10.1949'."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "WAHR" if value else "FALSCH"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.hour or value.minute or value.second:
            return value.strftime("%d.%m.%Y %H:%M")
        return value.strftime("%d.%m.%Y")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)
