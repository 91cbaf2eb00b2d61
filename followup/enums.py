"""Vocabulary of the clause follow-up (DESIGN.md section 4, DOMAIN.md sections 3.3, 3.4 and 4).

Values are stable English API values (also used in spreadsheets as codes); labels are French.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitmentRole(models.TextChoices):
    HOLDER = "holder", _("Titulaire")
    CO_CONTRACTOR = "co_contractor", _("Cotraitant")
    SUBCONTRACTOR = "subcontractor", _("Sous-traitant")


class Gender(models.TextChoices):
    FEMALE = "female", _("Femme")
    MALE = "male", _("Homme")
    UNSPECIFIED = "unspecified", _("Non renseigné")


class AgeBand(models.TextChoices):
    """Age bands of the bilans: the clause's priority publics are the young (< 26) and seniors (50+)."""

    UNDER_26 = "under_26", _("Moins de 26 ans")
    FROM_26_TO_49 = "26_49", _("26 à 49 ans")
    FROM_50 = "50_plus", _("50 ans et plus")
    UNKNOWN = "unknown", _("Non renseigné")

    @classmethod
    def for_age(cls, age: int | None) -> AgeBand:
        if age is None:
            return cls.UNKNOWN
        if age < 26:
            return cls.UNDER_26
        if age < 50:
            return cls.FROM_26_TO_49
        return cls.FROM_50


class PublicCategory(models.TextChoices):
    """Publics of the insertion clause (DOMAIN.md 4.1: no single legal list, CCAG 2021 art. 16.1.1)."""

    LONG_TERM_JOB_SEEKER = "long_term_job_seeker", _("Demandeur d'emploi de longue durée (12 mois et plus)")
    RSA = "rsa", _("Allocataire du RSA")
    ASS = "ass", _("Allocataire de l'ASS")
    AAH = "aah", _("Allocataire de l'AAH")
    RQTH = "rqth", _("Travailleur handicapé (RQTH, BOETH)")
    YOUNG_LOW_QUALIFICATION = "young_low_qualification", _("Jeune de moins de 26 ans peu qualifié")
    SENIOR_JOB_SEEKER = "senior_job_seeker", _("Demandeur d'emploi de 50 ans et plus")
    SIAE_EMPLOYEE = "siae_employee", _("Salarié d'une SIAE")
    GEIQ_EMPLOYEE = "geiq_employee", _("Salarié d'un GEIQ")
    EA_ESAT_WORKER = "ea_esat_worker", _("Travailleur d'une EA ou d'un ESAT")
    QPV_RESIDENT = "qpv_resident", _("Habitant d'un quartier prioritaire (QPV)")
    OTHER = "other", _("Autre public prioritaire")

    @classmethod
    def health_data(cls) -> frozenset[PublicCategory]:
        """Categories that reveal a disability: health data under GDPR art. 9 (DOMAIN.md 4.3).

        They are stored like the others but flagged so that screens and exports treat them with
        stricter access (facilitators of the participant only, never in a list for other roles).
        """
        return frozenset({cls.AAH, cls.RQTH, cls.EA_ESAT_WORKER})


class EvidenceType(models.TextChoices):
    """What the facilitator saw to check eligibility; the document itself is never stored."""

    FRANCE_TRAVAIL = "france_travail", _("Attestation France Travail (ex-Pôle emploi)")
    CAF = "caf", _("Attestation CAF ou MSA")
    MDPH = "mdph", _("Décision MDPH")
    MISSION_LOCALE = "mission_locale", _("Attestation de la mission locale")
    SIAE_CONTRACT = "siae_contract", _("Contrat de travail ou attestation de la SIAE")
    PRESCRIBER = "prescriber", _("Diagnostic d'un prescripteur")
    SELF_DECLARATION = "self_declaration", _("Déclaration sur l'honneur")
    OTHER = "other", _("Autre justificatif")


class Modality(models.TextChoices):
    """How the holder performs the clause (DOMAIN.md 3.3); codes double as spreadsheet values."""

    DIRECT_HIRE = "direct_hire", _("Embauche directe")
    PROVISION_AI = "provision_ai", _("Mise à disposition par une AI")
    PROVISION_ETTI = "provision_etti", _("Mise à disposition par une ETTI")
    PROVISION_GEIQ = "provision_geiq", _("Mise à disposition par un GEIQ")
    SUBCONTRACTING = "subcontracting", _("Sous-traitance à une SIAE")
    CO_CONTRACTING = "co_contracting", _("Cotraitance avec une SIAE")
    TRAINING = "training", _("Formation")

    @classmethod
    def provided_by_a_structure(cls) -> frozenset[Modality]:
        """Modalities where another structure employs the person: its SIRET and kind are recorded."""
        return frozenset(
            {
                cls.PROVISION_AI,
                cls.PROVISION_ETTI,
                cls.PROVISION_GEIQ,
                cls.SUBCONTRACTING,
                cls.CO_CONTRACTING,
                cls.TRAINING,
            }
        )

    @classmethod
    def converted_from_amount(cls) -> frozenset[Modality]:
        """Modalities whose hours may be an invoiced amount converted at a stated hourly rate."""
        return frozenset({cls.SUBCONTRACTING, cls.CO_CONTRACTING})


