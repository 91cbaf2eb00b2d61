"""Tender notices as stored: buyers, notices, lots, awards, social considerations, imports.

Rows are written by `notices.services.ingest` (never by hand) from the normalised records of
`sources/`; `detection/` fills `SocialConsideration`. A notice is identified by
(source, source_id); its `content_hash` makes re-imports of the same record free, and its
`version_key` keeps an older version from overwriting a newer one.
"""

from __future__ import annotations

import zlib
from datetime import datetime

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from detection.enums import Category
from notices.enums import EvidenceKind, IngestStatus, InputFormat, NoticeKind, Source

MONEY = {"max_digits": 18, "decimal_places": 2, "null": True, "blank": True}


class Buyer(models.Model):
    """A public buyer. Buyers without a valid SIRET are told apart by their folded name.

    `key` is "siret:<14 digits>" or "name:<folded name>", so the ingest can find or create buyers
    in bulk with one query per batch.
    """

    key = models.CharField(_("clé"), max_length=300, unique=True)
    # NULL, not "", when unknown: the unique constraint then only applies to real SIRETs.
    siret = models.CharField(_("SIRET"), max_length=14, null=True, blank=True)  # noqa: DJ001
    name = models.CharField(_("nom"), max_length=500)
    departement = models.CharField(_("département"), max_length=3, blank=True)

    class Meta:
        verbose_name = _("acheteur")
        verbose_name_plural = _("acheteurs")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siret"],
                condition=Q(siret__isnull=False),
                name="notices_buyer_unique_siret",
                violation_error_message=_("Un acheteur avec ce SIRET existe déjà."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class NoticeQuerySet(models.QuerySet):
    def with_social_consideration(self) -> NoticeQuerySet:
        return self.filter(has_social=True)

    def in_category(self, category: Category | str) -> NoticeQuerySet:
        """Notices with at least one consideration of `category` (one join, no duplicates)."""
        return self.filter(pk__in=SocialConsideration.objects.filter(category=category).values("notice_id"))

    def in_departement(self, code: str) -> NoticeQuerySet:
        """The main département, or any other place of performance of the notice or its lots."""
        in_lots = Lot.objects.in_departement(code).values("notice_id")
        return self.filter(Q(departement=code) | Q(pk__in=in_lots))

    def in_region(self, code: str) -> NoticeQuerySet:
        return self.filter(region=code)

    def in_cpv_division(self, division: str) -> NoticeQuerySet:
        return self.filter(cpv_division=division)

    def detected_before(self, version: int) -> NoticeQuerySet:
        """Notices last read by an older detector (`clausier redetect --only-outdated`)."""
        return self.filter(detector_version__lt=version)

    def of_kind(self, *kinds: NoticeKind | str) -> NoticeQuerySet:
        return self.filter(kind__in=kinds)

    def open(self, now: datetime | None = None) -> NoticeQuerySet:
        """Competition notices whose deadline for tenders is still ahead."""
        return self.filter(kind__in=NoticeKind.competition(), deadline_at__gt=now or timezone.now())

    def newest_first(self) -> NoticeQuerySet:
        """Served by the `notices_notice_newest_first` index on PostgreSQL (migration 0004)."""
        return self.order_by(models.F("published_on").desc(nulls_last=True), "-id")


class Notice(models.Model):
    """One notice or contract record, at its latest known version.

    Search: `search_text` is the accent-folded, lower-cased concatenation of title, buyer, lots,
    description and evidence (the SQLite fallback searches it with `icontains`). On PostgreSQL,
    `search_vector` is computed in SQL for a whole ingest batch (`notices.search`), never per row
    in Python, with the `clausier_fr` text search configuration (French stemming after
    `unaccent`) and these weights:

    - A: title;
    - B: buyer name and lot titles;
    - C: description and the evidence texts of the social considerations.

    Query it with `SearchQuery(q, config="clausier_fr", search_type="websearch")` and rank with
    `SearchRank("search_vector", query)`; a GIN index covers `search_vector`.
    """

    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    source_id = models.CharField(_("identifiant à la source"), max_length=200)
    version = models.CharField(_("version"), max_length=50, blank=True)
    # Orders versions of one notice: "<published ISO date>|<zero-padded version>" (see services).
    version_key = models.CharField(_("clé de version"), max_length=80, blank=True)
    kind = models.CharField(_("type d'avis"), max_length=20, choices=NoticeKind.choices)
    procedure_id = models.CharField(_("identifiant de procédure"), max_length=200, blank=True)
    title = models.TextField(_("objet"))
    description = models.TextField(_("description"), blank=True)
    buyer = models.ForeignKey(
        Buyer, on_delete=models.PROTECT, related_name="notices", verbose_name=_("acheteur")
    )
    published_on = models.DateField(_("publié le"), null=True, blank=True)
    deadline_at = models.DateTimeField(_("date limite de réponse"), null=True, blank=True)
    procedure = models.CharField(_("procédure"), max_length=100, blank=True)
    value_amount = models.DecimalField(_("valeur estimée"), **MONEY)
    value_currency = models.CharField(_("devise"), max_length=3, blank=True)
    cpv_main = models.CharField(_("code CPV principal"), max_length=8, blank=True)
    cpv_codes = models.JSONField(_("codes CPV"), default=list, blank=True)
    cpv_division = models.CharField(_("division CPV"), max_length=2, blank=True, db_index=True)
    departements = models.JSONField(_("départements d'exécution"), default=list, blank=True)
    departement = models.CharField(_("département principal"), max_length=3, blank=True, db_index=True)
    region = models.CharField(_("région"), max_length=3, blank=True, db_index=True)
    duration_months = models.PositiveIntegerField(_("durée (mois)"), null=True, blank=True)
    url = models.URLField(_("adresse à la source"), max_length=1000, blank=True)
    language = models.CharField(_("langue"), max_length=8, blank=True)
    content_hash = models.CharField(_("empreinte du contenu"), max_length=64)
    raw_compressed = models.BinaryField(_("document d'origine (compressé)"), editable=False)
    has_social = models.BooleanField(_("considération sociale"), default=False, db_index=True)
    social_categories = models.JSONField(_("catégories sociales"), default=list, blank=True)
    # `detection.detect.DETECTOR_VERSION` that read this notice, even when it found nothing.
    detector_version = models.PositiveIntegerField(_("version du détecteur"), default=0)
    search_text = models.TextField(_("texte de recherche"), blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("mis à jour le"), default=timezone.now, editable=False)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("avis")
        verbose_name_plural = _("avis")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                name="notices_notice_unique_source_id",
                violation_error_message=_("Cet avis existe déjà pour cette source."),
            ),
            models.CheckConstraint(
                condition=Q(value_amount__isnull=True) | Q(value_amount__gte=0),
                name="notices_notice_value_not_negative",
                violation_error_message=_("La valeur d'un marché ne peut pas être négative."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def raw(self) -> bytes:
        """The record as read (XML document or canonical JSON), decompressed."""
        return zlib.decompress(bytes(self.raw_compressed)) if self.raw_compressed else b""

    @property
    def is_open(self) -> bool:
        return (
            self.kind in NoticeKind.competition()
            and self.deadline_at is not None
            and self.deadline_at > timezone.now()
        )


class LotQuerySet(models.QuerySet):
    def in_departement(self, code: str) -> LotQuerySet:
        """JSON list membership, written as a text match so that it works on SQLite too."""
        return self.filter(departements__icontains=f'"{code}"')


class Lot(models.Model):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="lots", verbose_name=_("avis"))
    position = models.PositiveIntegerField(_("rang"))
    lot_id = models.CharField(_("numéro de lot"), max_length=100)
    title = models.TextField(_("intitulé"), blank=True)
    cpv_codes = models.JSONField(_("codes CPV"), default=list, blank=True)
    value_amount = models.DecimalField(_("valeur estimée"), **MONEY)
    departements = models.JSONField(_("départements d'exécution"), default=list, blank=True)

    objects = LotQuerySet.as_manager()

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["notice", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "position"],
                name="notices_lot_unique_position",
                violation_error_message=_("Ce rang de lot existe déjà pour cet avis."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lot_id} {self.title}".strip()


class Award(models.Model):
    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="awards", verbose_name=_("avis")
    )
    position = models.PositiveIntegerField(_("rang"))
    contract_id = models.CharField(_("identifiant du contrat"), max_length=200, blank=True)
    lot_ids = models.JSONField(_("lots"), default=list, blank=True)
    holders = models.JSONField(_("titulaires"), default=list, blank=True)  # [{"name", "siret"}]
    amount = models.DecimalField(_("montant"), **MONEY)
    currency = models.CharField(_("devise"), max_length=3, blank=True)
    notified_on = models.DateField(_("notifié le"), null=True, blank=True)
    duration_months = models.PositiveIntegerField(_("durée (mois)"), null=True, blank=True)
    modification_count = models.PositiveIntegerField(_("modifications incluses"), default=0)

    class Meta:
        verbose_name = _("attribution")
        verbose_name_plural = _("attributions")
        ordering = ["notice", "position"]

    def __str__(self) -> str:
        return self.contract_id or f"{self.notice_id}/{self.position}"


