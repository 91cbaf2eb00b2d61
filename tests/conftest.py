"""Test-wide rules and the small cast used by authorisation tests.

- Every test gets the database unless it is marked `no_django_db` (pure code: parsers,
  detection, formatting), so forgetting a marker fails loudly instead of hiding a query.
- Tests marked `browser` drive Chromium against the live server; tests marked `transactional`
  need committed data (the background worker). Both run in a transactional database restored
  from its serialised copy before each test, and `make test` runs them in their own pytest
  run: the flush that ends a transactional test would otherwise leave the tables that data
  migrations fill (référentiels) empty for the database tests that follow.
- The cast: two organisations of each kind ("A" and "B") with one member each, so that
  permission tests read as "the facilitator of B gets 404 on A's object".
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from accounts.enums import DEFAULT_ROLE_FOR_KIND, OrganisationKind, Role
from tests.samples import samples_folder


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        markers = {marker.name for marker in item.iter_markers()}
        if "browser" in markers or "transactional" in markers:
            # The live server and the task worker need committed data, and the flush after a
            # transactional test would also empty the tables that data migrations fill
            # (référentiels): restore them.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
        elif "no_django_db" not in markers and "django_db" not in markers:
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """No statement timeout for the test session's own connections.

    Production caps statements at 500 ms (DATABASE_STATEMENT_TIMEOUT_MS); on a loaded CI
    machine, creating or dropping a test database can take longer. Tests of the timeout set
    it themselves (`SET LOCAL statement_timeout`).
    """
    from django.conf import settings

    options = settings.DATABASES["default"].get("OPTIONS", {})
    if "options" in options:
        options["options"] = re.sub(r"statement_timeout=\d+", "statement_timeout=0", options["options"])


def pytest_configure(config):
    """Production defaults redirect to HTTPS and mark cookies secure; the test client and the
    live server speak plain HTTP. Set here, before any server builds its middleware (the
    session-scoped live server would otherwise keep the redirect)."""
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SECURE_HSTS_SECONDS = 0
    # Password hashing is deliberately slow; tests create many users and check no strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def shared_samples() -> Path:
    """The real public samples beside the repository; tests skip when they are absent."""
    return samples_folder()


@dataclass
class Member:
    user: object
    organisation: object
    role: Role


@dataclass
class Cast:
    members: dict[tuple[OrganisationKind, str], Member]

    def __call__(self, kind: OrganisationKind, side: str = "A") -> Member:
        return self.members[(kind, side)]


@pytest.fixture
def cast(django_user_model) -> Cast:
    from accounts.models import Membership, Organisation

    members = {}
    for kind in OrganisationKind:
        for side in ("A", "B"):
            organisation = Organisation.objects.create(name=f"{kind.label} {side}", kind=kind)
            user = django_user_model.objects.create_user(
                username=f"{kind.value}-{side.lower()}",
                email=f"{kind.value}-{side.lower()}@example.org",
                password="un mot de passe solide",
            )
            role = DEFAULT_ROLE_FOR_KIND[kind]
            Membership.objects.create(user=user, organisation=organisation, role=role)
            members[(kind, side)] = Member(user, organisation, role)
    return Cast(members)


# --- Browser tests (Playwright driving Debian's Chromium) ------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is required for browser tests: {CHROMIUM} not found (apt-get install chromium)."
        )
    # Playwright's sync API runs an event loop in this thread; the Django ORM calls made by
    # the tests themselves (fixtures) are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()
