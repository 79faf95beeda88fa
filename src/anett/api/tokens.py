"""Creating, checking and revoking API keys.

A key looks like `anett_<40 random characters>`. It is stored only as its SHA-256 hash:
the key is random with 240 bits of entropy, so a salted slow hash (as for passwords) buys
nothing and would cost time on every request. The first 12 characters are kept in clear as
the prefix so that users can tell their keys apart.
"""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from .models import ApiToken

KEY_PREFIX = "anett_"
PREFIX_LENGTH = 12
# The "last used" time is written at most once per this interval (one UPDATE, not per call).
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_token(user, name: str, expires_at=None) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the token and the key (shown once, never stored)."""
    key = KEY_PREFIX + secrets.token_urlsafe(30)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip() or "API",
        prefix=key[:PREFIX_LENGTH],
        key_hash=hash_key(key),
        expires_at=expires_at,
    )
    return token, key


def user_for_key(key: str):
    """The user of a usable token with this key, or None (unknown, revoked, expired or the
    user deactivated)."""
    if not key or not key.startswith(KEY_PREFIX) or len(key) > 200:
        return None
    token = ApiToken.objects.usable().select_related("user").filter(key_hash=hash_key(key)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def revoke(token: ApiToken, by) -> bool:
    """Revoke the token; False when it was revoked already."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.revoked_by = by
    token.save(update_fields=["revoked_at", "revoked_by"])
    return True
