"""`clausier evaluate-detector`: precision, recall and F1 of the detector on the labelled corpus.

Exits non-zero below the targets of issue 4, so CI fails when a rule change costs accuracy.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from detection.evaluation import evaluate, format_report, load_corpus


class Command(BaseCommand):
    help = "Mesure le détecteur sur le corpus annoté (précision, rappel, F1 par catégorie)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--corpus",
            type=Path,
            default=settings.BASE_DIR / "tests" / "detection" / "corpus",
            help="Dossier des fichiers .jsonl du corpus (par défaut tests/detection/corpus).",
        )
        parser.add_argument("--errors", action="store_true", help="Liste aussi chaque erreur du détecteur.")

    def handle(self, *args, **options) -> None:
        corpus = options["corpus"]
        cases = load_corpus(corpus) if corpus.is_dir() else []
        if not cases:
            raise CommandError(f"Aucun cas trouvé dans {corpus} (fichiers *.jsonl attendus).")
        report = evaluate(cases)
        self.stdout.write(format_report(report))
        if options["errors"]:
            for error in report.errors:
                self.stdout.write(f"{error.case_id}\t{error.kind}\t{error.detail}")
        if not report.meets_targets():
            raise CommandError("Objectifs de précision et de rappel non atteints.")
