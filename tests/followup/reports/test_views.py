"""Bilan pages and exports: who sees what, small-cell suppression, file formats, audit."""

import csv
import datetime
import html
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.enums import AuditAction, OrganisationKind
from accounts.models import AuditEvent
from followup.reports.compute import WITHHELD
from tests.followup.factories import CommitmentFactory, ContractFactory, OrganisationFactory, PlacementFactory
from tests.followup.reports.builders import hours
from tests.ui.pdf import pdf_text

NBSP = "\xa0"
FACILITATOR, BUYER, COMPANY = OrganisationKind.FACILITATOR, OrganisationKind.BUYER, OrganisationKind.COMPANY
OBSERVER, SUPPLIER = OrganisationKind.STATE, OrganisationKind.SUPPLIER
FORMATS = ["json", "csv", "xlsx", "pdf"]


@pytest.fixture
def contract(cast):
    """A contract of buyer A followed by facilitator A, held by company A with a co-contractor."""
    contract = ContractFactory(
        reference="TEST-PAU",
        buyer=cast(BUYER).organisation,
        facilitator=cast(FACILITATOR).organisation,
        departement="64",
        planned_hours=300,
        legal_basis="article 14 du CMP",
    )
    for company, amount in ((cast(COMPANY).organisation, 120), (OrganisationFactory(name="Cotraitant"), 80)):
        commitment = CommitmentFactory(contract=contract, company=company, planned_hours=150)
        hours(PlacementFactory(commitment=commitment, eligible=True), datetime.date(2025, 1, 1), amount)
    return contract


def report_url(segment: str, ref: str) -> str:
    return reverse("followup:reports:report", args=[segment, ref])


def export_url(segment: str, ref: str, extension: str) -> str:
    return reverse("followup:reports:export", args=[segment, ref, extension])


def test_facilitator_of_the_contract_reads_full_figures(client, cast, contract):
    client.force_login(cast(FACILITATOR).user)

    response = client.get(report_url("contrat", contract.reference))

    assert response.status_code == 200
    assert response.context["report"].participants == 2
    content = response.content.decode()
    assert f"300{NBSP}h" in content
    assert f"200{NBSP}h" in content
    assert "Secret statistique" not in content


def test_buyer_reads_the_contract_with_small_counts_withheld(client, cast, contract):
    client.force_login(cast(BUYER).user)

    response = client.get(report_url("contrat", contract.reference))

    report = response.context["report"]
    assert (report.participants, report.realised_hours) == (WITHHELD, 200)
    assert "Secret statistique" in response.content.decode()


def test_company_reads_only_its_own_commitment(client, cast, contract):
    client.force_login(cast(COMPANY).user)

    report = client.get(report_url("contrat", contract.reference)).context["report"]

    assert [line.company for line in report.commitments] == [cast(COMPANY).organisation.name]
    assert (report.planned_hours, report.realised_hours, report.participants) == (150, 120, WITHHELD)


@pytest.mark.parametrize(
    ("kind", "side"),
    [(FACILITATOR, "B"), (BUYER, "B"), (COMPANY, "B"), (SUPPLIER, "A"), (OBSERVER, "A")],
)
def test_outsiders_get_404_on_the_contract_bilan_and_its_exports(client, cast, contract, kind, side):
    client.force_login(cast(kind, side).user)

    assert client.get(report_url("contrat", contract.reference)).status_code == 404
    assert client.get(reverse("followup:reports:sheet", args=[contract.reference])).status_code == 404
    assert client.get(reverse("followup:reports:sheet-pdf", args=[contract.reference])).status_code == 404
    for extension in FORMATS:
        assert client.get(export_url("contrat", contract.reference, extension)).status_code == 404


def test_observer_reads_the_territory_with_small_counts_withheld(client, cast, contract):
    client.force_login(cast(OBSERVER).user)

    response = client.get(report_url("territoire", "64"), {"annee": 2025})

    report = response.context["report"]
    assert (report.year, report.realised_hours, report.participants) == (2025, 200, WITHHELD)


