"""The Förderfahrplan as a Word document (python-docx) and as a workbook (openpyxl).

Both take a `services.Calculation`; texts follow the user's language (German first), the
engine's reasons and formulas are German. The plan covers the chosen programmes, or, while
none is chosen, every programme that may apply (status "eligible" or "to be checked").
"""

from __future__ import annotations

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _

from .rules.base import fmt_eur, fmt_num
from .services import Calculation, FirmFact, kind_label

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _colon(label: str) -> str:
    return f"{label}: "


def _date(d) -> str:
    return d.strftime("%d.%m.%Y") if d else "–"


def _tri(value) -> str:
    if value is None:
        return _("unknown")
    return _("yes") if value else _("no")


def measure_rows(calc: Calculation) -> list[tuple[str, str]]:
    m = calc.measure
    rows = [
        (_("Title"), m.title),
        (_("Provider"), m.provider or "–"),
        (_("Kind of measure"), kind_label(m.kind)),
        (_("Start of the measure"), _date(m.start)),
        (_("Application date"), _date(m.application_date)),
    ]
    if m.hours is not None:
        rows.append((_("Hours"), fmt_num(m.hours)))
    if m.course_costs_eur is not None:
        rows.append((_("Course costs per participant"), fmt_eur(m.course_costs_eur)))
    if m.exam_fees_eur is not None:
        rows.append((_("Exam fees per participant"), fmt_eur(m.exam_fees_eur)))
    if m.wage_loss_hours is not None:
        rows.append((_("Working hours lost per participant"), fmt_num(m.wage_loss_hours)))
    if m.consulting_fee_eur is not None:
        rows.append((_("Consulting fee"), fmt_eur(m.consulting_fee_eur)))
    if m.days is not None:
        rows.append((_("Days"), fmt_num(m.days)))
    rows += [
        (_("Provider approved under AZAV"), _tri(m.provider_azav)),
        (_("Measure approved under AZAV"), _tri(m.measure_azav)),
        (_("Participants"), str(sum(g.count for g in calc.groups))),
    ]
    return rows


def group_text(g) -> str:
    parts = [f"{g.count} × {g.label}"]
    if g.age is not None:
        parts.append(_("age %(age)s") % {"age": g.age})
    if g.no_qualification:
        parts.append(_("no vocational qualification"))
    elif g.qualification_year is not None:
        parts.append(_("qualified %(year)s") % {"year": g.qualification_year})
    if g.monthly_gross_eur is not None:
        parts.append(_("%(eur)s gross per month") % {"eur": fmt_eur(g.monthly_gross_eur)})
    if g.weekly_hours is not None:
        parts.append(_("%(hours)s hours per week") % {"hours": fmt_num(g.weekly_hours)})
    return ", ".join(parts)


def company_line(company) -> str:
    parts = [str(company)]
    place = " ".join(p for p in (company.postcode, company.city) if p)
    if place:
        parts.append(place)
    if company.kreis:
        parts.append(f"{company.kreis.name} ({company.kreis.ags})")
    return ", ".join(parts)


def _heading_plan(calc: Calculation) -> str:
    if calc.combination.rows:
        return _("Chosen programmes")
    return _("Programmes that may apply (no combination chosen yet)")


def _amount_lines(row) -> list[str]:
    out = []
    for c in row.components:
        extra = _("conditional") if c.conditional else c.recipient_label
        out.append(f"{c.label}: {fmt_eur(c.eur)} ({extra})")
    return out


def _sums(calc: Calculation):
    """(label, amount) rows under the plan table."""
    rows = calc.plan_rows
    if calc.combination.rows:
        comb = calc.combination
        grants, benefits, conditional = comb.grants, comb.benefits, comb.conditional
        base, remaining = comb.cost_base, comb.remaining
    else:
        grants = benefits = conditional = base = remaining = None
    out = []
    if grants is not None:
        out += [
            (_("Grants towards the costs"), fmt_eur(grants)),
            (_("Other benefits (to employees, bonuses)"), fmt_eur(benefits)),
        ]
        if conditional:
            out.append((_("Conditional amounts (not counted)"), fmt_eur(conditional)))
        out += [
            (_("Cost the programmes relate to"), fmt_eur(base)),
            (_("Employer's remaining cost"), fmt_eur(remaining)),
        ]
    elif rows:
        out.append(
            (
                _("Employer's remaining cost"),
                _("choose a combination to compute it"),
            )
        )
    return out


# --- Word ------------------------------------------------------------------------------------


