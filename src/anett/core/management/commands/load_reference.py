from django.core.management.base import BaseCommand

from anett.assessment.services import load_questionnaires
from anett.companies.seed import load_branch_rules
from anett.network.seed import load_actors
from anett.regions.seed import load_kreise, load_seed_regions


class Command(BaseCommand):
    help = (
        "Load districts (Destatis), the seed regions, the WZ branch mapping, the questionnaire "
        "and the actors of the network (idempotent; never overwrites edits)."
    )

    def handle(self, *args, **options):
        n = load_kreise()
        r = load_seed_regions()
        b = load_branch_rules()
        q = load_questionnaires()
        a = load_actors()
        if options["verbosity"] > 0:
            self.stdout.write(
                f"Kreise: {n}, neue Regionen: {r}, neue Branchenregeln: {b}, "
                f"neue Fragebögen: {q}, neue Akteure: {a['actors']}, "
                f"Angebote: {a['offers']}, Beziehungen: {a['relations']}"
            )
