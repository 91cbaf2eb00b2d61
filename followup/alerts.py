"""The monthly shortfall watch e-mail: one message per facilitator organisation.

Each facilitator organisation receives, once a month, the list of its commitments whose
realised hours fall behind the pro-rata target (`services.is_at_risk`). `ShortfallAlert` remembers
which organisation got which month's message, so running the command twice sends nothing new.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.enums import OrganisationKind, Role
from accounts.models import Organisation
from followup.models import Commitment, ShortfallAlert
from followup.services import commitments_at_risk, first_of_month


def facilitator_emails(organisation: Organisation) -> list[str]:
    return sorted(
        {
            membership.user.email
            for membership in organisation.memberships.filter(role=Role.FACILITATOR).select_related("user")
            if membership.user.email and membership.user.is_active
        }
    )


def send_shortfall_alerts(*, on: datetime.date) -> int:
    """Send this month's message to every facilitator organisation with contracts at risk.

    Returns the number of e-mails sent. Each organisation is handled in its own transaction, so
    a failure leaves the others' record intact and a re-run only sends what is missing.
    """
    month = first_of_month(on)
    sent = 0
    organisations = Organisation.objects.filter(
        kind=OrganisationKind.FACILITATOR, facilitated_contracts__isnull=False
    ).distinct()
    for organisation in organisations:
        if ShortfallAlert.objects.filter(facilitator=organisation, month=month).exists():
            continue
        commitments = Commitment.objects.filter(contract__facilitator=organisation).select_related(
            "contract", "company"
        )
        at_risk = commitments_at_risk(commitments, on=on)
        recipients = facilitator_emails(organisation)
        if not at_risk or not recipients:
            continue
        with transaction.atomic():
            ShortfallAlert.objects.create(facilitator=organisation, month=month, commitments=len(at_risk))
            body = render_to_string(
                "followup/shortfall_alert.txt",
                {
                    "organisation": organisation,
                    "balances": at_risk,
                    "on": on,
                    "url": settings.SITE_URL.rstrip("/") + reverse("followup:index"),
                },
            )
            subject = _("Clausier — %(count)s engagement(s) en retard sur leurs heures d'insertion") % {
                "count": len(at_risk)
            }
            EmailMessage(subject, body, to=recipients).send()
        sent += 1
    return sent
