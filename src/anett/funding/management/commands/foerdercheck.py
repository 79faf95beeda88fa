"""`anett foerdercheck CASE.json`: evaluate a funding case and print the result as JSON.

Invalid input ends with a German message naming the field and exit status 2.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from anett.funding.case import CaseError, parse_case
from anett.funding.catalogue import PROGRAMME_IDS
from anett.funding.engine import evaluate


class Fehler(CommandError):
    """Django prints "<class name>: <message>" for a CommandError; the German name makes the
    line read "Fehler: …" for the (German-speaking) user."""


class Command(BaseCommand):
    help = (
        "Fördercheck: prüft eine Falldatei (JSON) gegen den Programmkatalog und gibt das "
        "Ergebnis als JSON aus. Ungültige Falldateien enden mit Status 2."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("case_file", help="Falldatei (JSON); '-' liest von der Standardeingabe")
        parser.add_argument(
            "--programm",
            action="append",
            dest="programmes",
            choices=PROGRAMME_IDS,
            help="nur dieses Programm prüfen (mehrfach möglich)",
        )
        parser.add_argument(
            "--entwurf",
            action="store_true",
            dest="drafts",
            help="Entwurfsfassungen einbeziehen (z. B. 5. AFBG-Novelle)",
        )
        parser.add_argument("--kompakt", action="store_true", help="JSON ohne Einrückung")

    def handle(self, *args, **options):
        path = options["case_file"]
        try:
            if path == "-":
                data = json.load(sys.stdin)
            else:
                with open(path, encoding="utf-8") as fh:
                    data = json.load(fh)
        except FileNotFoundError:
            raise Fehler(f"Falldatei nicht gefunden: {path}", returncode=2) from None
        except OSError as exc:
            raise Fehler(f"Falldatei nicht lesbar: {path} ({exc.strerror})", returncode=2) from None
        except UnicodeDecodeError:
            raise Fehler(f"Falldatei ist nicht UTF-8-kodiert: {path}", returncode=2) from None
        except json.JSONDecodeError as exc:
            raise Fehler(
                f"Falldatei ist kein gültiges JSON (Zeile {exc.lineno}, Spalte {exc.colno}): "
                f"{exc.msg}",
                returncode=2,
            ) from None
        try:
            case = parse_case(data)
        except CaseError as exc:
            raise Fehler(f"Ungültige Falldatei: {exc}", returncode=2) from None
        result = evaluate(case, programmes=options["programmes"], include_drafts=options["drafts"])
        indent = None if options["kompakt"] else 2
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=indent))
