"""The bilans over the API (session-authenticated like the follow-up API): the JSON of
`clausier report`, narrowed and withheld exactly as on the /suivi/bilans/ pages."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router
from ninja.security import django_auth

from followup.reports.access import record_export, report_for_user
from followup.reports.documents import as_json
from followup.reports.enums import Scope

router = Router(tags=["bilans"], auth=django_auth)


@router.get("/{scope}/{ref}/", response=dict)
def report(request: HttpRequest, scope: str, ref: str, year: int | None = None):
    """Bilan of a contract (reference), operation (id or reference), buyer (id or SIRET) or
    territory (département code): hours planned and realised, unique people and breakdowns;
    counts of people under 5 are "< 5" outside the contracts' facilitators."""
    if scope not in Scope.values:
        raise Http404
    bilan = report_for_user(request.user, Scope(scope), ref, year)
    record_export(request.user, bilan, "api")
    return as_json(bilan)
