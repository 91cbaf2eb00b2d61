import pytest

from accounts.audit import record_access
from accounts.enums import AuditAction, OrganisationKind
from accounts.models import AuditEvent


def test_record_access_names_the_object_by_type_and_id(cast):
    member = cast(OrganisationKind.FACILITATOR)

    event = record_access(actor=member.user, action=AuditAction.UPDATE, obj=member.organisation, field="name")

    assert event.object_type == "accounts.organisation"
    assert event.object_id == str(member.organisation.pk)
    assert event.actor == member.user
    assert event.details == {"field": "name"}


def test_audit_events_are_append_only(cast):
    member = cast(OrganisationKind.FACILITATOR)
    event = record_access(actor=member.user, action=AuditAction.READ, obj=member.organisation)

    event.action = AuditAction.DELETE
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.READ


def test_record_access_requires_an_object():
    with pytest.raises(ValueError, match="needs an object"):
        record_access(actor=None, action=AuditAction.READ)


def test_audit_log_page_lists_only_own_organisation_events(client, cast):
    facilitator_a = cast(OrganisationKind.FACILITATOR, "A")
    facilitator_b = cast(OrganisationKind.FACILITATOR, "B")
    record_access(
        actor=facilitator_a.user,
        action=AuditAction.READ,
        object_type="followup.participant",
        object_id="A-77",
        organisation=facilitator_a.organisation,
    )
    record_access(
        actor=facilitator_b.user,
        action=AuditAction.READ,
        object_type="followup.participant",
        object_id="B-88",
        organisation=facilitator_b.organisation,
    )

    client.force_login(facilitator_a.user)
    page = client.get("/compte/journal/").content.decode()

    assert "A-77" in page
    assert "B-88" not in page
