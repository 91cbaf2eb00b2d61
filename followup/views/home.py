from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from followup.enums import DeclarationStatus
from followup.models import Commitment
from followup.permissions import (
    buyer_contracts,
    commitments_for_company_user,
    declarations_for_user,
    facilitated_contracts,
)
from followup.services import balance, commitments_at_risk


def index(request: HttpRequest) -> HttpResponse:
    """The facilitator's contracts and shortfall watch, the buyer's contracts, the company's balances.

    The area's landing page is public (like every area of the menu): visitors see what it offers
    and a way to log in, and nothing else.
    """
    if not request.user.is_authenticated:
        return render(request, "followup/landing.html")
    today = timezone.localdate()
    facilitated = facilitated_contracts(request.user).select_related("buyer")
    watched = Commitment.objects.filter(contract__in=facilitated).select_related("contract", "company")
    context = {
        "facilitated": facilitated,
        "at_risk": commitments_at_risk(watched, on=today),
        "bought": buyer_contracts(request.user).select_related("facilitator"),
        "balances": [balance(c, on=today) for c in commitments_for_company_user(request.user)],
        "open_declarations": declarations_for_user(request.user).exclude(status=DeclarationStatus.VALIDATED)[
            :50
        ],
    }
    return render(request, "followup/index.html", context)
