from datetime import date
from pathlib import Path

from anett.procedure import fazit

SEED = Path(fazit.__file__).parent / "data" / "workshop-fazit-2022-02-23.txt"


def test_seed_fazit_is_read_into_numbered_points():
    parsed = fazit.parse(SEED.read_text(encoding="utf-8"))
    assert parsed.title.startswith("Workshop II – Sozialpartner und Branchennetzwerk")
    assert parsed.day == date(2022, 2, 23)
    assert [p.heading for p in parsed.points] == [
        "Pilotregion",
        "Unternehmen, die sich bisher eher passiv verhalten",
        "Betriebsräte",
        "Qualifizierung",
        "Akteure",
        "Partnernetzwerk",
        "Reaktion auf Projektskizze",
        "Weiteres Verfahren",
    ]
    pilot = parsed.points[0].text
    assert "Akzentuierung mit LK Sömmerda" in pilot
    assert parsed.points[1].text.count("\n") == 5  # six lines incl. "→ Zulieferbereich …"
    assert "**" not in parsed.points[3].text  # bold markers from the source are dropped
    assert "GFAW-Regionalgeschäftsstelle" in parsed.points[3].text
    assert "KW 9 (möglichst bis 1.3.2022)" in parsed.points[-1].text


def test_text_without_title_or_date():
    parsed = fazit.parse("1. Erstens\n- a\n- b\n2) Zweitens\n  - c\n")
    assert parsed.title == ""
    assert [p.heading for p in parsed.points] == ["Erstens", "Zweitens"]
    assert parsed.points[0].text == "- a\n- b"
    assert parsed.points[-1].text == "- c"


def test_lines_before_any_heading_form_a_point():
    parsed = fazit.parse("FAZIT\nTitel\n01.03.2022\n- lose Zeile\nKapitel\n- x")
    assert parsed.title == "Titel" and parsed.day == date(2022, 3, 1)
    assert [(p.heading, p.text) for p in parsed.points] == [
        ("", "- lose Zeile"),
        ("Kapitel", "- x"),
    ]
