"""What a bilan is about, and the situations it groups."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """The four bilans of issue 5; values are the CLI's first argument and URL segments."""

    CONTRACT = "contract", _("Contrat")
    OPERATION = "operation", _("Opération")
    BUYER = "buyer", _("Acheteur")
    TERRITORY = "territory", _("Territoire")


class ExportFormat(models.TextChoices):
    JSON = "json", "JSON"
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
    PDF = "pdf", "PDF"

    @property
    def content_type(self) -> str:
        return {
            ExportFormat.JSON: "application/json",
            ExportFormat.CSV: "text/csv; charset=utf-8",
            ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ExportFormat.PDF: "application/pdf",
        }[self]


SEGMENTS = {
    Scope.CONTRACT: "contrat",
    Scope.OPERATION: "operation",
    Scope.BUYER: "acheteur",
    Scope.TERRITORY: "territoire",
}
"""French URL segment of each scope: /suivi/bilans/contrat/DEMO-PAU-MOE/."""
