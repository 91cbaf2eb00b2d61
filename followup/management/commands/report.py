"""`clausier report contract|operation|buyer|territory REF`: a bilan as JSON, CSV, XLSX or PDF,
the command-line twin of the /suivi/bilans/ pages, for scripts and yearly reporting."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from followup.reports.access import record_export
from followup.reports.compute import compute_report
from followup.reports.documents import filename, render_export
from followup.reports.enums import ExportFormat, Scope
from followup.reports.subjects import find_subject
from ui.formatting import format_hours


class Command(BaseCommand):
    help = (
        "Bilan d'un contrat (référence), d'une opération (identifiant ou référence), d'un acheteur "
        "(identifiant ou SIRET) ou d'un territoire (code du département), pour une année ou toute la "
        "durée des contrats. Effectifs complets : la commande s'adresse aux exploitants."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("scope", choices=Scope.values)
        parser.add_argument("ref", help="Référence du contrat, de l'opération, acheteur ou département.")
        parser.add_argument("--year", type=int, help="Année des heures comptées (défaut : toute la durée).")
        parser.add_argument("--format", choices=ExportFormat.values, default=ExportFormat.JSON)
        parser.add_argument(
            "--output", help="Fichier à écrire ; défaut : la sortie standard en JSON, sinon bilan-….<format>."
        )

    def handle(self, *args, **options) -> None:
        try:
            subject = find_subject(Scope(options["scope"]), options["ref"])
        except LookupError as error:
            raise CommandError(str(error)) from error
        export_format = ExportFormat(options["format"])
        report = compute_report(subject, year=options["year"])
        content = render_export(report, export_format)
        record_export(None, report, export_format.value, via="cli")
        summary = (
            f"Bilan {subject.scope.label.lower()} {subject.key} : "
            f"{format_hours(report.planned_hours)} prévues, {format_hours(report.realised_hours)} réalisées, "
            f"{report.participants} personne(s)"
        )
        if options["output"] is None and export_format == ExportFormat.JSON:
            self.stdout.write(content.decode())
            self.stderr.write(summary + ".")
            return
        path = Path(options["output"] or filename(report, export_format))
        path.write_bytes(content)
        self.stdout.write(f"{summary} → {path}.")
