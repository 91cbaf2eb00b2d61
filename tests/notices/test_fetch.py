"""The live clients, on recorded responses only: every request goes to an `httpx.MockTransport`
whose handler refuses any host but the expected ones, so nothing can reach the internet."""

import io
from datetime import date
from functools import partial
from pathlib import Path

import httpx
import orjson
import pytest
from django.core.management import CommandError, call_command

from bench.generate import decp_document, eforms_notices
from notices.fetch import boamp, decp, ted
from notices.fetch.http import FetchError, PoliteClient
from notices.models import Notice

RECORDINGS = Path(__file__).parent / "recordings"
HOSTS = {
    "api.ted.europa.eu",
    "ted.europa.eu",
    "boamp-datadila.opendatasoft.com",
    "www.data.gouv.fr",
    "static.data.gouv.fr",
}
DECP_FILE = decp_document(12)


def recording(name: str) -> bytes:
    return (RECORDINGS / name).read_bytes()


class Recorder:
    """Serves the recorded responses and keeps every request it saw."""

    def __init__(self, *failures: httpx.Response) -> None:
        self.requests: list[httpx.Request] = []
        self.failures = list(failures)
        self.ted_notices = iter(eforms_notices(3))

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert request.url.host in HOSTS, f"unexpected host {request.url.host}"
        self.requests.append(request)
        if self.failures:
            return self.failures.pop(0)
        if request.url.path == "/v3/notices/search":
            token = orjson.loads(request.content)["iterationNextToken"]
            return httpx.Response(
                200, content=recording("ted_search_page2.json" if token else "ted_search_page1.json")
            )
        if request.url.path.endswith("/xml"):
            return httpx.Response(200, content=next(self.ted_notices))
        if request.url.host == "boamp-datadila.opendatasoft.com":
            params = request.url.params
            if params["offset"] == "0" and params["where"] == "dateparution=date'2026-01-05'":
                return httpx.Response(200, content=recording("boamp_records.json"))
            return httpx.Response(200, json={"total_count": 0, "results": []})
        if request.url.host == "www.data.gouv.fr":
            return httpx.Response(200, content=recording("decp_dataset.json"))
        start = int(request.headers.get("Range", "bytes=0-")[6:-1])
        return httpx.Response(206 if start else 200, content=DECP_FILE[start:])


def _client(recorder: Recorder, sleeps: list[float] | None = None) -> PoliteClient:
    sleeps = [] if sleeps is None else sleeps
    return PoliteClient(transport=httpx.MockTransport(recorder), min_interval=0, sleep=sleeps.append)


def test_the_client_only_talks_to_the_mock_transport():
    client = _client(Recorder())
    assert isinstance(client.http._transport, httpx.MockTransport)


def test_ted_fetch_follows_the_iteration_token_and_downloads_each_notice(tmp_path):
    recorder = Recorder()
    paths = ted.fetch(_client(recorder), since=date(2026, 1, 1), until=date(2026, 1, 31), output=tmp_path)
    assert [path.name for path in paths] == ["00000001-2026.xml", "00000002-2026.xml", "00000003-2026.xml"]
    first_search = orjson.loads(recorder.requests[0].content)
    assert (
        first_search["query"]
        == "publication-date>=20260101 AND publication-date<=20260131 AND buyer-country=FRA"
    )
    assert first_search["paginationMode"] == "ITERATION"
    assert all(path.read_bytes().startswith(b"<?xml") for path in paths)


def test_ted_fetch_does_not_download_a_notice_twice(tmp_path):
    ted.fetch(_client(Recorder()), since=date(2026, 1, 1), until=None, output=tmp_path)
    recorder = Recorder()
    ted.fetch(_client(recorder), since=date(2026, 1, 1), until=None, output=tmp_path)
    assert [request.url.path for request in recorder.requests] == ["/v3/notices/search"] * 2


def test_boamp_fetch_pages_each_day_of_the_range(tmp_path):
    recorder = Recorder()
    paths = boamp.fetch(_client(recorder), since=date(2026, 1, 4), until=date(2026, 1, 6), output=tmp_path)
    assert [path.name for path in paths] == ["boamp-2026-01-05-000.json"]
    wheres = [request.url.params["where"] for request in recorder.requests]
    assert wheres == [f"dateparution=date'2026-01-0{day}'" for day in (4, 5, 6)]


def test_decp_fetch_takes_the_json_resources_modified_since_the_date(tmp_path):
    recorder = Recorder()
    (path,) = decp.fetch(_client(recorder), since=date(2026, 1, 1), output=tmp_path)
    assert path.name == "decp-2026.json"
    assert path.read_bytes() == DECP_FILE


def test_decp_download_resumes_an_interrupted_file_with_a_range_request(tmp_path):
    target = tmp_path / "decp-2026.json"
    target.with_name("decp-2026.json.part").write_bytes(DECP_FILE[:1000])
    recorder = Recorder()
    decp.download(_client(recorder), "https://static.data.gouv.fr/resources/decp/decp-2026.json", target)
    assert recorder.requests[0].headers["Range"] == "bytes=1000-"
    assert target.read_bytes() == DECP_FILE


def test_retries_honour_retry_after_then_succeed(tmp_path):
    sleeps = []
    recorder = Recorder(httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(503))
    ted.fetch(_client(recorder, sleeps), since=date(2026, 1, 1), until=None, output=tmp_path)
    assert sleeps[:2] == [7.0, 4.0]


def test_the_client_gives_up_after_its_retries():
    recorder = Recorder(*[httpx.Response(503) for _ in range(6)])
    with pytest.raises(FetchError, match="after 6 attempts"):
        _client(recorder).request("GET", "https://www.data.gouv.fr/api/1/datasets/x/")
    assert len(recorder.requests) == 6


def test_a_client_error_is_not_retried():
    recorder = Recorder(httpx.Response(404))
    with pytest.raises(FetchError, match="HTTP 404"):
        _client(recorder).request("GET", "https://www.data.gouv.fr/api/1/datasets/x/")
    assert len(recorder.requests) == 1


def test_requests_name_clausier_and_keep_their_distance():
    sleeps = []
    recorder = Recorder()
    client = PoliteClient(transport=httpx.MockTransport(recorder), min_interval=30, sleep=sleeps.append)
    for _ in range(2):
        client.request("GET", "https://www.data.gouv.fr/api/1/datasets/x/")
    assert recorder.requests[0].headers["User-Agent"].startswith("Clausier/")
    assert len(sleeps) == 1
    assert sleeps[0] > 29


def test_fetch_command_downloads_then_ingests(tmp_path, monkeypatch):
    recorder = Recorder()
    monkeypatch.setattr(
        "notices.management.commands.fetch.PoliteClient",
        partial(PoliteClient, transport=httpx.MockTransport(recorder), min_interval=0, sleep=lambda _: None),
    )
    out = io.StringIO()
    args = ["boamp", "--since", "2026-01-05", "--until", "2026-01-05", "--output", str(tmp_path), "--ingest"]
    call_command("fetch", *args, stdout=out, stderr=io.StringIO())
    assert out.getvalue().splitlines()[-1] == "inserted=2 updated=0 unchanged=0 rejected=0"
    assert set(Notice.objects.values_list("source_id", flat=True)) == {"26-100001", "26-100002"}


def test_fetch_command_refuses_an_invalid_date(tmp_path):
    with pytest.raises(CommandError):
        call_command("fetch", "ted", "--since", "05/01/2026", "--output", str(tmp_path))
