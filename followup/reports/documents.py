"""A computed bilan as the reader gets it: charts with their tables, JSON, CSV, XLSX and PDF.

Every output is built from the same sections, in the same order, so a figure on the page is the
figure in every export. A chart always travels with its table (`ui/charts.py`).
"""

from __future__ import annotations

from decimal import Decimal

import orjson
from django.utils.translation import gettext as _

from followup.reports.compute import Breakdown, Report
from followup.reports.enums import ExportFormat
from ui.charts import BarChart, Chart, PairedBarChart
from ui.exports import Block, Facts, Heading, Prose, to_csv, to_pdf, to_xlsx
from ui.formatting import format_hours, format_percent
from ui.tables import Column, ColumnKind, ReportTable

MAX_CONTRACTS_IN_CHART = 12
"""Beyond this, the planned-vs-realised chart shows the total only (the table lists them all)."""

HOURS = ColumnKind.HOURS
COUNT = ColumnKind.COUNT


def period_label(report: Report) -> str:
    if report.year is None:
        return _("toute la durée des contrats")
    return _("année %(year)s") % {"year": report.year}


def report_title(report: Report) -> str:
    return _("Bilan — %(scope)s %(title)s — %(period)s") % {
        "scope": report.subject.scope.label.lower(),
        "title": report.subject.title,
        "period": period_label(report),
    }


def _people_chart(slug: str, title: str, heading: str, breakdown: Breakdown) -> BarChart:
    return BarChart(
        slug=slug,
        title=title,
        description=_("%(title)s : nombre de personnes bénéficiaires (une personne par ligne au plus).")
        % {"title": title},
        bars=tuple((label, figure) for _value, label, figure in breakdown.rows),
        label_heading=heading,
        value_heading=_("Personnes"),
    )


def _people_table(title: str, heading: str, breakdown: Breakdown) -> ReportTable:
    return ReportTable(
        title=title,
        columns=(Column(heading), Column(_("Personnes"), COUNT)),
        rows=tuple((label, figure) for _value, label, figure in breakdown.rows),
    )


def hours_chart(report: Report) -> PairedBarChart:
    contracts = report.contracts
    if 1 < len(contracts) <= MAX_CONTRACTS_IN_CHART:
        groups = tuple((line.reference, line.planned, line.realised) for line in contracts)
    else:
        groups = ((_("Total"), report.planned_hours, report.realised_hours),)
    return PairedBarChart(
        slug="hours",
        title=_("Heures d'insertion prévues et réalisées"),
        description=_("Heures prévues : %(planned)s ; heures réalisées : %(realised)s (%(rate)s).")
        % {
            "planned": format_hours(report.planned_hours),
            "realised": format_hours(report.realised_hours),
            "rate": format_percent(report.rate),
        },
        groups=groups,
        label_heading=_("Contrat"),
    )


def summary_table(report: Report) -> ReportTable:
    return ReportTable(
        title=_("Synthèse"),
        columns=(
            Column(_("Heures prévues"), HOURS),
            Column(_("Heures réalisées"), HOURS),
            Column(_("Taux de réalisation"), ColumnKind.PERCENT),
            Column(_("Personnes bénéficiaires"), COUNT),
            Column(_("Heures hors éligibilité (non comptées)"), HOURS),
            Column(_("Heures à valider"), HOURS),
        ),
        rows=(
            (
                report.planned_hours,
                report.realised_hours,
                report.rate,
                report.participants,
                report.ineligible_hours,
                report.pending_hours,
            ),
        ),
    )


def contracts_table(report: Report) -> ReportTable:
    return ReportTable(
        title=_("Heures par contrat"),
        columns=(
            Column(_("Contrat")),
            Column(_("Intitulé")),
            Column(_("Heures prévues"), HOURS),
            Column(_("Heures réalisées"), HOURS),
        ),
        rows=tuple((line.reference, line.title, line.planned, line.realised) for line in report.contracts),
    )


