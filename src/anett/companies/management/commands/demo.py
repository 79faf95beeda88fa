import importlib
import importlib.util

from django.core.management.base import BaseCommand

from anett.companies.demo import DEMO_USERS, create_demo

# Apps that add their own demo content after the firms exist. Each module has
# `create_demo(seed: int, log) -> str | None` (idempotent; the return value is printed).
DEMO_HOOKS = [
    "anett.funding.demo",
    "anett.partners.demo",
    "anett.procedure.demo",
    "anett.reports.demo",
    "anett.duplicates.demo",
]


def run_demo_hooks(seed, log):
    for name in DEMO_HOOKS:
        if importlib.util.find_spec(name) is None:
            continue
        summary = importlib.import_module(name).create_demo(seed=seed, log=log)
        if summary:
            log(summary)


class Command(BaseCommand):
    help = "Create demo users and fictitious demo companies (all marked 'Demo')."

    def add_arguments(self, parser):
        parser.add_argument("--companies", type=int, default=600)
        parser.add_argument("--seed", type=int, default=2022)
        parser.add_argument(
            "--replace", action="store_true", help="delete existing demo companies first"
        )

    def handle(self, *args, **options):
        from django.core.management import call_command

        call_command("load_reference", verbosity=0)
        result = create_demo(
            options["companies"], options["seed"], options["replace"], log=self.stdout.write
        )
        run_demo_hooks(options["seed"], self.stdout.write)
        self.stdout.write(
            f"Demo: {result['companies']} Betriebe, {result.get('contacts', 0)} Kontakte, "
            f"{result.get('activities', 0)} Aktivitäten, "
            f"{result.get('checks', 0)} abgeschlossene Transformations-Checks."
        )
        self.stdout.write("Demo-Zugänge (Benutzername / Passwort):")
        for username, _role, _f, _l, org in DEMO_USERS:
            self.stdout.write(f"  {username:<13} / {result['password']}   ({org})")
