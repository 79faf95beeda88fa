"""District polygons for maps. Plain Python, no Django imports."""

import json
from functools import lru_cache

from .reference import KREISE_GEOJSON


@lru_cache(maxsize=1)
def _features_by_ags() -> dict[str, dict]:
    with KREISE_GEOJSON.open(encoding="utf-8") as fh:
        data = json.load(fh)
    return {f["properties"]["ags"]: f for f in data["features"]}


def feature_collection(ags_list, properties: dict[str, dict] | None = None) -> dict:
    """GeoJSON FeatureCollection of the given districts, with extra properties merged in."""
    features = []
    by_ags = _features_by_ags()
    for ags in ags_list:
        feature = by_ags.get(ags)
        if feature is None:
            continue
        props = dict(feature["properties"])
        props.update((properties or {}).get(ags, {}))
        features.append({"type": "Feature", "properties": props, "geometry": feature["geometry"]})
    return {"type": "FeatureCollection", "features": features}
