from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from followup.imports import commit_import, preview_import
from followup.models import Contract
from followup.permissions import facilitated_contracts


class Command(BaseCommand):
    help = (
        "Importe des heures mensuelles depuis un tableur CSV ou XLSX (aperçu par défaut ; "
        "--commit enregistre tout ou rien)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--commit", action="store_true", help="Enregistrer (sinon : aperçu seulement).")
        parser.add_argument(
            "--user",
            help="Importer au nom de ce facilitateur (limité à ses contrats) ; sinon tous les contrats.",
        )

    def handle(self, *args, file: Path, commit: bool, user: str | None, **options) -> None:
        if not file.is_file():
            raise CommandError(f"Fichier introuvable : {file}")
        importer = get_user_model().objects.filter(username=user).first() if user else None
        if user and importer is None:
            raise CommandError(f"Utilisateur inconnu : {user}")
        contracts = facilitated_contracts(importer) if importer else Contract.objects.all()
        data = file.read_bytes()
        preview = preview_import(data=data, filename=file.name, contracts=contracts)
        for error in preview.errors:
            self.stderr.write(str(error))
        if preview.errors:
            raise CommandError(f"{len(preview.errors)} erreur(s) : rien n'est enregistré.")
        if commit:
            try:
                commit_import(
                    data=data, filename=file.name, contracts=contracts, by=importer, by_facilitator=True
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
        verb = "importées" if commit else "à importer (aperçu, --commit pour enregistrer)"
        self.stdout.write(
            f"{len(preview.rows)} ligne(s) {verb}, {preview.total_hours} h ; "
            f"{preview.already_imported} déjà importée(s)."
        )
