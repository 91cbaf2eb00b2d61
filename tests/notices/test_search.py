from datetime import date
from decimal import Decimal

import pytest
from django.db import OperationalError, connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from detection.enums import Category
from notices import search
from notices.enums import NoticeKind, SearchSort
from notices.models import Notice
from notices.search import SearchParams, SearchTooBroad, search_notices
from tests.notices.factories import BuyerFactory, NoticeFactory


def titles(result) -> list[str]:
    return [notice.title for notice in result.notices]


def facet(result, name: str) -> dict[str, int]:
    return {value.value: value.count for value in next(f for f in result.facets if f.name == name).values}


def test_plural_query_finds_singular_words_and_back():
    NoticeFactory(title="Marché avec clauses sociales pour le nettoyage")
    NoticeFactory(title="Fourniture de papier")

    result = search_notices(
        SearchParams(q="clause sociale" if connection.vendor == "postgresql" else "clause")
    )

    assert titles(result) == ["Marché avec clauses sociales pour le nettoyage"]


def test_query_without_accents_finds_accented_words():
    NoticeFactory(title="Marché réservé aux ESAT")
    NoticeFactory(title="Marché de voirie")

    assert titles(search_notices(SearchParams(q="reserve"))) == ["Marché réservé aux ESAT"]


def test_query_with_accents_finds_words_written_without():
    NoticeFactory(title="MARCHE RESERVE AUX STRUCTURES D'INSERTION")

    assert search_notices(SearchParams(q="réservé insertion")).total == 1


def test_every_term_must_match():
    NoticeFactory(title="Nettoyage des locaux")
    NoticeFactory(title="Nettoyage des locaux avec clause d'insertion")

    assert titles(search_notices(SearchParams(q="nettoyage insertion"))) == [
        "Nettoyage des locaux avec clause d'insertion"
    ]


def test_buyer_name_and_description_are_searched():
    NoticeFactory(buyer=BuyerFactory(name="Métropole de Lyon"), title="Espaces verts")
    NoticeFactory(title="Espaces verts", description="Une clause d'insertion de 500 heures.")

    assert search_notices(SearchParams(q="métropole")).total == 1
    assert search_notices(SearchParams(q="heures")).total == 1


@pytest.mark.parametrize("category", list(Category))
def test_category_filter_keeps_only_notices_of_that_category(category):
    NoticeFactory(title="Avec", categories=[category])
    NoticeFactory(title="Sans")

    assert titles(search_notices(SearchParams(categories=(category.value,)))) == ["Avec"]


def test_region_departement_cpv_and_kind_filters():
    NoticeFactory(title="Gironde travaux", departement="33", region="75", cpv_main="45000000")
    NoticeFactory(title="Rhône services", departement="69", region="84", cpv_main="90000000")
    NoticeFactory(title="Rhône attribution", departement="69", region="84", kind=NoticeKind.AWARD)

    assert titles(search_notices(SearchParams(regions=("75",)))) == ["Gironde travaux"]
    assert sorted(titles(search_notices(SearchParams(departements=("69",))))) == [
        "Rhône attribution",
        "Rhône services",
    ]
    assert titles(search_notices(SearchParams(cpv_divisions=("90",)))) == ["Rhône services"]
    assert titles(search_notices(SearchParams(kinds=(NoticeKind.AWARD,)))) == ["Rhône attribution"]


def test_date_value_and_buyer_filters():
    NoticeFactory(title="Ancien", published_on=date(2025, 1, 10), value_amount=Decimal("10000"))
    NoticeFactory(
        title="Récent et gros",
        published_on=date(2026, 6, 1),
        value_amount=Decimal("6000000"),
        buyer=BuyerFactory(name="Ville de Pau", siret="21640445300017"),
    )

    assert titles(search_notices(SearchParams(published_from=date(2026, 1, 1)))) == ["Récent et gros"]
    assert titles(search_notices(SearchParams(published_to=date(2025, 12, 31)))) == ["Ancien"]
    assert titles(search_notices(SearchParams(value_min=Decimal("5404000")))) == ["Récent et gros"]
    assert titles(search_notices(SearchParams(value_max=Decimal("40000")))) == ["Ancien"]
    assert titles(search_notices(SearchParams(buyer="pau"))) == ["Récent et gros"]
    assert titles(search_notices(SearchParams(buyer="21640445300017"))) == ["Récent et gros"]


def test_facet_counts_ignore_their_own_selection_but_apply_the_others():
    NoticeFactory(departement="33", region="75", categories=[Category.EXECUTION_CONDITION])
    NoticeFactory(departement="33", region="75", categories=[Category.RESERVED_INCLUSION])
    NoticeFactory(departement="69", region="84", categories=[Category.EXECUTION_CONDITION])

    result = search_notices(
        SearchParams(departements=("33",), categories=(Category.EXECUTION_CONDITION.value,))
    )

    assert result.total == 1
    assert facet(result, "departements") == {"33": 1, "69": 1}
    assert facet(result, "categories") == {"execution_condition": 1, "reserved_inclusion": 1}
    assert facet(result, "regions") == {"75": 1}
    assert facet(result, "kinds") == {"contract_notice": 1}
    assert facet(result, "cpv_divisions") == {"45": 1}


