"""`sources/` and `detection/` must stay pure: importing them never touches Django's database
layer nor its settings. Management commands are excluded on purpose: they are the Django-facing
wrappers and may use anything; everything they call lives in the pure modules checked here."""

import subprocess
import sys
import textwrap

import pytest

from tests.samples import ROOT

pytestmark = pytest.mark.no_django_db

SCRIPT = textwrap.dedent(
    """
    import importlib, pkgutil, sys
    imported = []
    for package_name in ("sources", "detection"):
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, package_name + "."):
            if ".management" in module.name or module.name.endswith(".management"):
                continue
            importlib.import_module(module.name)
            imported.append(module.name)
    leaked = sorted(name for name in sys.modules if name == "django.db" or name.startswith("django.db."))
    assert not leaked, f"django.db imported: {leaked}"
    conf = sys.modules.get("django.conf")
    if conf is not None:
        assert not conf.settings.configured, "django settings were configured during import"
    print(len(imported))
    """
)


def run_python(script: str) -> subprocess.CompletedProcess:
    """Run `script` in a fresh interpreter with no Django settings module in its environment."""
    env = {"PATH": "", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_sources_and_detection_import_without_django_db_or_settings():
    completed = run_python(SCRIPT)
    assert completed.returncode == 0, completed.stderr
    assert int(completed.stdout.strip()) >= 10


WITHOUT_C_BACKEND = textwrap.dedent(
    """
    import ijson
    ijson.backend = "python"
    try:
        import sources.jsonsafe
    except ImportError as error:
        print(error)
    """
)


def test_json_reader_refuses_to_load_without_the_ijson_c_backend():
    completed = run_python(WITHOUT_C_BACKEND)
    assert "yajl2_c" in completed.stdout, completed.stderr
