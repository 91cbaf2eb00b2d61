"""Who sees what in the clause follow-up, built on `accounts.permissions`.

- The facilitators of a contract (members with the facilitator role of its facilitator
  organisation) see and change everything about it, participants included.
- The buyer's members see their contracts and aggregates, never participants.
- A company's members see the contracts where it holds a commitment, its own commitments,
  declarations and balances, never participants.
- Everyone else sees nothing (404): observers and suppliers get aggregates only, in reports.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from accounts.enums import Role
from accounts.permissions import get_object_for_user, has_role, scope_to_user
from followup.models import Commitment, Contract, Declaration, JobSheet, Participant, Placement

FACILITATOR_ROLES = (Role.FACILITATOR,)
BUYER_ROLES = (Role.BUYER, Role.ADMIN)
COMPANY_ROLES = (Role.COMPANY, Role.ADMIN)


def contracts_for_user(user) -> QuerySet[Contract]:
    """Contracts the user follows as facilitator, buys as buyer or performs as a company."""
    contracts = Contract.objects.all()
    return (
        scope_to_user(contracts, user, via="facilitator", roles=FACILITATOR_ROLES + (Role.ADMIN,))
        | scope_to_user(contracts, user, via="buyer", roles=BUYER_ROLES)
        | scope_to_user(contracts, user, via="commitments__company", roles=COMPANY_ROLES)
    ).distinct()


def facilitated_contracts(user) -> QuerySet[Contract]:
    """Contracts whose clause the user manages (facilitator role in the facilitator organisation)."""
    return scope_to_user(Contract.objects.all(), user, via="facilitator", roles=FACILITATOR_ROLES)


def buyer_contracts(user) -> QuerySet[Contract]:
    """Contracts bought by the organisations where the user is a buyer."""
    return scope_to_user(Contract.objects.all(), user, via="buyer", roles=BUYER_ROLES)


def is_facilitator_of(user, contract: Contract) -> bool:
    return has_role(user, *FACILITATOR_ROLES, organisation_id=contract.facilitator_id)


def get_contract_for_user(user, pk, *, write: bool = False) -> Contract:
    """The contract if the user may see it (else 404); with `write`, only its facilitators (else 403)."""
    try:
        contract = contracts_for_user(user).get(pk=pk)
    except (Contract.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not is_facilitator_of(user, contract):
        raise PermissionDenied
    return contract


def get_job_sheet_for_user(user, pk) -> JobSheet:
    """A job sheet is seen by whoever sees its contract (it is written to be shared)."""
    try:
        return JobSheet.objects.select_related("commitment__contract", "commitment__company").get(
            pk=pk, commitment__contract__in=contracts_for_user(user)
        )
    except (JobSheet.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def commitments_for_company_user(user) -> QuerySet[Commitment]:
    """The commitments of the companies the user belongs to (the company's home page)."""
    return scope_to_user(
        Commitment.objects.select_related("contract"), user, via="company", roles=COMPANY_ROLES
    )


def visible_commitments(user, contract: Contract) -> QuerySet[Commitment]:
    """A contract's commitments as the user may see them: all for its facilitators and buyer,
    the company's own for a company."""
    commitments = contract.commitments.select_related("company")
    if is_facilitator_of(user, contract) or has_role(user, *BUYER_ROLES, organisation_id=contract.buyer_id):
        return commitments
    return scope_to_user(commitments, user, via="company", roles=COMPANY_ROLES)


def participants_for_user(user) -> QuerySet[Participant]:
    """Participants of the facilitator organisations where the user is a facilitator; none otherwise."""
    return scope_to_user(Participant.objects.all(), user, via="facilitator", roles=FACILITATOR_ROLES)


def get_participant_for_user(user, pk) -> Participant:
    return get_object_for_user(
        Participant.objects.all(), user, pk, via="facilitator", roles=FACILITATOR_ROLES
    )


def get_placement_for_user(user, pk) -> Placement:
    """A placement reveals a participant: facilitators of the participant's organisation only."""
    return get_object_for_user(
        Placement.objects.select_related("participant", "commitment__contract", "commitment__company"),
        user,
        pk,
        via="participant__facilitator",
        roles=FACILITATOR_ROLES,
    )


def declarations_for_user(user) -> QuerySet[Declaration]:
    """A company's own declarations, and every declaration of the contracts the user facilitates."""
    declarations = Declaration.objects.select_related("contract", "company")
    return (
        scope_to_user(declarations, user, via="company", roles=COMPANY_ROLES)
        | scope_to_user(declarations, user, via="contract__facilitator", roles=FACILITATOR_ROLES)
    ).distinct()


def get_declaration_for_user(user, pk, *, review: bool = False) -> Declaration:
    """The declaration if visible (else 404); with `review`, only the contract's facilitators (else 403)."""
    try:
        declaration = declarations_for_user(user).get(pk=pk)
    except (Declaration.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if review and not is_facilitator_of(user, declaration.contract):
        raise PermissionDenied
    return declaration
