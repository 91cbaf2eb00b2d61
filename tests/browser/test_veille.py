"""Veille in a real browser: filter with a facet (htmx), open a notice, see the evidence."""

import pytest

from detection.enums import Category
from tests.notices.factories import NoticeFactory

pytestmark = pytest.mark.browser


def test_facet_narrows_results_then_the_notice_shows_its_highlighted_evidence(page):
    NoticeFactory(title="Entretien des espaces verts avec insertion", with_clause=True)
    NoticeFactory(title="Fourniture de papier", categories=[Category.SOCIAL_OTHER])
    NoticeFactory(title="Achat de véhicules")

    page.goto("/veille/")
    assert page.get_by_role("status").inner_text().strip() == "3 avis trouvés"

    # DSFR draws the checkbox on its label, which is what a user clicks.
    page.get_by_text("Condition d'exécution (clause d'insertion) (1)", exact=True).click()

    page.wait_for_url("**categories=execution_condition**")
    assert page.get_by_role("status").inner_text().strip() == "1 avis trouvé"
    assert page.get_by_role("link", name="Fourniture de papier").count() == 0

    page.get_by_role("link", name="Entretien des espaces verts avec insertion").click()

    evidence = page.locator("mark.clausier-evidence")
    assert evidence.inner_text() == "clause sociale d'insertion"
    legal = page.locator(".clausier-legal")
    assert legal.is_visible()
    assert "article L2112-2 du Code de la commande publique" in " ".join(legal.inner_text().split())


def test_search_works_without_javascript(browser, live_server):
    NoticeFactory(title="Nettoyage des locaux")
    NoticeFactory(title="Travaux de toiture")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()

    page.goto("/veille/")
    page.get_by_label("Rechercher dans les avis").fill("nettoyage")
    page.get_by_role("button", name="Rechercher", exact=True).click()

    assert page.get_by_role("link", name="Nettoyage des locaux").is_visible()
    assert page.get_by_role("link", name="Travaux de toiture").count() == 0
    context.close()
