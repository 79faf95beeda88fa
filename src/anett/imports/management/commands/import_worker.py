"""`anett import_worker`: run the background jobs of imports (check, import, undo).

The web app starts it by itself for each job (``ANETT_IMPORT_RUNNER=subprocess``, the
default). Run it yourself to pick up interrupted jobs (``anett import_worker``), or as a
service that waits for jobs (``anett import_worker --loop``, with
``ANETT_IMPORT_RUNNER=external`` for the web app).
"""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from anett.imports import jobs


class Command(BaseCommand):
    help = "Run queued or interrupted import jobs."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, help="run the job of this import only")
        parser.add_argument("--loop", action="store_true", help="keep waiting for jobs")
        parser.add_argument(
            "--interval", type=float, default=2.0, help="seconds between looks (with --loop)"
        )

    def handle(self, *args, **options):
        if options["batch"]:
            jobs.run(options["batch"])
            # then whatever else is waiting (a job queued while this one ran)
            jobs.run_pending()
            return
        while True:
            ran = jobs.run_pending()
            if ran and options["verbosity"] > 0:
                self.stdout.write(f"{ran} import job(s) done.")
            if not options["loop"]:
                return
            close_old_connections()
            time.sleep(options["interval"])
