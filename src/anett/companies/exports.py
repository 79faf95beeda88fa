"""Excel export of the company register (no Art. 9 data)."""

from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

COLUMNS = [
    ("Name", lambda c: c.name, 40),
    ("Rechtsform", lambda c: c.legal_form, 14),
    ("Straße", lambda c: c.street, 30),
    ("PLZ", lambda c: c.postcode, 8),
    ("Ort", lambda c: c.city, 22),
    ("Kreis", lambda c: c.kreis.name if c.kreis else "", 26),
    ("AGS", lambda c: c.kreis.ags if c.kreis else "", 8),
    ("WZ 2008", lambda c: c.wz_code, 10),
    ("Branchengruppe", lambda c: c.get_branch_group_display(), 20),
    ("Beschäftigte Betrieb", lambda c: c.employees_site, 12),
    ("Beschäftigte Unternehmen", lambda c: c.employees_enterprise, 12),
    ("KMU-Klasse", lambda c: c.get_sme_class_display(), 18),
    ("Betriebsrat", lambda c: c.get_works_council_display(), 10),
    ("Tarifbindung", lambda c: c.get_collective_agreement_display(), 10),
    ("Gewerkschaftl. Zuständigkeit", lambda c: c.effective_union_scope, 14),
    ("Engagement", lambda c: c.get_engagement_status_display(), 12),
    ("Quellen", lambda c: c.sources, 24),
]


def companies_xlsx(companies, title="Betriebe") -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    for i, (_, _, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    header = []
    for label, _, _ in COLUMNS:
        cell = WriteOnlyCell(ws, value=label)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for company in companies:
        ws.append([getter(company) for _, getter, _ in COLUMNS])
    meta = wb.create_sheet("Info")
    meta.append(["Export", f"ANeTT Betriebsregister, {timezone.localtime():%d.%m.%Y %H:%M}"])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
