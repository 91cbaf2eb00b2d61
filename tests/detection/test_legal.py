"""The reference normaliser: every surface variant of FORMATS.md 5.3, old and new texts."""

from __future__ import annotations

import pytest

from detection.legal import ARTICLES, Code, find_references, normalise_reference

pytestmark = pytest.mark.no_django_db


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        ("L2112-2", "L2112-2"),
        ("L 2112-2", "L2112-2"),
        ("L.2112-2", "L2112-2"),
        ("L. 2112-2", "L2112-2"),
        ("l'article L 21 12-2 du code de la commande publique", "L2112-2"),
        ("article 2112-2 du nouveau code de la commande publique", "L2112-2"),
        ("l'article L2112-2 du CCP", "L2112-2"),
        ("articles L. 2112-2 et L. 2112-3", "L2112-2"),
        ("L.2112-2 à L.2112-4", "L2112-2"),
        ("L\u00a02112\u20112", "L2112-2"),
        ("article L2112-2-1 du code de la commande publique", "L2112-2-1"),
        ("R2152-7", "R2152-7"),
        ("R. 2152-7", "R2152-7"),
        ("L. 2113-12 et suivants et R. 2113-7 et suivants", "L2113-12"),
        ("article L.2113-13 du code de la commande publique", "L2113-13"),
        ("L.2113-13-1", "L2113-13-1"),
        ("article L. 2113-14 du CCP", "L2113-14"),
        ("articles L2113-15 et L2113-16 du CCP", "L2113-15"),
        ("R2123-1", "R2123-1"),
        ("article 14 du CMP", "L2112-2"),
        ("art. 14 du CMP", "L2112-2"),
        ("article 14 du Code des marchés publics", "L2112-2"),
        ("CMP art. 14", "L2112-2"),
        ("Article 14 CMP", "L2112-2"),
        ("article 15 du CMP", "L2113-12"),
        ("article 30 du Code des marchés publics", "R2123-1"),
        ("article 53 du CMP", "R2152-7"),
        ("article 53-1 du Code des marchés publics", "R2152-7"),
        ("article 53-I du CMP", "R2152-7"),
        ("article 38 de l'ordonnance n° 2015-899 du 23 juillet 2015", "L2112-2"),
        ("article 38 de l'ordonnance no 2015-899 du 23 juillet 2015", "L2112-2"),
        ("Article 38 of Ordinance No. 2015-899 of 23 July 2015", "L2112-2"),
        ("article 36-I de l'ordonnance", "L2113-12"),
        ("article 36-II de l'ordonnance n° 2015-899", "L2113-13"),
        ("article 37 de l'ordonnance", "L2113-15"),
        ("article 62 du décret 2016-360", "R2152-7"),
        ("article 62 du décret n° 2016-360 du 25 mars 2016", "R2152-7"),
        ("article 28 du décret n° 2016-360", "R2123-1"),
        ("article L. 5132-4 du code du travail", "L2113-13"),
        ("article L.5213-13 du code du travail", "L2113-12"),
        ("Article L. 2112-2 of the Public Order Code", "L2112-2"),
    ],
)
def test_reference_is_normalised_to_the_current_basis(text: str, basis: str):
    reference = normalise_reference(text)

    assert reference is not None
    assert reference.basis == basis


def test_reference_keeps_the_cited_form():
    reference = normalise_reference("En application de l'art. 14 du CMP, le titulaire...")

    assert reference.cited == "art. 14 du CMP"


def test_article_36_without_paragraph_has_its_basis_decided_by_the_kind_of_reservation():
    reference = normalise_reference("article 36 de l'ordonnance")

    assert reference.basis is None
    assert {basis for _, basis in reference.article.bases} == {"L2113-12", "L2113-13"}


@pytest.mark.parametrize(
    "text",
    [
        "article L. 2113-12 du code général des collectivités territoriales",
        "articles L. 2113-12 et L. 2113-13 du CGCT",
        "CGCT, art. L. 2113-12",
        "article 14 du CCAP",
        "l'article 14 du cahier des clauses administratives particulières",
        "article 15 du règlement de la consultation",
        "article 30 du présent contrat",
        "article 38 de l'ordonnance n° 2005-649",
        "article 62 du décret n° 2006-975",
        "la loi n° 2015-899",
        "article 1er de la loi n° 2014-856",
    ],
)
def test_same_number_in_another_text_is_not_a_reference(text: str):
    assert find_references(text) == []


def test_article_of_another_numbering_does_not_take_the_next_code_name():
    references = find_references("article L2113-12 (ESAT) et article L5213-13 du code du travail")

    assert [(r.article.code, r.article.number) for r in references] == [
        (Code.CCP, "L2113-12"),
        (Code.TRAVAIL, "L5213-13"),
    ]


def test_articles_table_has_one_entry_per_code_and_number():
    keys = [(article.code, article.number) for article in ARTICLES]
    assert len(keys) == len(set(keys))