def test_facet_values_carry_french_labels_and_selection():
    NoticeFactory(departement="33", categories=[Category.RESERVED_DISABILITY])

    result = search_notices(SearchParams(categories=("reserved_disability",)))

    categories = next(f for f in result.facets if f.name == "categories")
    assert categories.label == "Type de considération sociale"
    assert [(v.label, v.selected) for v in categories.values] == [
        ("Marché réservé (handicap : EA, ESAT)", True)
    ]
    departements = next(f for f in result.facets if f.name == "departements")
    assert departements.values[0].label == "33 — Gironde"


def test_default_sort_is_newest_first():
    NoticeFactory(title="Vieux", published_on=date(2024, 1, 1))
    NoticeFactory(title="Neuf", published_on=date(2026, 1, 1))
    NoticeFactory(title="Sans date", published_on=None)

    assert titles(search_notices(SearchParams())) == ["Neuf", "Vieux", "Sans date"]


def test_relevance_puts_title_matches_first_on_postgresql_and_newest_first_on_sqlite():
    NoticeFactory(title="Entretien", description="Prévoit une insertion.", published_on=date(2026, 5, 1))
    NoticeFactory(title="Marché d'insertion professionnelle", published_on=date(2026, 1, 1))

    result = search_notices(SearchParams(q="insertion", sort=SearchSort.RELEVANCE))

    if connection.vendor == "postgresql":
        assert titles(result) == ["Marché d'insertion professionnelle", "Entretien"]
    else:
        assert titles(result) == ["Entretien", "Marché d'insertion professionnelle"]


def test_relevance_ranks_only_the_most_recent_matches_when_there_are_many(monkeypatch):
    monkeypatch.setattr(search, "RANK_WINDOW", 2)
    for day in range(1, 4):
        NoticeFactory(title="Insertion", published_on=date(2026, 1, day))

    result = search_notices(SearchParams(q="insertion", sort=SearchSort.RELEVANCE))

    assert result.ranked_window == 2
    assert search_notices(SearchParams(q="insertion")).ranked_window is None


def test_pagination_splits_results_and_clamps_the_page(monkeypatch):
    monkeypatch.setattr(search, "PAGE_SIZE", 2)
    for day in range(1, 6):
        NoticeFactory(title=f"Avis {day}", published_on=date(2026, 1, day))

    second = search_notices(SearchParams(page=2))
    beyond = search_notices(SearchParams(page=99))

    assert (second.page_count, titles(second)) == (3, ["Avis 3", "Avis 2"])
    assert (beyond.page, titles(beyond)) == (3, ["Avis 1"])


def test_counts_stop_at_the_cap_and_facets_then_cover_the_most_recent(monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 2)
    NoticeFactory(departement="33", published_on=date(2026, 1, 1))
    NoticeFactory(departement="69", published_on=date(2026, 1, 2))
    NoticeFactory(departement="69", published_on=date(2026, 1, 3))

    result = search_notices(SearchParams())

    assert result.total_is_capped
    assert result.facets_are_partial
    assert facet(result, "departements") == {"69": 2}


def test_statement_timeout_becomes_a_search_too_broad_error(monkeypatch):
    NoticeFactory()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 1")
        slow = Notice.objects.filter(
            RawSQL("(SELECT true FROM pg_sleep(0.05))", [], output_field=BooleanField())
        )
    else:
        monkeypatch.setattr(search, "SQLITE_TIMEOUT_SECONDS", -1)
        slow = Notice.objects.all()

    with pytest.raises(SearchTooBroad):
        search_notices(SearchParams(), queryset=slow)

    assert Notice.objects.count() == 1  # the connection is still usable


def test_results_come_without_facets_when_only_the_facet_counts_are_too_slow(monkeypatch):
    NoticeFactory(title="Nettoyage")

    def too_slow(*args):
        raise OperationalError("interrupted")

    monkeypatch.setattr(search, "_facets", too_slow)

    result = search_notices(SearchParams(q="nettoyage"))

    assert titles(result) == ["Nettoyage"]
    assert result.facets_too_broad
    assert result.facets == []


def test_a_search_expected_to_match_far_more_than_the_cap_is_not_counted(monkeypatch):
    NoticeFactory(title="Travaux")
    monkeypatch.setattr(
        search, "_estimated_rows", lambda queryset: 10 * search.COUNT_CAP * search.ESTIMATE_MARGIN
    )

    result = search_notices(SearchParams(q="travaux"), with_facets=False)

    if connection.vendor == "postgresql":
        assert result.total_is_capped
    else:
        assert result.total == 1  # SQLite has no planner estimate: it always counts
    assert titles(result) == ["Travaux"]


def test_planner_estimate_is_read_on_postgresql():
    NoticeFactory(title="Travaux")

    if connection.vendor == "postgresql":
        assert search._estimated_rows(Notice.objects.all()) >= 1
    else:
        assert search._count(Notice.objects.all()) == 1