class ContractType(models.TextChoices):
    """The participant's work contract (bilans count people by contract type, DOMAIN.md 3.4)."""

    CDI = "cdi", _("CDI")
    CDD = "cdd", _("CDD")
    TEMPORARY = "temporary", _("Intérim (contrat de mission)")
    APPRENTICESHIP = "apprenticeship", _("Contrat d'apprentissage")
    PROFESSIONALISATION = "professionalisation", _("Contrat de professionnalisation")
    CDDI = "cddi", _("CDDI (SIAE)")
    NONE = "none", _("Sans contrat de travail (formation)")


class StructureKind(models.TextChoices):
    """Kinds of providing structures, with the values the national directory uses (DESIGN.md 4)."""

    EI = "ei", _("Entreprise d'insertion (EI)")
    ETTI = "etti", _("Entreprise de travail temporaire d'insertion (ETTI)")
    AI = "ai", _("Association intermédiaire (AI)")
    ACI = "aci", _("Atelier et chantier d'insertion (ACI)")
    EITI = "eiti", _("Entreprise d'insertion par le travail indépendant (EITI)")
    GEIQ = "geiq", _("GEIQ")
    EA = "ea", _("Entreprise adaptée (EA)")
    ESAT = "esat", _("ESAT")
    TRAINING_BODY = "training_body", _("Organisme de formation")
    OTHER = "other", _("Autre structure")


class DeclarationStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Transmise")
    VALIDATED = "validated", _("Validée")
    RETURNED = "returned", _("Renvoyée pour correction")

    @classmethod
    def editable(cls) -> frozenset[DeclarationStatus]:
        """States in which the company may still change its hours."""
        return frozenset({cls.DRAFT, cls.RETURNED})


class HoursSource(models.TextChoices):
    ONLINE = "online", _("Déclaration en ligne")
    SPREADSHEET = "spreadsheet", _("Import de tableur")
    MANUAL = "manual", _("Saisie du facilitateur")


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposée")
    ACCEPTED = "accepted", _("Retenue")
    DECLINED = "declined", _("Non retenue")


class OutcomeMoment(models.TextChoices):
    EXIT = "exit", _("À la sortie")
    SIX_MONTHS = "six_months", _("Six mois après")


class Situation(models.TextChoices):
    """Situations at exit, grouped as the IAE "sorties dynamiques" (DOMAIN.md 3.4)."""

    CDI = "cdi", _("CDI")
    LONG_CDD = "long_cdd", _("CDD ou intérim de 6 mois et plus")
    CIVIL_SERVICE = "civil_service", _("Entrée dans la fonction publique")
    BUSINESS_CREATION = "business_creation", _("Création d'entreprise")
    SHORT_CDD = "short_cdd", _("CDD ou intérim de moins de 6 mois")
    SUBSIDISED_CONTRACT = "subsidised_contract", _("Contrat aidé chez un employeur ordinaire")
    TRAINING = "training", _("Formation qualifiante ou pré-qualifiante")
    SIAE_HIRE = "siae_hire", _("Embauche dans une autre SIAE")
    JOB_SEARCH = "job_search", _("Recherche d'emploi")
    INACTIVE = "inactive", _("Inactivité")
    UNKNOWN = "unknown", _("Situation inconnue")

    @classmethod
    def durable_employment(cls) -> frozenset[Situation]:
        return frozenset({cls.CDI, cls.LONG_CDD, cls.CIVIL_SERVICE, cls.BUSINESS_CREATION})

    @classmethod
    def transition_employment(cls) -> frozenset[Situation]:
        return frozenset({cls.SHORT_CDD, cls.SUBSIDISED_CONTRACT})

    @classmethod
    def positive_exit(cls) -> frozenset[Situation]:
        return frozenset({cls.TRAINING, cls.SIAE_HIRE})

    @classmethod
    def dynamic_exit(cls) -> frozenset[Situation]:
        """ "Sorties dynamiques": durable + transition employment + positive exits."""
        return cls.durable_employment() | cls.transition_employment() | cls.positive_exit()
