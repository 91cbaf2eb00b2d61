import re
import zlib
from html import unescape

import pytest
from django.urls import reverse
from django.utils.html import escape, strip_tags

from bench.generate import write
from detection.enums import Category
from notices.enums import EvidenceKind
from notices.evidence import field_texts, show
from notices.models import SocialConsideration
from notices.services import ingest
from tests.notices.factories import BuyerFactory, LotFactory, NoticeFactory, SocialConsiderationFactory

SEARCH = reverse("notices:search")


def test_search_page_lists_notices_with_french_dates_amounts_and_badges(client):
    NoticeFactory(
        title="Nettoyage des écoles",
        published_on="2026-11-23",
        value_amount=1_000_000,
        buyer=BuyerFactory(name="Ville de Pau"),
        categories=[Category.RESERVED_INCLUSION],
    )

    page = client.get(SEARCH).content.decode()

    assert "Nettoyage des écoles" in page
    assert "23/11/2026" in page
    assert "1\xa0000\xa0000\xa0€" in page
    assert "Marché réservé (insertion : SIAE)" in page
    assert "Ville de Pau" in page
    assert 'aria-live="polite"' in page
    assert "1 avis trouvé" in page


def test_search_page_filters_by_checked_facet_and_keeps_it_checked(client):
    NoticeFactory(title="Avec clause", categories=[Category.EXECUTION_CONDITION])
    NoticeFactory(title="Sans clause")

    page = client.get(SEARCH, {"categories": "execution_condition"}).content.decode()

    assert "Avec clause" in page
    assert "Sans clause" not in page
    assert re.search(r'value="execution_condition" id="categories-execution_condition" checked', page)


def test_search_page_says_so_when_nothing_matches(client):
    page = client.get(SEARCH, {"q": "introuvable"}).content.decode()

    assert "Aucun avis ne correspond à cette recherche" in page


def test_search_page_shows_french_errors_for_invalid_filters(client):
    page = client.get(SEARCH, {"published_from": "31/12/2026", "published_to": "01/01/2026"}).content.decode()

    assert "La date de fin précède la date de début." in page


def test_search_page_shows_a_french_message_when_the_search_is_too_broad(client, monkeypatch):
    from notices import views
    from notices.search import SearchTooBroad

    def too_broad(params):
        raise SearchTooBroad

    monkeypatch.setattr(views, "search_notices", too_broad)

    page = client.get(SEARCH, {"q": "marché"}).content.decode()

    assert "Recherche trop large, précisez-la" in page


def test_htmx_request_gets_the_results_zone_and_the_count_out_of_band(client):
    NoticeFactory(title="Avis partiel")

    page = client.get(SEARCH, headers={"HX-Request": "true"}).content.decode()

    assert "<html" not in page
    assert "Avis partiel" in page
    assert 'hx-swap-oob="true"' in page


def test_search_page_query_count_does_not_grow_with_results(client, django_assert_max_num_queries):
    for _ in range(15):
        NoticeFactory(title="Travaux de rénovation", categories=[Category.EXECUTION_CONDITION])

    # Count and page with buyers, then the facets (five aggregates on SQLite, one pass on
    # PostgreSQL), each step in its savepoint (where PostgreSQL also sets work_mem).
    with django_assert_max_num_queries(11):
        client.get(SEARCH, {"q": "rénovation", "departements": "33"})


def test_search_page_links_to_next_page(client, monkeypatch):
    from notices import search

    monkeypatch.setattr(search, "PAGE_SIZE", 1)
    NoticeFactory(title="Travaux de rénovation")
    NoticeFactory(title="Travaux de rénovation")

    page = client.get(SEARCH, {"q": "rénovation"}).content.decode()

    assert "?q=r%C3%A9novation&amp;page=2" in page


def test_notice_page_highlights_the_evidence_span_exactly(client):
    notice = NoticeFactory(with_clause=True)

    page = client.get(reverse("notices:notice", args=[notice.pk])).content.decode()

    assert (
        'comporte une <mark class="clausier-evidence">clause sociale d&#x27;insertion</mark> à hauteur'
        in page
    )
    assert "Condition d&#x27;exécution (clause d&#x27;insertion)" in page
    assert "350\xa0h" in page


