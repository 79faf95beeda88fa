"""Links in e-mails that commands send, where no request tells the host."""

from django.conf import settings

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def public_base_url() -> str:
    """The installation's public address (``ANETT_BASE_URL``), without a trailing slash."""
    return (getattr(settings, "ANETT_BASE_URL", "") or DEFAULT_BASE_URL).rstrip("/")
