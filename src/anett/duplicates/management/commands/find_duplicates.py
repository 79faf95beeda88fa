"""`anett find_duplicates`: search the whole register for duplicate companies.

Without options it runs a new search at once and prints what it found (for a scheduled
run, e.g. nightly). The web page starts it with ``--run N`` for the search it queued;
``--pending [--loop]`` runs queued searches (with ``ANETT_DUPLICATES_RUNNER=external``).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from anett.duplicates import jobs
from anett.duplicates.models import RunStatus, SearchRun


class Command(BaseCommand):
    help = "Search the whole register for duplicate companies."

    def add_arguments(self, parser):
        parser.add_argument("--run", type=int, help="run this queued search (used by the web app)")
        parser.add_argument("--pending", action="store_true", help="run queued searches")
        parser.add_argument("--loop", action="store_true", help="with --pending: keep waiting")
        parser.add_argument("--interval", type=float, default=2.0)

    def handle(self, *args, **options):
        if options["run"]:
            jobs.run(options["run"])
            return
        if options["pending"]:
            while True:
                jobs.run_pending()
                if not options["loop"]:
                    return
                close_old_connections()
                time.sleep(options["interval"])
        busy = jobs.current()
        if busy is not None:
            raise CommandError(f"Eine Dublettensuche läuft bereits (#{busy.pk}).")
        search = SearchRun.objects.create()
        jobs.run(search.pk)
        search.refresh_from_db()
        if search.status != RunStatus.DONE:
            raise CommandError(f"Die Dublettensuche ist fehlgeschlagen: {search.error}")
        self.stdout.write(
            f"{search.companies} Betriebe verglichen, {search.pairs_found} mögliche Dubletten "
            f"({search.pairs_new} neu), {search.auto_merged} automatisch zusammengeführt "
            f"({search.seconds} s)."
        )
