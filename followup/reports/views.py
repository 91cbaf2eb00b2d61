"""Bilan pages and their exports (/suivi/bilans/), and the contract's fiche d'expérience."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.permissions import has_role
from followup.permissions import contracts_for_user
from followup.reports.access import record_export, report_for_user
from followup.reports.documents import filename, render_export, report_title, sections
from followup.reports.enums import SEGMENTS, ExportFormat, Scope
from followup.reports.sheet import sheet_blocks, sheet_fields
from ui.charts import BarChart, PairedBarChart
from ui.exports import to_pdf

SCOPES_BY_SEGMENT = {segment: scope for scope, segment in SEGMENTS.items()}
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year(request: HttpRequest) -> int | None:
    """The `annee` filter; anything but a plausible year means the whole life of the contracts."""
    value = request.GET.get("annee", "")
    return int(value) if value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR else None


def _scope(segment: str) -> Scope:
    if segment not in SCOPES_BY_SEGMENT:
        raise Http404
    return SCOPES_BY_SEGMENT[segment]


def _download(content: bytes, export_format: ExportFormat, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=export_format.content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def index(request: HttpRequest) -> HttpResponse:
    departement = request.GET.get("departement", "").strip()
    if departement:
        year = _year(request)
        target = reverse("followup:reports:report", args=[SEGMENTS[Scope.TERRITORY], departement])
        return redirect(f"{target}?annee={year}" if year else target)
    contracts = contracts_for_user(request.user).select_related("buyer", "operation").order_by("reference")
    context = {
        "contracts": contracts,
        "is_observer": has_role(request.user, Role.OBSERVER),
        "segments": SEGMENTS,
    }
    return render(request, "followup/reports/index.html", context)


@login_required
def report(request: HttpRequest, segment: str, ref: str) -> HttpResponse:
    bilan = report_for_user(request.user, _scope(segment), ref, _year(request))
    context = {
        "report": bilan,
        "title": report_title(bilan),
        "segment": segment,
        "sections": [
            (isinstance(section, BarChart | PairedBarChart), section) for section in sections(bilan)
        ],
        "formats": list(ExportFormat),
    }
    return render(request, "followup/reports/report.html", context)


@login_required
def export(request: HttpRequest, segment: str, ref: str, extension: str) -> HttpResponse:
    if extension not in ExportFormat.values:
        raise Http404
    export_format = ExportFormat(extension)
    bilan = report_for_user(request.user, _scope(segment), ref, _year(request))
    record_export(request.user, bilan, export_format.value)
    return _download(render_export(bilan, export_format), export_format, filename(bilan, export_format))


@login_required
def experience_sheet(request: HttpRequest, ref: str) -> HttpResponse:
    bilan = report_for_user(request.user, Scope.CONTRACT, ref)
    contract = bilan.subject.contract
    context = {"report": bilan, "contract": contract, "fields": sheet_fields(contract, bilan)}
    return render(request, "followup/reports/sheet.html", context)


@login_required
def experience_sheet_pdf(request: HttpRequest, ref: str) -> HttpResponse:
    bilan = report_for_user(request.user, Scope.CONTRACT, ref)
    contract = bilan.subject.contract
    record_export(request.user, bilan, "sheet-pdf")
    title = _("Fiche d'expérience — %(title)s") % {"title": contract.title}
    content = to_pdf(title=title, blocks=sheet_blocks(sheet_fields(contract, bilan)))
    return _download(content, ExportFormat.PDF, f"fiche-experience-{contract.reference}.pdf")
