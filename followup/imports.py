"""Monthly hours from a spreadsheet (CSV or XLSX): preview with row-level errors, then commit.

The file has one row per placement and month, with the columns of `COLUMNS` (French headers,
as facilitators and companies write them). CSV may be UTF-8 with or without BOM, separated by
";" or ",", with French decimals ("12,5"); XLSX is read with openpyxl in read-only mode.
`mois` is "MM/AAAA" or "AAAA-MM" (or a date cell). Each row names an existing placement by the
contract reference, the company's SIRET, the participant's code and the modality.

Nothing is saved by `preview_import`. `commit_import` re-reads the file and saves every row in
one transaction, or nothing when any row is wrong. A row is keyed by the file's SHA-256 and its
row number, so importing the same file again adds nothing (DESIGN.md section 8: idempotent imports).
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from followup.enums import HoursSource, Modality
from followup.models import Contract, HoursEntry, Placement
from followup.services import record_hours
from referential.siret import normalise_siret

COLUMNS = (
    "contrat",
    "siret_entreprise",
    "participant",
    "modalite",
    "mois",
    "heures",
    "montant",
    "taux_horaire",
)
REQUIRED_COLUMNS = ("contrat", "siret_entreprise", "participant", "modalite", "mois")
MAX_ROWS = 20_000
MAX_BYTES = 5 * 1024 * 1024
EXAMPLE_ROW = ("DEMO-PAU-MOE", "73282932000074", "PLIE-PAU-01", "direct_hire", "01/2011", "91", "", "")


class ImportFileError(ValueError):
    """The file as a whole cannot be read (format, encoding, header, size)."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Ligne %(row)s, colonne « %(column)s » : %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass(frozen=True)
class ParsedRow:
    row: int
    placement: Placement
    month: datetime.date
    hours: Decimal | None
    invoiced_amount: Decimal | None
    hourly_rate: Decimal | None


@dataclass
class ImportPreview:
    file_hash: str
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    already_imported: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def total_hours(self) -> Decimal:
        return sum((row.hours or Decimal(0) for row in self.rows), Decimal(0))


