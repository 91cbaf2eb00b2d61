"""The four case studies of the Avise 2013 study as followed contracts (seeds, "Etude de cas #1-4").

Buyers, clause managers, holders, dates, amounts and hours are those of the case sheets; the
participants are fictional, under pseudonymous codes, with hours spread month by month so that
each contract's report gives the published figures:

- Bordeaux household survey: 3 600 h planned, 4 630 h done, 30 people, direct CDD hires;
- Gironde land consolidation: lot 1 385 → 393 h (SCP COUTURE), lot 2 700 → 570 h in progress
  (Cabinet CERCEAU). The sheet says "the selected firm, due 1 115 h in all, is now at 1 185 h"
  thanks to pooling with other land operations: Cabinet CERCEAU also holds a related operation
  (DEMO-GIRONDE-AFAF-2, 415 h planned, 655 h recorded), 40 h of which were pooled into lot 2,
  so the firm reaches 700 + 415 = 1 115 h planned and 570 + 615 = 1 185 h done; 3 people;
- Haut Val d'Oise logistics study: 35 → 70 h, one person aged over 50, direct CDD;
- Pau project management: 875 → 903 h, two people (a direct CDD and an ETTI provision).

Idempotent: every row is found again by a stable key (references, codes, months).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TextIO

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.enums import OrganisationKind, Role
from accounts.models import Membership, Organisation
from followup.enums import (
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
from followup.models import (
    Commitment,
    Contract,
    Declaration,
    Eligibility,
    HoursEntry,
    JobSheet,
    Operation,
    Outcome,
    Participant,
    Placement,
    Referral,
    Transfer,
    add_months,
)

LEGAL_BASIS = "CMP art. 14 (aujourd'hui CCP L2112-2)"


@dataclass(frozen=True)
class DemoContract:
    reference: str
    buyer: str
    facilitator: str
    clause_manager: str
    title: str
    notified_on: datetime.date
    duration_months: int
    amount: Decimal | None
    planned_hours: int
    departement: str
    perimeter: str
    holders: tuple[tuple[str, CommitmentRole, int], ...]
    lots: str = ""
    operation: str = ""
    narrative: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoPlacement:
    code: str
    contract: str
    company: str
    job: str
    modality: Modality
    contract_type: ContractType
    first_month: datetime.date
    hours: int
    months: int
    birth_year: int
    gender: Gender
    category: PublicCategory
    prescriber: str
    commune: str
    provider: tuple[str, StructureKind] | None = None
    exit_situation: Situation | None = None


BUYERS = {
    "Communauté urbaine de Bordeaux": "33",
    "Conseil général de la Gironde": "33",
    "Communauté de Communes du Haut Val d'Oise": "95",
    "Communauté d'agglomération de Pau-Pyrénées": "64",
}
FACILITATORS = {
    "Communauté urbaine de Bordeaux — service ESS": "33",
    "Conseil général de la Gironde — bureau de la clause sociale": "33",
    "Maison de l'Emploi et de l'Initiative Économique du Haut Val d'Oise": "95",
    "PLIE Pau-Pyrénées": "64",
}
COMPANIES = {
    "Test SA": "33",
    "SCP COUTURE": "33",
    "Cabinet CERCEAU": "33",
    "ECOMODAL": "13",
    "CAMBORDE": "64",
    "OTCE": "64",
    "HEV": "64",
}
OPERATIONS = {
    "DEMO-GIRONDE-A65": (
        "Aménagement foncier agricole et forestier de l'autoroute A65",
        "Conseil général de la Gironde",
        "Conseil général de la Gironde — bureau de la clause sociale",
    ),
    "DEMO-PAU-HAMEAU": (
        "Renouvellement urbain du quartier du Hameau",
        "Communauté d'agglomération de Pau-Pyrénées",
        "PLIE Pau-Pyrénées",
    ),
}

GIRONDE_NARRATIVE = {
    "description": "Restructuration de parcelles dans le cadre de la construction de l'autoroute A65 "
    "(piquetage et travaux topographiques).",
    "clause_objectives": "Orienter la commande publique et les démarches d'insertion vers d'autres "
    "activités que le BTP ; cibler des profils bac + 2 ou 3 sans expérience professionnelle.",
    "engineering": "Partenariat avec Pôle emploi ; calibrage des heures construit avec l'ordre des "
    "géomètres experts.",
    "key_steps": "Mutualisation des heures avec d'autres marchés en cours ; sensibilisation des services "
    "du conseil général par le bureau de la clause sociale.",
}

CONTRACTS = (
    DemoContract(
        reference="DEMO-BORDEAUX-EMD",
        buyer="Communauté urbaine de Bordeaux",
        facilitator="Communauté urbaine de Bordeaux — service ESS",
        clause_manager="Direction économique des entreprises et de l'attractivité (service ESS), "
        "Direction de la commande publique",
        title="Enquête ménages déplacements",
        notified_on=datetime.date(2008, 8, 1),
        duration_months=8,
        amount=Decimal(1_000_000),
        planned_hours=3600,
        departement="33",
        perimeter="Aire urbaine de l'agglomération bordelaise",
        holders=(("Test SA", CommitmentRole.HOLDER, 3600),),
        narrative={
            "description": "Enquête sur les déplacements des ménages, au domicile des habitants "
            "sélectionnés par échantillonnage (méthodologie du CERTU).",
            "objectives": "Étudier les modes de déplacement de l'aire urbaine pour éclairer la politique "
            "de mobilité communautaire.",
            "clause_objectives": "Diversifier les marchés concernés par les clauses ; positionner des "
            "femmes sur ces clauses, le BTP leur étant difficilement accessible.",
            "difference_explanation": "Très bon partenariat entre le donneur d'ordre, le PLIE, le conseil "
            "général et l'entreprise attributaire.",
            "pathway": "Repéreurs, enquêteurs et opérateurs de saisie ; formation accélérée par "
            "l'entreprise ; accompagnement social par le PLIE.",
            "assessment": "Des opportunités d'embauches durables pour les opératrices de saisie.",
        },
    ),
    DemoContract(
        reference="DEMO-GIRONDE-LOT1",
        buyer="Conseil général de la Gironde",
        facilitator="Conseil général de la Gironde — bureau de la clause sociale",
        clause_manager="Bureau de la clause sociale, Direction des politiques de lutte contre les exclusions",
        title="Opérations d'aménagement foncier agricole et forestier — lot 1",
        lots="Lot 1",
        operation="DEMO-GIRONDE-A65",
        notified_on=datetime.date(2010, 7, 1),
        duration_months=48,
        amount=Decimal(220_000),
        planned_hours=385,
        departement="33",
        perimeter="Périmètre de l'autoroute A65 entre Langon et Pau",
        holders=(("SCP COUTURE", CommitmentRole.HOLDER, 385),),
        narrative=GIRONDE_NARRATIVE,
    ),
    DemoContract(
        reference="DEMO-GIRONDE-LOT2",
        buyer="Conseil général de la Gironde",
        facilitator="Conseil général de la Gironde — bureau de la clause sociale",
        clause_manager="Bureau de la clause sociale, Direction des politiques de lutte contre les exclusions",
        title="Opérations d'aménagement foncier agricole et forestier — lot 2",
        lots="Lot 2",
        operation="DEMO-GIRONDE-A65",
        notified_on=datetime.date(2010, 7, 1),
        duration_months=48,
        amount=Decimal(460_000),
        planned_hours=700,
        departement="33",
        perimeter="Périmètre de l'autoroute A65 entre Langon et Pau",
        holders=(("Cabinet CERCEAU", CommitmentRole.HOLDER, 700),),
        narrative=GIRONDE_NARRATIVE,
    ),
    DemoContract(
        reference="DEMO-GIRONDE-AFAF-2",
        buyer="Conseil général de la Gironde",
        facilitator="Conseil général de la Gironde — bureau de la clause sociale",
        clause_manager="Bureau de la clause sociale, Direction des politiques de lutte contre les exclusions",
        title="Opération d'aménagement foncier lancée dans la foulée (heures mutualisées)",
        operation="DEMO-GIRONDE-A65",
        notified_on=datetime.date(2011, 1, 1),
        duration_months=24,
        amount=None,
        planned_hours=415,
        departement="33",
        perimeter="Périmètre de l'autoroute A65",
        holders=(("Cabinet CERCEAU", CommitmentRole.HOLDER, 415),),
    ),
    DemoContract(
        reference="DEMO-HVO-LOGISTIQUE",
        buyer="Communauté de Communes du Haut Val d'Oise",
        facilitator="Maison de l'Emploi et de l'Initiative Économique du Haut Val d'Oise",
        clause_manager="Maison de l'Emploi et de l'Initiative Économique du Haut Val d'Oise",
        title="Étude de positionnement d'une plateforme logistique multimodale",
        notified_on=datetime.date(2011, 3, 1),
        duration_months=6,
        amount=Decimal(55_000),
        planned_hours=35,
        departement="95",
        perimeter="Bruyères-sur-Oise",
        holders=(("ECOMODAL", CommitmentRole.HOLDER, 35),),
        narrative={
            "clause_objectives": "Cibler des publics différents, notamment des femmes ou des seniors ; "
            "tester la clause sur un marché de prestations intellectuelles.",
            "difference_explanation": "Nécessité de poursuivre la mission pour finaliser l'étude.",
            "vigilance_points": "Sélection des personnes à positionner sur la clause.",
            "assessment": "La personne, âgée de plus de 50 ans, a effectué le double des heures prévues "
            "puis créé sa propre entreprise.",
        },
    ),
    DemoContract(
        reference="DEMO-PAU-MOE",
        buyer="Communauté d'agglomération de Pau-Pyrénées",
        facilitator="PLIE Pau-Pyrénées",
        clause_manager="PLIE Pau-Pyrénées (rattaché au GIP DSU)",
        title="Maîtrise d'œuvre d'un pôle éducatif et culturel",
        operation="DEMO-PAU-HAMEAU",
        notified_on=datetime.date(2010, 10, 1),
        duration_months=6,
        amount=None,
        planned_hours=875,
        departement="64",
        perimeter="ZUS Ousse-des-Bois, quartier du Hameau — agglomération de Pau",
        holders=(
            ("CAMBORDE", CommitmentRole.HOLDER, 875),
            ("OTCE", CommitmentRole.CO_CONTRACTOR, 0),
            ("HEV", CommitmentRole.CO_CONTRACTOR, 0),
        ),
        narrative={
            "clause_objectives": "Ouvrir la clause à un public plus qualifié ; développer le dispositif "
            "dans le secteur tertiaire.",
            "engineering": "Identification des candidats par le PLIE ; fiches de poste rédigées en amont "
            "avec les entreprises attributaires.",
            "pathway": "Une coordinatrice des habitants et un dessinateur projeteur.",
        },
    ),
)

AI_GIRONDE = ("Association intermédiaire Sud-Gironde (fictive)", StructureKind.AI)
ETTI_GIRONDE = ("ETTI Gironde Intérim Insertion (fictive)", StructureKind.ETTI)
ETTI_PAU = ("Sud-Ouest Intérim Insertion (ETTI)", StructureKind.ETTI)


def _bordeaux_placements() -> list[DemoPlacement]:
    """30 people on three positions; 4 630 h = 10 people × 155 h + 20 people × 154 h."""
    jobs = [("Repéreur", datetime.date(2008, 9, 1))] * 10
    jobs += [("Enquêteur", datetime.date(2008, 11, 1))] * 12
    jobs += [("Opérateur de saisie", datetime.date(2009, 1, 1))] * 8
    categories = [
        PublicCategory.LONG_TERM_JOB_SEEKER,
        PublicCategory.RSA,
        PublicCategory.YOUNG_LOW_QUALIFICATION,
        PublicCategory.SENIOR_JOB_SEEKER,
        PublicCategory.QPV_RESIDENT,
    ]
    placements = []
    for index, (job, first_month) in enumerate(jobs):
        is_data_entry = job == "Opérateur de saisie"
        placements.append(
            DemoPlacement(
                code=f"CUB-EMD-{index + 1:02d}",
                contract="DEMO-BORDEAUX-EMD",
                company="Test SA",
                job=job,
                modality=Modality.DIRECT_HIRE,
                contract_type=ContractType.CDD,
                first_month=first_month,
                hours=155 if index < 10 else 154,
                months=3,
                birth_year=1955 + (index * 7) % 35,
                gender=Gender.MALE if index % 4 == 3 else Gender.FEMALE,
                category=categories[index % len(categories)],
                prescriber="Antennes girondines de l'insertion" if is_data_entry else "PLIE",
                commune="Bordeaux",
                exit_situation=Situation.CDI if is_data_entry and index % 2 == 0 else Situation.JOB_SEARCH,
            )
        )
    return placements


PLACEMENTS = (
    *_bordeaux_placements(),
    DemoPlacement(
        code="CG33-A65-01",
        contract="DEMO-GIRONDE-LOT1",
        company="SCP COUTURE",
        job="Manœuvre de piquetage",
        modality=Modality.DIRECT_HIRE,
        contract_type=ContractType.CDD,
        first_month=datetime.date(2010, 9, 1),
        hours=393,
        months=6,
        birth_year=1986,
        gender=Gender.MALE,
        category=PublicCategory.LONG_TERM_JOB_SEEKER,
        prescriber="Pôle emploi",
        commune="Langon",
        exit_situation=Situation.LONG_CDD,
    ),
    DemoPlacement(
        code="CG33-A65-02",
        contract="DEMO-GIRONDE-LOT2",
        company="Cabinet CERCEAU",
        job="Manœuvre puis aide-géomètre",
        modality=Modality.PROVISION_AI,
        contract_type=ContractType.CDDI,
        first_month=datetime.date(2010, 10, 1),
        hours=290,
        months=6,
        birth_year=1984,
        gender=Gender.MALE,
        category=PublicCategory.LONG_TERM_JOB_SEEKER,
        prescriber="Pôle emploi",
        commune="Bazas",
        provider=AI_GIRONDE,
    ),
    DemoPlacement(
        code="CG33-A65-03",
        contract="DEMO-GIRONDE-LOT2",
        company="Cabinet CERCEAU",
        job="Aide-géomètre",
        modality=Modality.PROVISION_ETTI,
        contract_type=ContractType.TEMPORARY,
        first_month=datetime.date(2010, 11, 1),
        hours=240,
        months=6,
        birth_year=1983,
        gender=Gender.FEMALE,
        category=PublicCategory.RSA,
        prescriber="Pôle emploi",
        commune="Captieux",
        provider=ETTI_GIRONDE,
    ),
    DemoPlacement(
        code="CG33-A65-02",
        contract="DEMO-GIRONDE-AFAF-2",
        company="Cabinet CERCEAU",
        job="Aide-géomètre",
        modality=Modality.PROVISION_AI,
        contract_type=ContractType.CDDI,
        first_month=datetime.date(2011, 4, 1),
        hours=355,
        months=6,
        birth_year=1984,
        gender=Gender.MALE,
        category=PublicCategory.LONG_TERM_JOB_SEEKER,
        prescriber="Pôle emploi",
        commune="Bazas",
        provider=AI_GIRONDE,
        exit_situation=Situation.LONG_CDD,
    ),
    DemoPlacement(
        code="CG33-A65-03",
        contract="DEMO-GIRONDE-AFAF-2",
        company="Cabinet CERCEAU",
        job="Aide-géomètre",
        modality=Modality.PROVISION_ETTI,
        contract_type=ContractType.TEMPORARY,
        first_month=datetime.date(2011, 5, 1),
        hours=300,
        months=6,
        birth_year=1983,
        gender=Gender.FEMALE,
        category=PublicCategory.RSA,
        prescriber="Pôle emploi",
        commune="Captieux",
        provider=ETTI_GIRONDE,
        exit_situation=Situation.SHORT_CDD,
    ),
    DemoPlacement(
        code="MDE-HVO-01",
        contract="DEMO-HVO-LOGISTIQUE",
        company="ECOMODAL",
        job="Chargée d'entretiens auprès des entreprises",
        modality=Modality.DIRECT_HIRE,
        contract_type=ContractType.CDD,
        first_month=datetime.date(2011, 4, 1),
        hours=70,
        months=4,
        birth_year=1958,
        gender=Gender.FEMALE,
        category=PublicCategory.SENIOR_JOB_SEEKER,
        prescriber="Maison de l'emploi",
        commune="Bruyères-sur-Oise",
        exit_situation=Situation.BUSINESS_CREATION,
    ),
    DemoPlacement(
        code="PLIE-PAU-01",
        contract="DEMO-PAU-MOE",
        company="CAMBORDE",
        job="Coordinatrice des habitants",
        modality=Modality.DIRECT_HIRE,
        contract_type=ContractType.CDD,
        first_month=datetime.date(2010, 11, 1),
        hours=455,
        months=5,
        birth_year=1979,
        gender=Gender.FEMALE,
        category=PublicCategory.QPV_RESIDENT,
        prescriber="Club Emploi et Développement du Hameau",
        commune="Pau",
        exit_situation=Situation.JOB_SEARCH,
    ),
    DemoPlacement(
        code="PLIE-PAU-02",
        contract="DEMO-PAU-MOE",
        company="CAMBORDE",
        job="Dessinateur projeteur",
        modality=Modality.PROVISION_ETTI,
        contract_type=ContractType.TEMPORARY,
        first_month=datetime.date(2010, 11, 1),
        hours=448,
        months=5,
        birth_year=1981,
        gender=Gender.MALE,
        category=PublicCategory.LONG_TERM_JOB_SEEKER,
        prescriber="PLIE Pau-Pyrénées",
        commune="Pau",
        provider=ETTI_PAU,
        exit_situation=Situation.SHORT_CDD,
    ),
)

# Gironde pooling: hours of the follow-on operation moved into lot 2 (seed: "mutualisation").
TRANSFERS = (
    (
        ("DEMO-GIRONDE-AFAF-2", "Cabinet CERCEAU"),
        ("DEMO-GIRONDE-LOT2", "Cabinet CERCEAU"),
        Decimal(40),
        "Mutualisation des heures entre opérations d'aménagement foncier (parcours plus qualifiants).",
    ),
)


def monthly_split(total: int, months: int) -> list[int]:
    """`total` hours spread over `months` whole numbers, the remainder on the first months."""
    share, remainder = divmod(total, months)
    return [share + (1 if index < remainder else 0) for index in range(months)]


def _organisation(name: str, kind: OrganisationKind, departement: str) -> Organisation:
    organisation, _created = Organisation.objects.update_or_create(
        name=name, kind=kind, defaults={"departement": departement}
    )
    return organisation


def _load_contract(spec: DemoContract) -> Contract:
    operation = None
    if spec.operation:
        name, buyer, facilitator = OPERATIONS[spec.operation]
        operation, _created = Operation.objects.update_or_create(
            reference=spec.operation,
            defaults={
                "name": name,
                "buyer": Organisation.objects.get(name=buyer, kind=OrganisationKind.BUYER),
                "facilitator": Organisation.objects.get(name=facilitator, kind=OrganisationKind.FACILITATOR),
            },
        )
    contract, _created = Contract.objects.update_or_create(
        reference=spec.reference,
        defaults={
            "operation": operation,
            "buyer": Organisation.objects.get(name=spec.buyer, kind=OrganisationKind.BUYER),
            "facilitator": Organisation.objects.get(name=spec.facilitator, kind=OrganisationKind.FACILITATOR),
            "clause_manager": spec.clause_manager,
            "title": spec.title,
            "lots": spec.lots,
            "legal_basis": LEGAL_BASIS,
            "notified_on": spec.notified_on,
            "duration_months": spec.duration_months,
            "amount": spec.amount,
            "planned_hours": spec.planned_hours,
            "departement": spec.departement,
            "perimeter": spec.perimeter,
            **spec.narrative,
        },
    )
    for company, role, hours in spec.holders:
        Commitment.objects.update_or_create(
            contract=contract,
            company=Organisation.objects.get(name=company, kind=OrganisationKind.COMPANY),
            defaults={"role": role, "planned_hours": hours},
        )
    return contract


def _load_placement(spec: DemoPlacement, reviewer) -> Placement:
    contract = Contract.objects.get(reference=spec.contract)
    commitment = Commitment.objects.get(contract=contract, company__name=spec.company)
    months = [add_months(spec.first_month, index) for index in range(spec.months)]
    participant, _created = Participant.objects.update_or_create(
        facilitator=contract.facilitator,
        code=spec.code,
        defaults={
            "birth_year": spec.birth_year,
            "gender": spec.gender,
            "commune": spec.commune,
            "departement": contract.departement,
            "prescriber": spec.prescriber,
        },
        create_defaults={
            "birth_year": spec.birth_year,
            "gender": spec.gender,
            "commune": spec.commune,
            "departement": contract.departement,
            "prescriber": spec.prescriber,
            "last_activity_on": months[-1],
        },
    )
    if participant.last_activity_on < months[-1]:
        participant.last_activity_on = months[-1]
        participant.save(update_fields=["last_activity_on"])
    # The first placement of a person (they come in date order) opens the eligibility window.
    Eligibility.objects.get_or_create(
        participant=participant,
        category=spec.category,
        defaults={"evidence_type": EvidenceType.PRESCRIBER, "valid_from": add_months(spec.first_month, -3)},
    )
    job_sheet, _created = JobSheet.objects.update_or_create(
        commitment=commitment, title=spec.job, defaults={"place": contract.perimeter, "is_shared": True}
    )
    Referral.objects.update_or_create(
        job_sheet=job_sheet,
        participant=participant,
        defaults={
            "prescriber": spec.prescriber,
            "referred_on": add_months(spec.first_month, -1),
            "status": ReferralStatus.ACCEPTED,
        },
    )
    provider_name, provider_kind = spec.provider or ("", "")
    placement, _created = Placement.objects.update_or_create(
        participant=participant,
        commitment=commitment,
        started_on=spec.first_month,
        defaults={
            "job_sheet": job_sheet,
            "modality": spec.modality,
            "contract_type": spec.contract_type,
            "provider_name": provider_name,
            "provider_kind": provider_kind,
            "ended_on": add_months(spec.first_month, spec.months) - datetime.timedelta(days=1),
        },
    )
    for month, hours in zip(months, monthly_split(spec.hours, spec.months), strict=True):
        declaration, _created = Declaration.objects.update_or_create(
            contract=contract,
            company=commitment.company,
            month=month,
            defaults={"status": DeclarationStatus.VALIDATED, "reviewed_by": reviewer},
            create_defaults={
                "status": DeclarationStatus.VALIDATED,
                "reviewed_by": reviewer,
                "reviewed_at": timezone.now(),
            },
        )
        HoursEntry.objects.update_or_create(
            placement=placement,
            month=month,
            source=HoursSource.MANUAL,
            defaults={"declaration": declaration, "hours": hours, "created_by": reviewer},
        )
    if spec.exit_situation:
        Outcome.objects.update_or_create(
            placement=placement,
            moment=OutcomeMoment.EXIT,
            defaults={"situation": spec.exit_situation, "observed_on": placement.ended_on},
        )
    return placement


@transaction.atomic
def load_demo(stdout: TextIO) -> None:
    for name, departement in BUYERS.items():
        _organisation(name, OrganisationKind.BUYER, departement)
    facilitators = [
        _organisation(name, OrganisationKind.FACILITATOR, departement)
        for name, departement in FACILITATORS.items()
    ]
    for name, departement in COMPANIES.items():
        _organisation(name, OrganisationKind.COMPANY, departement)
    facilitator_user = get_user_model().objects.filter(username="facilitateur").first()
    if facilitator_user is not None:
        for organisation in facilitators:
            Membership.objects.get_or_create(
                user=facilitator_user, organisation=organisation, role=Role.FACILITATOR
            )
    for spec in CONTRACTS:
        _load_contract(spec)
    for spec in PLACEMENTS:
        _load_placement(spec, facilitator_user)
    for (from_reference, from_company), (to_reference, to_company), hours, reason in TRANSFERS:
        Transfer.objects.update_or_create(
            from_commitment=Commitment.objects.get(
                contract__reference=from_reference, company__name=from_company
            ),
            to_commitment=Commitment.objects.get(contract__reference=to_reference, company__name=to_company),
            reason=reason,
            defaults={"hours": hours, "created_by": facilitator_user},
        )
    stdout.write(
        f"Suivi des clauses : {len(CONTRACTS)} contrats, "
        f"{len({(p.contract, p.code) for p in PLACEMENTS})} mises en emploi de démonstration.\n"
    )
