"""Background tasks of the follow-up (django-tasks; `clausier db_worker` runs them)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from followup.alerts import send_shortfall_alerts


@task()
def send_monthly_shortfall_alerts() -> int:
    """Enqueued monthly (cron or scheduler); sending twice in a month sends nothing new."""
    return send_shortfall_alerts(on=timezone.localdate())
