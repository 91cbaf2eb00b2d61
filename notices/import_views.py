"""The imports page: upload a file to ingest in the background, follow runs, review rejections."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from notices.enums import IngestStatus, InputFormat
from notices.models import IngestRun
from notices.tasks import ingest_files
from notices.uploads import enqueue_ingest


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier à importer"),
        help_text=_("TED eForms (XML), BOAMP, DECP ou OCDS (JSON/XML), seul ou en archive .zip / .gz."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=InputFormat.choices, initial=InputFormat.AUTO)


def _pending_tasks():
    """Ingest tasks queued or running (their IngestRun appears once a worker starts them)."""
    return DBTaskResult.objects.filter(task_path=ingest_files.module_path).filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    )


@staff_member_required
def index(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        enqueue_ingest(form.cleaned_data["file"], format=form.cleaned_data["format"])
        messages.success(request, _("Fichier reçu : l'import démarre en arrière-plan."))
        return redirect("imports:index")
    runs = IngestRun.objects.all()[:30]
    pending = _pending_tasks().count()
    context = {
        "form": form,
        "runs": runs,
        "pending": pending,
        "busy": pending or any(run.status == IngestStatus.RUNNING for run in runs),
    }
    template = "notices/imports/_runs.html" if request.htmx else "notices/imports/index.html"
    return render(request, template, context)


@staff_member_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(IngestRun, pk=pk)
    issues = Paginator(run.issues.order_by("id"), 50).get_page(request.GET.get("page"))
    return render(request, "notices/imports/run.html", {"run": run, "page_obj": issues})
