"""Who may read which bilan, and whether small counts of people are withheld from them.

Built on `followup.permissions` (itself on `accounts.permissions`):
- the facilitators of the contracts read full figures;
- the buyer's members read the bilans of their contracts, operations and organisation;
- a company reads the bilan of its own commitments only;
- observers (State services) read territory bilans;
in every case but the first, counts of people under 5 are withheld. Anything else is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from accounts.audit import record_access
from accounts.enums import AuditAction, Role
from accounts.permissions import has_role, scope_to_user
from followup.models import Commitment
from followup.permissions import BUYER_ROLES, COMPANY_ROLES, FACILITATOR_ROLES
from followup.reports.compute import Report, compute_report
from followup.reports.enums import Scope
from followup.reports.subjects import Subject, find_subject


@dataclass(frozen=True)
class Reading:
    """The part of a subject a user may read, and whether small counts are withheld from them."""

    subject: Subject
    suppress: bool


def reading_for_user(user, scope: Scope, ref: str) -> Reading:
    """The subject `ref` narrowed to what `user` may read; Http404 when nothing of it."""
    try:
        subject = find_subject(scope, ref)
    except LookupError:
        raise Http404 from None
    base = subject.contracts
    is_observer = scope == Scope.TERRITORY and has_role(user, Role.OBSERVER)
    facilitated = scope_to_user(base, user, via="facilitator", roles=FACILITATOR_ROLES)
    whole = base if is_observer else facilitated | scope_to_user(base, user, via="buyer", roles=BUYER_ROLES)
    own = scope_to_user(
        Commitment.objects.filter(contract__in=base.values("pk")).exclude(contract__in=whole.values("pk")),
        user,
        via="company",
        roles=COMPANY_ROLES,
    )
    if not (is_observer or whole.exists() or own.exists()):
        raise Http404
    suppress = is_observer or whole.exclude(pk__in=facilitated.values("pk")).exists() or own.exists()
    return Reading(subject.narrowed(contracts=whole, company_commitments=own), suppress)


def report_for_user(user, scope: Scope, ref: str, year: int | None = None) -> Report:
    """The bilan of `ref` for `year` as `user` may read it (Http404 outside their scope)."""
    reading = reading_for_user(user, scope, ref)
    return compute_report(reading.subject, year=year, suppress=reading.suppress)


def record_export(actor, report: Report, export: str, **details) -> None:
    """Full counts of people can single someone out: taking them out of the application is an
    export of personal data, logged (DESIGN.md section 8). Withheld counts are not logged."""
    if not report.is_suppressed:
        record_access(
            actor=actor,
            action=AuditAction.EXPORT,
            object_type="followup.report",
            object_id=f"{report.subject.scope.value}:{report.subject.key}",
            format=export,
            year=report.year,
            **details,
        )
