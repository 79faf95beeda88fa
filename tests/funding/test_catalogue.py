"""The programme catalogue: data files, version selection, date-versioned parameters."""

from datetime import date

import pytest

from anett.funding.catalogue import PROGRAMME_DIR, PROGRAMME_IDS, load_catalogue, load_version
from anett.funding.engine import _module
from anett.funding.parameters import CONFIRMED_TAGS, Parameter, ParameterError, bracket


def test_every_programme_has_versions_and_formulas():
    cat = load_catalogue()
    assert list(cat) == list(PROGRAMME_IDS)
    for prog in cat.values():
        kinds = {v.version_date for v in prog.versions}
        assert len(kinds) == 1, prog.id
        for v in prog.versions:
            module = _module(v)
            assert hasattr(module, "firm_facts") and hasattr(module, "decide_firm")
            assert v.legal_basis and v.sources and v.title


def test_each_file_is_one_programme_version():
    names = sorted(p.name for p in PROGRAMME_DIR.glob("*.toml"))
    assert len(names) >= 17
    for name in names:
        v = load_version(PROGRAMME_DIR / name)
        assert name.startswith(v.programme + "_")


def test_ended_programmes_are_inactive():
    cat = load_catalogue()
    assert {pid for pid, p in cat.items() if not p.active} == {"bildungspraemie", "go-digital"}


@pytest.mark.parametrize(
    "start, version",
    [
        ("2019-01-01", "2019-01-01"),
        ("2020-09-30", "2019-01-01"),
        ("2020-10-01", "2020-10-01"),
        ("2024-03-31", "2020-10-01"),
        ("2024-04-01", "2024-04-01"),
        ("2030-01-01", "2024-04-01"),
    ],
)
def test_82_version_by_start(start, version):
    prog = load_catalogue()["sgb3-82"]
    v, when, why = prog.select(date.fromisoformat(start), None, date(2025, 1, 1))
    assert v.version == version and why is None


def test_parameter_values_by_date():
    v = load_catalogue()["sgb3-82"].versions[0]
    assert v.param("min_hours", date(2020, 5, 28)).value == 160
    assert v.param("min_hours", date(2020, 5, 29)).value == 120
    with pytest.raises(ParameterError):
        v.param("min_hours", date(2018, 12, 31))


def test_parameter_tags_are_known():
    for prog in load_catalogue(True).values():
        for v in prog.versions:
            for p in v.parameters.values():
                for value in p.values:
                    assert value.tag in CONFIRMED_TAGS | {"SEC", "UNVERIFIED"}
            for u in v.unverified.values():
                assert u.tag not in CONFIRMED_TAGS and u.text


def test_bad_parameter_data_is_rejected():
    with pytest.raises(ParameterError):
        Parameter.from_data("x", {"values": []}, "V-LAW", "t")
    with pytest.raises(ParameterError):
        Parameter.from_data("x", {"values": [{"value": 1, "tag": "MAYBE"}]}, "V-LAW", "t")


@pytest.mark.parametrize("value, idx", [(49, 0), (50, 1), (499, 1), (500, 2)])
def test_bracket(value, idx):
    assert bracket(value, (50, 500)) == idx


def test_engine_imports_no_django():
    import subprocess
    import sys

    code = (
        "import sys, anett.funding.engine, anett.funding.case;"
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
