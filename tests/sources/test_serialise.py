import json

import pytest

from sources.inspect import inspect_path
from tests.samples import sample

pytestmark = pytest.mark.no_django_db


def test_inspect_gives_json_ready_dicts_with_the_documented_keys():
    (notice,) = inspect_path(sample("eforms/ted_2024-OJS017-00047522_FRA_cn.xml"))
    json.dumps(notice)
    assert notice["source"] == "ted"
    assert notice["source_id"] == "a638ab6b-7005-48a9-a9c7-b91bfc6142f1"
    assert notice["kind"] == "contract_notice"
    assert notice["buyer"]["siret"] == "20003441100013"
    assert notice["published"] == "2024-01-24"
    assert notice["cpv"] == ["90511100", "90511400"]
    assert notice["departments"] == ["30"]
    assert notice["lots"][0] == {
        "id": "LOT-0001",
        "title": "Collecte et transport des colonnes à verre",
        "cpv": ["90511100"],
        "departments": [],
        "value": None,
        "signals": [{"path": "BT-71-Lot", "code": "none"}, {"path": "BT-736-Lot", "code": "no"}],
    }
    assert notice["version"] == "01"
    assert notice["procedure_id"] == "240d1ad9-b2d8-45ec-bea9-d11e7a75b28e"
    assert notice["url"].endswith("47522-2024")
    assert notice["awards"] == []
    assert "social" not in notice


def test_inspect_serialises_amounts_awards_and_applies_annotate():
    results = list(
        inspect_path(
            sample("decp/decp-2019_e-marchespublics_extract.json"),
            "decp",
            annotate=lambda record: {"social": [record.source_id]},
        )
    )
    first = results[0]
    assert first["value"] == {"amount": 39914, "currency": "EUR"}
    assert first["awards"][0]["holders"] == [
        {"name": "MSNI", "siret": "53193387700015", "identifier": "53193387700015"}
    ]
    assert first["social"] == ["21440132500011/2018FCS3100"]
    json.dumps(results)


def test_inspect_reports_rejections_as_dicts(tmp_path):
    path = tmp_path / "bad.json"
    path.write_bytes(b"{oops")
    (rejection,) = inspect_path(path)
    assert rejection == {
        "rejected": True,
        "reason": "invalid_json",
        "message": rejection["message"],
        "record_id": None,
        "location": str(path),
    }
