import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from accounts.enums import AuditAction
from accounts.models import AuditEvent, Organisation


def test_report_writes_each_format_to_the_output_file(demo, tmp_path):
    out = StringIO()
    for extension in ("json", "csv", "xlsx", "pdf"):
        path = tmp_path / f"pau.{extension}"
        call_command(
            "report", "contract", "DEMO-PAU-MOE", "--format", extension, "--output", str(path), stdout=out
        )
    assert json.loads((tmp_path / "pau.json").read_text())["realised_hours"] == 903
    assert (tmp_path / "pau.csv").read_bytes().startswith(b"\xef\xbb\xbfSynth\xc3\xa8se")
    assert load_workbook(tmp_path / "pau.xlsx")["Synthèse"]["B2"].value == 903
    assert (tmp_path / "pau.pdf").read_bytes().startswith(b"%PDF-")
    summary = "Bilan contrat DEMO-PAU-MOE : 875\xa0h prévues, 903\xa0h réalisées, 2 personne(s)"
    assert out.getvalue().splitlines()[0] == f"{summary} → {tmp_path / 'pau.json'}."


def test_report_names_buyers_by_siret_or_id_and_territories_by_code(demo):
    buyer = Organisation.objects.get(name="Communauté urbaine de Bordeaux")
    for ref in (str(buyer.pk), *([buyer.siret] if buyer.siret else [])):
        out = StringIO()
        call_command("report", "buyer", ref, stdout=out, stderr=StringIO())
        assert json.loads(out.getvalue())["realised_hours"] == 4630
    out = StringIO()
    call_command("report", "territory", "95", "--year", "2011", stdout=out, stderr=StringIO())
    assert json.loads(out.getvalue())["realised_hours"] == 70


def test_report_exports_are_audited(demo):
    call_command("report", "contract", "DEMO-HVO-LOGISTIQUE", stdout=StringIO(), stderr=StringIO())

    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.actor, event.object_id, event.details["via"]) == (
        None,
        "contract:DEMO-HVO-LOGISTIQUE",
        "cli",
    )


def test_unknown_reference_is_a_command_error(demo):
    with pytest.raises(CommandError, match="Aucun contrat suivi de référence NOPE"):
        call_command("report", "contract", "NOPE")
