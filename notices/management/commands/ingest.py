"""`clausier ingest PATH...`: store the notices found in files, folders and archives."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from notices.enums import InputFormat
from notices.services import DEFAULT_BATCH_SIZE, ingest


class Command(BaseCommand):
    help = (
        "Importe les avis (TED eForms, BOAMP, DECP, OCDS) de fichiers, dossiers ou archives .zip/.gz ; "
        "les enregistrements rejetés deviennent des anomalies d'import et l'import continue."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--format", choices=InputFormat.values, default=InputFormat.AUTO)
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)

    def handle(self, *args, **options) -> None:
        missing = [path for path in options["paths"] if not Path(path).exists()]
        if missing:
            raise CommandError(f"Chemin introuvable / path not found: {', '.join(missing)}")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size doit être positif / must be positive.")
        with tqdm(unit=" enr.", desc="ingest", disable=None, file=self.stderr._out) as bar:
            try:
                summary = ingest(
                    options["paths"],
                    format=options["format"],
                    batch_size=options["batch_size"],
                    progress=bar.update,
                )
            except DatabaseError as error:
                raise CommandError(f"Base de données indisponible / database unavailable: {error}") from error
        self.stdout.write(summary.line())
