"""API tokens and the record of what transfer packs have imported."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )

    def visible_to(self, user):
        """Own tokens; coordinators and administrators see everybody's."""
        if not user.is_authenticated:
            return self.none()
        if user.can_configure:
            return self
        return self.filter(user=user)


class ApiToken(models.Model):
    """A personal access key for the JSON API. Only a hash of the key is stored; the key
    itself is shown once, when it is created. Requests with the key act as its user with the
    user's role, exactly as in the browser."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the key is used for, e.g. “Kreis report”.")
    )
    prefix = models.CharField(_("key begins with"), max_length=16, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired


class TransferItem(models.Model):
    """One configuration object that came from a transfer pack, with the fingerprint of
    the content as imported. An import compares the local object with this fingerprint:
    unchanged since the last import → it may be updated; changed here → a conflict that is
    reported and never overwritten."""

    kind = models.CharField(_("kind"), max_length=40)
    key = models.CharField(_("key"), max_length=200)
    imported_hash = models.CharField(max_length=64)
    # The local object's id where the key is not stored on the object itself (insights).
    local_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = models.CharField(_("source instance"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("imported configuration item")
        verbose_name_plural = _("imported configuration items")
        ordering = ["kind", "key"]
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="transfer_item_key")]

    def __str__(self):
        return f"{self.kind}:{self.key}"
