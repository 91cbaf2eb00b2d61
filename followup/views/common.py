"""What every follow-up page shares: the generic form page."""

from __future__ import annotations

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_form(
    request: HttpRequest, form: Form, *, title: str, back_url: str, multipart: bool = False
) -> HttpResponse:
    """One form on a page of its own, with a way back (status 400 when the form has errors)."""
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "title": title, "back_url": back_url, "multipart": multipart}
    return render(request, "followup/form.html", context, status=status)
