"""District reference data and postcode lookup (plain Python, no database)."""

import pytest

from anett.regions import plz, reference
from anett.regions.reference import KreisRecord, Merger


@pytest.fixture(scope="module")
def kreise() -> list[KreisRecord]:
    return reference.read_kreise()


@pytest.fixture(scope="module")
def by_ags(kreise) -> dict[str, KreisRecord]:
    return {k.ags: k for k in kreise}


@pytest.fixture(scope="module")
def ags_by_nuts3(kreise) -> dict[str, str]:
    return {k.nuts3: k.ags for k in kreise if k.active}


def test_read_kreise_counts(kreise):
    assert len(kreise) == 401
    assert sum(k.active for k in kreise) == 400
    assert [k.ags for k in kreise] == sorted(k.ags for k in kreise)


def test_eisenach_merger(by_ags):
    eisenach, wartburg = by_ags["16056"], by_ags["16063"]
    assert not eisenach.active
    assert eisenach.merged_into == "16063"
    assert wartburg.active
    assert wartburg.population == 123025 + 42370
    assert wartburg.former == ["16056"]
    assert "Eisenach" in wartburg.note
    assert wartburg.land == "Thüringen"


def test_resolve_ags_follows_mergers(by_ags):
    assert reference.resolve_ags("16056", by_ags) == "16063"
    assert reference.resolve_ags("16063", by_ags) == "16063"
    assert reference.resolve_ags("00000", by_ags) == "00000"


def test_apply_mergers_is_idempotent():
    def rec(ags, pop):
        return KreisRecord(ags, ags, "Landkreis", "X", 10.0, pop, "Thüringen")

    records = {"1": rec("1", 100), "2": rec("2", 50)}
    merger = Merger("2", "1", "2021-07-01", "note")
    reference.apply_mergers(records, [merger])
    reference.apply_mergers(records, [merger])
    assert records["1"].population == 150
    assert records["1"].area_km2 == 20.0
    assert records["2"].merged_into == "1"


def test_short_name():
    assert reference.short_name("Eisenach, Stadt") == "Eisenach"
    assert reference.short_name("Wartburgkreis") == "Wartburgkreis"


def test_plz_eisenach_maps_to_wartburgkreis_via_nuts_successor(ags_by_nuts3):
    assert plz.nuts3_for_plz("99817") == "DEG0R"
    assert plz.ags_for_plz("99817", ags_by_nuts3) == "16063"


def test_plz_erfurt(ags_by_nuts3):
    assert plz.ags_for_plz("99084", ags_by_nuts3) == "16051"


@pytest.mark.parametrize("code", ["1234", "", None, "123456", "99a84"])
def test_plz_malformed_gives_none(code, ags_by_nuts3):
    assert plz.ags_for_plz(code, ags_by_nuts3) is None
