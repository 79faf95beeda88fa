"""Reference data for districts (Kreise). Plain Python, no Django imports.

Reads the Destatis district list (Gebietsstand 31.12.2018) shipped in data/ and applies
the territorial changes since then, so that callers get the districts as they are now.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
KREISE_CSV = DATA_DIR / "kreise_destatis_2018.csv"
KREISE_GEOJSON = DATA_DIR / "de_kreise_vg5000_2021.geojson"

SOURCE_CREDIT = (
    "Datenquelle: Statistisches Bundesamt (Destatis); "
    "Aufbereitung: landkreise-deutschland (CC BY 4.0)"
)
MAP_CREDIT = "© GeoBasis-DE / BKG 2021 (Daten verändert)"

LAENDER = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}


@dataclass(frozen=True)
class Merger:
    """A district that was merged into another one."""

    old_ags: str
    into_ags: str
    date: str
    note: str


MERGERS = [
    Merger(
        old_ags="16056",
        into_ags="16063",
        date="2021-07-01",
        note="Eisenach ist seit dem 1. Juli 2021 Teil des Wartburgkreises.",
    ),
]

# NUTS-3 codes issued after 2018 (NUTS 2021/2024) that postcode tables use,
# mapped to the AGS of the district they stand for today.
NUTS_SUCCESSORS = {
    "DEG0Q": "16066",  # Schmalkalden-Meiningen
    "DEG0R": "16063",  # Wartburgkreis incl. Eisenach
    "DEG0S": "16054",  # Suhl
    "DEG0T": "16070",  # Ilm-Kreis
    "DEG0U": "16073",  # Saalfeld-Rudolstadt
    "DEG0V": "16072",  # Sonneberg
}


@dataclass
class KreisRecord:
    ags: str
    name: str
    kind: str
    nuts3: str
    area_km2: float
    population: int
    land: str
    active: bool = True
    merged_into: str = ""
    note: str = ""
    former: list[str] = field(default_factory=list)


def short_name(name: str) -> str:
    """'Eisenach, Stadt' -> 'Eisenach'; 'Kiel, Landeshauptstadt' -> 'Kiel'."""
    return name.split(",")[0].strip()


def read_kreise(path: Path = KREISE_CSV) -> list[KreisRecord]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    records = {
        row["AGS"]: KreisRecord(
            ags=row["AGS"],
            name=row["name"].strip(),
            kind=row["type"].strip(),
            nuts3=row["NUTS3"].strip(),
            area_km2=float(row["area_km2"]),
            population=int(row["population"]),
            land=LAENDER[row["AGS"][:2]],
        )
        for row in rows
    }
    return apply_mergers(records, MERGERS)


def apply_mergers(records: dict[str, KreisRecord], mergers: list[Merger]) -> list[KreisRecord]:
    for merger in mergers:
        old = records[merger.old_ags]
        into = records[merger.into_ags]
        if not old.active:
            continue
        into.population += old.population
        into.area_km2 = round(into.area_km2 + old.area_km2, 2)
        into.former.append(old.ags)
        into.note = merger.note
        old.active = False
        old.merged_into = into.ags
        old.note = merger.note
    return sorted(records.values(), key=lambda r: r.ags)


def resolve_ags(ags: str, records_by_ags: dict[str, KreisRecord]) -> str:
    """Follow mergers: the AGS of the district that holds `ags` today."""
    seen = set()
    while ags in records_by_ags and records_by_ags[ags].merged_into and ags not in seen:
        seen.add(ags)
        ags = records_by_ags[ags].merged_into
    return ags