def commitments_table(report: Report) -> ReportTable:
    return ReportTable(
        title=_("Heures par entreprise et par contrat (mutualisation comprise)"),
        columns=(
            Column(_("Contrat")),
            Column(_("Entreprise")),
            Column(_("Rôle")),
            Column(_("Heures prévues"), HOURS),
            Column(_("Heures déclarées et validées"), HOURS),
            Column(_("Reçues par mutualisation"), HOURS),
            Column(_("Cédées par mutualisation"), HOURS),
            Column(_("Heures réalisées"), HOURS),
            Column(_("Hors éligibilité"), HOURS),
            Column(_("À valider"), HOURS),
        ),
        rows=tuple(
            (
                line.contract_reference,
                line.company,
                line.role,
                line.planned,
                line.entries,
                line.transfers_in,
                line.transfers_out,
                line.realised,
                line.ineligible,
                line.pending,
            )
            for line in report.commitments
        ),
    )


def companies_table(report: Report) -> ReportTable:
    return ReportTable(
        title=_("Heures par entreprise, tous contrats du bilan"),
        columns=(
            Column(_("Entreprise")),
            Column(_("Heures prévues"), HOURS),
            Column(_("Heures réalisées"), HOURS),
        ),
        rows=tuple((line.company, line.planned, line.realised) for line in report.companies),
    )


def penalties_table(report: Report) -> ReportTable:
    return ReportTable(
        title=_("Pénalités pour heures manquantes à l'échéance"),
        columns=(
            Column(_("Contrat")),
            Column(_("Entreprise")),
            Column(_("Heures manquantes"), HOURS),
            Column(_("Pénalité par heure"), ColumnKind.EUROS),
            Column(_("Montant"), ColumnKind.EUROS),
        ),
        rows=tuple(
            (line.contract_reference, line.company, line.missing_hours, line.per_hour, line.amount)
            for line in report.penalties
        ),
    )


def sections(report: Report) -> list[Chart | ReportTable]:
    """The bilan's charts and tables, in reading order."""
    modality_hours = BarChart(
        slug="hours-by-modality",
        title=_("Heures réalisées par modalité"),
        description=_("Heures validées de personnes éligibles, par modalité de mise en œuvre."),
        bars=tuple((label, hours) for _value, label, hours in report.hours_by_modality.rows),
        value_kind=HOURS,
        label_heading=_("Modalité"),
        value_heading=_("Heures"),
    )
    result: list[Chart | ReportTable] = [
        summary_table(report),
        hours_chart(report),
        contracts_table(report),
        commitments_table(report),
        companies_table(report),
        modality_hours,
        _people_chart("gender", _("Personnes par sexe"), _("Sexe"), report.people_by_gender),
        _people_chart("age", _("Personnes par tranche d'âge"), _("Tranche d'âge"), report.people_by_age_band),
        _people_chart("category", _("Personnes par public"), _("Public"), report.people_by_category),
        _people_table(_("Personnes par modalité"), _("Modalité"), report.people_by_modality),
        _people_table(
            _("Personnes par type de contrat"), _("Type de contrat"), report.people_by_contract_type
        ),
        _people_chart("exit", _("Situation à la sortie"), _("Situation"), report.outcomes_at_exit),
        _people_table(_("Situation six mois après la sortie"), _("Situation"), report.outcomes_at_six_months),
    ]
    if report.penalties:
        result.append(penalties_table(report))
    return result


def tables(report: Report) -> list[ReportTable]:
    return [
        section.table() if isinstance(section, BarChart | PairedBarChart) else section
        for section in sections(report)
    ]


# --- JSON -----------------------------------------------------------------------------------


