from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from anett.network import exports, services
from anett.regions.models import Kreis, Region


class Command(BaseCommand):
    help = (
        "Write the gap table (Kreis × topic × target group, highest gap score first) to a "
        ".csv or .xlsx file – the table the gap page shows."
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", help="slug of a region, e.g. pilotregion (default: all)")
        parser.add_argument("--out", required=True, help="output file (.csv or .xlsx)")

    def handle(self, *args, **options):
        out = Path(options["out"])
        suffix = out.suffix.lower()
        if suffix not in {".csv", ".xlsx"}:
            raise CommandError("Die Ausgabedatei muss auf .csv oder .xlsx enden.")
        region = None
        if options["region"]:
            region = Region.objects.filter(slug=options["region"]).first()
            if region is None:
                slugs = ", ".join(Region.objects.values_list("slug", flat=True))
                raise CommandError(f"Unbekannte Region „{options['region']}“. Bekannt: {slugs}")
        _kreise, result = services.gap_analysis(region)
        kreis_names = dict(Kreis.objects.values_list("ags", "name"))
        try:
            n = exports.write(out, exports.rows(result, kreis_names), suffix)
        except OSError as exc:
            raise CommandError(f"Datei {out} kann nicht geschrieben werden: {exc}") from exc
        self.stdout.write(f"{n} Zeilen ({len(result.gaps)} Lücken) nach {out} geschrieben.")
