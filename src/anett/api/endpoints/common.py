"""Helpers shared by the endpoints: role checks, paging, small serialisers."""

from ninja import Query, Schema
from ninja.errors import HttpError
from pydantic import Field

from anett.core import roles

MAX_LIMIT = 200
DEFAULT_LIMIT = 50

NOT_PERMITTED = "Nicht erlaubt"


def responses(ok, *codes: int) -> dict:
    """The response map of an operation: 200 plus the documented error codes."""
    from ..schemas import ErrorOut, ValidationErrorOut

    out = {200: ok, 401: ErrorOut}
    for code in codes:
        out[code] = ValidationErrorOut if code == 422 else ErrorOut
    return out


class Paging(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Einträge je Seite")
    offset: int = Field(0, ge=0, le=10_000_000, description="Einträge überspringen")


PagingQuery = Query[Paging]


def page(qs, paging: Paging, build) -> dict:
    """One page of a queryset; `build` turns a row into the item dict."""
    count = qs.count()
    rows = qs[paging.offset : paging.offset + paging.limit]
    return {
        "count": count,
        "limit": paging.limit,
        "offset": paging.offset,
        "items": [build(r) for r in rows],
    }


def require_role(request, allowed, what: str = "") -> None:
    """403 with a German message unless the user's role is in `allowed`."""
    if request.user.effective_role not in allowed:
        suffix = f": {what}" if what else ""
        raise HttpError(403, f"{NOT_PERMITTED}{suffix}")


REGISTER = roles.REGISTER_ROLES
CONFIG = roles.CONFIG_ROLES


def kreis_ref(kreis) -> dict | None:
    if kreis is None:
        return None
    return {"ags": kreis.ags, "name": kreis.name}
