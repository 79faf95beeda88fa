"""Load districts and the seed regions into the database (idempotent)."""

from django.db import transaction

from .models import Kreis, Region, RegionKind
from .reference import read_kreise

PILOT_AGS = ["16063", "16067", "16064", "16066", "16070", "16068"]
ACCENT_AGS = ["16068"]
# Neighbouring districts of Thuringia in Hessen and Bavaria.
NEIGHBOUR_AGS = [
    "06631",
    "06632",
    "06636",  # Fulda, Hersfeld-Rotenburg, Werra-Meißner-Kreis
    "09463",
    "09473",
    "09475",
    "09476",
    "09673",
    "09674",  # Coburg (Stadt, LK), Hof, Kronach,
    # Rhön-Grabfeld, Haßberge
]

SEED_REGIONS = [
    {
        "slug": "pilotregion",
        "name": "ANeTT-Pilotregion",
        "kind": RegionKind.PILOT,
        "description": (
            "Wartburgkreis (mit Eisenach seit 2021), Gotha, Unstrut-Hainich-Kreis, "
            "Schmalkalden-Meiningen, Ilm-Kreis und Sömmerda – vom Projektträger bestätigter "
            "Zuschnitt."
        ),
        "ags": PILOT_AGS,
    },
    {
        "slug": "akzent-soemmerda",
        "name": "Akzent LK Sömmerda",
        "kind": RegionKind.ACCENT,
        "description": "Im Workshop am 23.02.2022 gewünschte Akzentuierung mit dem LK Sömmerda.",
        "ags": ACCENT_AGS,
    },
    {
        "slug": "transferregion",
        "name": "Transferregion Thüringen und Nachbarkreise",
        "kind": RegionKind.TRANSFER,
        "description": (
            "Übrige Thüringer Kreise sowie die angrenzenden Kreise in Hessen und Bayern, in die "
            "das Wissen aus der Pilotregion übertragen wird."
        ),
        "ags": None,  # computed: Thuringia without the pilot region, plus neighbours
    },
]


@transaction.atomic
def load_kreise() -> int:
    records = read_kreise()
    existing = {k.ags: k for k in Kreis.objects.all()}
    for r in records:
        values = {
            "name": r.name,
            "kind": r.kind,
            "nuts3": r.nuts3,
            "land": r.land,
            "area_km2": r.area_km2,
            "population": r.population,
            "active": r.active,
            "note": r.note,
        }
        if r.ags in existing:
            Kreis.objects.filter(pk=existing[r.ags].pk).update(**values)
        else:
            existing[r.ags] = Kreis.objects.create(ags=r.ags, **values)
    for r in records:
        if r.merged_into:
            Kreis.objects.filter(ags=r.ags).update(merged_into=existing[r.merged_into])
    return len(records)


@transaction.atomic
def load_seed_regions() -> int:
    """Create the seed regions where they do not exist; never overwrite user edits."""
    created = 0
    for spec in SEED_REGIONS:
        if Region.objects.filter(slug=spec["slug"]).exists():
            continue
        ags = spec["ags"]
        if ags is None:
            thuringia = Kreis.objects.filter(land="Thüringen", active=True).exclude(
                ags__in=PILOT_AGS
            )
            ags = list(thuringia.values_list("ags", flat=True)) + NEIGHBOUR_AGS
        region = Region.objects.create(
            slug=spec["slug"],
            name=spec["name"],
            kind=spec["kind"],
            description=spec["description"],
        )
        region.kreise.set(Kreis.objects.filter(ags__in=ags))
        created += 1
    return created
