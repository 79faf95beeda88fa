"""Dashboard tables and the report to the funding body as XLSX (openpyxl) and Word
(python-docx). Both take the dict of `services.dashboard_of`; hidden cells (partners) are
written as "< 5" / "–", never as numbers."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _

from anett.core.disclosure import Hidden

from . import indicators as ind

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _xlsx_value(value, unit: str):
    """Numbers stay numbers (Excel can sum them); hidden cells become their mark."""
    if isinstance(value, Hidden):
        return str(value)
    if value is None:
        return "–"
    if unit == ind.SHARE:
        return round(value, 4)
    return value


def scope_lines(d: dict) -> list[tuple[str, str]]:
    sc = d["scope"]
    group = dict(_group_choices()).get(sc.group, _("All branch groups"))
    lines = [
        (_("Region"), sc.region.name if sc.region else "–"),
        (_("Period"), sc.period.label if sc.period else _("All time")),
        (_("Branch group"), group),
        (_("Created"), timezone.localtime().strftime("%d.%m.%Y %H:%M")),
    ]
    if sc.suppressed:
        lines.append(
            (
                _("Note"),
                _(
                    "Counts below 5 companies are shown as “< 5”, and figures from which such "
                    "a count could be worked out as “–”."
                ),
            )
        )
    return lines


def _group_choices():
    from anett.companies.models import BranchGroup

    return BranchGroup.choices


def kreis_table(d: dict, indicator_ids=None, fmt=None) -> tuple[list[str], list[list]]:
    """Header and rows (district, AGS, values…, last row the region) of all indicators."""
    fmt = fmt or _xlsx_value
    sc = d["scope"]
    t = sc.tables
    ids = indicator_ids or [i.id for i in ind.INDICATORS]
    header = [_("District"), "AGS"] + [_(ind.BY_ID[i].label) for i in ids]
    rows = []
    for k in sc.kreise:
        rows.append(
            [k.name, k.ags] + [fmt(t.value(i, k.id, sc.group), ind.BY_ID[i].unit) for i in ids]
        )
    rows.append(
        [_("Region total"), ""] + [fmt(t.value(i, None, sc.group), ind.BY_ID[i].unit) for i in ids]
    )
    return header, rows


def group_table(d: dict, indicator_ids=None, fmt=None) -> tuple[list[str], list[list]]:
    fmt = fmt or _xlsx_value
    t = d["scope"].tables
    ids = indicator_ids or [i.id for i in ind.INDICATORS]
    header = [_("Branch group")] + [_(ind.BY_ID[i].label) for i in ids]
    rows = [
        [str(label)] + [fmt(t.value(i, None, g), ind.BY_ID[i].unit) for i in ids]
        for g, label in _group_choices()
    ]
    rows.append([_("Total")] + [fmt(t.value(i, None, None), ind.BY_ID[i].unit) for i in ids])
    return header, rows


def series_table(d: dict, fmt=None) -> tuple[list[str], list[list]]:
    fmt = fmt or _xlsx_value
    header = [_("Month")] + [_(ind.BY_ID[i].label) for i in ind.SERIES_IDS]
    rows = []
    for k, m in enumerate(d["months"]):
        rows.append(
            [m.strftime("%m/%Y")] + [fmt(d["series"][i][k], ind.COUNT) for i in ind.SERIES_IDS]
        )
    return header, rows


def indicator_rows(d: dict, indicator_ids=None) -> list[list]:
    sc = d["scope"]
    ids = indicator_ids or [i.id for i in ind.INDICATORS]
    rows = []
    for i in ids:
        indicator = ind.BY_ID[i]
        value = sc.tables.value(i, None, sc.group)
        rows.append(
            [
                _(indicator.label),
                _xlsx_value(value, indicator.unit),
                ind.display(value, indicator.unit),
                _(indicator.description),
            ]
        )
    return rows


def need_table(d: dict, fmt=None) -> tuple[list[str], list[list]]:
    fmt = fmt or _xlsx_value
    header = [
        _("Topic"),
        _("Firms with a need ≥ %(level)s") % {"level": d["need_threshold"]},
    ]
    rows = [
        [str(n["label"]), fmt(n["hidden"] and _hidden(n) or n["value"], ind.COUNT)]
        for n in d["needs"]
    ]
    return header, rows


def _hidden(cell: dict):
    from anett.core.disclosure import DERIVABLE, SMALL

    return SMALL if cell["hidden"] == "small" else DERIVABLE


# --- XLSX --------------------------------------------------------------------------------


def workbook(d: dict, *, title: str, internal: bool = False, texts: dict | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="EEF1F4")
    wb = Workbook()

    def sheet(ws, header, rows, widths=None, number_formats=None):
        ws.append(header)
        for cell in ws[ws.max_row]:
            cell.font = bold
            cell.fill = head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for r in rows:
            ws.append(r)
        ws.freeze_panes = ws.cell(row=ws.max_row - len(rows) + 1, column=2)
        for j in range(1, len(header) + 1):
            ws.column_dimensions[get_column_letter(j)].width = (widths or {}).get(j, 16)
        for j, fmt in (number_formats or {}).items():
            for row in ws.iter_rows(min_row=ws.max_row - len(rows) + 1, min_col=j, max_col=j):
                for cell in row:
                    if isinstance(cell.value, int | float):
                        cell.number_format = fmt

    def formats(ids, offset):
        out = {}
        for k, i in enumerate(ids):
            unit = ind.BY_ID[i].unit
            out[offset + k] = (
                "0.0%" if unit == ind.SHARE else ("#,##0 €" if unit == ind.EUR else "#,##0")
            )
        return out

    all_ids = [i.id for i in ind.INDICATORS]
    ws = wb.active
    ws.title = _("Indicators")[:31]
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    if internal:
        ws.append([internal_note()])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True, color="B42318")
    for label, value in scope_lines(d):
        ws.append([label, value])
    ws.append([])
    header = [_("Indicator"), _("Value"), _("Shown as"), _("Definition")]
    rows = indicator_rows(d)
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = bold
        cell.fill = head_fill
    for r, i in zip(rows, all_ids, strict=True):
        ws.append(r)
        unit = ind.BY_ID[i].unit
        c = ws.cell(row=ws.max_row, column=2)
        if isinstance(c.value, int | float):
            c.number_format = "0.0%" if unit == ind.SHARE else "#,##0"
        ws.cell(row=ws.max_row, column=4).alignment = Alignment(wrap_text=True, vertical="top")
    for j, width in ((1, 42), (2, 16), (3, 16), (4, 90)):
        ws.column_dimensions[get_column_letter(j)].width = width

    header, rows = kreis_table(d)
    sheet(wb.create_sheet(_("Districts")[:31]), header, rows, {1: 34}, formats(all_ids, 3))
    header, rows = group_table(d)
    sheet(wb.create_sheet(_("Branch groups")[:31]), header, rows, {1: 26}, formats(all_ids, 2))
    header, rows = series_table(d)
    sheet(wb.create_sheet(_("Time series")[:31]), header, rows, {1: 12})
    header, rows = need_table(d)
    sheet(wb.create_sheet(_("Needs by topic")[:31]), header, rows, {1: 42, 2: 26})
    if texts is not None:
        ws = wb.create_sheet(_("Texts")[:31])
        ws.append([_("Section"), _("Text")])
        for cell in ws[1]:
            cell.font = bold
            cell.fill = head_fill
        for code, label in ind.SECTIONS:
            ws.append([_(label), texts.get(code, "")])
            ws.cell(row=ws.max_row, column=2).alignment = Alignment(wrap_text=True)
        ws.column_dimensions["A"].width = 30
        ws.column_dimensions["B"].width = 110
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def internal_note() -> str:
    return _(
        "Internal: figures without small-cell suppression, for the funding body only. "
        "Do not pass on to partners or publish."
    )


# --- Word ----------------------------------------------------------------------------------


def report_docx(d: dict, report, texts: dict[str, str]) -> bytes:
    """Title page, one chapter per section (the coordinators' text, the section's indicators
    for the region and per district), then the tables per branch group and per month."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt, RGBColor

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)

    doc.add_paragraph().add_run("ANeTT – Automotive-Netzwerk Transformation Thüringen").bold = True
    doc.add_heading(report.title, level=0)
    sc = d["scope"]
    doc.add_paragraph(
        _("Report to the funding body")
        + f" · {sc.region.name if sc.region else '–'} · "
        + f"{report.date_from:%d.%m.%Y} – {report.date_to:%d.%m.%Y}"
    )
    note = doc.add_paragraph().add_run(internal_note())
    note.bold = True
    note.font.color.rgb = RGBColor(0xB4, 0x23, 0x18)
    _table(doc, [_("Item"), _("Value")], [list(x) for x in scope_lines(d)])
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    for number, (code, label) in enumerate(ind.SECTIONS, start=1):
        doc.add_heading(f"{number}. {_(label)}", level=1)
        text = (texts.get(code) or "").strip()
        if text:
            for para in text.split("\n\n"):
                doc.add_paragraph(para.strip())
        else:
            doc.add_paragraph(_("(No text written for this section.)")).italic = True
        section_ids = [i.id for i in ind.indicators_of(code)]
        if not section_ids:
            continue
        doc.add_heading(_("Indicators"), level=2)
        rows = [[r[0], r[2], r[3]] for r in indicator_rows(d, section_ids)]
        _table(doc, [_("Indicator"), _("Value"), _("Definition")], rows)
        doc.add_heading(_("Per district"), level=2)
        header, rows = kreis_table(d, section_ids, fmt=ind.display)
        _table(doc, header, rows, small=True)
        if code == ind.ADVICE:
            doc.add_heading(_("Needs by topic"), level=2)
            header, rows = need_table(d, fmt=ind.display)
            _table(doc, header, rows)

    doc.add_heading(_("Appendix"), level=1)
    main_ids = list(ind.TILE_IDS)
    doc.add_heading(_("Per branch group"), level=2)
    header, rows = group_table(d, main_ids, fmt=ind.display)
    _table(doc, header, rows, small=True)
    doc.add_heading(_("Per month"), level=2)
    header, rows = series_table(d, fmt=ind.display)
    _table(doc, header, rows, small=True)
    buf = BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _table(doc, header, rows, small: bool = False):
    from docx.shared import Pt

    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
    for r in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, r, strict=True):
            cell.text = str(value)
    if small:
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(8.5)
    return table
