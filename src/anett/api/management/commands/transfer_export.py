from pathlib import Path

from django.core.management.base import BaseCommand

from anett.api.pack import read_pack
from anett.api.transfer import build_pack


class Command(BaseCommand):
    help = (
        "Write the transfer pack of this installation (configuration, published insights, "
        "suppressed key figures; no companies, no personal data) as a zip file."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="zip file to write, e.g. pack.zip")

    def handle(self, *args, out, **options):
        data = build_pack()
        Path(out).write_bytes(data)
        manifest = read_pack(data).manifest
        if options["verbosity"] > 0:
            self.stdout.write(f"Transferpaket geschrieben: {out} ({len(data):,} Bytes)")
            for path, meta in sorted(manifest["files"].items()):
                count = f", {meta['count']} Einträge" if meta.get("count") is not None else ""
                self.stdout.write(f"  {path}{count}")
