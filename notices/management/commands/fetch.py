"""`clausier fetch ted|boamp|decp --since DATE`: download from the public sources (then ingest)."""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notices.fetch import boamp, decp, ted
from notices.fetch.http import FetchError, PoliteClient
from notices.services import ingest


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Date invalide / invalid date: {value} (AAAA-MM-JJ)") from None


class Command(BaseCommand):
    help = (
        "Télécharge les avis publiés depuis une date (TED, BOAMP) ou les fichiers DECP consolidés, "
        "dans un dossier, puis les importe avec --ingest."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", choices=["ted", "boamp", "decp"])
        parser.add_argument("--since", required=True, type=_day, help="AAAA-MM-JJ")
        parser.add_argument("--until", type=_day, help="AAAA-MM-JJ (par défaut : aujourd'hui)")
        parser.add_argument("--output", type=Path, default=Path(settings.VAR_DIR) / "fetch")
        parser.add_argument("--ingest", action="store_true", help="Importe les fichiers téléchargés.")

    def handle(self, *args, **options) -> None:
        since, until, output = options["since"], options["until"] or timezone.localdate(), options["output"]
        if until < since:
            raise CommandError("--until précède --since / --until is before --since.")
        with PoliteClient() as client:
            try:
                if options["source"] == "ted":
                    paths = ted.fetch(client, since=since, until=until, output=output)
                elif options["source"] == "boamp":
                    paths = boamp.fetch(client, since=since, until=until, output=output)
                else:
                    paths = decp.fetch(client, since=since, output=output)
            except FetchError as error:
                raise CommandError(f"Source indisponible / source unavailable: {error}") from error
        self.stdout.write(f"fetched={len(paths)} output={output / options['source']}")
        if options["ingest"] and paths:
            self.stdout.write(ingest(paths).line())
