import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from accounts.enums import OrganisationKind
from followup.enums import DeclarationStatus, HoursSource
from followup.imports import (
    COLUMNS,
    commit_import,
    parse_decimal,
    parse_month,
    preview_import,
    template_csv,
    template_xlsx,
)
from followup.models import Contract, HoursEntry
from followup.services import realised_hours
from tests.followup.factories import CommitmentFactory, OrganisationFactory, PlacementFactory

SIRET = "73282932000074"


@pytest.fixture
def placement():
    company = OrganisationFactory(kind=OrganisationKind.COMPANY, siret=SIRET)
    commitment = CommitmentFactory(company=company, contract__reference="MARCHE-1")
    return PlacementFactory(commitment=commitment, participant__code="P-001", eligible=True)


def _csv(*rows, delimiter=";", bom=True) -> bytes:
    lines = [delimiter.join(COLUMNS)] + [delimiter.join(row) for row in rows]
    return (("\ufeff" if bom else "") + "\n".join(lines)).encode()


def _row(month="01/2025", hours="35", participant="P-001", modality="direct_hire", contract="MARCHE-1"):
    return (contract, SIRET, participant, modality, month, hours, "", "")


def _commit(data, filename="heures.csv"):
    return commit_import(
        data=data, filename=filename, contracts=Contract.objects.all(), by=None, by_facilitator=True
    )


def test_preview_saves_nothing(placement):
    preview = preview_import(data=_csv(_row()), filename="h.csv", contracts=Contract.objects.all())

    assert preview.is_valid
    assert preview.total_hours == 35
    assert not HoursEntry.objects.exists()


def test_commit_records_hours_that_count_at_once(placement):
    _commit(_csv(_row(), _row(month="2025-02", hours="12,5")))

    assert realised_hours(placement.commitment) == Decimal("47.5")
    entry = HoursEntry.objects.get(month=datetime.date(2025, 2, 1))
    assert entry.source == HoursSource.SPREADSHEET
    assert entry.source_row == 3
    assert entry.declaration.status == DeclarationStatus.VALIDATED


def test_reimporting_the_same_file_changes_nothing(placement):
    data = _csv(_row(), _row(month="02/2025"))
    _commit(data)

    preview = _commit(data)

    assert HoursEntry.objects.count() == 2
    assert preview.already_imported == 2
    assert realised_hours(placement.commitment) == 70


def test_one_bad_row_saves_nothing(placement):
    data = _csv(_row(), _row(month="13/2025"), _row(month="03/2025"))

    with pytest.raises(ValidationError):
        _commit(data)

    assert not HoursEntry.objects.exists()


def test_bad_rows_are_reported_in_french_by_row_and_column(placement):
    data = _csv(
        _row(),
        _row(month="13/2025"),
        _row(hours="beaucoup"),
        _row(participant="INCONNU"),
        _row(contract="AUTRE"),
        _row(modality="bénévolat"),
    )

    errors = [
        str(error)
        for error in preview_import(data=data, filename="h.csv", contracts=Contract.objects.all()).errors
    ]

    assert errors == [
        "Ligne 3, colonne « mois » : « 13/2025 » n'est pas un mois (MM/AAAA ou AAAA-MM).",
        "Ligne 4, colonne « heures » : « beaucoup » n'est pas un nombre.",
        "Ligne 5, colonne « participant » : aucune mise en emploi de « INCONNU » en « Embauche directe » "
        "sur ce contrat.",
        "Ligne 6, colonne « contrat » : contrat « AUTRE » inconnu ou hors de votre périmètre.",
        "Ligne 7, colonne « modalite » : « bénévolat » n'est pas une modalité connue (direct_hire, "
        "provision_ai, provision_etti, provision_geiq, subcontracting, co_contracting, training).",
    ]


def test_contracts_outside_the_importers_scope_are_unknown(placement):
    preview = preview_import(data=_csv(_row()), filename="h.csv", contracts=Contract.objects.none())

    assert "hors de votre périmètre" in str(preview.errors[0])


def test_comma_separated_csv_without_bom_and_french_label_is_read(placement):
    data = _csv(_row(modality="Embauche directe"), delimiter=",", bom=False)

    assert preview_import(data=data, filename="h.csv", contracts=Contract.objects.all()).is_valid


def test_xlsx_file_is_read(placement):
    workbook = Workbook()
    workbook.active.append(COLUMNS)
    workbook.active.append(
        ("MARCHE-1", SIRET, "P-001", "direct_hire", datetime.datetime(2025, 3, 1), 21.5, None, None)
    )
    buffer = io.BytesIO()
    workbook.save(buffer)

    _commit(buffer.getvalue(), filename="heures.xlsx")

    assert HoursEntry.objects.get().hours == Decimal("21.5")


def test_subcontracting_row_converts_the_amount(placement):
    subcontracted = PlacementFactory(
        commitment=placement.commitment, participant=placement.participant, subcontracting=True
    )
    row = ("MARCHE-1", SIRET, "P-001", "subcontracting", "01/2025", "", "2400", "24")

    _commit(_csv(row))

    assert HoursEntry.objects.get(placement=subcontracted).hours == 100


def test_missing_columns_are_a_file_error(placement):
    preview = preview_import(
        data=b"contrat;heures\nMARCHE-1;3\n", filename="h.csv", contracts=Contract.objects.all()
    )

    assert "Colonnes manquantes" in str(preview.errors[0])


def test_a_file_that_is_not_utf8_is_refused(placement):
    preview = preview_import(
        data="contrat;é".encode("latin-1"), filename="h.csv", contracts=Contract.objects.all()
    )

    assert "UTF-8" in str(preview.errors[0])


@pytest.mark.no_django_db
def test_templates_carry_the_french_columns():
    assert template_csv().startswith(
        "\ufeffcontrat;siret_entreprise;participant;modalite;mois;heures;montant;taux_horaire".encode()
    )
    sheet = load_workbook(io.BytesIO(template_xlsx()), read_only=True).worksheets[0]
    assert next(sheet.iter_rows(values_only=True)) == COLUMNS


@pytest.mark.no_django_db
@pytest.mark.parametrize(
    ("text", "month"), [("03/2025", (2025, 3)), ("2025-03", (2025, 3)), ("15/03/2025", (2025, 3))]
)
def test_months_are_read_in_french_and_iso_forms(text, month):
    assert parse_month(text) == datetime.date(*month, 1)


@pytest.mark.no_django_db
def test_decimals_accept_french_commas_and_spaces():
    assert parse_decimal("1 200,5") == Decimal("1200.5")
    assert parse_decimal("") is None


def test_import_hours_command_previews_then_commits(placement, tmp_path):
    path = tmp_path / "heures.csv"
    path.write_bytes(_csv(_row()))
    out = io.StringIO()

    call_command("import_hours", str(path), stdout=out)
    assert not HoursEntry.objects.exists()
    call_command("import_hours", str(path), "--commit", stdout=out)

    assert HoursEntry.objects.count() == 1
    assert "1 ligne(s) importées, 35 h" in out.getvalue()


def test_import_hours_command_fails_on_bad_rows(placement, tmp_path):
    path = tmp_path / "heures.csv"
    path.write_bytes(_csv(_row(month="nope")))

    with pytest.raises(CommandError, match="rien n'est enregistré"):
        call_command("import_hours", str(path), "--commit", stdout=io.StringIO(), stderr=io.StringIO())
