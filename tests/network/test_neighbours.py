"""Neighbouring Kreise from the district polygons (plain Python, no shapely)."""

from anett.network.neighbours import adjacency_from_features, kreis_neighbours

WARTBURGKREIS, GOTHA, UNSTRUT_HAINICH, SCHMALKALDEN_MEININGEN = "16063", "16067", "16064", "16066"
FULDA, HERSFELD_ROTENBURG, WERRA_MEISSNER = "06631", "06632", "06636"


def test_wartburgkreis_borders_thuringian_and_hessian_kreise():
    n = kreis_neighbours()
    assert n[WARTBURGKREIS] == {
        GOTHA,
        UNSTRUT_HAINICH,
        SCHMALKALDEN_MEININGEN,
        FULDA,
        HERSFELD_ROTENBURG,
        WERRA_MEISSNER,
    }
    assert WARTBURGKREIS in n[GOTHA]
    assert "16051" not in n[WARTBURGKREIS]  # Erfurt is two Kreise away


def test_adjacency_is_symmetric_and_complete():
    n = kreis_neighbours()
    assert len(n) == 400
    assert all(a in n[b] for a, ns in n.items() for b in ns)
    assert all(ns for ns in n.values())  # every Kreis borders another
    assert all(a not in ns for a, ns in n.items())


def square(ags, x0, y0):
    ring = [[x0, y0], [x0 + 1, y0], [x0 + 1, y0 + 1], [x0, y0 + 1], [x0, y0]]
    return {"properties": {"ags": ags}, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def test_one_shared_corner_is_not_a_border():
    # A | B side by side (shared edge: two vertices); C touches B only at a corner.
    features = [square("A", 0, 0), square("B", 1, 0), square("C", 2, 1)]
    n = adjacency_from_features(features)
    assert n == {"A": {"B"}, "B": {"A"}, "C": frozenset()}


def test_multipolygons_and_rounding():
    a = square("A", 0, 0)
    b = {
        "properties": {"ags": "B"},
        "geometry": {
            "type": "MultiPolygon",
            "coordinates": [
                [[[5, 5], [6, 5], [6, 6], [5, 5]]],
                [[[1.00001, 0], [2, 0], [2, 1], [1.00002, 1], [1.00001, 0]]],
            ],
        },
    }
    assert adjacency_from_features([a, b])["A"] == {"B"}
