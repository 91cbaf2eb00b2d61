"""Hours: the facilitator's entries and imports, the company's monthly declarations and proofs."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.enums import DeclarationStatus, HoursSource
from followup.forms import DeclarationOpenForm, HoursForm, ImportForm, ProofForm, ReviewForm
from followup.imports import commit_import, preview_import, template_csv, template_xlsx
from followup.models import Contract, Placement
from followup.permissions import (
    commitments_for_company_user,
    facilitated_contracts,
    get_declaration_for_user,
    get_placement_for_user,
    is_facilitator_of,
)
from followup.services import (
    declaration_for,
    record_hours,
    return_declaration,
    submit_declaration,
    validate_declaration,
)
from followup.views.common import render_form

IMPORT_SESSION_KEY = "followup_import"


@login_required
def hours_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The facilitator records hours of a placement by hand (validated at once)."""
    placement = get_placement_for_user(request.user, pk)
    placements = Placement.objects.filter(pk=placement.pk).select_related(
        "participant", "commitment__contract"
    )
    form = HoursForm(request.POST or None, placements=placements, initial={"placement": placement})
    if form.is_valid() and _record(form, request.user, source=HoursSource.MANUAL, by_facilitator=True):
        messages.success(request, _("Heures enregistrées."))
        return redirect("followup:contract", pk=placement.commitment.contract_id)
    return render_form(request, form, title=_("Heures réalisées"), back_url=reverse("followup:index"))


def _record(form: HoursForm, user, *, source: HoursSource, by_facilitator: bool) -> bool:
    try:
        record_hours(**form.cleaned_data, source=source, by=user, by_facilitator=by_facilitator)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@login_required
def declaration_open(request: HttpRequest) -> HttpResponse:
    """The company picks a contract and a month, then fills that month's declaration."""
    form = DeclarationOpenForm(request.POST or None, commitments=commitments_for_company_user(request.user))
    if form.is_valid():
        commitment = form.cleaned_data["commitment"]
        declaration = declaration_for(
            contract=commitment.contract, company=commitment.company, month=form.cleaned_data["month"]
        )
        return redirect("followup:declaration", pk=declaration.pk)
    return render_form(request, form, title=_("Déclarer des heures"), back_url=reverse("followup:index"))


@login_required
def declaration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request.user, pk)
    is_company = declaration.company_id in {c.company_id for c in commitments_for_company_user(request.user)}
    placements = Placement.objects.filter(
        commitment__contract=declaration.contract, commitment__company=declaration.company
    ).select_related("participant", "commitment__contract")
    hours_form = HoursForm(request.POST or None, placements=placements, initial={"month": declaration.month})
    if request.method == "POST":
        if not (is_company and declaration.is_editable):
            raise PermissionDenied
        if hours_form.is_valid() and _record(
            hours_form, request.user, source=HoursSource.ONLINE, by_facilitator=False
        ):
            return redirect("followup:declaration", pk=declaration.pk)
    context = {
        "declaration": declaration,
        "entries": declaration.entries.select_related("placement__participant"),
        "proofs": declaration.proofs.all(),
        "hours_form": hours_form if is_company and declaration.is_editable else None,
        "proof_form": ProofForm() if is_company and declaration.is_editable else None,
        "review_form": ReviewForm()
        if declaration.status == DeclarationStatus.SUBMITTED
        and is_facilitator_of(request.user, declaration.contract)
        else None,
    }
    return render(
        request, "followup/declaration_detail.html", context, status=400 if hours_form.errors else 200
    )


@login_required
@require_POST
def proof_upload(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request.user, pk)
    if not declaration.is_editable or is_facilitator_of(request.user, declaration.contract):
        raise PermissionDenied
    form = ProofForm(request.POST, request.FILES)
    if form.is_valid():
        form.instance.declaration = declaration
        form.save()
        messages.success(request, _("Justificatif déposé."))
    else:
        messages.error(request, _("Le justificatif n'a pas pu être déposé."))
    return redirect("followup:declaration", pk=declaration.pk)


@login_required
@require_POST
def declaration_submit(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request.user, pk)
    if is_facilitator_of(request.user, declaration.contract):
        raise PermissionDenied
    try:
        submit_declaration(declaration=declaration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Déclaration transmise au facilitateur."))
    return redirect("followup:declaration", pk=declaration.pk)


@login_required
@require_POST
def declaration_review(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_declaration_for_user(request.user, pk, review=True)
    form = ReviewForm(request.POST)
    if form.is_valid():
        review = (
            validate_declaration
            if form.cleaned_data["decision"] == DeclarationStatus.VALIDATED
            else return_declaration
        )
        try:
            review(declaration=declaration, by=request.user, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Déclaration %(status)s.") % {"status": declaration.get_status_display().lower()}
            )
    return redirect("followup:declaration", pk=declaration.pk)


def _import_scope(user) -> tuple[object, bool]:
    """The contracts the user may import into, and whether they import as facilitator."""
    facilitated = facilitated_contracts(user)
    if facilitated.exists():
        return facilitated, True
    companies = commitments_for_company_user(user).values("contract")
    if not companies.exists():
        raise PermissionDenied
    return Contract.objects.filter(pk__in=companies), False


@login_required
def import_hours(request: HttpRequest) -> HttpResponse:
    """Upload → preview with row errors (nothing saved) → confirm → all-or-nothing commit."""
    contracts, as_facilitator = _import_scope(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.pop(IMPORT_SESSION_KEY, None)
        if stored is None:
            return redirect("followup:import")
        data = base64.b64decode(stored["data"])
        try:
            done = commit_import(
                data=data,
                filename=stored["name"],
                contracts=contracts,
                by=request.user,
                by_facilitator=as_facilitator,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(count)s ligne(s) importée(s).") % {"count": len(done.rows)})
            return redirect("followup:index")
    elif form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        preview = preview_import(data=data, filename=upload.name, contracts=contracts)
        if preview.is_valid:
            request.session[IMPORT_SESSION_KEY] = {
                "name": upload.name,
                "data": base64.b64encode(data).decode(),
            }
    return render(request, "followup/import.html", {"form": form, "preview": preview})


@login_required
def import_template(request: HttpRequest, extension: str) -> HttpResponse:
    if extension == "csv":
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    elif extension == "xlsx":
        response = HttpResponse(
            template_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="modele-heures-insertion.{extension}"'
    return response
