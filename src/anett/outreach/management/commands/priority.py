from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anett.companies.models import Company
from anett.outreach import exports, services
from anett.regions.models import Region


class Command(BaseCommand):
    help = "Write the priority list for proactive outreach to a CSV or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("--region", help="slug of a region, e.g. pilotregion")
        parser.add_argument("--limit", type=int, help="only the first N firms")
        parser.add_argument("--out", required=True, help="output file (.csv or .xlsx)")

    def handle(self, *args, **options):
        out = Path(options["out"])
        if out.suffix.lower() not in {".csv", ".xlsx"}:
            raise CommandError("Die Ausgabedatei muss auf .csv oder .xlsx enden.")
        if options["limit"] is not None and options["limit"] < 1:
            raise CommandError("--limit muss mindestens 1 sein.")
        qs = Company.objects.all()
        if options["region"]:
            region = Region.objects.filter(slug=options["region"]).first()
            if region is None:
                slugs = ", ".join(Region.objects.values_list("slug", flat=True))
                raise CommandError(f"Unbekannte Region „{options['region']}“. Bekannt: {slugs}")
            qs = qs.filter(kreis_id__in=list(region.kreise.values_list("id", flat=True)))
        firms = services.firms(qs.select_related("kreis"))
        try:
            rows = exports.rows(firms, options["limit"], services.current_weights())
            n = exports.write(out, rows)
        except OSError as exc:
            raise CommandError(f"Datei {out} kann nicht geschrieben werden: {exc}") from exc
        self.stdout.write(f"{n} Betriebe nach {out} geschrieben.")
