import json
from datetime import date
from decimal import Decimal

import pytest

from sources import ocds
from sources.records import NoticeKind, NoticeRecord, Signal, Source
from tests.samples import sample_bytes

pytestmark = pytest.mark.no_django_db


def parse_all(document: object) -> list:
    return list(ocds.parse(json.dumps(document).encode(), "x.json"))


def test_eforms_release_has_reserved_participation_sheltered_workshop():
    (record,) = ocds.parse(sample_bytes("ocds/ocds_from-eforms_106286-2024_release.json"), "x")
    assert isinstance(record, NoticeRecord)
    assert record.source is Source.OCDS
    assert record.source_id == "74f9d169-452b-4a99-b8d2-f54c3c71e163"
    assert record.procedure_id == "ocds-abcd1234-9822c362-b1f6-4cc9-b127-02fa859a55af"
    assert record.kind is NoticeKind.CONTRACT_NOTICE
    assert record.buyer.name == "Bodø Kommune"
    assert record.cpv == ("45000000", "43320000")
    (lot,) = record.lots
    assert lot.lot_id == "LOT-0000"
    assert lot.signals == (Signal("reservedParticipation", "shelteredWorkshop"),)
    assert lot.cpv == ("45000000", "43320000")
    assert record.value.currency == "NOK"
    assert record.language == "no"


def test_fictional_package_release_reads_buyer_items_and_core_award_criteria():
    (record,) = ocds.parse(sample_bytes("ocds/ocds-1.1_fictional_tender_release.json"), "x")
    assert record.source_id == "ocds-213czf-000-00001-02-tender"
    assert record.buyer.identifier == "E09000003"
    assert record.buyer.identifier_scheme == "GB-LAC"
    assert record.cpv == ("45233130", "45233162")
    assert record.value.amount == Decimal("1100000")
    assert record.published_on == date(2010, 3, 15)
    assert record.deadline_at.isoformat() == "2010-04-01T18:00:00+00:00"
    assert Signal("awardCriteria", "bestProposal") in record.signals
    assert "tender.awardCriteriaDetails" in {text.path for text in record.texts}


RELEASE = {
    "ocid": "ocds-x-1",
    "id": "ocds-x-1-award",
    "date": "2024-05-02T10:00:00Z",
    "tag": ["award", "contract"],
    "buyer": {"id": "FR-SIRET-21690123100011"},
    "parties": [
        {
            "id": "FR-SIRET-21690123100011",
            "name": "Ville de Lyon",
            "roles": ["buyer"],
            "identifier": {"scheme": "FR-SIRET", "id": "21690123100011"},
            "address": {"postalCode": "69001", "locality": "Lyon", "country": "FR"},
        },
        {"id": "S1", "name": "ESAT des Monts", "identifier": {"id": "12345678900011"}, "roles": ["supplier"]},
    ],
    "tender": {
        "title": "Blanchisserie",
        "items": [{"id": "1", "relatedLot": "1", "classification": {"scheme": "CPV", "id": "98311000-6"}}],
        "deliveryAddresses": [{"postalCode": "69003", "country": "FR"}],
        "lots": [
            {
                "id": "1",
                "title": "Linge",
                "contractTerms": {
                    "reservedExecution": True,
                    "performanceTerms": "Clause d'insertion : 200 heures",
                },
                "sustainability": [
                    {
                        "goal": "social.disadvantagedEmploymentOpportunities",
                        "strategies": ["contractPerformanceConditions"],
                        "description": "Heures d'insertion",
                    }
                ],
                "awardCriteria": {
                    "criteria": [
                        {"type": "quality", "name": "Insertion", "numbers": [{"number": 15}]},
                        {"type": "price", "numbers": [{"number": 85}]},
                    ]
                },
            }
        ],
    },
    "awards": [{"id": "A1", "relatedLots": ["1"], "suppliers": [{"id": "S1"}], "value": {"amount": 50000}}],
    "contracts": [{"id": "C1", "awardID": "A1", "dateSigned": "2024-05-01", "value": {"amount": 52000}}],
}


def test_release_with_lot_social_extensions_and_award():
    (record,) = parse_all({"releases": [RELEASE]})
    assert record.kind is NoticeKind.AWARD
    assert record.buyer.siret == "21690123100011"
    assert record.departements == ("69",)
    (lot,) = record.lots
    assert set(lot.signals) == {
        Signal("reservedExecution", "true"),
        Signal("sustainability.goal", "social.disadvantagedEmploymentOpportunities"),
        Signal("sustainability.strategies", "contractPerformanceConditions"),
    }
    assert {text.path for text in lot.texts} == {
        "tender.lots.contractTerms.performanceTerms",
        "tender.lots.sustainability.description",
    }
    assert [(c.type, c.name, c.weight) for c in lot.award_criteria] == [
        ("quality", "Insertion", Decimal("15")),
        ("price", None, Decimal("85")),
    ]
    assert lot.cpv == ("98311000",)
    (award,) = record.awards
    assert award.contract_id == "C1"
    assert award.lot_ids == ("1",)
    assert [(holder.name, holder.siret) for holder in award.holders] == [("ESAT des Monts", "12345678900011")]
    assert award.amount.amount == Decimal("52000")
    assert award.notified_on == date(2024, 5, 1)


def test_record_package_uses_the_compiled_release_keyed_by_ocid():
    (record,) = parse_all({"records": [{"ocid": "ocds-x-1", "compiledRelease": RELEASE}]})
    assert record.source_id == "ocds-x-1"


def test_bare_release_is_read():
    (record,) = parse_all(RELEASE)
    assert record.source_id == "ocds-x-1-award"


def test_json_that_is_not_ocds_is_unsupported():
    (result,) = parse_all({"hello": "world"})
    assert result.reason == "unsupported_document"


def test_release_package_is_streamed_and_a_bad_release_does_not_stop_it():
    package = {"uri": "u", "releases": [RELEASE, {"ocid": "o", "id": "x"}, {**RELEASE, "id": "second"}]}
    results = parse_all(package)
    assert [getattr(result, "source_id", None) for result in results] == ["ocds-x-1-award", None, "second"]
    assert (results[1].reason, results[1].record_id, results[1].location) == (
        "missing_buyer",
        "x",
        "x.json#releases.item[1]",
    )
