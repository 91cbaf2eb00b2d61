"""Clause follow-up: contracts with an insertion clause, the people placed on them, their hours.

The chain (DESIGN.md section 4): Operation → Contract → Commitment (contract × company) →
Placement (participant × commitment × modality) → HoursEntry (placement × month), grouped in a
Declaration (company × contract × month) that the facilitator validates. Transfers pool hours
between two commitments of the same company. The rules that read this chain (realised hours,
pro-rata target, shortfall, penalty, small-cell suppression) live in `followup/services.py`.

Participants are personal data: they belong to a facilitator organisation and are only reached
through `followup/permissions.py`; every read and change is audited.
"""

from __future__ import annotations

import calendar
import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from detection.enums import Category
from followup.enums import (
    AgeBand,
    CommitmentRole,
    ContractType,
    DeclarationStatus,
    EvidenceType,
    Gender,
    HoursSource,
    Modality,
    OutcomeMoment,
    PublicCategory,
    ReferralStatus,
    Situation,
    StructureKind,
)

HOURS = {"max_digits": 10, "decimal_places": 2}
EUROS = {"max_digits": 14, "decimal_places": 2}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by `months` calendar months, clamped to the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Operation(models.Model):
    """A buyer's programme grouping several followed contracts (e.g. an urban renewal project)."""

    reference = models.CharField(_("référence"), max_length=60, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    buyer = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="followup_operations", verbose_name=_("acheteur")
    )
    facilitator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="facilitated_operations",
        verbose_name=_("facilitateur"),
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("opération")
        verbose_name_plural = _("opérations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ContractQuerySet(models.QuerySet):
    def for_company(self, company: Organisation) -> ContractQuerySet:
        return self.filter(commitments__company=company).distinct()

    def notified_in(self, year: int) -> ContractQuerySet:
        return self.filter(notified_on__year=year)


class Contract(models.Model):
    """A followed contract (or lot) carrying an insertion clause.

    `reference` is stable and unique ("DEMO-PAU-MOE"): reports and the CLI name contracts by it.
    The narrative fields feed the "fiche d'expérience" in the layout of the Avise case studies.
    """

    reference = models.CharField(_("référence"), max_length=60, unique=True)
    operation = models.ForeignKey(
        Operation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("opération"),
    )
    buyer = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="followup_contracts", verbose_name=_("acheteur")
    )
    facilitator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="facilitated_contracts",
        verbose_name=_("gestionnaire de la clause"),
        help_text=_("Organisation du facilitateur : seuls ses facilitateurs voient les participants."),
    )
    clause_manager = models.CharField(
        _("service gestionnaire de la clause"),
        max_length=300,
        blank=True,
        help_text=_("Le service qui gère la clause, tel qu'il figure dans la fiche d'expérience."),
    )
    title = models.CharField(_("intitulé"), max_length=300)
    lots = models.CharField(_("lots"), max_length=200, blank=True)
    mechanism = models.CharField(
        _("mécanisme"), max_length=30, choices=Category.choices(), default=Category.EXECUTION_CONDITION
    )
    legal_basis = models.CharField(
        _("fondement juridique"),
        max_length=100,
        blank=True,
        help_text=_("Tel que cité au marché, par exemple « CMP art. 14 » ou « CCP L2112-2 »."),
    )
    notified_on = models.DateField(_("date de notification"))
    duration_months = models.PositiveSmallIntegerField(_("durée (mois)"))
    amount = models.DecimalField(_("montant HT (€)"), null=True, blank=True, **EUROS)
    planned_hours = models.DecimalField(_("heures d'insertion prévues"), **HOURS)
    penalty_per_missing_hour = models.DecimalField(
        _("pénalité par heure manquante (€)"), null=True, blank=True, **EUROS
    )
    notice_source = models.CharField(_("source de l'avis"), max_length=20, blank=True)
    notice_source_id = models.CharField(_("identifiant de l'avis"), max_length=200, blank=True)
    perimeter = models.CharField(_("périmètre géographique"), max_length=300, blank=True)
    departement = models.CharField(_("département"), max_length=3, blank=True)
    description = models.TextField(_("description du marché"), blank=True)
    objectives = models.TextField(_("objectifs du marché"), blank=True)
    clause_objectives = models.TextField(_("objectifs de la clause sociale"), blank=True)
    difference_explanation = models.TextField(_("facteurs d'explication du différentiel"), blank=True)
    pathway = models.TextField(_("type de parcours d'insertion proposé"), blank=True)
    engineering = models.TextField(_("ingénierie mise en place"), blank=True)
    key_steps = models.TextField(_("étapes clés"), blank=True)
    success_conditions = models.TextField(_("conditions de réussite"), blank=True)
    vigilance_points = models.TextField(_("points de vigilance"), blank=True)
    assessment = models.TextField(_("bilan de la mise en œuvre"), blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("contrat suivi")
        verbose_name_plural = _("contrats suivis")
        ordering = ["-notified_on", "reference"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_hours__gte=0),
                name="followup_contract_planned_hours_positive",
                violation_error_message=_("Les heures prévues ne peuvent pas être négatives."),
            ),
            models.CheckConstraint(
                condition=Q(duration_months__gte=1),
                name="followup_contract_duration_positive",
                violation_error_message=_("La durée du marché doit être d'au moins un mois."),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="followup_contract_amount_positive",
                violation_error_message=_("Le montant ne peut pas être négatif."),
            ),
            models.CheckConstraint(
                condition=Q(penalty_per_missing_hour__isnull=True) | Q(penalty_per_missing_hour__gte=0),
                name="followup_contract_penalty_positive",
                violation_error_message=_("La pénalité ne peut pas être négative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.title}"

    @property
    def ends_on(self) -> datetime.date:
        return add_months(self.notified_on, self.duration_months)


class CommitmentQuerySet(models.QuerySet):
    def of_company(self, company: Organisation) -> CommitmentQuerySet:
        return self.filter(company=company)


class Commitment(models.Model):
    """A company's share of a contract's clause: the hours it has undertaken to perform."""

    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("contrat")
    )
    company = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("entreprise")
    )
    role = models.CharField(
        _("rôle"), max_length=20, choices=CommitmentRole.choices, default=CommitmentRole.HOLDER
    )
    planned_hours = models.DecimalField(_("heures prévues"), **HOURS)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["contract", "company__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "company"],
                name="followup_commitment_unique_company",
                violation_error_message=_("Cette entreprise est déjà engagée sur ce contrat."),
            ),
            models.CheckConstraint(
                condition=Q(planned_hours__gte=0),
                name="followup_commitment_planned_hours_positive",
                violation_error_message=_("Les heures prévues ne peuvent pas être négatives."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract.reference} — {self.company}"


class JobSheet(models.Model):
    """A position the company opens for the clause, shared with prescribers to find candidates."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="job_sheets", verbose_name=_("engagement")
    )
    title = models.CharField(_("poste"), max_length=200)
    tasks = models.TextField(_("missions"), blank=True)
    skills = models.TextField(_("compétences attendues"), blank=True)
    hours = models.DecimalField(_("volume d'heures"), null=True, blank=True, **HOURS)
    starts_on = models.DateField(_("début"), null=True, blank=True)
    ends_on = models.DateField(_("fin"), null=True, blank=True)
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    is_shared = models.BooleanField(_("partagée avec les prescripteurs"), default=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("fiche de poste")
        verbose_name_plural = _("fiches de poste")
        ordering = ["commitment", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(starts_on__lte=F("ends_on")),
                name="followup_jobsheet_dates_ordered",
                violation_error_message=_("La fin du poste doit suivre son début."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ParticipantQuerySet(models.QuerySet):
    def inactive_since(self, day: datetime.date) -> ParticipantQuerySet:
        """Not yet anonymised participants whose last activity is before `day`."""
        return self.filter(is_anonymised=False, last_activity_on__lt=day)


class Participant(models.Model):
    """A person placed on clauses, under a pseudonymous code (no name, no birth date: DOMAIN.md 4.3).

    The identity stays with the facilitator, outside Clausier; the code links the records.
    """

    facilitator = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="participants", verbose_name=_("facilitateur")
    )
    code = models.CharField(_("code pseudonyme"), max_length=40)
    birth_year = models.PositiveSmallIntegerField(_("année de naissance"), null=True, blank=True)
    age_band = models.CharField(
        _("tranche d'âge"),
        max_length=10,
        choices=AgeBand.choices,
        default=AgeBand.UNKNOWN,
        help_text=_("Conservée à l'anonymisation, quand l'année de naissance est effacée."),
    )
    gender = models.CharField(_("genre"), max_length=12, choices=Gender.choices, default=Gender.UNSPECIFIED)
    commune = models.CharField(_("commune de résidence"), max_length=100, blank=True)
    departement = models.CharField(_("département de résidence"), max_length=3, blank=True)
    prescriber = models.CharField(_("prescripteur"), max_length=200, blank=True)
    last_activity_on = models.DateField(_("dernière activité le"))
    is_anonymised = models.BooleanField(_("anonymisé"), default=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["facilitator", "code"],
                name="followup_participant_unique_code",
                violation_error_message=_("Ce code est déjà attribué à un participant."),
            ),
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__gte=1900),
                name="followup_participant_birth_year_plausible",
                violation_error_message=_("L'année de naissance n'est pas plausible."),
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def age_band_on(self, day: datetime.date) -> AgeBand:
        """The age band on `day` from the birth year (the band kept at anonymisation otherwise)."""
        if self.birth_year is None:
            return AgeBand(self.age_band)
        return AgeBand.for_age(day.year - self.birth_year)


class EligibilityQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> EligibilityQuerySet:
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)


class Eligibility(models.Model):
    """A public category the facilitator checked for a participant, with its validity window.

    Hours count only while an eligibility is valid (DOMAIN.md 4.1: eligibility is checked before
    hours are counted); the validity is a local convention, so each record carries its dates.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="eligibilities", verbose_name=_("participant")
    )
    category = models.CharField(_("public"), max_length=30, choices=PublicCategory.choices)
    evidence_type = models.CharField(_("justificatif vu"), max_length=20, choices=EvidenceType.choices)
    valid_from = models.DateField(_("valable du"))
    valid_to = models.DateField(_("valable jusqu'au"), null=True, blank=True)

    objects = EligibilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("éligibilité")
        verbose_name_plural = _("éligibilités")
        ordering = ["participant", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__lte=F("valid_to")),
                name="followup_eligibility_dates_ordered",
                violation_error_message=_("La fin de validité doit suivre son début."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} — {self.get_category_display()}"

    @property
    def is_health_data(self) -> bool:
        return self.category in PublicCategory.health_data()


