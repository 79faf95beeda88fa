from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import roles


class User(AbstractUser):
    role = models.CharField(
        _("role"), max_length=20, choices=roles.ROLE_CHOICES, default=roles.PARTNER
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def save(self, *args, **kwargs):
        # `createsuperuser` makes an Administration user; afterwards the role decides.
        if self._state.adding and self.is_superuser:
            self.role = roles.ADMIN
        # Only the Administration role may use Django's admin (user management).
        self.is_superuser = self.is_staff = self.role == roles.ADMIN
        super().save(*args, **kwargs)

    @property
    def effective_role(self) -> str:
        return self.role

    def has_role(self, *names: str) -> bool:
        return self.is_authenticated and self.effective_role in names

    @property
    def can_see_register(self) -> bool:
        return self.effective_role in roles.REGISTER_ROLES

    @property
    def can_see_all_details(self) -> bool:
        return self.effective_role in roles.ALL_DETAIL_ROLES

    @property
    def can_see_sensitive(self) -> bool:
        return self.effective_role in roles.SENSITIVE_ROLES

    @property
    def can_configure(self) -> bool:
        return self.effective_role in roles.CONFIG_ROLES


class SensitiveAccess(models.Model):
    """One view (or export) of Art. 9 GDPR data by one user."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=20, default="view")
    object_type = models.CharField(_("object type"), max_length=50)
    object_id = models.CharField(_("object id"), max_length=50)
    object_label = models.CharField(_("object"), max_length=300)
    fields = models.CharField(_("fields"), max_length=300)
    path = models.CharField(_("page"), max_length=300)

    class Meta:
        verbose_name = _("access to sensitive data")
        verbose_name_plural = _("access log for sensitive data")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.user} {self.action} {self.object_label}"


def _percent(label):
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )


class NetworkSettings(models.Model):
    """Rules of the network that coordinators may change: when a firm counts as passive,
    and how the priority list weighs its criteria (weights in percent)."""

    passive_after_days = models.PositiveSmallIntegerField(
        _("an approach without answer counts as passive after (days)"),
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    engagement_stale_days = models.PositiveSmallIntegerField(
        _("engagement fades to passive without activity after (days)"),
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    weight_exposure = _percent(_("weight: exposure"))
    weight_need = _percent(_("weight: highest need"))
    weight_passivity = _percent(_("weight: passivity"))
    weight_sme = _percent(_("weight: SME"))
    weight_no_works_council = _percent(_("weight: no works council"))
    weight_size = _percent(_("weight: size"))
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("network settings")
        verbose_name_plural = _("network settings")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "NetworkSettings":
        obj, _created = cls.objects.get_or_create(
            pk=1,
            defaults={
                "passive_after_days": settings.ANETT_PASSIVE_AFTER_DAYS,
                "engagement_stale_days": settings.ANETT_ENGAGEMENT_STALE_DAYS,
                "weight_exposure": 30,
                "weight_need": 25,
                "weight_passivity": 20,
                "weight_sme": 10,
                "weight_no_works_council": 10,
                "weight_size": 5,
            },
        )
        return obj

    @property
    def weights(self) -> dict[str, float]:
        return {
            "exposure": self.weight_exposure / 100,
            "need": self.weight_need / 100,
            "passivity": self.weight_passivity / 100,
            "sme": self.weight_sme / 100,
            "no_works_council": self.weight_no_works_council / 100,
            "size": self.weight_size / 100,
        }


class PersonBase(models.Model):
    """Name and ways to reach a person; shared by contacts of firms and of actors."""

    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100)
    function = models.CharField(_("function"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        abstract = True
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip()
