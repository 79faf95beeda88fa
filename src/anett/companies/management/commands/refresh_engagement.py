from django.core.management.base import BaseCommand

from anett.companies.services import refresh_all_engagement


class Command(BaseCommand):
    help = "Recompute the engagement status of all companies (run daily, e.g. by cron)."

    def handle(self, *args, **options):
        n = refresh_all_engagement()
        self.stdout.write(f"{n} Betriebe mit geändertem Status.")
