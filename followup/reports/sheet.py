"""The "fiche d'expérience" of a contract, in the layout of the Avise case studies.

The seeds' four case studies ("Etude de cas #1" to "#4") share one layout: who bought and who
managed the clause, the contract (name, perimeter, description, goals, notification, duration,
amount), the clause (goals, holders, legal basis, hours planned and realised, why they differ,
modalities, beneficiaries, pathway) and the lessons (engineering, key steps, success conditions,
points of vigilance, assessment). The figures come from the contract's bilan, the prose from
the contract's narrative fields; an empty field is left out rather than printed blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from detection.enums import Category
from detection.legal import ARTICLES, Code, normalise_reference
from followup.models import Contract
from followup.reports.compute import Report
from ui.exports import Block, Bullets, Facts, Heading, Prose
from ui.formatting import format_date, format_euros, format_hours, format_percent

OLD_CODE_NAMES = {
    Code.CMP: "du code des marchés publics",
    Code.ORDONNANCE_2015: "de l'ordonnance n° 2015-899",
    Code.DECRET_2016: "du décret n° 2016-360",
}

ITEM_SEPARATOR = re.compile(r"\s*(?:\n|\s;\s)\s*")


@dataclass(frozen=True)
class Field:
    """One line of the sheet ("Donneur d'ordre : …"), or a titled section of items."""

    label: str
    value: str = ""
    items: tuple[str, ...] = ()

    @property
    def is_section(self) -> bool:
        return bool(self.items)


def legal_basis(contract: Contract) -> str:
    """The current CCP basis of the clause, with the text the contract cited when older:
    "Article L2112-2 du code de la commande publique (ancien article 14 du code des marchés
    publics)". The CCP replaced the CMP on 1 April 2019 (DESIGN.md section 3)."""
    category = Category(contract.mechanism)
    reference = normalise_reference(contract.legal_basis) if contract.legal_basis else None
    current = reference.article.basis_for(category) if reference else None
    current = current or next(
        (
            article.basis_for(category)
            for article in ARTICLES
            if article.code == Code.CCP and article.basis_for(category)
        ),
        None,
    )
    if current is None:
        return contract.legal_basis
    text = _("Article %(article)s du code de la commande publique") % {"article": current}
    if reference and reference.article.code in OLD_CODE_NAMES:
        text += _(" (ancien article %(number)s %(code)s)") % {
            "number": reference.article.number,
            "code": OLD_CODE_NAMES[reference.article.code],
        }
    return text


def _items(text: str) -> tuple[str, ...]:
    return tuple(
        item.rstrip(".") + "." if not item.endswith((".", "!", "?", "»")) else item
        for item in ITEM_SEPARATOR.split(text.strip())
        if item
    )


def _section(label: str, text: str) -> list[Field]:
    return [Field(label, items=_items(text))] if text.strip() else []


def _line(label: str, value: str) -> list[Field]:
    return [Field(label, value)] if value else []


def holders(contract: Contract) -> str:
    commitments = contract.commitments.select_related("company").order_by("role", "company__name")
    return ", ".join(f"{c.company.name} ({c.get_role_display().lower()})" for c in commitments)


def modalities(report: Report) -> str:
    return " ; ".join(
        f"{label} : {format_hours(hours)}" for _value, label, hours in report.hours_by_modality.rows
    )


def sheet_fields(contract: Contract, report: Report) -> list[Field]:
    """The sheet of `contract`, its figures taken from `report` (the contract's whole-life bilan)."""
    realised = format_hours(report.realised_hours)
    if report.rate is not None:
        realised += f" ({format_percent(report.rate)})"
    duration = _("%(months)s mois") % {"months": contract.duration_months}
    return [
        Field(_("Donneur d'ordre"), contract.buyer.name),
        Field(_("Gestionnaire de la clause sociale"), contract.clause_manager or contract.facilitator.name),
        Field(_("Nom du marché"), f"{contract.title} ({contract.lots})" if contract.lots else contract.title),
        *_line(_("Périmètre géographique"), contract.perimeter),
        *_section(_("Description du marché"), contract.description),
        *_section(_("Objectifs du marché"), contract.objectives),
        Field(_("Date de notification du marché"), format_date(contract.notified_on)),
        Field(_("Durée du marché"), duration),
        Field(
            _("Montant total du marché"),
            format_euros(contract.amount) if contract.amount else _("Non précisé"),
        ),
        *_section(_("Objectifs de la clause sociale dans ce marché"), contract.clause_objectives),
        *_line(_("Entreprises attributaires du marché"), holders(contract)),
        Field(_("Fondement juridique de la clause"), legal_basis(contract)),
        Field(_("Nombre d'heures d'insertion prévues"), format_hours(report.planned_hours)),
        Field(_("Nombre d'heures d'insertion réalisées"), realised),
        *_section(
            _("Facteurs d'explication du différentiel"),
            "\n".join(text for text in (report.explanation, *report.findings) if text),
        ),
        *_line(_("Modalités de mise en œuvre de la clause sociale"), modalities(report)),
        Field(_("Nombre de personnes bénéficiaires de la clause sociale"), str(report.participants)),
        *_section(_("Type de parcours d'insertion proposé"), contract.pathway),
        *_section(_("Ingénierie mise en place par le donneur d'ordre"), contract.engineering),
        *_section(_("Étapes clés de la méthodologie de mise en œuvre"), contract.key_steps),
        *_section(_("Conditions de réussite"), contract.success_conditions),
        *_section(_("Points de vigilance"), contract.vigilance_points),
        *_section(_("Bilan de la mise en œuvre"), contract.assessment),
    ]


def sheet_blocks(fields: list[Field]) -> list[Block]:
    """The sheet for the PDF writer: runs of lines as facts, sections as headings and bullets."""
    blocks: list[Block] = []
    lines: list[tuple[str, str]] = []
    for field in fields:
        if not field.is_section:
            lines.append((field.label, field.value))
            continue
        if lines:
            blocks.append(Facts(tuple(lines)))
            lines = []
        blocks.append(Heading(field.label))
        blocks.append(Bullets(field.items) if len(field.items) > 1 else Prose(field.items[0]))
    if lines:
        blocks.append(Facts(tuple(lines)))
    return blocks
