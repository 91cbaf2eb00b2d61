import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from followup.alerts import send_shortfall_alerts


class Command(BaseCommand):
    help = "Envoie la veille mensuelle des écarts aux facilitateurs (une fois par mois et par organisation)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, help="Date de référence (AAAA-MM-JJ)."
        )

    def handle(self, *args, date: datetime.date | None, **options) -> None:
        sent = send_shortfall_alerts(on=date or timezone.localdate())
        self.stdout.write(f"{sent} message(s) de veille des écarts envoyé(s).")
