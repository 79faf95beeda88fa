"""The Förderfahrplan as Word and Excel file: amounts, legal basis and open points."""

from io import BytesIO

import pytest
from django.urls import reverse
from django.utils.translation import gettext
from docx import Document
from openpyxl import load_workbook

from anett.funding.services import calculate

from .helpers import GROUP, demo_firm, make_measure

pytestmark = pytest.mark.django_db


def docx_text(content: bytes) -> str:
    doc = Document(BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_word_plan_of_a_chosen_programme(client_koordination):
    measure = make_measure(
        demo_firm(), groups=[{**GROUP, "count": 2}], selected_programmes=["sgb3-82"]
    )
    response = client_koordination.get(reverse("funding:docx", args=[measure.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="foerderfahrplan-cnc-fachkraft-elektromobilitat.docx"'
    )
    text = docx_text(response.content)
    assert measure.title in text and "Demo-Zulieferer Förderwerk" in text
    assert "Förderung beschäftigter Arbeitnehmer (§ 82 SGB III)" in text
    assert "12.000,00 €" in text  # course costs 2 × 6,000 €
    assert "3.028,84 €" in text  # wage subsidy 2 × 1,514.42 €
    assert "15.028,84 €" in text  # total
    assert "1.009,62 €" in text  # the employer keeps 2 × 504.81 €
    assert "§ 82 SGB III i. d. F. des Aus- und Weiterbildungsgesetzes" in text  # legal basis
    assert "§ 82 Abs. 2 SGB III" in text  # reference of the component
    assert gettext("Open points to clear with the employment agency") in text
    # Not chosen programmes are not in the plan.
    assert "Thüringer Weiterbildungsscheck (FWRL)" not in text


def test_word_plan_lists_every_open_point(client_koordination):
    measure = make_measure(
        demo_firm(employees_enterprise=None),
        application_date=None,
        selected_programmes=["sgb3-82", "th-fwrl-anpassung"],
    )
    response = client_koordination.get(reverse("funding:docx", args=[measure.pk]))
    text = docx_text(response.content)
    doc = Document(BytesIO(response.content))
    heading = gettext("Open points to clear with the employment agency")
    paragraphs = [p for p in doc.paragraphs]
    start = next(i for i, p in enumerate(paragraphs) if p.text == heading)
    points = [p.text for p in paragraphs[start + 1 :] if p.style.name == "List Number"]
    expected = calculate(measure).open_points
    assert len(points) == len(expected) > 3
    assert any("Antrag vor Beginn" in p for p in points)  # the application date is missing
    assert any("SEC" in p or "UNVERIFIED" in p for p in points)  # unconfirmed FWRL rules
    assert "participants[" not in text and "firm." not in text


def test_excel_plan(client_koordination):
    measure = make_measure(
        demo_firm(), title='=HYPERLINK("http://x")', selected_programmes=["sgb3-82"]
    )
    response = client_koordination.get(reverse("funding:xlsx", args=[measure.pk]))
    assert response.status_code == 200
    wb = load_workbook(BytesIO(response.content))
    assert len(wb.sheetnames) == 5
    plan = wb.worksheets[0]
    values = [[c.value for c in row] for row in plan.iter_rows()]
    # The title is text, never a formula.
    assert all(c.data_type != "f" for row in plan.iter_rows() for c in row)
    row82 = next(r for r in values if r[1] == "sgb3-82")
    assert row82[4] == 7514.42 and row82[7] == 8019.23 and row82[8] == 504.81
    assert row82[2] == gettext("yes")
    amounts = [[c.value for c in row] for row in wb.worksheets[1].iter_rows()]
    assert any(r[3] == 6000 and r[6] == "§ 82 Abs. 2 SGB III" for r in amounts)
    open_points = list(wb.worksheets[3].iter_rows(values_only=True))
    assert len(open_points) == 1 + len(calculate(measure).open_points)
