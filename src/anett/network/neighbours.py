"""Which Kreise border each other, from the district polygons. Plain Python, no shapely.

The polygons (BKG VG5000, 2021, generalised) store coordinates with four decimals, and
neighbouring districts share the vertices of their common border exactly. Two Kreise are
neighbours when their rings share at least MIN_SHARED_VERTICES vertices after rounding to
that precision: a single shared vertex is only a corner where several districts meet
(e.g. Goslar and Nordhausen touch in one point), which is not a common border.
Computed once per process (about 0.2 s) and cached.
"""

import json
from collections import defaultdict
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from anett.regions.reference import KREISE_GEOJSON

PRECISION = 4
MIN_SHARED_VERTICES = 2


def _rings(geometry: dict):
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        polygons = []
    for polygon in polygons:
        yield from polygon


def adjacency_from_features(features, precision: int = PRECISION) -> dict[str, frozenset[str]]:
    """AGS -> AGS of the neighbours, from GeoJSON features with an `ags` property."""
    owners: dict[tuple[float, float], set[str]] = defaultdict(set)
    for feature in features:
        ags = feature["properties"]["ags"]
        for ring in _rings(feature["geometry"]):
            for x, y in ring:
                owners[(round(x, precision), round(y, precision))].add(ags)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for ags_set in owners.values():
        if len(ags_set) > 1:
            for a, b in combinations(sorted(ags_set), 2):
                shared[(a, b)] += 1
    out: dict[str, set[str]] = {f["properties"]["ags"]: set() for f in features}
    for (a, b), n in shared.items():
        if n >= MIN_SHARED_VERTICES:
            out[a].add(b)
            out[b].add(a)
    return {ags: frozenset(v) for ags, v in out.items()}


@lru_cache(maxsize=1)
def kreis_neighbours(path: Path = KREISE_GEOJSON) -> dict[str, frozenset[str]]:
    """AGS -> AGS of the bordering Kreise, for all 400 Kreise of Germany (2021)."""
    with Path(path).open(encoding="utf-8") as fh:
        data = json.load(fh)
    return adjacency_from_features(data["features"])
