"""Follow-up API (session-authenticated for now): the company's and facilitator's balances, and
the declaration workflow, as the twins of the pages. Scope comes from `followup.permissions`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.security import django_auth

from followup.permissions import (
    contracts_for_user,
    get_declaration_for_user,
    is_facilitator_of,
    visible_commitments,
)
from followup.services import balance, submit_declaration, validate_declaration

router = Router(tags=["suivi des clauses"], auth=django_auth)


class BalanceOut(Schema):
    contract: str
    company: str
    planned_hours: Decimal
    counted_hours: Decimal
    transfers_in: Decimal
    transfers_out: Decimal
    realised_hours: Decimal
    pending_hours: Decimal
    ineligible_hours: Decimal
    pro_rata_target: Decimal
    at_risk: bool


class DeclarationOut(Schema):
    id: int
    contract: str
    company: str
    month: date
    status: str


class ErrorOut(Schema):
    detail: str


@router.get("/soldes/", response=list[BalanceOut])
def balances(request: HttpRequest):
    """Reconciled hours of every commitment the user may see (realised = counted + in − out)."""
    today = timezone.localdate()
    rows = []
    for contract in contracts_for_user(request.user).order_by("reference"):
        for commitment in visible_commitments(request.user, contract):
            b = balance(commitment, on=today)
            rows.append(
                BalanceOut(
                    contract=contract.reference,
                    company=commitment.company.name,
                    planned_hours=b.planned,
                    counted_hours=b.counted_entries,
                    transfers_in=b.transfers_in,
                    transfers_out=b.transfers_out,
                    realised_hours=b.realised,
                    pending_hours=b.pending,
                    ineligible_hours=b.ineligible,
                    pro_rata_target=b.target,
                    at_risk=b.at_risk,
                )
            )
    return rows


def _out(declaration) -> DeclarationOut:
    return DeclarationOut(
        id=declaration.pk,
        contract=declaration.contract.reference,
        company=declaration.company.name,
        month=declaration.month,
        status=declaration.status,
    )


def _act(request: HttpRequest, pk: int, *, review: bool, action):
    try:
        declaration = get_declaration_for_user(request.user, pk, review=review)
        if not review and is_facilitator_of(request.user, declaration.contract):
            raise PermissionDenied
        return _out(action(declaration=declaration, by=request.user))
    except Http404:
        return Status(404, ErrorOut(detail="Déclaration introuvable."))
    except PermissionDenied:
        return Status(403, ErrorOut(detail="Action réservée à une autre partie de la déclaration."))
    except ValidationError as error:
        return Status(400, ErrorOut(detail=" ".join(error.messages)))


@router.post(
    "/declarations/{pk}/transmettre",
    response={200: DeclarationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def submit(request: HttpRequest, pk: int):
    """The company sends its month to the facilitator."""
    return _act(request, pk, review=False, action=submit_declaration)


@router.post(
    "/declarations/{pk}/valider", response={200: DeclarationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def validate(request: HttpRequest, pk: int):
    """The facilitator validates a submitted month: its hours count from now on."""
    return _act(request, pk, review=True, action=validate_declaration)
