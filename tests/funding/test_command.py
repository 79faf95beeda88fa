"""`anett foerdercheck CASE.json`."""

import io
import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from .factories import case_dict


def _write(tmp_path, data, name="fall.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_prints_results_as_json(tmp_path):
    out = io.StringIO()
    call_command("foerdercheck", _write(tmp_path, case_dict()), stdout=out)
    result = json.loads(out.getvalue())
    ids = [r["programme"] for r in result["results"]]
    assert len(ids) == 14 and ids[0] == "sgb3-82"
    first = result["results"][0]
    assert {
        "programme",
        "version",
        "status",
        "entitlement",
        "amounts",
        "total_eur",
        "employer_cost_eur",
        "reasons",
        "warnings",
        "unverified",
    } <= set(first)


def test_programme_filter_and_drafts(tmp_path):
    out = io.StringIO()
    data = case_dict(measure={"upgrade_exam": True, "hours": 500})
    call_command(
        "foerdercheck",
        _write(tmp_path, data),
        "--programm",
        "afbg",
        "--entwurf",
        "--kompakt",
        stdout=out,
    )
    (res,) = json.loads(out.getvalue())["results"]
    assert res["version"] == "2025-01-01-entwurf"


@pytest.mark.parametrize(
    "content, message",
    [
        (
            case_dict(firm={"employees_enterprise": "viele"}),
            "Ungültige Falldatei: Feld firm.employees_enterprise: Zahl erwartet",
        ),
        ("{not json", "kein gültiges JSON"),
        (case_dict(measure={"start": "01.03.2025"}), "Feld measure.start"),
    ],
)
def test_invalid_case_exit_status_2(tmp_path, content, message):
    with pytest.raises(CommandError) as err:
        call_command("foerdercheck", _write(tmp_path, content))
    assert err.value.returncode == 2
    assert message in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Falldatei nicht gefunden") as err:
        call_command("foerdercheck", str(tmp_path / "nope.json"))
    assert err.value.returncode == 2


def test_console_command_exit_status(tmp_path):
    path = _write(tmp_path, case_dict(firm={"land": "Thüringen"}))
    proc = subprocess.run(
        [sys.executable, "-m", "anett", "foerdercheck", path],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("Fehler: Ungültige Falldatei: Feld firm.land")
    assert proc.stdout == ""
