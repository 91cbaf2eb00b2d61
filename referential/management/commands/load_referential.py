from django.core.management.base import BaseCommand

from referential.services import load_referential


class Command(BaseCommand):
    help = "Charge ou met à jour régions, départements et codes CPV depuis referential/data/."

    def handle(self, *args, **options) -> None:
        summary = load_referential()
        self.stdout.write(
            f"{summary.regions} régions, {summary.departements} départements, {summary.cpv_codes} codes CPV."
        )
