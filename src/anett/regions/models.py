from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Kreis(models.Model):
    """A German district (Landkreis or kreisfreie Stadt)."""

    ags = models.CharField(_("AGS"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=40)
    nuts3 = models.CharField(_("NUTS-3"), max_length=5, db_index=True)
    land = models.CharField(_("federal state"), max_length=40)
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=9, decimal_places=2)
    population = models.PositiveIntegerField(_("population"))
    active = models.BooleanField(_("exists today"), default=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("merged into")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]

    def __str__(self):
        return self.name


class RegionKind(models.TextChoices):
    PILOT = "pilot", _("Pilot region")
    ACCENT = "accent", _("Accent")
    TRANSFER = "transfer", _("Transfer region")


class Region(models.Model):
    """A named set of districts."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("short name"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=RegionKind.choices)
    description = models.TextField(_("description"), blank=True)
    kreise = models.ManyToManyField(Kreis, related_name="regions", verbose_name=_("districts"))
    history = HistoricalRecords(m2m_fields=[kreise])

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("regions:detail", args=[self.slug])
