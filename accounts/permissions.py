"""Object-level access: who may see or change what, as querysets.

Every private object belongs to an organisation (directly, or through a path such as
"contract__organisation"). Views and API endpoints call these helpers instead of filtering by
hand, so the rule "members of the owning organisation, with the right role" lives here once.
Anything outside the user's scope answers 404, not 403: its existence is private too. A 403
means "you may see it but not change it".
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from accounts.enums import Role
from accounts.models import Membership


def organisation_ids(user, roles: Iterable[Role] | None = None) -> set[int]:
    """Ids of the organisations where `user` holds one of `roles` (any role when None).

    Runs one query; an anonymous user has none.
    """
    memberships = Membership.objects.for_user(user)
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    return set(memberships.values_list("organisation_id", flat=True))


def has_role(user, *roles: Role, organisation_id: int | None = None) -> bool:
    """True when `user` holds one of `roles` (in `organisation_id` when given)."""
    memberships = Membership.objects.for_user(user).filter(role__in=roles)
    if organisation_id is not None:
        memberships = memberships.filter(organisation_id=organisation_id)
    return memberships.exists()


def scope_to_user(
    queryset: QuerySet, user, *, via: str = "organisation", roles: Iterable[Role] | None = None
) -> QuerySet:
    """Restrict `queryset` to rows whose organisation (reached by `via`) the user belongs to."""
    return queryset.filter(**{f"{via}__in": organisation_ids(user, roles)})


def get_object_for_user(
    queryset: QuerySet,
    user,
    pk,
    *,
    via: str = "organisation",
    roles: Iterable[Role] | None = None,
    write_roles: Iterable[Role] | None = None,
    write: bool = False,
) -> Model:
    """The object `pk` if `user` may see it, else Http404.

    With `write=True`, a visible object that the user may not change (no role among
    `write_roles` in the owning organisation) raises PermissionDenied.
    """
    try:
        obj = scope_to_user(queryset, user, via=via, roles=roles).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and write_roles is not None:
        if not scope_to_user(queryset.filter(pk=obj.pk), user, via=via, roles=write_roles).exists():
            raise PermissionDenied
    return obj
