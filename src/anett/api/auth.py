"""Authentication of API requests: a personal key (`Authorization: Bearer <key>`) or the
browser session. Both act as the user, with the user's role, exactly as in the UI."""

from django.conf import settings
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie

from .tokens import user_for_key


class TokenAuth(HttpBearer):
    """`Authorization: Bearer anett_…` – a key from the page “API-Zugänge”."""

    openapi_description = "Persönlicher API-Schlüssel (Seite „API-Zugänge“)"

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if not header:
            return None
        scheme, _sep, key = header.partition(" ")
        if scheme.lower() != "bearer":
            return None
        return self.authenticate(request, key.strip())

    def authenticate(self, request, token):
        user = user_for_key(token)
        if user is not None:
            # The rest of the code (querysets, access log) reads request.user.
            request.user = user
        return user


class BrowserSessionAuth(APIKeyCookie):
    """The logged-in browser session (with Django's CSRF check for writing requests).

    Not used when the request carries an Authorization header: a wrong or revoked key must
    fail, not fall back to a session that happens to be open in the same browser."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self):
        super().__init__(csrf=True)
        self.openapi_name = "session"

    def __call__(self, request):
        if request.headers.get("Authorization"):
            return None
        return super().__call__(request)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


AUTH = [TokenAuth(), BrowserSessionAuth()]
