import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.audit import record_access
from accounts.enums import AuditAction, OrganisationKind, Role
from accounts.models import AuditEvent
from accounts.permissions import get_object_for_user, has_role, organisation_ids, scope_to_user


def _event_of(member):
    return record_access(
        actor=member.user,
        action=AuditAction.READ,
        object_type="followup.participant",
        object_id=1,
        organisation=member.organisation,
    )


def test_user_sees_only_objects_of_their_organisation(cast):
    facilitator_a = cast(OrganisationKind.FACILITATOR, "A")
    facilitator_b = cast(OrganisationKind.FACILITATOR, "B")
    event_a = _event_of(facilitator_a)
    event_b = _event_of(facilitator_b)

    visible = scope_to_user(AuditEvent.objects.all(), facilitator_a.user)

    assert list(visible) == [event_a]
    assert event_b not in visible


def test_outsider_gets_404_on_another_organisations_object(cast):
    event_a = _event_of(cast(OrganisationKind.FACILITATOR, "A"))
    facilitator_b = cast(OrganisationKind.FACILITATOR, "B")

    with pytest.raises(Http404):
        get_object_for_user(AuditEvent.objects.all(), facilitator_b.user, event_a.pk)


@pytest.mark.parametrize("kind", list(OrganisationKind))
def test_no_member_of_side_b_reaches_side_a_objects(cast, kind):
    event_a = _event_of(cast(OrganisationKind.FACILITATOR, "A"))
    outsider = cast(kind, "B")

    assert not scope_to_user(AuditEvent.objects.all(), outsider.user).filter(pk=event_a.pk).exists()


def test_anonymous_user_sees_nothing(cast):
    from django.contrib.auth.models import AnonymousUser

    _event_of(cast(OrganisationKind.FACILITATOR, "A"))

    assert not scope_to_user(AuditEvent.objects.all(), AnonymousUser()).exists()


def test_role_filter_hides_objects_from_members_without_that_role(cast):
    from accounts.models import Membership

    facilitator = cast(OrganisationKind.FACILITATOR, "A")
    event = _event_of(facilitator)
    observer_user = cast(OrganisationKind.STATE, "A").user
    Membership.objects.create(user=observer_user, organisation=facilitator.organisation, role=Role.OBSERVER)

    assert scope_to_user(AuditEvent.objects.all(), observer_user).filter(pk=event.pk).exists()
    assert not scope_to_user(AuditEvent.objects.all(), observer_user, roles=[Role.FACILITATOR]).exists()


def test_visible_but_read_only_object_raises_permission_denied_on_write(cast):
    from accounts.models import Membership

    facilitator = cast(OrganisationKind.FACILITATOR, "A")
    event = _event_of(facilitator)
    observer_user = cast(OrganisationKind.STATE, "A").user
    Membership.objects.create(user=observer_user, organisation=facilitator.organisation, role=Role.OBSERVER)

    found = get_object_for_user(AuditEvent.objects.all(), observer_user, event.pk)
    assert found == event
    with pytest.raises(PermissionDenied):
        get_object_for_user(
            AuditEvent.objects.all(), observer_user, event.pk, write=True, write_roles=[Role.FACILITATOR]
        )


def test_has_role_and_organisation_ids_follow_memberships(cast):
    buyer = cast(OrganisationKind.BUYER, "A")

    assert has_role(buyer.user, Role.BUYER)
    assert not has_role(buyer.user, Role.FACILITATOR)
    assert has_role(buyer.user, Role.BUYER, organisation_id=buyer.organisation.pk)
    assert not has_role(
        buyer.user, Role.BUYER, organisation_id=cast(OrganisationKind.BUYER, "B").organisation.pk
    )
    assert organisation_ids(buyer.user) == {buyer.organisation.pk}