# --- Reading ----------------------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return f"{value:%Y-%m}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _normalise_header(name: str) -> str:
    return name.strip().lower().replace("é", "e").replace(" ", "_")


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("Le fichier CSV doit être encodé en UTF-8.")) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a damaged file
        raise ImportFileError(_("Le fichier XLSX est illisible.")) from None
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_table(data: bytes, filename: str) -> list[dict[str, str]]:
    """Rows as {column: text}, with `_row` the spreadsheet row number (the header is row 1)."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("Le fichier dépasse 5 Mo."))
    rows = _read_xlsx(data) if filename.lower().endswith(".xlsx") else _read_csv(data)
    if not rows:
        raise ImportFileError(_("Le fichier est vide."))
    header = [_normalise_header(name) for name in rows[0]]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ImportFileError(_("Colonnes manquantes : %(columns)s.") % {"columns": ", ".join(missing)})
    if len(rows) > MAX_ROWS + 1:
        raise ImportFileError(_("Le fichier dépasse %(max)s lignes.") % {"max": MAX_ROWS})
    table = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(value.strip() for value in values):
            continue
        record = {
            column: (values[index].strip() if index < len(values) else "")
            for index, column in enumerate(header)
        }
        record["_row"] = str(number)
        table.append(record)
    return table


# --- Parsing one row --------------------------------------------------------------------------

MONTH_PATTERNS = (
    re.compile(r"^(?P<month>\d{1,2})/(?P<year>\d{4})$"),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})(-\d{1,2})?$"),
    re.compile(r"^\d{1,2}/(?P<month>\d{1,2})/(?P<year>\d{4})$"),
)


def parse_month(text: str) -> datetime.date:
    for pattern in MONTH_PATTERNS:
        match = pattern.match(text)
        if match and 1 <= int(match["month"]) <= 12:
            return datetime.date(int(match["year"]), int(match["month"]), 1)
    raise ValueError(_("« %(value)s » n'est pas un mois (MM/AAAA ou AAAA-MM).") % {"value": text})


def parse_decimal(text: str) -> Decimal | None:
    """A French or English decimal ("12,5", "12.5", "1 200"), None when blank."""
    cleaned = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("« %(value)s » n'est pas un nombre.") % {"value": text}) from None
    if not value.is_finite() or value < 0:
        raise ValueError(_("« %(value)s » doit être un nombre positif.") % {"value": text})
    return value


def parse_modality(text: str) -> Modality:
    """A modality by its code ("provision_etti") or its French label, whatever the case."""
    wanted = text.strip().lower()
    for modality in Modality:
        if wanted in (modality.value, str(modality.label).lower()):
            return modality
    raise ValueError(
        _("« %(value)s » n'est pas une modalité connue (%(codes)s).")
        % {"value": text, "codes": ", ".join(Modality.values)}
    )


class _RowParser:
    """Resolves the rows of one file against the contracts the importer may write to."""

    def __init__(self, contracts: QuerySet[Contract]):
        self.contracts = {contract.reference: contract for contract in contracts}

    def parse(self, record: dict[str, str]) -> ParsedRow | list[RowError]:
        row = int(record["_row"])
        errors: list[RowError] = []

        def fail(column: str, message: str) -> None:
            errors.append(RowError(row, column, message))

        contract = self.contracts.get(record.get("contrat", ""))
        if contract is None:
            fail(
                "contrat",
                _("contrat « %(value)s » inconnu ou hors de votre périmètre.") % {"value": record["contrat"]},
            )
        values = {}
        for column, parser in (
            ("modalite", parse_modality),
            ("mois", parse_month),
            ("heures", parse_decimal),
            ("montant", parse_decimal),
            ("taux_horaire", parse_decimal),
        ):
            try:
                values[column] = parser(record.get(column, ""))
            except ValueError as error:
                fail(column, str(error))
        if errors:
            return errors
        if values["heures"] is None and (values["montant"] is None or values["taux_horaire"] is None):
            fail("heures", _("indiquez les heures, ou un montant et son taux horaire."))
            return errors
        placement = self._placement(contract, record, values["modalite"], values["mois"], fail)
        if placement is None:
            return errors
        return ParsedRow(
            row=row,
            placement=placement,
            month=values["mois"],
            hours=values["heures"] if values["montant"] is None else None,
            invoiced_amount=values["montant"],
            hourly_rate=values["taux_horaire"],
        )

    def _placement(self, contract, record, modality, month, fail) -> Placement | None:
        siret = normalise_siret(record.get("siret_entreprise", ""))
        commitment = contract.commitments.filter(company__siret=siret).first() if siret else None
        if commitment is None:
            fail(
                "siret_entreprise",
                _("aucune entreprise de SIRET « %(value)s » n'est engagée sur ce contrat.")
                % {"value": record.get("siret_entreprise", "")},
            )
            return None
        candidates = list(
            Placement.objects.filter(
                commitment=commitment, participant__code=record.get("participant", ""), modality=modality
            ).select_related("participant", "commitment__contract", "commitment__company")
        )
        if not candidates:
            fail(
                "participant",
                _("aucune mise en emploi de « %(code)s » en « %(modality)s » sur ce contrat.")
                % {"code": record.get("participant", ""), "modality": modality.label},
            )
            return None
        covering = [p for p in candidates if p.started_on.replace(day=1) <= month <= (p.ended_on or month)]
        return (covering or candidates)[0]


# --- Preview and commit -----------------------------------------------------------------------


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def preview_import(*, data: bytes, filename: str, contracts: QuerySet[Contract]) -> ImportPreview:
    """Parse and check every row against `contracts` (the importer's writable scope); save nothing."""
    preview = ImportPreview(file_hash=file_hash(data))
    try:
        table = read_table(data, filename)
    except ImportFileError as error:
        preview.errors.append(RowError(1, _("fichier"), str(error)))
        return preview
    done = set(
        HoursEntry.objects.filter(source_file_hash=preview.file_hash).values_list("source_row", flat=True)
    )
    parser = _RowParser(contracts)
    for record in table:
        if int(record["_row"]) in done:
            preview.already_imported += 1
            continue
        parsed = parser.parse(record)
        if isinstance(parsed, ParsedRow):
            preview.rows.append(parsed)
        else:
            preview.errors.extend(parsed)
    return preview


@transaction.atomic
def commit_import(
    *, data: bytes, filename: str, contracts: QuerySet[Contract], by, by_facilitator: bool
) -> ImportPreview:
    """Save every new row of the file, or none: any row error raises ValidationError.

    Rows already imported from the same file are skipped, so a second import changes nothing.
    """
    preview = preview_import(data=data, filename=filename, contracts=contracts)
    if not preview.is_valid:
        raise ValidationError([str(error) for error in preview.errors])
    for row in preview.rows:
        record_hours(
            placement=row.placement,
            month=row.month,
            hours=row.hours,
            invoiced_amount=row.invoiced_amount,
            hourly_rate=row.hourly_rate,
            source=HoursSource.SPREADSHEET,
            by=by,
            by_facilitator=by_facilitator,
            source_file_hash=preview.file_hash,
            source_row=row.row,
        )
    return preview


# --- Templates --------------------------------------------------------------------------------


def template_csv() -> bytes:
    """The French CSV template: UTF-8 with BOM (Excel opens it right), ";" separated."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow(EXAMPLE_ROW)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "heures"
    sheet.append(COLUMNS)
    sheet.append(EXAMPLE_ROW)
    codes = workbook.create_sheet("modalites")
    codes.append(("code", "modalité"))
    for modality in Modality:
        codes.append((modality.value, str(modality.label)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
