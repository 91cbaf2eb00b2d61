import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from followup.retention import purge_personal_data


class Command(BaseCommand):
    help = (
        "Anonymise les participants inactifs depuis la durée de conservation et supprime le journal "
        "d'audit expiré (simulation sans --wet-run)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wet-run", action="store_true", help="Appliquer (sinon : simulation).")
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, help="Date de référence (AAAA-MM-JJ)."
        )

    def handle(self, *args, wet_run: bool, date: datetime.date | None, **options) -> None:
        result = purge_personal_data(today=date or timezone.localdate(), wet_run=wet_run)
        prefix = "" if wet_run else "Simulation (--wet-run pour appliquer) : "
        self.stdout.write(
            f"{prefix}{result.participants} participant(s) anonymisé(s), "
            f"{result.audit_events} événement(s) d'audit supprimé(s)."
        )
