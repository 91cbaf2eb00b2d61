"""The imports page: a staff member uploads a file, a background worker ingests it."""

import io

import orjson
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from notices.enums import IngestStatus
from notices.models import IngestRun, Notice


def _decp_file() -> SimpleUploadedFile:
    good = {
        "id": "2026-0042",
        "acheteur": {"id": "21330063500017"},
        "nature": "Marché",
        "objet": "Entretien des espaces verts avec clause d'insertion",
        "codeCPV": "77310000-6",
        "procedure": "Procédure adaptée",
        "lieuExecution": {"code": "33000", "typeCode": "Code postal"},
        "dureeMois": 12,
        "dateNotification": "2026-03-02",
        "montant": 180000,
        "titulaires": [{"titulaire": {"id": "73282932000074", "typeIdentifiant": "SIRET"}}],
        "considerationsSociales": {"considerationSociale": ["Clause sociale"]},
    }
    without_title = {**good, "id": "2026-0043", "objet": ""}
    body = orjson.dumps({"marches": {"marche": [good, without_title]}})
    return SimpleUploadedFile("decp 2026 (export).json", body, content_type="application/json")


@pytest.mark.transactional
def test_staff_upload_is_ingested_by_the_background_worker(client, admin_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(admin_user)

    response = client.post("/imports/", {"file": _decp_file(), "format": "auto"})

    assert response.status_code == 302
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.READY
    assert not IngestRun.objects.exists()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())

    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    run = IngestRun.objects.get()
    assert (run.status, run.inserted, run.rejected) == (IngestStatus.COMPLETED, 1, 1)
    assert Notice.objects.get().title == "Entretien des espaces verts avec clause d'insertion"
    assert task.return_value["inserted"] == 1


@pytest.mark.transactional
def test_rejected_records_are_listed_for_review(client, admin_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(admin_user)
    client.post("/imports/", {"file": _decp_file(), "format": "decp"})
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())

    page = client.get(f"/imports/{IngestRun.objects.get().pk}/").content.decode()

    assert "missing_title" in page
    assert "2026-0043" in page


def test_progress_fragment_polls_while_an_import_waits(client, admin_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(admin_user)
    client.post("/imports/", {"file": _decp_file(), "format": "auto"})

    fragment = client.get("/imports/", HTTP_HX_REQUEST="true").content.decode()

    assert 'hx-trigger="every 3s"' in fragment
    assert "1 import en attente" in fragment
    assert "<html" not in fragment


def test_uploaded_file_name_cannot_escape_the_upload_folder(client, admin_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(admin_user)
    upload = SimpleUploadedFile("../../evil.json", b"{}", content_type="application/json")

    client.post("/imports/", {"file": upload, "format": "auto"})

    (path,) = DBTaskResult.objects.get().args_kwargs["kwargs"]["paths"]
    assert path.startswith(str(tmp_path / "media" / "imports"))
    assert not (tmp_path / "evil.json").exists()


def test_imports_page_is_for_staff_only(client, cast):
    from accounts.enums import OrganisationKind

    client.force_login(cast(OrganisationKind.FACILITATOR).user)

    response = client.get("/imports/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
