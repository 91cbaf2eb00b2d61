"""Choices of the `notices` app: stable English values (API values), French labels.

`Source` and `NoticeKind` mirror `sources.records` (the parsers' contract) so that a record's
value is stored as is; a test keeps both lists equal.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    TED = "ted", _("TED (Journal officiel de l'UE)")
    BOAMP = "boamp", _("BOAMP")
    DECP = "decp", _("DECP (données essentielles)")
    OCDS = "ocds", _("OCDS")


class NoticeKind(models.TextChoices):
    PLANNED = "planned", _("Avis de préinformation")
    CONTRACT_NOTICE = "contract_notice", _("Avis de marché")
    AWARD = "award", _("Avis d'attribution")
    CONTRACT_DATA = "contract_data", _("Données essentielles d'un marché")

    @classmethod
    def competition(cls) -> frozenset[NoticeKind]:
        """Kinds a supplier can still answer (a deadline may be open)."""
        return frozenset({cls.PLANNED, cls.CONTRACT_NOTICE})

    @classmethod
    def results(cls) -> frozenset[NoticeKind]:
        """Kinds that report an awarded contract."""
        return frozenset({cls.AWARD, cls.CONTRACT_DATA})


class EvidenceKind(models.TextChoices):
    FIELD = "field", _("Champ structuré")
    TEXT = "text", _("Extrait de texte")


class InputFormat(models.TextChoices):
    AUTO = "auto", _("Détection automatique")
    EFORMS = "eforms", _("TED eForms (XML)")
    BOAMP = "boamp", _("BOAMP")
    DECP = "decp", _("DECP")
    OCDS = "ocds", _("OCDS")


class IngestStatus(models.TextChoices):
    RUNNING = "running", _("En cours")
    COMPLETED = "completed", _("Terminé")
    FAILED = "failed", _("Échoué")


class SearchSort(models.TextChoices):
    DATE = "date", _("Les plus récents")
    RELEVANCE = "relevance", _("Pertinence")