def plan_docx(calc: Calculation, facts: list[FirmFact]) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    m = calc.measure
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10)
    roadmap = _("Funding roadmap")
    doc.core_properties.title = f"{roadmap}: {m.title}"
    doc.core_properties.author = "ANeTT"

    doc.add_heading(f"{roadmap}: {m.title}", level=0)
    p = doc.add_paragraph()
    p.add_run(_colon(_("Company"))).bold = True
    p.add_run(company_line(m.company))
    p = doc.add_paragraph()
    p.add_run(_colon(_("As of"))).bold = True
    p.add_run(_date(calc.day))

    def table(rows, header=None, widths=None):
        cols = len(header or rows[0])
        t = doc.add_table(rows=0, cols=cols)
        t.style = "Table Grid"
        if header:
            cells = t.add_row().cells
            for cell, text in zip(cells, header, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(str(text)).bold = True
        for r in rows:
            cells = t.add_row().cells
            for cell, text in zip(cells, r, strict=True):
                cell.text = str(text)
        return t

    doc.add_heading(_("Measure"), level=1)
    table(measure_rows(calc))
    if calc.groups:
        doc.add_paragraph(_("Participants") + ":")
        for g in calc.groups:
            doc.add_paragraph(group_text(g), style="List Bullet")

    doc.add_heading(_("Company data used"), level=1)
    table(
        [
            (
                f.label,
                f.value or "–",
                _("company record") if f.from_company else _("confirmed for this measure"),
            )
            for f in facts
        ],
        header=(_("Fact"), _("Value"), _("Source")),
    )

    plan = calc.plan_rows
    doc.add_heading(_heading_plan(calc), level=1)
    if plan:
        t = table(
            [
                (
                    r.title,
                    r.status_label + (" – " + _("legal entitlement") if r.entitlement else ""),
                    "\n".join(_amount_lines(r)) or "–",
                    fmt_eur(r.total),
                    fmt_eur(r.employer_cost),
                    r.legal_basis,
                )
                for r in plan
            ],
            header=(
                _("Programme"),
                _("Status"),
                _("Amounts"),
                _("Total"),
                _("Employer's cost"),
                _("Legal basis"),
            ),
        )
        t.autofit = True
        sums = _sums(calc)
        if sums:
            doc.add_paragraph()
            table(sums)
    else:
        doc.add_paragraph(_("No programme applies to this measure."))

    comb = calc.combination
    if comb.warnings or comb.notes:
        doc.add_heading(_("Notes on the combination"), level=1)
        for w in comb.warnings + comb.notes:
            doc.add_paragraph(w, style="List Bullet")

    doc.add_heading(_("Calculation and reasons"), level=1)
    for r in plan:
        doc.add_heading(r.title, level=2)
        if r.description:
            doc.add_paragraph(r.description)
        p = doc.add_paragraph()
        p.add_run(_colon(_("Legal basis"))).bold = True
        p.add_run(r.legal_basis)
        if r.entitlement_basis:
            p = doc.add_paragraph()
            p.add_run(_colon(_("Entitlement"))).bold = True
            p.add_run(r.entitlement_basis)
        p = doc.add_paragraph()
        p.add_run(_colon(_("Version"))).bold = True
        p.add_run(r.version or "–")
        for c in r.components:
            p = doc.add_paragraph(style="List Bullet")
            p.add_run(f"{c.label}: {fmt_eur(c.eur)}").bold = True
            p.add_run(f" ({c.ref}) – {c.formula}")
            for line in c.lines:
                doc.add_paragraph(line, style="List Bullet 2")
        p = doc.add_paragraph()
        p.add_run(
            _colon(_("Cost"))
            + fmt_eur(r.cost)
            + " · "
            + _colon(_("Employer keeps"))
            + fmt_eur(r.employer_cost)
        )
        if r.reasons:
            doc.add_paragraph(_("Conditions") + ":")
            for reason in r.reasons:
                who = f" [{reason.groups}]" if reason.groups else ""
                doc.add_paragraph(
                    f"{reason.outcome_label}: {reason.text} ({reason.ref}){who}",
                    style="List Bullet",
                )
        for w in r.warnings:
            doc.add_paragraph(_colon(_("Notice")) + w, style="List Bullet")
        if r.sources:
            doc.add_paragraph(_colon(_("Sources")) + "; ".join(r.sources)).runs[0].italic = True

    doc.add_heading(_("Open points to clear with the employment agency"), level=1)
    if calc.open_points:
        for point in calc.open_points:
            if point.kind == "rule":
                text = _("Rule not confirmed (%(tag)s): %(text)s") % {
                    "tag": point.tag,
                    "text": point.text,
                }
                if point.source:
                    text += " – " + _colon(_("Source")) + point.source
            else:
                text = point.text + (f" ({point.ref})" if point.ref else "")
                if point.groups:
                    text += f" [{point.groups}]"
            p = doc.add_paragraph(style="List Number")
            p.add_run(f"{point.title}: ").bold = True
            p.add_run(text)
    else:
        doc.add_paragraph(_("None: every condition is met on confirmed rules."))

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    run = p.add_run(
        _(
            "Computed by ANeTT on %(date)s from the programme catalogue. The figures guide "
            "the planning; the funding body decides on the application."
        )
        % {"date": timezone.localtime().strftime("%d.%m.%Y %H:%M")}
    )
    run.italic = True
    run.font.size = Pt(8)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


# --- Excel -----------------------------------------------------------------------------------

EUR_FORMAT = '#,##0.00 "€"'


def plan_xlsx(calc: Calculation, facts: list[FirmFact]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def put(ws, row: list, *, header=False, money=()):
        ws.append(row)
        r = ws.max_row
        for i, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=i)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, even if the text starts with "="
                cell.alignment = wrap
            if header:
                cell.font = bold
            if i - 1 in money and not isinstance(value, str):
                cell.number_format = EUR_FORMAT

    def widths(ws, values):
        for letter, width in zip("ABCDEFGHIJKLMN", values, strict=False):
            ws.column_dimensions[letter].width = width

    m = calc.measure
    ws = wb.active
    ws.title = _("Roadmap")[:31]
    widths(ws, (34, 16, 10, 16, 16, 16, 16, 16, 16, 60))
    put(ws, [_colon(_("Funding roadmap")) + m.title], header=True)
    put(ws, [_("Company"), company_line(m.company)])
    put(ws, [_("As of"), _date(calc.day)])
    for label, value in measure_rows(calc):
        put(ws, [label, value])
    for g in calc.groups:
        put(ws, [_("Participant group"), group_text(g)])
    ws.append([])
    money = (4, 5, 6, 7, 8)
    put(
        ws,
        [
            _("Programme"),
            _("Id"),
            _("Chosen"),
            _("Status"),
            _("Grants towards the costs"),
            _("Other benefits (to employees, bonuses)"),
            _("Conditional amounts"),
            _("Cost"),
            _("Employer's cost"),
            _("Legal basis"),
        ],
        header=True,
    )
    for r in calc.rows:
        put(
            ws,
            [
                r.title,
                r.id,
                _("yes") if r.selected else "",
                r.status_label,
                float(r.grants),
                float(r.benefits),
                float(r.conditional_total),
                float(r.cost),
                float(r.employer_cost),
                r.legal_basis,
            ],
            money=money,
        )
    comb = calc.combination
    if comb.rows:
        ws.append([])
        put(ws, [_("Chosen combination")], header=True)
        put(ws, [_("Grants towards the costs"), float(comb.grants)], money=(1,))
        put(ws, [_("Other benefits (to employees, bonuses)"), float(comb.benefits)], money=(1,))
        put(ws, [_("Cost the programmes relate to"), float(comb.cost_base)], money=(1,))
        put(ws, [_("Employer's remaining cost"), float(comb.remaining)], money=(1,))
        for w in comb.warnings + comb.notes:
            put(ws, [_("Notice"), w])

    ws = wb.create_sheet(_("Amounts")[:31])
    widths(ws, (34, 24, 14, 14, 60, 60, 28))
    put(
        ws,
        [
            _("Programme"),
            _("Component"),
            _("Recipient"),
            _("Amount"),
            _("Formula"),
            _("Per group"),
            _("Legal reference"),
        ],
        header=True,
    )
    for r in calc.rows:
        for c in r.components:
            put(
                ws,
                [
                    r.title,
                    c.label,
                    _("conditional") if c.conditional else c.recipient_label,
                    float(c.eur),
                    c.formula,
                    "\n".join(c.lines),
                    c.ref,
                ],
                money=(3,),
            )

    ws = wb.create_sheet(_("Reasons")[:31])
    widths(ws, (34, 14, 80, 30, 24))
    put(
        ws,
        [_("Programme"), _("Outcome"), _("Condition"), _("Legal reference"), _("Group")],
        header=True,
    )
    for r in calc.rows:
        for reason in r.reasons:
            put(ws, [r.title, reason.outcome_label, reason.text, reason.ref, reason.groups])

    ws = wb.create_sheet(_("Open points")[:31])
    widths(ws, (34, 80, 30, 24, 14, 40))
    put(
        ws,
        [_("Programme"), _("Open point"), _("Legal reference"), _("Group"), _("Tag"), _("Source")],
        header=True,
    )
    for p in calc.open_points:
        put(ws, [p.title, p.text, p.ref, p.groups, p.tag, p.source])

    ws = wb.create_sheet(_("Company data")[:31])
    widths(ws, (50, 24, 30))
    put(ws, [_("Fact"), _("Value"), _("Source")], header=True)
    for f in facts:
        source = _("company record") if f.from_company else _("confirmed for this measure")
        put(ws, [f.label, f.value or "–", source])

    out = BytesIO()
    wb.save(out)
    return out.getvalue()
