import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list
from tests.samples import ROOT

pytestmark = pytest.mark.no_django_db

PRODUCTION_ENV = {
    "DEBUG": "False",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-3f9c2a71b8e64d05",
    "ALLOWED_HOSTS": "clausier.example.gouv.fr",
}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        key: value for key, value in os.environ.items() if key not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")
    }
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def test_env_bool_refuses_ambiguous_values(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "yes")

    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG", "False")


def test_env_int_and_list_parse_strictly(monkeypatch):
    monkeypatch.setenv("SOME_INT", "12")
    monkeypatch.setenv("SOME_LIST", "a.fr, b.fr,,")
    assert env_int("SOME_INT", "0") == 12
    assert env_list("SOME_LIST") == ["a.fr", "b.fr"]
    monkeypatch.setenv("SOME_INT", "douze")
    with pytest.raises(ImproperlyConfigured, match="SOME_INT"):
        env_int("SOME_INT", "0")


def test_check_deploy_is_clean_with_production_settings():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_the_development_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}

    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


def test_production_server_refuses_to_start_without_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}

    result = _run(["-c", "import config.wsgi"], env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_server_refuses_to_start_without_allowed_hosts():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "ALLOWED_HOSTS"}

    result = _run(["-c", "import config.wsgi"], env)

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_clausier_command_accepts_dashed_command_names():
    result = _run(["-c", "from config.cli import main; main(['clausier', 'load-referential', '--help'])"], {})

    assert result.returncode == 0, result.stderr
    assert "referential/data" in result.stdout


def test_installed_clausier_command_runs_from_any_folder(tmp_path):
    """The console script must not depend on the current folder: every app is packaged."""
    clausier = os.path.join(os.path.dirname(sys.executable), "clausier")
    clean = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}

    result = subprocess.run(
        [clausier, "check"], cwd=tmp_path, env=clean, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
