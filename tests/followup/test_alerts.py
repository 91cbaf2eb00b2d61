import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.enums import OrganisationKind
from followup.alerts import send_shortfall_alerts
from followup.tasks import send_monthly_shortfall_alerts
from tests.followup.factories import CommitmentFactory, ContractFactory, HoursEntryFactory, PlacementFactory

ON = datetime.date(2025, 7, 2)


@pytest.fixture
def late_contract(cast):
    facilitator = cast(OrganisationKind.FACILITATOR, "A")
    contract = ContractFactory(
        reference="EN-RETARD", facilitator=facilitator.organisation, notified_on=datetime.date(2025, 1, 1)
    )
    commitment = CommitmentFactory(contract=contract, planned_hours=Decimal(1200))
    HoursEntryFactory(placement=PlacementFactory(commitment=commitment, eligible=True), hours=Decimal(100))
    on_time = ContractFactory(
        reference="A-L-HEURE", facilitator=cast(OrganisationKind.FACILITATOR, "B").organisation
    )
    HoursEntryFactory(
        placement=PlacementFactory(
            commitment=CommitmentFactory(contract=on_time, planned_hours=Decimal(10)), eligible=True
        )
    )
    return contract


def test_facilitators_receive_one_email_listing_their_contracts_at_risk(cast, late_contract):
    sent = send_shortfall_alerts(on=ON)

    assert sent == 1
    [message] = mail.outbox
    assert message.to == [cast(OrganisationKind.FACILITATOR, "A").user.email]
    assert "EN-RETARD" in message.body
    assert "A-L-HEURE" not in message.body


def test_alerts_are_sent_once_a_month(late_contract):
    send_shortfall_alerts(on=ON)
    send_shortfall_alerts(on=ON + datetime.timedelta(days=3))

    assert len(mail.outbox) == 1
    send_shortfall_alerts(on=datetime.date(2025, 8, 2))
    assert len(mail.outbox) == 2


def test_no_email_without_contracts_at_risk(cast):
    ContractFactory(facilitator=cast(OrganisationKind.FACILITATOR, "A").organisation)

    assert send_shortfall_alerts(on=ON) == 0
    assert mail.outbox == []


def test_command_prints_a_summary(late_contract):
    out = io.StringIO()

    call_command("send_shortfall_alerts", "--date", "2025-07-02", stdout=out)

    assert "1 message(s) de veille des écarts envoyé(s)." in out.getvalue()


def test_task_wraps_the_monthly_sending(late_contract):
    assert send_monthly_shortfall_alerts.call() == 1
