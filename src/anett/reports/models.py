from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import indicators

SECTION_CHOICES = [(code, _(label)) for code, label in indicators.SECTIONS]


class ReportPeriod(models.Model):
    """A reporting period for the funding body: the figures of a region between two dates,
    with the coordinators' texts per section (`ReportText`)."""

    title = models.CharField(_("title"), max_length=200)
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("to"))
    # A deleted region leaves the report (title, period, texts); it then asks for a region.
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("region"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("report period")
        verbose_name_plural = _("report periods")
        ordering = ["-date_to", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:report_detail", args=[self.pk])

    def clean(self):
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise ValidationError({"date_to": _("The period must not end before it starts.")})

    @property
    def period(self) -> indicators.Period:
        return indicators.Period(self.date_from, self.date_to)


class ReportText(models.Model):
    """The coordinators' text of one section of a report."""

    report = models.ForeignKey(
        ReportPeriod, on_delete=models.CASCADE, related_name="texts", verbose_name=_("report")
    )
    section = models.CharField(_("section"), max_length=20, choices=SECTION_CHOICES)
    text = models.TextField(_("text"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("report text")
        verbose_name_plural = _("report texts")
        ordering = ["report", "section"]
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="report_text_section")
        ]

    def __str__(self):
        return f"{self.report} · {self.get_section_display()}"
