"""A facilitator's journey, in a real browser, down to the contract's bilan."""

import datetime

import pytest

from accounts.demo import DEMO_PASSWORD
from accounts.enums import OrganisationKind, Role
from accounts.models import Membership, Organisation
from tests.followup.factories import CommitmentFactory, ContractFactory, PlacementFactory
from tests.followup.reports.builders import hours

pytestmark = pytest.mark.browser

NBSP = "\xa0"


def log_in(page, username: str) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/compte/")


def test_facilitator_opens_the_contract_bilan_and_reads_the_chart_table(page, django_user_model):
    facilitator = Organisation.objects.create(name="PLIE du Hameau", kind=OrganisationKind.FACILITATOR)
    user = django_user_model.objects.create_user(username="anne", password=DEMO_PASSWORD)
    Membership.objects.create(user=user, organisation=facilitator, role=Role.FACILITATOR)
    contract = ContractFactory(reference="PAU-MOE-2026", facilitator=facilitator, planned_hours=875)
    placement = PlacementFactory(
        commitment=CommitmentFactory(contract=contract, planned_hours=875), eligible=True
    )
    hours(placement, datetime.date(2025, 1, 1), 903)
    log_in(page, "anne")

    page.goto("/suivi/bilans/")
    page.get_by_role("link", name="PAU-MOE-2026").first.click()

    page.wait_for_url("**/suivi/bilans/contrat/PAU-MOE-2026/")
    assert page.get_by_text(f"903{NBSP}h", exact=True).first.is_visible()
    chart = page.get_by_role("img", name="Heures d'insertion prévues et réalisées")
    assert chart.is_visible()
    table = page.get_by_role("table", name="Heures d'insertion prévues et réalisées")
    assert table.get_by_role("cell", name=f"875{NBSP}h").is_visible()
    assert table.get_by_role("cell", name=f"903{NBSP}h").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger en CSV").click()
    assert download.value.suggested_filename == "bilan-contract-PAU-MOE-2026.csv"
