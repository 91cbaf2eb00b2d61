"""A territory's yearly bilan over 500 contracts and 5,000 participants: ≤ 2 s, PDF included
(DESIGN.md section 7).

Builds the data in the configured database (SQLite by default, PostgreSQL with DATABASE_URL)
inside a transaction that is rolled back at the end, so nothing stays behind; prints the time to
compute the bilan and to write it as PDF, XLSX and CSV, and exits non-zero above the target.

Run: `python -m bench.reports` (or `make bench`).
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from accounts.enums import OrganisationKind  # noqa: E402
from accounts.models import Organisation  # noqa: E402
from followup.enums import (  # noqa: E402
    ContractType,
    DeclarationStatus,
    EvidenceType,
    Gender,
    HoursSource,
    Modality,
    OutcomeMoment,
    PublicCategory,
    Situation,
    StructureKind,
)
from followup.models import (  # noqa: E402
    Commitment,
    Contract,
    Declaration,
    Eligibility,
    HoursEntry,
    Outcome,
    Participant,
    Placement,
)
from followup.reports.compute import compute_report  # noqa: E402
from followup.reports.documents import render_export  # noqa: E402
from followup.reports.enums import ExportFormat, Scope  # noqa: E402
from followup.reports.subjects import find_subject  # noqa: E402
from ui.formatting import format_hours, group_thousands  # noqa: E402

CONTRACTS = 500
PEOPLE_PER_CONTRACT = 10
MONTHS = 6
YEAR = 2025
DEPARTEMENT = "2A"
TARGET_SECONDS = 2.0
BATCH = 2000

MODALITIES = [
    (Modality.DIRECT_HIRE, ContractType.CDD, ""),
    (Modality.PROVISION_ETTI, ContractType.TEMPORARY, StructureKind.ETTI),
    (Modality.PROVISION_AI, ContractType.CDDI, StructureKind.AI),
    (Modality.SUBCONTRACTING, ContractType.CDDI, StructureKind.EI),
    (Modality.DIRECT_HIRE, ContractType.APPRENTICESHIP, ""),
]


class Rollback(Exception):
    """Raised to leave the transaction once measured: the bench data never stays."""


def month(index: int) -> datetime.date:
    return datetime.date(YEAR, 1 + index, 1)


def build() -> tuple[int, int]:
    """Contracts, commitments, people, placements, monthly hours and outcomes, in bulk.

    On PostgreSQL the statement timeout that protects the site is lifted while building (bulk
    inserts are not what is measured) and restored before measuring.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 0")
    buyer = Organisation.objects.create(name="Bench — acheteur", kind=OrganisationKind.BUYER)
    facilitator = Organisation.objects.create(name="Bench — facilitateur", kind=OrganisationKind.FACILITATOR)
    companies = Organisation.objects.bulk_create(
        Organisation(name=f"Bench — entreprise {n}", kind=OrganisationKind.COMPANY) for n in range(100)
    )
    contracts = Contract.objects.bulk_create(
        Contract(
            reference=f"BENCH-{n:04d}",
            buyer=buyer,
            facilitator=facilitator,
            title=f"Marché de travaux {n}",
            notified_on=datetime.date(YEAR - 1, 1 + n % 12, 1),
            duration_months=24,
            planned_hours=Decimal(1200),
            departement=DEPARTEMENT,
        )
        for n in range(CONTRACTS)
    )
    commitments = Commitment.objects.bulk_create(
        Commitment(contract=contract, company=companies[n % len(companies)], planned_hours=Decimal(1200))
        for n, contract in enumerate(contracts)
    )
    people = Participant.objects.bulk_create(
        (
            Participant(
                facilitator=facilitator,
                code=f"BENCH-{n:05d}",
                birth_year=1960 + n % 45,
                gender=Gender.FEMALE if n % 3 else Gender.MALE,
                last_activity_on=month(MONTHS - 1),
            )
            for n in range(CONTRACTS * PEOPLE_PER_CONTRACT)
        ),
        batch_size=BATCH,
    )
    categories = list(PublicCategory)
    Eligibility.objects.bulk_create(
        (
            Eligibility(
                participant=person,
                category=categories[n % len(categories)],
                evidence_type=EvidenceType.PRESCRIBER,
                valid_from=datetime.date(YEAR - 1, 6, 1),
            )
            for n, person in enumerate(people)
        ),
        batch_size=BATCH,
    )
    placements = Placement.objects.bulk_create(
        (
            Placement(
                participant=person,
                commitment=commitments[n // PEOPLE_PER_CONTRACT],
                modality=MODALITIES[n % len(MODALITIES)][0],
                contract_type=MODALITIES[n % len(MODALITIES)][1],
                provider_kind=MODALITIES[n % len(MODALITIES)][2],
                started_on=month(0),
            )
            for n, person in enumerate(people)
        ),
        batch_size=BATCH,
    )
    declarations = Declaration.objects.bulk_create(
        (
            Declaration(
                contract=commitment.contract,
                company=commitment.company,
                month=month(index),
                status=DeclarationStatus.VALIDATED,
            )
            for commitment in commitments
            for index in range(MONTHS)
        ),
        batch_size=BATCH,
    )
    by_key = {(d.contract_id, d.month): d for d in declarations}
    HoursEntry.objects.bulk_create(
        (
            HoursEntry(
                placement=placement,
                declaration=by_key[(placement.commitment.contract_id, month(index))],
                month=month(index),
                hours=Decimal(20 + index),
                source=HoursSource.SPREADSHEET,
            )
            for placement in placements
            for index in range(MONTHS)
        ),
        batch_size=BATCH,
    )
    Outcome.objects.bulk_create(
        (
            Outcome(
                placement=placement,
                moment=OutcomeMoment.EXIT,
                situation=Situation.CDI if n % 4 == 0 else Situation.JOB_SEARCH,
                observed_on=month(MONTHS - 1),
            )
            for n, placement in enumerate(placements)
            if n % 2 == 0
        ),
        batch_size=BATCH,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("RESET statement_timeout")
    return len(people), len(placements) * MONTHS


def measure() -> tuple[float, dict[str, float], object]:
    """Seconds for the bilan and its PDF (the figure of DESIGN.md), then each export alone."""
    timings = {}
    start = time.perf_counter()
    report = compute_report(find_subject(Scope.TERRITORY, DEPARTEMENT), year=YEAR)
    timings["calcul"] = time.perf_counter() - start
    for export_format in (ExportFormat.PDF, ExportFormat.XLSX, ExportFormat.CSV):
        started = time.perf_counter()
        render_export(report, export_format)
        timings[export_format.label] = time.perf_counter() - started
    return timings["calcul"] + timings[ExportFormat.PDF.label], timings, report


def main() -> int:
    call_command("migrate", verbosity=0)
    try:
        with transaction.atomic():
            people, entries = build()
            total, timings, report = measure()
            raise Rollback
    except Rollback:
        pass
    details = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timings.items())
    verdict = "OK" if total <= TARGET_SECONDS else "TROP LENT"
    print(
        f"bench.reports: bilan territoire-année ({CONTRACTS} contrats, {group_thousands(people)} personnes, "
        f"{group_thousands(entries)} saisies d'heures, {format_hours(report.realised_hours)} réalisées) : "
        f"{details} ; bilan et PDF {total:.2f} s (objectif ≤ {TARGET_SECONDS:g} s) {verdict}"
    )
    return 0 if total <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
