"""The JSON API, version 1 (`/api/v1/`), built with django-ninja.

Every operation needs a user: a personal key (`Authorization: Bearer …`) or the browser
session. What a user gets is decided by the same role rules and querysets as the pages.
Errors are JSON objects with a German `detail`.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from .auth import AUTH
from .docs import OfflineSwagger
from .endpoints import companies, funding, insights, network, regions
from .endpoints.common import CONFIG, require_role, responses
from .schemas import MeOut

API_DESCRIPTION = """
JSON-Schnittstelle von ANeTT für Partner und für den Austausch zwischen Installationen.

**Anmeldung:** persönlicher API-Schlüssel aus der Seite „API-Zugänge“ als
`Authorization: Bearer <Schlüssel>`, im Browser die angemeldete Sitzung. Jede Anfrage sieht
genau das, was die Rolle des Schlüssel-Inhabers in der Oberfläche sieht: Partner erhalten
keine Betriebe und keine personenbezogenen Daten, Kennzahlen mit weniger als fünf Betrieben
erscheinen für sie als „< 5“.

Listen sind seitenweise (`limit` höchstens 200, `offset`); Feldnamen englisch, Texte und
Fehlermeldungen (`detail`) deutsch.
"""

api = NinjaAPI(
    title="ANeTT API",
    version="1.0",
    description=API_DESCRIPTION,
    urls_namespace="api:api-v1",  # mounted inside the app namespace "api"
    auth=AUTH,
    docs=OfflineSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)

# --- errors in German ----------------------------------------------------------------------

_PYDANTIC = {
    "missing": "Angabe fehlt",
    "int_parsing": "ganze Zahl erwartet",
    "int_type": "ganze Zahl erwartet",
    "bool_parsing": "true oder false erwartet",
    "float_parsing": "Zahl erwartet",
    "string_too_long": "zu lang (höchstens {max_length} Zeichen)",
    "string_too_short": "zu kurz (mindestens {min_length} Zeichen)",
    "less_than_equal": "höchstens {le}",
    "greater_than_equal": "mindestens {ge}",
    "less_than": "kleiner als {lt}",
    "greater_than": "größer als {gt}",
    "literal_error": "erlaubt: {expected}",
    "enum": "erlaubt: {expected}",
}
_WHERE = {"query": "Abfrage", "path": "Pfad", "body": "Inhalt", "header": "Kopfzeile"}


def german_error(error: dict) -> dict:
    loc = [str(p) for p in error.get("loc", ())]
    where = _WHERE.get(loc[0], "") if loc else ""
    names = [p for p in loc[1:] if p not in {"filters", "paging"}] or loc[-1:]
    field = ".".join(names) or "?"
    template = _PYDANTIC.get(error.get("type", ""), "ungültiger Wert")
    try:
        message = template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError):
        message = template
    if where:
        message = f"{message} ({where})"
    return {"field": field, "message": message}


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    errors = [german_error(e) for e in exc.errors]
    text = "; ".join(f"„{e['field']}“: {e['message']}" for e in errors)
    return api.create_response(
        request, {"detail": f"Ungültige Angabe – {text}", "errors": errors}, status=422
    )


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    detail = (
        "Anmeldung erforderlich: API-Schlüssel fehlt, ist unbekannt, widerrufen oder "
        "abgelaufen. Senden Sie „Authorization: Bearer <Schlüssel>“ (Seite „API-Zugänge“)."
    )
    response = api.create_response(request, {"detail": detail}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="ANeTT"'
    return response


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    message = str(exc)
    if exc.status_code == 403 and message == "CSRF check Failed":
        message = "Nicht erlaubt: CSRF-Prüfung fehlgeschlagen (Seite neu laden)."
    if exc.status_code == 422:
        return api.create_response(
            request, {"detail": message, "errors": [{"field": "?", "message": message}]}, status=422
        )
    return api.create_response(request, {"detail": message}, status=exc.status_code)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"detail": "Nicht gefunden."}, status=404)


@api.exception_handler(PermissionDenied)
def on_denied(request, exc):
    return api.create_response(request, {"detail": "Nicht erlaubt."}, status=403)


# --- operations ------------------------------------------------------------------------------


@api.get("/me", response=responses(MeOut), summary="Angemeldeter Benutzer", tags=["Konto"])
def me(request):
    """Who the key or session belongs to, and what the role may see."""
    u = request.user
    return {
        "username": u.username,
        "name": u.get_full_name(),
        "role": u.effective_role,
        "role_label": str(u.get_role_display()),
        "organisation": u.organisation,
        "can_see_register": u.can_see_register,
        "can_see_sensitive": u.can_see_sensitive,
        "can_configure": u.can_configure,
    }


api.add_router("", regions.router)
api.add_router("", network.router)
api.add_router("", funding.router)
api.add_router("", companies.router)
api.add_router("", insights.router)


@api.get(
    "/transfer/pack",
    response=responses(None, 403),
    summary="Transferpaket herunterladen",
    tags=["Transfer"],
    openapi_extra={
        "responses": {
            200: {
                "description": "Transferpaket (ZIP)",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def transfer_pack(request):
    """The configuration, published insights and suppressed aggregates of this instance as a
    zip (Koordination, Administration); format in docs/api.md."""
    from .transfer import build_pack

    require_role(request, CONFIG)
    data = build_pack()
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="anett-transferpaket-{stamp}.zip"'
    return response
