"""Send the reminders of calls for contributions that are due today (run daily).

Idempotent: each invitation gets each reminder ("N days before the deadline") at most once;
invitees who have submitted, revoked links and invitations without e-mail get none.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from anett.procedure import services


class Command(BaseCommand):
    help = "Send due reminders for calls for contributions (idempotent; run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="pretend today is YYYY-MM-DD (for catching up)")
        parser.add_argument(
            "--base-url",
            help="address of the platform for the links (default: the one the invitations used)",
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"--today: {options['today']!r} ist kein Datum (JJJJ-MM-TT)."
                ) from None
        sent = services.send_reminders(today=today, base=options["base_url"])
        for invitation, days in sent:
            self.stdout.write(
                f"Erinnerung ({days} Tage vorher) an {invitation.email} – {invitation.call.title}"
            )
        self.stdout.write(f"{len(sent)} Erinnerung(en) versandt.")
