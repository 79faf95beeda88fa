"""anett partner_digest [--dry-run]: e-mail each partner user the insights published since
their last digest (German, plain text and HTML) and record what was sent."""

from django.core.management.base import BaseCommand

from anett.partners import services


class Command(BaseCommand):
    help = "Send partner users the digest e-mail of new insights (each insight only once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="only show who would get which insights; send and record nothing",
        )
        parser.add_argument(
            "--base-url",
            default=None,
            help="address of the platform for the links (default: ANETT_BASE_URL)",
        )

    def handle(self, *args, **options):
        result = services.send_digest(
            via="command", dry_run=options["dry_run"], site=options["base_url"]
        )
        for item in result.plan:
            titles = "; ".join(i.title for i in item.insights)
            self.stdout.write(
                f"{item.user.username} <{item.user.email}>: {len(item.insights)} – {titles}"
            )
        if options["dry_run"]:
            self.stdout.write(f"Probelauf: {len(result.plan)} E-Mails geplant; nichts gesendet.")
            return
        for user, error in result.failed:
            self.stderr.write(f"Nicht gesendet an {user.username}: {error}")
        self.stdout.write(
            f"Digest: E-Mails versendet: {result.sent}, fehlgeschlagen: {len(result.failed)}."
        )
        if result.failed:
            raise SystemExit(1)
