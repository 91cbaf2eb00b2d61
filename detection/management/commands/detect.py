"""`clausier detect`: the social considerations of one text, for buyers and facilitators checking
a notice by hand, and for scripts (`--json`)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from detection.detect import DETECTOR_VERSION, detect_text


class Command(BaseCommand):
    help = (
        "Détecte les considérations sociales d'un texte d'avis (--text, sinon l'entrée standard) : "
        "catégorie, lot, fondement juridique, heures, part des heures."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser) -> None:
        parser.add_argument("--text", help="Texte à analyser ; sans cette option, lu sur l'entrée standard.")
        parser.add_argument("--lot", help="Identifiant du lot auquel le texte appartient.")
        parser.add_argument("--json", action="store_true", help="Affiche le résultat en JSON.")

    def handle(self, *args, **options) -> None:
        text = options["text"]
        if text is None:
            text = (options.get("stdin") or sys.stdin).read()
        if not text.strip():
            raise CommandError("Aucun texte à analyser : donnez --text ou un texte sur l'entrée standard.")
        considerations = detect_text(text, path="text", lot_id=options["lot"])
        if options["json"]:
            payload = [consideration.as_dict() for consideration in considerations]
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for consideration in considerations:
            details = [
                f"lot {consideration.lot_id}" if consideration.lot_id else "tout le marché",
                consideration.legal_basis and f"fondement {consideration.legal_basis}",
                consideration.hours is not None and f"{consideration.hours} heures",
                consideration.percent is not None and f"{consideration.percent} % des heures",
                f"confiance {consideration.confidence:.2f}",
            ]
            self.stdout.write(
                f"{consideration.category.label} ({', '.join(d for d in details if d)}) "
                f"« {consideration.evidence.text} »"
            )
        self.stdout.write(
            f"{len(considerations)} considération(s) sociale(s), détecteur v{DETECTOR_VERSION}."
        )
