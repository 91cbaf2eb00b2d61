"""The four case studies of the seeds, through `clausier report` and through the bilan page."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from followup.models import Commitment
from followup.reports.compute import compute_report
from followup.reports.enums import Scope
from followup.reports.subjects import find_subject
from followup.services import penalty, realised_hours

NBSP = "\xa0"

CASE_STUDIES = [
    ("DEMO-BORDEAUX-EMD", 3600, 4630, 30),
    ("DEMO-GIRONDE-LOT1", 385, 393, 1),
    ("DEMO-GIRONDE-LOT2", 700, 570, 2),
    ("DEMO-HVO-LOGISTIQUE", 35, 70, 1),
    ("DEMO-PAU-MOE", 875, 903, 2),
]


def report_json(*args: str) -> dict:
    out = StringIO()
    call_command("report", *args, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


@pytest.mark.parametrize(("reference", "planned", "realised", "people"), CASE_STUDIES)
def test_demo_contract_report_reproduces_the_case_study(demo, reference, planned, realised, people):
    data = report_json("contract", reference, "--format", "json")

    assert (data["planned_hours"], data["realised_hours"], data["participants"]) == (
        planned,
        realised,
        people,
    )


def test_gironde_firm_reaches_its_pooled_total_across_the_operation(demo):
    data = report_json("operation", "DEMO-GIRONDE-A65")

    firm = next(line for line in data["companies"] if line["company"] == "Cabinet CERCEAU")
    assert (firm["planned_hours"], firm["realised_hours"]) == (1115, 1185)
    assert data["participants"] == 3
    lot2 = next(line for line in data["commitments"] if line["contract"] == "DEMO-GIRONDE-LOT2")
    assert (lot2["entries_hours"], lot2["transfers_in"], lot2["realised_hours"]) == (530, 40, 570)


def test_bordeaux_breakdowns_count_each_person_once(demo):
    data = report_json("contract", "DEMO-BORDEAUX-EMD")

    for breakdown in (
        "people_by_gender",
        "people_by_age_band",
        "people_by_modality",
        "people_by_contract_type",
    ):
        assert sum(data[breakdown].values()) == 30
    assert data["hours_by_modality"] == {"direct_hire": 4630}
    assert sum(data["outcomes"]["exit"].values()) == 30


def test_report_figures_agree_with_the_core_rules_for_every_demo_commitment(demo):
    """The bilan sums hours per commitment in one query; the core computes them one by one."""
    subject = find_subject(Scope.TERRITORY, "33")
    lines = {(line.contract_reference, line.company): line for line in compute_report(subject).commitments}
    for commitment in Commitment.objects.filter(contract__departement="33").select_related(
        "contract", "company"
    ):
        line = lines[(commitment.contract.reference, commitment.company.name)]
        assert line.realised == realised_hours(commitment)


@pytest.mark.parametrize(("reference", "planned", "realised", "people"), CASE_STUDIES)
def test_demo_contract_page_shows_the_case_study_figures(demo, client, reference, planned, realised, people):
    client.force_login(get_user_model().objects.get(username="facilitateur"))

    response = client.get(reverse("followup:reports:report", args=["contrat", reference]))

    content = response.content.decode()
    assert response.status_code == 200
    for hours in (planned, realised):
        assert f"{hours:,}".replace(",", NBSP) + f"{NBSP}h" in content
    assert response.context["report"].participants == people


def test_no_demo_commitment_owes_a_penalty(demo):
    """The case studies set no amount per missing hour: neither the core nor the bilan charge one."""
    report = compute_report(find_subject(Scope.TERRITORY, "33"))
    assert report.penalties == ()
    assert all(penalty(c, on=c.contract.ends_on) is None for c in Commitment.objects.all())
    assert report.penalty_total == Decimal(0)