def test_notice_page_explains_the_legal_basis(client):
    notice = NoticeFactory(with_clause=True)

    page = client.get(reverse("notices:notice", args=[notice.pk])).content.decode()

    assert "article L2112-2 du Code de la commande publique" in page
    assert "Article 14 du Code des marchés publics" in page
    assert "https://www.legifrance.gouv.fr/search/code?" in page


def test_notice_page_explains_structured_evidence(client):
    notice = NoticeFactory()
    SocialConsiderationFactory(notice=notice, category=Category.RESERVED_INCLUSION, field_evidence=True)

    page = client.get(reverse("notices:notice", args=[notice.pk])).content.decode()

    assert "champ BT-71-Lot = <code>res-ws</code>" in page
    assert "ateliers protégés" in page
    assert "Fondement habituel de ce mécanisme" in page


def test_notice_page_highlights_text_read_back_from_the_stored_record(client, shared_samples):
    """A lot's free text (eForms BT-300) is not a column: it is read back from the raw XML."""
    raw = (shared_samples / "eforms" / "sdk_cn_24_FRA_comments.xml").read_bytes()
    notice = NoticeFactory(raw_compressed=zlib.compress(raw))
    start = len("Il est ici précisé que ")
    SocialConsiderationFactory(
        notice=notice,
        lot_id="LOT-0002",
        evidence_kind=EvidenceKind.TEXT,
        evidence_path="BT-300-Lot",
        evidence_start=start,
        evidence_end=start + len("dans le but"),
        evidence_text="dans le but",
    )

    page = client.get(reverse("notices:notice", args=[notice.pk])).content.decode()

    assert 'Il est ici précisé que <mark class="clausier-evidence">dans le but</mark> de mieux' in page


def test_notice_page_shows_lots_buyer_siret_cpv_and_source_link(client):
    notice = NoticeFactory(
        source="ted",
        source_id="12345-2026",
        cpv_main="45000000",
        buyer=BuyerFactory(name="Bordeaux Métropole", siret="24330031600011"),
    )
    LotFactory(notice=notice, lot_id="LOT-0002", title="Menuiseries")

    page = client.get(reverse("notices:notice", args=[notice.pk])).content.decode()

    assert "Menuiseries" in page
    assert "LOT-0002" in page
    assert "24330031600011" in page
    assert "45000000 Travaux de construction" in page
    assert "https://ted.europa.eu/fr/notice/-/detail/12345-2026" in page
    assert "Gironde (33)" in page


@pytest.mark.parametrize("field", ["title", "description"])
def test_script_in_notice_text_is_escaped(client, field):
    payload = "<script>alert(1)</script> clause sociale d'insertion"
    notice = NoticeFactory(**{field: payload})
    SocialConsiderationFactory(
        notice=notice,
        evidence_kind=EvidenceKind.TEXT,
        evidence_path=field,
        evidence_start=0,
        evidence_end=len(payload),
        evidence_text=payload,
    )

    detail = client.get(reverse("notices:notice", args=[notice.pk])).content.decode()
    results = client.get(SEARCH).content.decode()

    for page in (detail, results):
        assert "<script>alert(1)" not in page
    assert '<mark class="clausier-evidence">&lt;script&gt;alert(1)&lt;/script&gt;' in detail


def test_unknown_notice_is_a_404(client):
    assert client.get(reverse("notices:notice", args=[999999])).status_code == 404


def test_every_text_evidence_of_ingested_notices_is_highlighted_in_its_field(tmp_path):
    """Through the real ingest: the field texts read back from the stored records hold each span
    at its offsets (award criteria included, where several texts share one path)."""
    ingest(write(tmp_path, eforms=40, decp=60))
    evidences = SocialConsideration.objects.filter(evidence_kind=EvidenceKind.TEXT).select_related("notice")
    assert evidences.exists()

    for consideration in evidences:
        texts = field_texts(consideration.notice)
        shown = show(consideration, texts)
        path = consideration.evidence_path
        candidates = texts.get((consideration.lot_id, path), []) + texts.get((None, path), [])
        assert unescape(strip_tags(shown.html)) in candidates
        assert f'<mark class="clausier-evidence">{escape(consideration.evidence_text)}</mark>' in shown.html
