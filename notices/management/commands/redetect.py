"""`clausier redetect`: run the current detector again on stored notices."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from notices.models import Notice
from notices.services import DEFAULT_BATCH_SIZE, redetect


class Command(BaseCommand):
    help = (
        "Relance la détection des considérations sociales sur les avis enregistrés (après une "
        "évolution du détecteur), par lots, depuis le document d'origine conservé."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
        parser.add_argument(
            "--only-outdated",
            action="store_true",
            help="Seulement les avis lus par un détecteur plus ancien.",
        )

    def handle(self, *args, **options) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size doit être positif / must be positive.")
        with tqdm(total=Notice.objects.count(), unit=" avis", disable=None, file=self.stderr._out) as bar:
            summary = redetect(
                batch_size=options["batch_size"], only_outdated=options["only_outdated"], progress=bar.update
            )
        self.stdout.write(summary.line())
