"""Real browser: Playwright driving Debian's Chromium against the live server."""

import pytest

from accounts.demo import DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.browser


def test_home_page_renders_the_dsfr_header_in_french(page):
    page.goto("/")

    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("header.fr-header .fr-header__service-title").inner_text().strip() == "Clausier"
    nav = page.get_by_role("navigation", name="Menu principal")
    for label in ("Veille", "Annuaire", "Acheteurs", "Suivi des clauses", "Observatoire"):
        assert nav.get_by_role("link", name=label, exact=True).count() == 1
    # The DSFR stylesheet is served and applied: the header gets its white background.
    assert page.evaluate("getComputedStyle(document.querySelector('.fr-header')).display") != "inline"


def test_skip_link_is_the_first_keyboard_stop(page):
    page.goto("/")

    page.keyboard.press("Tab")

    assert page.evaluate("document.activeElement.textContent.trim()") == "Contenu"


def test_demo_facilitator_logs_in_and_sees_their_role_menu(page):
    load_demo(stdout=_Discard())
    page.goto("/compte/connexion/")

    page.get_by_label("Nom d’utilisateur").fill("facilitateur")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    page.wait_for_url("**/compte/")
    assert page.get_by_role("heading", name="Mon espace").is_visible()
    role_menu = page.get_by_role("navigation", name="Mon espace")
    assert role_menu.get_by_role("link", name="Contrats et heures d'insertion").is_visible()
    assert role_menu.get_by_role("link", name="Déclarer mes heures").count() == 0
    assert page.get_by_role("cell", name="PLIE Pau-Pyrénées").is_visible()


class _Discard:
    def write(self, text: str) -> None:
        pass
