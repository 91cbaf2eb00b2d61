"""Pages of the Veille area: search notices (`/veille/`) and read one (`/veille/avis/<pk>/`).

Both pages are public: notices are open data. The search page works without JavaScript (a GET
form); with htmx, changing a filter replaces only the results zone.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from notices.detail import notice_detail
from notices.forms import SearchForm
from notices.search import COUNT_CAP, SearchTooBroad, search_notices


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    result = error = None
    if form.is_valid():
        try:
            result = search_notices(form.to_params())
        except SearchTooBroad as too_broad:
            error = too_broad.message
    context = {"form": form, "result": result, "error": error, "count_cap": COUNT_CAP}
    template = "notices/_search_update.html" if request.htmx else "notices/search.html"
    return render(request, template, context)


def notice(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "notices/notice.html", {"detail": notice_detail(pk)})
