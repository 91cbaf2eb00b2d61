"""Participants, their eligibility, placements and outcomes: facilitators only, every access audited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.audit import record_access
from accounts.enums import AuditAction
from followup.forms import EligibilityForm, OutcomeForm, ParticipantForm, PlacementForm
from followup.permissions import get_participant_for_user, get_placement_for_user, participants_for_user
from followup.services import add_eligibility, place_participant, record_outcome, register_participant
from followup.views.common import render_form


@login_required
def participant_list(request: HttpRequest) -> HttpResponse:
    """Codes only: reading a participant's record (and its audit trace) happens on its own page."""
    participants = participants_for_user(request.user).select_related("facilitator")
    return render(request, "followup/participant_list.html", {"participants": participants})


@login_required
def participant_create(request: HttpRequest) -> HttpResponse:
    form = ParticipantForm(request.POST or None, user=request.user)
    if not form.fields["facilitator"].queryset.exists():
        raise PermissionDenied
    if form.is_valid():
        participant = register_participant(**form.cleaned_data, by=request.user)
        return redirect("followup:participant", pk=participant.pk)
    return render_form(
        request, form, title=_("Nouveau participant"), back_url=reverse("followup:participants")
    )


@login_required
def participant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_participant_for_user(request.user, pk)
    record_access(
        actor=request.user, action=AuditAction.READ, obj=participant, organisation=participant.facilitator
    )
    context = {
        "participant": participant,
        "eligibilities": participant.eligibilities.all(),
        "placements": participant.placements.select_related("commitment__contract", "commitment__company"),
    }
    return render(request, "followup/participant_detail.html", context)


@login_required
def eligibility_create(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_participant_for_user(request.user, pk)
    form = EligibilityForm(request.POST or None, instance=None)
    form.instance.participant = participant
    if form.is_valid():
        add_eligibility(participant=participant, by=request.user, **form.cleaned_data)
        return redirect("followup:participant", pk=participant.pk)
    return render_form(request, form, title=_("Éligibilité"), back_url=participant_url(participant))


@login_required
def placement_create(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_participant_for_user(request.user, pk)
    form = PlacementForm(request.POST or None, participant=participant)
    if form.is_valid():
        try:
            place_participant(participant=participant, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Mise en emploi enregistrée."))
            return redirect("followup:participant", pk=participant.pk)
    return render_form(
        request, form, title=_("Nouvelle mise en emploi"), back_url=participant_url(participant)
    )


@login_required
def outcome_create(request: HttpRequest, pk: int) -> HttpResponse:
    placement = get_placement_for_user(request.user, pk)
    form = OutcomeForm(request.POST or None)
    if form.is_valid():
        record_outcome(placement=placement, by=request.user, **form.cleaned_data)
        return redirect("followup:participant", pk=placement.participant_id)
    return render_form(
        request, form, title=_("Situation à la sortie"), back_url=participant_url(placement.participant)
    )


def participant_url(participant) -> str:
    return reverse("followup:participant", args=[participant.pk])
