import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from accounts.audit import record_access
from accounts.enums import AuditAction
from accounts.models import AuditEvent
from followup.enums import AgeBand
from followup.models import Participant
from followup.retention import purge_personal_data
from tests.followup.factories import HoursEntryFactory, ParticipantFactory

TODAY = datetime.date(2026, 11, 25)


def _old_and_recent():
    old = ParticipantFactory(
        last_activity_on=datetime.date(2024, 11, 1), birth_year=1970, commune="Pau", prescriber="PLIE"
    )
    recent = ParticipantFactory(last_activity_on=datetime.date(2025, 1, 1), birth_year=1990, commune="Pau")
    return old, recent


def test_dry_run_changes_nothing():
    old, _recent = _old_and_recent()

    result = purge_personal_data(today=TODAY, wet_run=False)

    old.refresh_from_db()
    assert result.participants == 1
    assert old.birth_year == 1970
    assert not old.is_anonymised


def test_participants_inactive_for_24_months_are_anonymised_with_a_trace():
    old, recent = _old_and_recent()

    purge_personal_data(today=TODAY, wet_run=True)

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.is_anonymised
    assert (old.birth_year, old.commune, old.prescriber) == (None, "", "")
    assert old.age_band == AgeBand.FROM_50
    assert old.code.startswith("P-")
    assert old.gender == "female"
    assert not recent.is_anonymised
    assert recent.birth_year == 1990
    assert AuditEvent.objects.filter(action=AuditAction.ANONYMISE, object_id=str(old.pk)).count() == 1


def test_retention_follows_the_setting(settings):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 6
    _old, _recent = _old_and_recent()

    assert purge_personal_data(today=TODAY, wet_run=False).participants == 2


def test_anonymised_hours_still_count_in_reports():
    entry = HoursEntryFactory(placement__participant__last_activity_on=datetime.date(2020, 1, 1))
    from followup.services import realised_hours

    before = realised_hours(entry.placement.commitment)
    purge_personal_data(today=TODAY, wet_run=True)

    assert Participant.objects.get().is_anonymised
    assert realised_hours(entry.placement.commitment) == before == 35


def test_audit_events_older_than_12_months_are_deleted():
    old, _recent = _old_and_recent()
    stale = record_access(actor=None, action=AuditAction.READ, obj=old)
    fresh = record_access(actor=None, action=AuditAction.READ, obj=old)
    AuditEvent.objects.filter(pk=stale.pk).update(at=timezone.now() - datetime.timedelta(days=400))

    result = purge_personal_data(today=timezone.localdate(), wet_run=True)

    assert result.audit_events == 1
    assert not AuditEvent.objects.filter(pk=stale.pk).exists()
    assert AuditEvent.objects.filter(pk=fresh.pk).exists()


def test_purge_command_is_a_dry_run_unless_wet_run():
    old, _recent = _old_and_recent()
    out = io.StringIO()

    call_command("purge_personal_data", "--date", "2026-11-25", stdout=out)
    old.refresh_from_db()
    assert not old.is_anonymised
    call_command("purge_personal_data", "--date", "2026-11-25", "--wet-run", stdout=out)
    old.refresh_from_db()

    assert old.is_anonymised
    assert "Simulation (--wet-run pour appliquer) : 1 participant(s) anonymisé(s)" in out.getvalue()
