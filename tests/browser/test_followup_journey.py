"""A facilitator's journey in a real browser: from a new contract to its bilan.

The facilitator registers an operation, a contract with its holder's commitment, a participant
with an eligibility and a placement; the holder declares the month's hours on the company
portal and sends them; the facilitator validates them and opens the contract's bilan, where the
planned and realised hours appear, with the chart and its data table. A second test starts
from the bilans page and downloads the CSV.
"""

import datetime

import pytest

from accounts.enums import OrganisationKind
from tests.followup.factories import CommitmentFactory, ContractFactory, PlacementFactory
from tests.followup.reports.builders import hours

pytestmark = pytest.mark.browser

NBSP = "\xa0"
PASSWORD = "un mot de passe solide"  # the cast's (tests/conftest.py)


def log_in(page, username: str) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/compte/")


def save(page) -> None:
    page.get_by_role("button", name="Enregistrer").click()


@pytest.fixture
def holder_page(browser, live_server):
    """A second browser session, for the company's user; closed after the test so that the live
    server lets its database connections go."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    yield context.new_page()
    context.close()


def test_facilitator_goes_from_a_new_contract_to_its_bilan(page, holder_page, cast):
    facilitator = cast(OrganisationKind.FACILITATOR)
    buyer, company = cast(OrganisationKind.BUYER), cast(OrganisationKind.COMPANY)
    log_in(page, facilitator.user.username)

    page.goto("/suivi/operations/nouvelle/")
    page.get_by_label("Référence").fill("PAU-HAMEAU")
    page.get_by_label("Nom").fill("Renouvellement urbain du Hameau")
    page.get_by_label("Acheteur").select_option(label=buyer.organisation.name)
    page.get_by_label("Facilitateur").select_option(label=facilitator.organisation.name)
    save(page)

    page.wait_for_url("**/suivi/contrats/nouveau/")
    page.get_by_label("Référence").fill("PAU-MOE-2026")
    page.get_by_label("Intitulé").fill("Maîtrise d'œuvre d'un pôle éducatif et culturel")
    page.get_by_label("Acheteur").select_option(label=buyer.organisation.name)
    page.get_by_label("Gestionnaire de la clause", exact=False).first.select_option(
        label=facilitator.organisation.name
    )
    page.get_by_label("Opération").select_option(label="Renouvellement urbain du Hameau")
    page.get_by_label("Date de notification").fill("01/01/2026")
    page.get_by_label("Durée (mois)").fill("6")
    page.get_by_label("Heures d'insertion prévues").fill("875")
    save(page)

    page.get_by_role("link", name="Ajouter une entreprise").click()
    page.get_by_label("Entreprise").select_option(label=company.organisation.name)
    page.get_by_label("Heures prévues").fill("875")
    save(page)

    page.goto("/suivi/participants/nouveau/")
    page.get_by_label("Facilitateur").select_option(label=facilitator.organisation.name)
    page.get_by_label("Code pseudonyme").fill("PAU-01")
    page.get_by_label("Année de naissance").fill("1985")
    page.get_by_label("Genre").select_option(label="Femme")
    save(page)
    page.get_by_role("link", name="Ajouter une éligibilité").click()
    page.get_by_label("Public").select_option(label="Allocataire du RSA")
    page.get_by_label("Justificatif vu").select_option(label="Attestation CAF ou MSA")
    page.get_by_label("Valable du").fill("01/01/2026")
    save(page)
    page.get_by_role("link", name="Nouvelle mise en emploi").click()
    page.get_by_label("Engagement").select_option(index=1)
    page.get_by_label("Modalité").select_option(label="Embauche directe")
    page.get_by_label("Type de contrat").select_option(label="CDD")
    page.get_by_label("Début").fill("01/02/2026")
    save(page)

    holder = holder_page
    log_in(holder, company.user.username)
    holder.goto("/suivi/declarations/nouvelle/")
    holder.get_by_label("Contrat").select_option(index=1)
    holder.get_by_label("Mois déclaré").fill("02/2026")
    save(holder)
    holder.get_by_label("Mise en emploi").select_option(index=1)
    holder.locator("input[name=month]").fill("02/2026")
    holder.locator("input[name=hours]").fill("903")
    holder.get_by_role("button", name="Ajouter").click()
    assert holder.get_by_role("rowheader", name="PAU-01").is_visible()
    holder.get_by_role("button", name="Transmettre au facilitateur").click()
    declaration_url = holder.url

    page.goto(declaration_url)
    page.get_by_label("Décision").select_option(label="Valider")
    page.get_by_role("button", name="Enregistrer la décision").click()
    assert page.get_by_text("Déclaration validée.").is_visible()

    page.goto("/suivi/bilans/")
    page.get_by_role("link", name="PAU-MOE-2026", exact=False).first.click()
    page.wait_for_url("**/suivi/bilans/contrat/PAU-MOE-2026/")
    assert page.get_by_text(f"903{NBSP}h", exact=True).first.is_visible()
    assert page.get_by_role("img", name="Heures d'insertion prévues et réalisées").is_visible()
    table = page.get_by_role("table", name="Heures d'insertion prévues et réalisées")
    assert table.get_by_role("cell", name=f"875{NBSP}h").is_visible()
    assert table.get_by_role("cell", name=f"903{NBSP}h").is_visible()


def test_facilitator_downloads_the_bilan_from_the_bilans_page(page, cast):
    facilitator = cast(OrganisationKind.FACILITATOR)
    contract = ContractFactory(
        reference="PAU-MOE-2026", facilitator=facilitator.organisation, planned_hours=875
    )
    placement = PlacementFactory(
        commitment=CommitmentFactory(contract=contract, planned_hours=875), eligible=True
    )
    hours(placement, datetime.date(2025, 1, 1), 903)
    log_in(page, facilitator.user.username)

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
