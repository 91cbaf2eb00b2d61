import pytest
from django.core.cache import cache

from detection.enums import Category
from tests.notices.factories import LotFactory, NoticeFactory


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


def test_search_returns_results_facets_and_pagination(client):
    NoticeFactory(title="Nettoyage avec clause", categories=[Category.EXECUTION_CONDITION])
    NoticeFactory(title="Papeterie")

    body = client.get("/api/notices/", {"categories": "execution_condition"}).json()

    assert body["total"] == 1
    assert (body["page"], body["page_count"], body["total_is_capped"]) == (1, 1, False)
    assert body["results"][0]["title"] == "Nettoyage avec clause"
    assert body["results"][0]["social_categories"] == ["execution_condition"]
    categories = next(facet for facet in body["facets"] if facet["name"] == "categories")
    assert categories["values"][0] == {
        "value": "execution_condition",
        "label": "Condition d'exécution (clause d'insertion)",
        "count": 1,
        "selected": True,
    }


def test_search_accepts_repeated_list_parameters(client):
    NoticeFactory(title="Gironde", departement="33")
    NoticeFactory(title="Rhône", departement="69")
    NoticeFactory(title="Nord", departement="59")

    body = client.get("/api/notices/?departements=33&departements=69&sort=date").json()

    assert sorted(result["title"] for result in body["results"]) == ["Gironde", "Rhône"]


def test_search_rejects_invalid_parameters_in_french(client):
    response = client.get("/api/notices/", {"categories": "nope"})

    assert response.status_code == 422


def test_search_rejects_inverted_ranges_in_french(client):
    response = client.get("/api/notices/", {"value_min": "10", "value_max": "5"})

    assert response.status_code == 422
    assert response.json()["errors"]["value_max"] == [
        "La valeur maximale est inférieure à la valeur minimale."
    ]


def test_detail_returns_lots_and_considerations_with_evidence_and_legal_basis(client):
    notice = NoticeFactory(with_clause=True)
    LotFactory(notice=notice, lot_id="LOT-0001")

    body = client.get(f"/api/notices/{notice.pk}").json()

    assert body["lots"][0]["lot_id"] == "LOT-0001"
    (consideration,) = body["considerations"]
    assert consideration["category"] == "execution_condition"
    assert consideration["evidence"]["text"] == "clause sociale d'insertion"
    assert consideration["legal"]["article"] == "L2112-2"
    assert consideration["hours"] == 350
    assert consideration["detector_version"] == 1


def test_detail_of_unknown_notice_is_404(client):
    assert client.get("/api/notices/999999").status_code == 404


def test_rate_limit_answers_429_with_retry_after(client, settings):
    settings.PUBLIC_API_RATE = "2/min"

    responses = [client.get("/api/notices/") for _ in range(3)]

    assert [response.status_code for response in responses] == [200, 200, 429]
    assert 0 < int(responses[2]["Retry-After"]) <= 60


def test_rate_limit_counts_each_address_apart(client, settings):
    settings.PUBLIC_API_RATE = "1/min"

    first = client.get("/api/notices/", REMOTE_ADDR="192.0.2.1")
    other = client.get("/api/notices/", REMOTE_ADDR="192.0.2.2")

    assert (first.status_code, other.status_code) == (200, 200)
