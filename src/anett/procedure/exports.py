"""Word and Excel files of the procedure: minutes, the compiled document ("Skizze 2.0"),
the overview of contributions."""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import services
from .models import Call, Workshop

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _paragraphs(doc, text: str) -> None:
    """Lines starting with a bullet become list paragraphs, others plain paragraphs."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped[0] in "-–•*":
            doc.add_paragraph(stripped[1:].strip(), style="List Bullet")
        else:
            doc.add_paragraph(stripped)


def _save(doc) -> bytes:
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def minutes_docx(workshop: Workshop) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(_("Minutes"), level=0)
    doc.add_heading(workshop.title, level=1)
    start = timezone.localtime(workshop.starts_at)
    where = workshop.place or workshop.online_url or "–"
    doc.add_paragraph(f"{_('Date')}: {start:%d.%m.%Y, %H:%M}   ·   {_('Place')}: {where}")
    if workshop.organiser:
        doc.add_paragraph(f"{_('Organiser')}: {workshop.organiser}")
    participants = list(workshop.participants.all())
    if participants:
        doc.add_heading(_("Participants"), level=2)
        for p in participants:
            doc.add_paragraph(str(p), style="List Bullet")
    agenda = list(workshop.agenda.all())
    if agenda:
        doc.add_heading(_("Agenda"), level=2)
        for item in agenda:
            doc.add_paragraph(item.title, style="List Number")
    if workshop.minutes_intro:
        _paragraphs(doc, workshop.minutes_intro)
    doc.add_heading(_("Conclusions (Fazit)"), level=2)
    for number, point in enumerate(workshop.fazit.all(), 1):
        doc.add_heading(f"{number}. {point.heading}", level=3)
        _paragraphs(doc, point.text)
    actions = list(workshop.actions.select_related("owner_user", "owner_actor"))
    if actions:
        doc.add_heading(_("Action items"), level=2)
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        labels = (_("Task"), _("Responsible"), _("Due"))
        for cell, label in zip(table.rows[0].cells, labels, strict=True):
            cell.text = label
        for a in actions:
            row = table.add_row().cells
            row[0].text = a.text
            row[1].text = a.owner_label or "–"
            row[2].text = a.due_date.strftime("%d.%m.%Y") if a.due_date else "–"
    if workshop.feedback_until:
        doc.add_paragraph(
            _("Please send feedback on these minutes by %(date)s.")
            % {"date": workshop.feedback_until.strftime("%d.%m.%Y")}
        )
    return _save(doc)


def compiled_docx(call: Call) -> bytes:
    """Title, introduction, then per section in order: heading, guiding question and either
    the edited section text or every submitted contribution with the actor's name."""
    from docx import Document

    doc = Document()
    doc.add_heading(call.document_title or call.title, level=0)
    doc.add_paragraph(
        _("Compiled on %(date)s from the contributions to “%(call)s” (deadline %(deadline)s).")
        % {
            "date": timezone.localdate().strftime("%d.%m.%Y"),
            "call": call.title,
            "deadline": call.deadline_label,
        }
    )
    if call.intro:
        _paragraphs(doc, call.intro)
    for section in services.compiled(call):
        doc.add_heading(f"{section.number}. {section.title}", level=1)
        if section.question:
            question = doc.add_paragraph()
            question.add_run(section.question).italic = True
        if section.curated:
            _paragraphs(doc, section.curated)
        elif section.contributions:
            for actor, text in section.contributions:
                label = doc.add_paragraph()
                label.add_run(f"{_('Contribution from')} {actor}").bold = True
                _paragraphs(doc, text)
        else:
            doc.add_paragraph(_("(no contribution yet)"))
    return _save(doc)


STATE_LABELS = {
    "delivered": gettext_lazy("delivered"),
    "changed": gettext_lazy("delivered, newer draft"),
    "draft": gettext_lazy("draft"),
    "missing": gettext_lazy("missing"),
}


def state_label(state: str) -> str:
    return str(STATE_LABELS[state])


def matrix_xlsx(call: Call) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    sections, rows = services.matrix(call)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Contributions")[:31]
    ws.append([call.title, "", _("Deadline"), call.deadline_label])
    ws.append([])
    head = [_("Organisation"), _("Contact person"), _("E-mail"), _("Submitted")]
    head += [f"{i}. {s.title}" for i, s in enumerate(sections, 1)]
    ws.append(head)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    fills = {
        "delivered": PatternFill("solid", fgColor="DCF5E3"),
        "changed": PatternFill("solid", fgColor="DCF5E3"),
        "draft": PatternFill("solid", fgColor="FFF3BF"),
        "missing": PatternFill("solid", fgColor="FDE2E1"),
    }
    for row in rows:
        inv = row["invitation"]
        values = [
            inv.actor_name,
            inv.name,
            inv.email,
            _stamp(inv.submitted_at),
        ]
        for cell in row["cells"]:
            stamp = cell["submitted_at"] or (
                cell["updated_at"] if cell["state"] == "draft" else None
            )
            text = state_label(cell["state"])
            values.append(f"{text} ({_stamp(stamp)})" if stamp else text)
        ws.append(values)
        for cell, data in zip(ws[ws.max_row][4:], row["cells"], strict=True):
            cell.fill = fills[data["state"]]
    for col, width in zip("ABCD", (36, 24, 28, 18), strict=True):
        ws.column_dimensions[col].width = width
    for i in range(len(sections)):
        ws.column_dimensions[ws.cell(row=3, column=5 + i).column_letter].width = 30
    ws.freeze_panes = "B4"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _stamp(value) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else ""
