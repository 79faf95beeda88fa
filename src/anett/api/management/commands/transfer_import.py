import json
import os
import urllib.error
import urllib.request
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from anett.api.pack import PackError
from anett.api.transfer import ACTION_LABELS, DONE_LABELS, import_pack

KEY_VARIABLE = "ANETT_TRANSFER_KEY"
MAX_DOWNLOAD = 200 * 1024 * 1024


def fetch(url: str, key: str) -> bytes:
    """The pack from another installation's API (`…/api/v1/transfer/pack`)."""
    request = urllib.request.Request(
        url, headers={"Authorization": f"Bearer {key}", "Accept": "application/zip"}
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            data = response.read(MAX_DOWNLOAD + 1)
    except urllib.error.HTTPError as exc:
        detail = ""
        try:
            detail = json.loads(exc.read().decode("utf-8")).get("detail", "")
        except (ValueError, UnicodeDecodeError, AttributeError):
            pass
        raise CommandError(
            f"Die andere Installation antwortet mit {exc.code}. {detail}".strip(), returncode=2
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise CommandError(f"Keine Verbindung zu {url}: {exc}", returncode=2) from None
    if len(data) > MAX_DOWNLOAD:
        raise CommandError("Das Paket ist größer als 200 MB.", returncode=2)
    return data


class Command(BaseCommand):
    help = (
        "Import a transfer pack of another installation: verify manifest and checksums, then "
        "create or update the configuration in one transaction. Entries edited here are kept "
        "and reported as conflicts. PACK is a zip file or the address of another "
        "installation's /api/v1/transfer/pack (its API key in the environment variable "
        f"{KEY_VARIABLE}). Exit status 2 for an unusable pack."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "pack", help="the transfer pack (.zip) or https://…/api/v1/transfer/pack"
        )
        parser.add_argument("--dry-run", action="store_true", help="only show what would happen")
        parser.add_argument(
            "--overwrite-conflicts",
            action="store_true",
            help="replace entries edited here with the pack's content",
        )
        parser.add_argument("--report", help="write the result per entry as JSON to this file")

    def handle(self, *args, pack, dry_run, overwrite_conflicts, report, **options):
        translation.activate("de")
        if pack.startswith(("http://", "https://")):
            key = os.environ.get(KEY_VARIABLE, "")
            if not key:
                raise CommandError(
                    f"Für das Abholen bei einer anderen Installation fehlt ihr API-Schlüssel "
                    f"in der Umgebungsvariable {KEY_VARIABLE}.",
                    returncode=2,
                )
            data = fetch(pack, key)
        else:
            path = Path(pack)
            if not path.is_file():
                raise CommandError(f"Datei nicht gefunden: {pack}", returncode=2)
            data = path.read_bytes()
        try:
            plan = import_pack(data, dry_run=dry_run, overwrite=overwrite_conflicts)
        except PackError as exc:
            raise CommandError(str(exc), returncode=2) from None
        head = "Vorschau (nichts geändert)" if dry_run else "Importiert"
        self.stdout.write(f"{head}: Paket von „{plan.source}“, erstellt {plan.created_at}")
        for row in plan.summary():
            labels = ACTION_LABELS if dry_run else DONE_LABELS
            parts = [f"{row[a]} {labels[a]}" for a in labels if row.get(a)]
            self.stdout.write(f"  {row['label']}: " + ", ".join(parts))
        for item in plan.conflicts:
            self.stdout.write(f"  Konflikt: {item.kind_label} „{item.label}“ – {item.reason_label}")
        if report:
            Path(report).write_text(
                json.dumps(plan.as_dict(), ensure_ascii=False, indent=1), encoding="utf-8"
            )