def _number(value: Decimal | int | str | None) -> int | float | str | None:
    """Hours as JSON numbers (integers when whole); withheld counts stay "< 5"."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _numbers(breakdown: Breakdown) -> dict[str, int | float | str | None]:
    return {value: _number(figure) for value, figure in breakdown.as_dict().items()}


def as_json(report: Report) -> dict:
    """The bilan as plain data: `planned_hours`, `realised_hours`, `participants` (unique people)
    and every breakdown keyed by stable values (API values of `followup.enums`)."""
    return {
        "scope": report.subject.scope.value,
        "reference": report.subject.key,
        "title": report.subject.title,
        "year": report.year,
        "small_counts_withheld": report.is_suppressed,
        "planned_hours": _number(report.planned_hours),
        "realised_hours": _number(report.realised_hours),
        "rate_percent": _number(report.rate),
        "participants": report.participants,
        "ineligible_hours": _number(report.ineligible_hours),
        "pending_hours": _number(report.pending_hours),
        "transfers_in": _number(report.transfers_in),
        "transfers_out": _number(report.transfers_out),
        "hours_by_modality": _numbers(report.hours_by_modality),
        "people_by_gender": _numbers(report.people_by_gender),
        "people_by_age_band": _numbers(report.people_by_age_band),
        "people_by_public_category": _numbers(report.people_by_category),
        "people_by_modality": _numbers(report.people_by_modality),
        "people_by_contract_type": _numbers(report.people_by_contract_type),
        "outcomes": {
            "exit": _numbers(report.outcomes_at_exit),
            "six_months": _numbers(report.outcomes_at_six_months),
        },
        "contracts": [
            {
                "reference": line.reference,
                "title": line.title,
                "planned_hours": _number(line.planned),
                "realised_hours": _number(line.realised),
            }
            for line in report.contracts
        ],
        "commitments": [
            {
                "contract": line.contract_reference,
                "company": line.company,
                "planned_hours": _number(line.planned),
                "entries_hours": _number(line.entries),
                "transfers_in": _number(line.transfers_in),
                "transfers_out": _number(line.transfers_out),
                "realised_hours": _number(line.realised),
                "ineligible_hours": _number(line.ineligible),
                "pending_hours": _number(line.pending),
            }
            for line in report.commitments
        ],
        "companies": [
            {
                "company": line.company,
                "planned_hours": _number(line.planned),
                "realised_hours": _number(line.realised),
            }
            for line in report.companies
        ],
        "penalties": [
            {
                "contract": line.contract_reference,
                "company": line.company,
                "missing_hours": _number(line.missing_hours),
                "per_hour": _number(line.per_hour),
                "amount": _number(line.amount),
            }
            for line in report.penalties
        ],
        "penalty_total": _number(report.penalty_total),
        "explanation": report.explanation,
        "findings": list(report.findings),
    }


# --- Files ----------------------------------------------------------------------------------


def pdf_blocks(report: Report) -> list[Block]:
    blocks: list[Block] = [
        Facts(
            (
                (_("Périmètre"), f"{report.subject.scope.label} — {report.subject.title}"),
                (_("Période"), period_label(report)),
            )
        ),
    ]
    if report.is_suppressed:
        blocks.append(
            Prose(_("Les effectifs de moins de 5 personnes ne sont pas diffusés (secret statistique)."))
        )
    blocks.append(Heading(_("Écart entre heures prévues et réalisées")))
    blocks.extend(Prose(text) for text in (report.explanation, *report.findings) if text)
    for section in sections(report):
        blocks.append(section)
        if isinstance(section, BarChart | PairedBarChart):
            blocks.append(section.table())
    return blocks


def render_export(report: Report, export_format: ExportFormat) -> bytes:
    """The bilan as a file of `export_format`."""
    if export_format == ExportFormat.JSON:
        return orjson.dumps(as_json(report), option=orjson.OPT_INDENT_2)
    if export_format == ExportFormat.CSV:
        return to_csv(tables(report))
    if export_format == ExportFormat.XLSX:
        return to_xlsx(tables(report))
    return to_pdf(title=report_title(report), blocks=pdf_blocks(report))


def filename(report: Report, export_format: ExportFormat) -> str:
    year = f"-{report.year}" if report.year else ""
    return f"bilan-{report.subject.scope.value}-{report.subject.key}{year}.{export_format.value}"
