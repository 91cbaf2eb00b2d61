from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.enums import Role
from accounts.models import AuditEvent
from accounts.permissions import scope_to_user


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = request.user.memberships.select_related("organisation").order_by("organisation__name")
    return render(request, "accounts/dashboard.html", {"memberships": memberships})


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """The audit trail of the organisations the user administers or facilitates."""
    events = scope_to_user(
        AuditEvent.objects.select_related("actor", "organisation"),
        request.user,
        roles=[Role.ADMIN, Role.FACILITATOR],
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {"page_obj": page})
