"""Recording reads and changes of sensitive objects (personal data) in the audit log."""

from __future__ import annotations

from django.db.models import Model

from accounts.enums import AuditAction
from accounts.models import AuditEvent, Organisation


def record_access(
    *,
    actor,
    action: AuditAction,
    obj: Model | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    organisation: Organisation | None = None,
    **details,
) -> AuditEvent:
    """Append one event: `actor` did `action` on `obj` (or on `object_type`/`object_id`).

    Call it from the service or view that reads or changes personal data, in the same
    transaction as the change, so that a change without its trace cannot exist.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
    if object_type is None or object_id is None:
        raise ValueError("An audit event needs an object or an object_type and object_id.")
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organisation=organisation,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        details=details,
    )
