"""Factories for the follow-up chain, with traits that say the intent of a test."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from accounts.enums import OrganisationKind
from accounts.models import Organisation
from followup.enums import (
    ContractType,
    DeclarationStatus,
    EvidenceType,
    Gender,
    HoursSource,
    Modality,
    PublicCategory,
    StructureKind,
)
from followup.models import (
    Commitment,
    Contract,
    Declaration,
    Eligibility,
    HoursEntry,
    JobSheet,
    Participant,
    Placement,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.COMPANY


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    reference = factory.Sequence(lambda n: f"TEST-{n:04d}")
    buyer = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.BUYER)
    facilitator = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.FACILITATOR)
    title = factory.Sequence(lambda n: f"Marché de travaux n° {n}")
    notified_on = datetime.date(2025, 1, 1)
    duration_months = 12
    amount = Decimal("500000")
    planned_hours = Decimal("1200")

    @factory.post_generation
    def with_commitments(self, create, extracted, **kwargs):
        """`ContractFactory(with_commitments=3)` adds three companies' commitments."""
        for _index in range(extracted or 0):
            CommitmentFactory(contract=self)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    contract = factory.SubFactory(ContractFactory)
    company = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.COMPANY)
    planned_hours = Decimal("1200")


class JobSheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobSheet

    commitment = factory.SubFactory(CommitmentFactory)
    title = "Enquêteur ou enquêtrice"
    tasks = "Administrer le questionnaire au domicile des ménages."
    skills = "Aisance relationnelle, rigueur."
    hours = Decimal("600")
    place = "Bordeaux"
    is_shared = True


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    facilitator = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.FACILITATOR)
    code = factory.Sequence(lambda n: f"P-{n:05d}")
    birth_year = 1990
    gender = Gender.FEMALE
    departement = "64"
    last_activity_on = datetime.date(2025, 1, 1)


class EligibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Eligibility

    participant = factory.SubFactory(ParticipantFactory)
    category = PublicCategory.LONG_TERM_JOB_SEEKER
    evidence_type = EvidenceType.FRANCE_TRAVAIL
    valid_from = datetime.date(2024, 1, 1)
    valid_to = None

    class Params:
        expired = factory.Trait(valid_from=datetime.date(2023, 1, 1), valid_to=datetime.date(2023, 12, 31))
        health_data = factory.Trait(category=PublicCategory.RQTH, evidence_type=EvidenceType.MDPH)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    commitment = factory.SubFactory(CommitmentFactory)
    participant = factory.SubFactory(
        ParticipantFactory, facilitator=factory.SelfAttribute("..commitment.contract.facilitator")
    )
    modality = Modality.DIRECT_HIRE
    contract_type = ContractType.CDD
    started_on = datetime.date(2025, 1, 1)

    class Params:
        subcontracting = factory.Trait(
            modality=Modality.SUBCONTRACTING,
            contract_type=ContractType.CDDI,
            provider_kind=StructureKind.EI,
            provider_siret="73282932000074",
            provider_name="EI du Hameau",
        )

    @factory.post_generation
    def eligible(self, create, extracted, **kwargs):
        """`PlacementFactory(eligible=True)` gives the participant an open-ended eligibility."""
        if extracted:
            EligibilityFactory(participant=self.participant, **kwargs)


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaration

    contract = factory.SubFactory(ContractFactory)
    company = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.COMPANY)
    month = datetime.date(2025, 1, 1)
    status = DeclarationStatus.DRAFT

    class Params:
        validated = factory.Trait(status=DeclarationStatus.VALIDATED)
        submitted = factory.Trait(status=DeclarationStatus.SUBMITTED)


class HoursEntryFactory(factory.django.DjangoModelFactory):
    """Validated hours by default: `HoursEntryFactory(placement=p, hours=35)` counts at once."""

    class Meta:
        model = HoursEntry

    placement = factory.SubFactory(PlacementFactory, eligible=True)
    month = datetime.date(2025, 1, 1)
    hours = Decimal("35")
    source = HoursSource.MANUAL
    declaration = factory.SubFactory(
        DeclarationFactory,
        validated=True,
        contract=factory.SelfAttribute("..placement.commitment.contract"),
        company=factory.SelfAttribute("..placement.commitment.company"),
        month=factory.SelfAttribute("..month"),
    )

    class Params:
        pending = factory.Trait(
            declaration=factory.SubFactory(
                DeclarationFactory,
                submitted=True,
                contract=factory.SelfAttribute("..placement.commitment.contract"),
                company=factory.SelfAttribute("..placement.commitment.company"),
                month=factory.SelfAttribute("..month"),
            )
        )