class SocialConsideration(models.Model):
    """A social consideration found by `detection` (DESIGN.md section 3), with its evidence.

    `detector_version` is `detection.detect.DETECTOR_VERSION` at the time of detection:
    `clausier redetect --only-outdated` re-reads the notices whose considerations are older.
    """

    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="considerations", verbose_name=_("avis")
    )
    # NULL means the whole notice, as `Consideration.lot_id` is None (a lot may be called "").
    lot_id = models.CharField(_("lot"), max_length=100, null=True, blank=True)  # noqa: DJ001
    category = models.CharField(_("catégorie"), max_length=30, choices=Category.choices())
    evidence_kind = models.CharField(_("type de preuve"), max_length=10, choices=EvidenceKind.choices)
    evidence_path = models.CharField(_("champ"), max_length=300)
    evidence_text = models.TextField(_("extrait"))
    evidence_start = models.PositiveIntegerField(_("début de l'extrait"), null=True, blank=True)
    evidence_end = models.PositiveIntegerField(_("fin de l'extrait"), null=True, blank=True)
    legal_basis = models.CharField(_("fondement juridique"), max_length=50, blank=True)
    cited_reference = models.CharField(_("référence citée"), max_length=200, blank=True)
    hours = models.PositiveIntegerField(_("heures"), null=True, blank=True)
    percent = models.DecimalField(
        _("part des heures (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    confidence = models.FloatField(_("confiance"))
    detector_version = models.PositiveIntegerField(_("version du détecteur"))

    class Meta:
        verbose_name = _("considération sociale")
        verbose_name_plural = _("considérations sociales")
        ordering = ["notice", "lot_id", "category"]
        indexes = [models.Index(fields=["category", "notice"], name="notices_consideration_category")]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="notices_socialconsideration_confidence_range",
                violation_error_message=_("La confiance est comprise entre 0 et 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} ({self.lot_id or _('tout le marché')})"


class IngestRun(models.Model):
    """One `clausier ingest` (or fetch --ingest) run; counts are updated after every batch so
    that a status page can follow a long import."""

    started_at = models.DateTimeField(_("commencé le"), default=timezone.now)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    paths = models.JSONField(_("chemins"), default=list)
    format = models.CharField(
        _("format"), max_length=10, choices=InputFormat.choices, default=InputFormat.AUTO
    )
    status = models.CharField(
        _("état"), max_length=10, choices=IngestStatus.choices, default=IngestStatus.RUNNING
    )
    inserted = models.PositiveIntegerField(_("insérés"), default=0)
    updated = models.PositiveIntegerField(_("mis à jour"), default=0)
    unchanged = models.PositiveIntegerField(_("inchangés"), default=0)
    rejected = models.PositiveIntegerField(_("rejetés"), default=0)
    error = models.TextField(_("erreur"), blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"


class ImportIssue(models.Model):
    """A record or a file that could not be imported, and why (`sources.reasons.Reason`)."""

    run = models.ForeignKey(
        IngestRun, on_delete=models.CASCADE, related_name="issues", verbose_name=_("import")
    )
    source = models.CharField(_("source"), max_length=10, blank=True)
    location = models.CharField(_("fichier"), max_length=1000)
    record_id = models.CharField(_("identifiant de l'enregistrement"), max_length=200, blank=True)
    reason = models.CharField(_("motif"), max_length=50, db_index=True)
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)

    class Meta:
        verbose_name = _("anomalie d'import")
        verbose_name_plural = _("anomalies d'import")
        ordering = ["run", "id"]

    def __str__(self) -> str:
        return f"{self.location}: {self.reason}"