class Referral(models.Model):
    """A candidate proposed by a prescriber on a job sheet."""

    job_sheet = models.ForeignKey(
        JobSheet, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("fiche de poste")
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("participant")
    )
    prescriber = models.CharField(_("prescripteur"), max_length=200, blank=True)
    referred_on = models.DateField(_("proposé le"))
    status = models.CharField(
        _("suite donnée"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED
    )

    class Meta:
        verbose_name = _("positionnement")
        verbose_name_plural = _("positionnements")
        ordering = ["-referred_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["job_sheet", "participant"],
                name="followup_referral_unique_candidate",
                violation_error_message=_("Ce participant est déjà positionné sur ce poste."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} → {self.job_sheet}"


class Placement(models.Model):
    """A participant working on a commitment through one modality, between two dates."""

    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="placements", verbose_name=_("participant")
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.PROTECT, related_name="placements", verbose_name=_("engagement")
    )
    job_sheet = models.ForeignKey(
        JobSheet,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placements",
        verbose_name=_("fiche de poste"),
    )
    modality = models.CharField(_("modalité"), max_length=20, choices=Modality.choices)
    contract_type = models.CharField(_("type de contrat"), max_length=20, choices=ContractType.choices)
    provider_siret = models.CharField(_("SIRET de la structure"), max_length=14, blank=True)
    provider_kind = models.CharField(
        _("type de structure"), max_length=20, choices=StructureKind.choices, blank=True
    )
    provider_name = models.CharField(_("nom de la structure"), max_length=200, blank=True)
    started_on = models.DateField(_("début"))
    ended_on = models.DateField(_("fin"), null=True, blank=True)
    is_counted = models.BooleanField(
        _("compte pour la clause"),
        default=True,
        help_text=_(
            "Décoché, les heures de cette mise en emploi ne comptent pas (décision du facilitateur)."
        ),
    )

    class Meta:
        verbose_name = _("mise en emploi")
        verbose_name_plural = _("mises en emploi")
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(started_on__lte=F("ended_on")),
                name="followup_placement_dates_ordered",
                violation_error_message=_("La fin de la mise en emploi doit suivre son début."),
            ),
            models.CheckConstraint(
                condition=Q(modality=Modality.DIRECT_HIRE, provider_kind="")
                | (~Q(modality=Modality.DIRECT_HIRE) & ~Q(provider_kind="")),
                name="followup_placement_provider_coherence",
                violation_error_message=_(
                    "La structure qui emploie la personne se renseigne pour toute modalité autre que "
                    "l'embauche directe, et seulement dans ce cas."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} — {self.get_modality_display()}"

    def counts_on(self, day: datetime.date) -> bool:
        """True when hours of `day` may count: the placement counts and covers that day."""
        return self.is_counted and self.started_on <= day and (self.ended_on is None or day <= self.ended_on)


class Declaration(models.Model):
    """A company's hours for one contract and one month, validated or returned by the facilitator.

    Nothing counts until the facilitator validates: the company's word alone is not a proof.
    """

    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="declarations", verbose_name=_("contrat")
    )
    company = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="declarations", verbose_name=_("entreprise")
    )
    month = models.DateField(_("mois"), help_text=_("Premier jour du mois déclaré."))
    status = models.CharField(
        _("statut"), max_length=10, choices=DeclarationStatus.choices, default=DeclarationStatus.DRAFT
    )
    comment = models.TextField(_("commentaire du facilitateur"), blank=True)
    submitted_at = models.DateTimeField(_("transmise le"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("transmise par"),
    )
    reviewed_at = models.DateTimeField(_("examinée le"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("examinée par"),
    )

    class Meta:
        verbose_name = _("déclaration d'heures")
        verbose_name_plural = _("déclarations d'heures")
        ordering = ["-month", "contract"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "company", "month"],
                name="followup_declaration_unique_month",
                violation_error_message=_("Une déclaration existe déjà pour ce contrat et ce mois."),
            ),
            models.CheckConstraint(
                condition=Q(month__day=1),
                name="followup_declaration_month_first_day",
                violation_error_message=_("Le mois se note par son premier jour."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract.reference} — {self.company} — {self.month:%m/%Y}"

    @property
    def is_editable(self) -> bool:
        return self.status in DeclarationStatus.editable()


def declaration_proof_path(proof: Proof, filename: str) -> str:
    return f"followup/proofs/{proof.declaration.contract_id}/{proof.declaration_id}/{filename}"


class Proof(models.Model):
    """A document attached to a declaration (payslips, mission statements, SIAE invoices)."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="proofs", verbose_name=_("déclaration")
    )
    file = models.FileField(_("fichier"), upload_to=declaration_proof_path)
    uploaded_at = models.DateTimeField(_("déposé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("justificatif")
        verbose_name_plural = _("justificatifs")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.file.name


class HoursEntryQuerySet(models.QuerySet):
    def validated(self) -> HoursEntryQuerySet:
        return self.filter(declaration__status=DeclarationStatus.VALIDATED)

    def with_eligibility(self) -> HoursEntryQuerySet:
        """Annotate `is_eligible`: an eligibility of the participant overlaps the entry's month.

        Declarations are monthly, so a window that starts or ends inside the month covers it.
        """
        overlapping = (
            Eligibility.objects.filter(
                Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("month")),
                participant=OuterRef("placement__participant"),
            )
            .annotate(first_month=TruncMonth("valid_from"))
            .filter(first_month__lte=OuterRef("month"))
        )
        return self.annotate(is_eligible=Exists(overlapping))

    def eligible(self) -> HoursEntryQuerySet:
        return self.with_eligibility().filter(is_eligible=True)

    def ineligible(self) -> HoursEntryQuerySet:
        """Entries outside any eligibility window: flagged on screens, excluded from totals."""
        return self.with_eligibility().filter(is_eligible=False)

    def counted(self) -> HoursEntryQuerySet:
        """Entries that make realised hours: validated, eligible, of a placement that counts."""
        return self.validated().eligible().filter(placement__is_counted=True)

    def total(self) -> Decimal:
        return self.aggregate(total=models.Sum("hours"))["total"] or Decimal(0)


class HoursEntry(models.Model):
    """Hours of one placement in one month, or an invoiced amount converted at a stated rate.

    For subcontracting or co-contracting with an SIAE, the conversion rate is a local convention
    stated in the tender documents (DOMAIN.md 3.3): both figures are kept and `hours` holds the
    result, so totals never recompute it. `source_file_hash` + `source_row` make an import
    idempotent: the same row of the same file is never recorded twice.
    """

    placement = models.ForeignKey(
        Placement, on_delete=models.PROTECT, related_name="hours_entries", verbose_name=_("mise en emploi")
    )
    declaration = models.ForeignKey(
        Declaration, on_delete=models.PROTECT, related_name="entries", verbose_name=_("déclaration")
    )
    month = models.DateField(_("mois"), help_text=_("Premier jour du mois."))
    hours = models.DecimalField(_("heures"), **HOURS)
    invoiced_amount = models.DecimalField(_("montant facturé HT (€)"), null=True, blank=True, **EUROS)
    hourly_rate = models.DecimalField(_("taux horaire de conversion (€)"), null=True, blank=True, **EUROS)
    source = models.CharField(_("origine"), max_length=12, choices=HoursSource.choices)
    source_file_hash = models.CharField(_("empreinte du fichier"), max_length=64, blank=True)
    source_row = models.PositiveIntegerField(_("ligne du fichier"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("saisie par"),
    )
    created_at = models.DateTimeField(_("saisie le"), auto_now_add=True)

    objects = HoursEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("heures réalisées")
        verbose_name_plural = _("heures réalisées")
        ordering = ["month", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=0),
                name="followup_hoursentry_hours_positive",
                violation_error_message=_("Les heures ne peuvent pas être négatives."),
            ),
            models.CheckConstraint(
                condition=Q(month__day=1),
                name="followup_hoursentry_month_first_day",
                violation_error_message=_("Le mois se note par son premier jour."),
            ),
            models.CheckConstraint(
                condition=Q(invoiced_amount__isnull=True, hourly_rate__isnull=True)
                | Q(invoiced_amount__gte=0, hourly_rate__gt=0),
                name="followup_hoursentry_conversion_coherence",
                violation_error_message=_(
                    "Un montant facturé s'accompagne d'un taux horaire strictement positif, et inversement."
                ),
            ),
            models.UniqueConstraint(
                fields=["source_file_hash", "source_row"],
                condition=~Q(source_file_hash=""),
                name="followup_hoursentry_unique_file_row",
                violation_error_message=_("Cette ligne de ce fichier a déjà été importée."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement} — {self.month:%m/%Y} — {self.hours} h"


class Transfer(models.Model):
    """Hours pooled ("mutualisation") from one commitment to another of the same company.

    Clause models allow "globalisation des heures d'insertion" (DOMAIN.md 3.3): same company,
    facilitator's agreement, written reason. The same-company rule spans two rows, so it is
    enforced by `services.transfer_hours`, not by a database constraint.
    """

    from_commitment = models.ForeignKey(
        Commitment, on_delete=models.PROTECT, related_name="transfers_out", verbose_name=_("depuis")
    )
    to_commitment = models.ForeignKey(
        Commitment, on_delete=models.PROTECT, related_name="transfers_in", verbose_name=_("vers")
    )
    hours = models.DecimalField(_("heures"), **HOURS)
    reason = models.TextField(_("motif"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("décidé par"),
    )
    created_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("mutualisation d'heures")
        verbose_name_plural = _("mutualisations d'heures")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0),
                name="followup_transfer_hours_positive",
                violation_error_message=_("Le nombre d'heures mutualisées doit être positif."),
            ),
            models.CheckConstraint(
                condition=~Q(from_commitment=F("to_commitment")),
                name="followup_transfer_distinct_commitments",
                violation_error_message=_("Les heures se mutualisent entre deux contrats différents."),
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="followup_transfer_reason_given",
                violation_error_message=_("Le motif de la mutualisation est obligatoire."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hours} h : {self.from_commitment} → {self.to_commitment}"


class Outcome(models.Model):
    """A participant's situation at the exit of a placement, and six months later."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("mise en emploi")
    )
    moment = models.CharField(_("moment"), max_length=12, choices=OutcomeMoment.choices)
    situation = models.CharField(_("situation"), max_length=20, choices=Situation.choices)
    observed_on = models.DateField(_("constatée le"))

    class Meta:
        verbose_name = _("situation à la sortie")
        verbose_name_plural = _("situations à la sortie")
        ordering = ["placement", "moment"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "moment"],
                name="followup_outcome_unique_moment",
                violation_error_message=_("Cette situation est déjà renseignée pour cette mise en emploi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement} — {self.get_moment_display()} : {self.get_situation_display()}"

    @property
    def participant(self) -> Participant:
        return self.placement.participant


class ShortfallAlert(models.Model):
    """The month's shortfall e-mail sent to a facilitator organisation: never sent twice."""

    facilitator = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("facilitateur")
    )
    month = models.DateField(_("mois"))
    commitments = models.PositiveIntegerField(_("engagements en retard"))
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("alerte de veille des écarts")
        verbose_name_plural = _("alertes de veille des écarts")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["facilitator", "month"],
                name="followup_shortfallalert_unique_month",
                violation_error_message=_("La veille de ce mois est déjà envoyée à ce facilitateur."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facilitator} — {self.month:%m/%Y}"
