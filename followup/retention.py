"""Retention of personal data (DESIGN.md section 8, DOMAIN.md 4.3).

Participants are anonymised `PERSONAL_DATA_RETENTION_MONTHS` (24 by default) after their last
activity, as the CNIL référentiel on retention in the social sector recommends (délibération
2023-095: two years from the last contact, then anonymisation). Audit events are kept
`AUDIT_LOG_RETENTION_MONTHS` (12) and then deleted.

What anonymisation keeps is what the bilans need and nothing more: the pseudonymous code (it
links hours, placements and outcomes, and without the facilitator's own file it names nobody),
gender, département, the age band at the last activity (instead of the birth year), the public
categories with their validity dates (hours are counted inside them, so past reports keep their
figures). It erases the birth year, the commune and the prescriber's name.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from accounts.audit import record_access
from accounts.enums import AuditAction
from accounts.models import AuditEvent
from followup.models import Participant, add_months


@dataclass(frozen=True)
class PurgeResult:
    participants: int
    audit_events: int
    wet_run: bool


@transaction.atomic
def anonymise_participant(participant: Participant, *, by=None) -> Participant:
    participant.age_band = participant.age_band_on(participant.last_activity_on)
    participant.birth_year = None
    participant.commune = ""
    participant.prescriber = ""
    participant.is_anonymised = True
    participant.save(update_fields=["age_band", "birth_year", "commune", "prescriber", "is_anonymised"])
    participant.referrals.update(prescriber="")
    record_access(
        actor=by, action=AuditAction.ANONYMISE, obj=participant, organisation=participant.facilitator
    )
    return participant


def purge_personal_data(*, today: datetime.date, wet_run: bool) -> PurgeResult:
    """Count (dry run) or apply (wet run) the anonymisations and audit deletions due on `today`."""
    participants = Participant.objects.inactive_since(
        add_months(today, -settings.PERSONAL_DATA_RETENTION_MONTHS)
    )
    events = AuditEvent.objects.filter(at__date__lt=add_months(today, -settings.AUDIT_LOG_RETENTION_MONTHS))
    result = PurgeResult(participants=participants.count(), audit_events=events.count(), wet_run=wet_run)
    if wet_run:
        with transaction.atomic():
            events.delete()
            for participant in participants.select_for_update().select_related("facilitator"):
                anonymise_participant(participant)
    return result
