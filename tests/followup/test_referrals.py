"""Job sheets shared with prescribers, and candidates positioned on them."""

import datetime

import pytest
from django.urls import reverse

from accounts.enums import AuditAction, OrganisationKind
from accounts.models import AuditEvent
from followup.enums import ReferralStatus
from followup.models import Referral
from tests.followup.factories import ContractFactory, JobSheetFactory, ParticipantFactory


@pytest.fixture
def job_sheet(cast):
    contract = ContractFactory(
        reference="MARCHE-A",
        facilitator=cast(OrganisationKind.FACILITATOR, "A").organisation,
        buyer=cast(OrganisationKind.BUYER, "A").organisation,
    )
    return JobSheetFactory(
        commitment__contract=contract, commitment__company=cast(OrganisationKind.COMPANY).organisation
    )


def test_facilitator_positions_a_candidate_and_the_trace_is_audited(client, cast, job_sheet):
    facilitator = cast(OrganisationKind.FACILITATOR)
    participant = ParticipantFactory(facilitator=facilitator.organisation, code="P-A-7")
    client.force_login(facilitator.user)

    response = client.post(
        reverse("followup:referral_create", args=[job_sheet.pk]),
        {
            "participant": participant.pk,
            "prescriber": "Mission locale",
            "referred_on": "03/02/2026",
            "status": ReferralStatus.PROPOSED,
        },
    )

    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.participant, referral.referred_on) == (participant, datetime.date(2026, 2, 3))
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="followup.participant", object_id=str(participant.pk)
    ).exists()
    page = client.get(reverse("followup:jobsheet", args=[job_sheet.pk])).content.decode()
    assert "P-A-7" in page
    assert "Mission locale" in page


def test_only_participants_of_the_contracts_facilitator_can_be_positioned(client, cast, job_sheet):
    other = ParticipantFactory(facilitator=cast(OrganisationKind.FACILITATOR, "B").organisation)
    client.force_login(cast(OrganisationKind.FACILITATOR).user)

    response = client.post(
        reverse("followup:referral_create", args=[job_sheet.pk]),
        {"participant": other.pk, "referred_on": "03/02/2026", "status": ReferralStatus.PROPOSED},
    )

    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_company_reads_its_job_sheet_without_the_candidates(client, cast, job_sheet):
    facilitator = cast(OrganisationKind.FACILITATOR)
    participant = ParticipantFactory(facilitator=facilitator.organisation, code="P-SECRET")
    Referral.objects.create(
        job_sheet=job_sheet, participant=participant, referred_on=datetime.date(2026, 2, 3)
    )
    client.force_login(cast(OrganisationKind.COMPANY).user)

    page = client.get(reverse("followup:jobsheet", args=[job_sheet.pk])).content.decode()

    assert "Enquêteur ou enquêtrice" in page
    assert "P-SECRET" not in page
    assert client.get(reverse("followup:referral_create", args=[job_sheet.pk])).status_code == 403


@pytest.mark.parametrize(
    "kind", [OrganisationKind.FACILITATOR, OrganisationKind.COMPANY, OrganisationKind.BUYER]
)
def test_outsiders_get_404_on_the_job_sheet(client, cast, job_sheet, kind):
    client.force_login(cast(kind, "B").user)

    assert client.get(reverse("followup:jobsheet", args=[job_sheet.pk])).status_code == 404
    assert client.get(reverse("followup:referral_create", args=[job_sheet.pk])).status_code == 404