@pytest.mark.parametrize(("kind", "side"), [(SUPPLIER, "A"), (FACILITATOR, "B"), (BUYER, "B")])
def test_territory_bilan_is_404_for_those_without_a_contract_there(client, cast, contract, kind, side):
    client.force_login(cast(kind, side).user)

    assert client.get(report_url("territoire", "64")).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, contract):
    response = client.get(export_url("contrat", contract.reference, "csv"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_csv_export_has_a_bom_semicolons_and_the_figures(client, cast, contract):
    client.force_login(cast(FACILITATOR).user)

    response = client.get(export_url("contrat", contract.reference, "csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Synthèse"]
    assert rows[2][:4] == ["300", "200", "66,7", "2"]


def test_xlsx_export_opens_and_holds_the_figures(client, cast, contract):
    client.force_login(cast(FACILITATOR).user)

    response = client.get(export_url("contrat", contract.reference, "xlsx"))

    workbook = load_workbook(io.BytesIO(response.content))
    summary = workbook["Synthèse"]
    assert [summary.cell(2, column).value for column in (1, 2, 4)] == [300, 200, 2]
    assert "Heures par entreprise et par co" in workbook.sheetnames


def test_pdf_export_is_a_pdf_with_the_figures_and_the_chart(client, cast, contract):
    client.force_login(cast(FACILITATOR).user)

    response = client.get(export_url("contrat", contract.reference, "pdf"))

    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content).replace(NBSP, " ")
    assert "Heures réalisées : 200 h" in text
    assert "TEST-PAU" in text


def test_json_export_names_hours_and_people(client, cast, contract):
    client.force_login(cast(BUYER).user)

    data = json.loads(client.get(export_url("contrat", contract.reference, "json")).content)

    assert (data["planned_hours"], data["realised_hours"], data["participants"]) == (300, 200, WITHHELD)
    assert data["small_counts_withheld"] is True


def test_exports_with_full_counts_are_audited_and_withheld_ones_are_not(client, cast, contract):
    client.force_login(cast(FACILITATOR).user)
    client.get(export_url("contrat", contract.reference, "xlsx"), {"annee": 2025})
    client.force_login(cast(BUYER).user)
    client.get(export_url("contrat", contract.reference, "xlsx"))

    (event,) = AuditEvent.objects.filter(action=AuditAction.EXPORT)
    assert event.actor == cast(FACILITATOR).user
    assert (event.object_type, event.object_id) == ("followup.report", "contract:TEST-PAU")
    assert event.details == {"format": "xlsx", "year": 2025}


def test_experience_sheet_follows_the_case_study_layout(client, cast, contract):
    client.force_login(cast(FACILITATOR).user)

    content = html.unescape(
        client.get(reverse("followup:reports:sheet", args=[contract.reference])).content.decode()
    )

    assert (
        "Article L2112-2 du code de la commande publique (ancien article 14 du code des marchés publics)"
        in content
    )
    for label in (
        "Donneur d'ordre",
        "Nombre d'heures d'insertion prévues",
        "Nombre de personnes bénéficiaires",
    ):
        assert label in content
    assert f"200{NBSP}h (66,7{NBSP}%)" in content


def test_experience_sheet_pdf_holds_the_sheet(client, cast, contract):
    client.force_login(cast(FACILITATOR).user)

    response = client.get(reverse("followup:reports:sheet-pdf", args=[contract.reference]))

    assert response.content.startswith(b"%PDF-")
    assert "Fondement juridique de la clause" in pdf_text(response.content)


def test_index_lists_the_bilans_the_user_may_read_and_sends_territories_on(client, cast, contract):
    client.force_login(cast(BUYER).user)

    assert contract in client.get(reverse("followup:reports:index")).context["contracts"]
    response = client.get(reverse("followup:reports:index"), {"departement": "64", "annee": "2025"})
    assert response["Location"] == report_url("territoire", "64") + "?annee=2025"
