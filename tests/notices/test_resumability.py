"""A run killed with SIGKILL and run again ends with the same database as a clean run.

The import runs in a child process (`manage.py ingest`) on a scratch database of the same
engine as the test run: a SQLite file, or a PostgreSQL database created beside the test one.
The child is killed as soon as its first batch is committed (its `IngestRun` counts move),
then run again to the end; the result is compared with a clean run on the same data.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from bench.generate import write
from tests.samples import ROOT

PROGRESS_SQL = "SELECT coalesce(sum(inserted + updated + unchanged + rejected), 0) FROM notices_ingestrun"
DUMP = "from tests.notices.dump import canonical_dump; print(json.dumps(canonical_dump()))"
WIPE = (
    "from notices.models import *; "
    "[model.objects.all().delete() for model in (SocialConsideration, Lot, Award, Notice, Buyer, IngestRun)]"
)


class Scratch:
    """A migrated database for child processes, and a way to read one number from it."""

    def __init__(self, url: str, read) -> None:
        self.url = url
        self.read = read

    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key != "TEST_DATABASE_NAME"}
        # No web statement timeout: migrating a fresh database on a busy machine may take longer.
        overrides = {"DATABASE_URL": self.url, "DATABASE_STATEMENT_TIMEOUT_MS": "0", "DEBUG": "True"}
        return {**env, **overrides, "DJANGO_SETTINGS_MODULE": "config.settings"}

    def run(self, *args: str) -> str:
        completed = subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=self.env(), capture_output=True, text=True, timeout=300
        )
        assert completed.returncode == 0, completed.stderr
        return completed.stdout

    def manage(self, *args: str) -> str:
        return self.run("manage.py", *args)

    def python(self, code: str) -> str:
        return self.run("-c", f"import django, json; django.setup(); {code}")

    def dump(self) -> dict:
        return json.loads(self.python(DUMP))


@pytest.fixture
def scratch(tmp_path) -> Iterator[Scratch]:
    if connection.vendor == "postgresql":
        params = connection.get_connection_params()
        name = f"{connection.settings_dict['NAME']}_resume"
        server = {key: params[key] for key in ("host", "port", "user", "password") if params.get(key)}
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        credentials = server["user"] + (f":{server['password']}" if server.get("password") else "")
        url = f"postgres://{credentials}@{server.get('host', 'localhost')}:{server.get('port', 5432)}/{name}"

        def read() -> int:
            with psycopg.connect(dbname=name, **server) as reader:
                return reader.execute(PROGRESS_SQL).fetchone()[0]

        yield Scratch(url, read)
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = tmp_path / "scratch.sqlite3"

        def read() -> int:
            with sqlite3.connect(path, timeout=5) as reader:
                return reader.execute(PROGRESS_SQL).fetchone()[0]

        yield Scratch(f"sqlite:///{path}", read)


def _kill_after_first_batch(scratch: Scratch, data: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "manage.py", "ingest", str(data), "--batch-size", "40"],
        cwd=ROOT,
        env=scratch.env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while child.poll() is None and time.monotonic() < deadline:
        try:
            if scratch.read() > 0:
                break
        except (sqlite3.OperationalError, psycopg.Error):
            pass  # the child is still creating its tables' first rows
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL, "the import ended before it could be killed"


def test_a_killed_ingest_run_again_gives_the_same_database_as_a_clean_run(scratch, tmp_path):
    data = tmp_path / "data"
    write(data, eforms=60, decp=3000)
    scratch.manage("migrate", "--noinput")

    _kill_after_first_batch(scratch, data)
    assert 0 < scratch.read() < 3060
    scratch.manage("ingest", str(data), "--batch-size", "40")
    resumed = scratch.dump()

    scratch.python(WIPE)
    clean_run = scratch.manage("ingest", str(data), "--batch-size", "40")
    assert clean_run.strip() == "inserted=3060 updated=0 unchanged=0 rejected=0"
    assert scratch.dump() == resumed
    assert len(resumed["notices"]) == 3060
