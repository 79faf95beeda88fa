from django.core.management.base import BaseCommand

from anett.companies.services import refresh_all_engagement


class Command(BaseCommand):
    help = "Recompute engagement status and outreach priority of all companies (run daily)."

    def handle(self, *args, **options):
        from anett.outreach.services import refresh_priorities

        n = refresh_all_engagement()
        p = refresh_priorities()
        self.stdout.write(f"{n} Betriebe mit geändertem Status, {p} mit geänderter Priorität.")
