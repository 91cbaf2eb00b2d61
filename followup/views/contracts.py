from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import record_access
from accounts.enums import AuditAction
from followup.enums import Modality
from followup.forms import (
    CommitmentForm,
    ContractForm,
    JobSheetForm,
    OperationForm,
    ReferralForm,
    TransferForm,
)
from followup.models import Commitment, HoursEntry, JobSheet, Placement
from followup.permissions import (
    get_contract_for_user,
    get_job_sheet_for_user,
    is_facilitator_of,
    visible_commitments,
)
from followup.services import balance, transfer_hours
from followup.views.common import render_form


@login_required
def operation_create(request: HttpRequest) -> HttpResponse:
    form = OperationForm(request.POST or None, user=request.user)
    if not form.fields["facilitator"].queryset.exists():
        raise PermissionDenied
    if form.is_valid():
        form.save()
        messages.success(request, _("Opération enregistrée."))
        return redirect("followup:contract_create")
    return render_form(request, form, title=_("Nouvelle opération"), back_url=reverse("followup:index"))


@login_required
def contract_create(request: HttpRequest) -> HttpResponse:
    form = ContractForm(request.POST or None, user=request.user)
    if not form.fields["facilitator"].queryset.exists():
        raise PermissionDenied
    if form.is_valid():
        contract = form.save()
        messages.success(request, _("Contrat enregistré : ajoutez les entreprises engagées."))
        return redirect("followup:contract", pk=contract.pk)
    return render_form(request, form, title=_("Nouveau contrat clausé"), back_url=reverse("followup:index"))


@login_required
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_user(request.user, pk)
    commitments = visible_commitments(request.user, contract)
    is_facilitator = is_facilitator_of(request.user, contract)
    by_modality = [
        (Modality(row["placement__modality"]).label, row["hours"])
        for row in HoursEntry.objects.filter(placement__commitment__in=commitments)
        .counted()
        .values("placement__modality")
        .annotate(hours=Sum("hours"))
        .order_by("placement__modality")
    ]
    context = {
        "contract": contract,
        "balances": [balance(c, on=timezone.localdate()) for c in commitments],
        "by_modality": by_modality,
        "is_facilitator": is_facilitator,
        "job_sheets": JobSheet.objects.filter(commitment__in=commitments).select_related(
            "commitment__company"
        ),
        "placements": Placement.objects.filter(commitment__in=commitments).select_related(
            "participant", "commitment__company"
        )
        if is_facilitator
        else [],
    }
    return render(request, "followup/contract_detail.html", context)


@login_required
def commitment_create(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_user(request.user, pk, write=True)
    form = CommitmentForm(request.POST or None, contract=contract)
    if form.is_valid():
        form.save()
        return redirect("followup:contract", pk=contract.pk)
    return render_form(request, form, title=_("Entreprise engagée"), back_url=contract_url(contract))


@login_required
def jobsheet_create(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_user(request.user, pk, write=True)
    form = JobSheetForm(request.POST or None, contract=contract)
    if form.is_valid():
        form.save()
        return redirect("followup:contract", pk=contract.pk)
    return render_form(request, form, title=_("Nouvelle fiche de poste"), back_url=contract_url(contract))


@login_required
def transfer_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Pool hours from this contract's commitment to another contract of the same company."""
    contract = get_contract_for_user(request.user, pk, write=True)
    companies = contract.commitments.values("company")
    candidates = Commitment.objects.filter(
        company__in=companies, contract__facilitator=contract.facilitator
    ).select_related("contract", "company")
    form = TransferForm(request.POST or None, commitments=candidates)
    if form.is_valid():
        try:
            transfer_hours(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Heures mutualisées."))
            return redirect("followup:contract", pk=contract.pk)
    return render_form(request, form, title=_("Mutualiser des heures"), back_url=contract_url(contract))


def contract_url(contract) -> str:
    return reverse("followup:contract", args=[contract.pk])


@login_required
def jobsheet_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The job sheet as shared with prescribers; its facilitators also see the candidates."""
    job_sheet = get_job_sheet_for_user(request.user, pk)
    contract = job_sheet.commitment.contract
    is_facilitator = is_facilitator_of(request.user, contract)
    referrals = job_sheet.referrals.select_related("participant") if is_facilitator else []
    context = {
        "job_sheet": job_sheet,
        "contract": contract,
        "is_facilitator": is_facilitator,
        "referrals": referrals,
    }
    return render(request, "followup/jobsheet_detail.html", context)


@login_required
def referral_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Position a participant on a job sheet (facilitators of the contract only)."""
    job_sheet = get_job_sheet_for_user(request.user, pk)
    if not is_facilitator_of(request.user, job_sheet.commitment.contract):
        raise PermissionDenied
    form = ReferralForm(request.POST or None, job_sheet=job_sheet)
    if form.is_valid():
        with transaction.atomic():
            referral = form.save()
            record_access(
                actor=request.user,
                action=AuditAction.CREATE,
                obj=referral.participant,
                organisation=referral.participant.facilitator,
                referral=referral.pk,
                job_sheet=job_sheet.pk,
            )
        messages.success(request, _("Candidat positionné."))
        return redirect("followup:jobsheet", pk=job_sheet.pk)
    back_url = reverse("followup:jobsheet", args=[job_sheet.pk])
    return render_form(request, form, title=_("Positionner un candidat"), back_url=back_url)
