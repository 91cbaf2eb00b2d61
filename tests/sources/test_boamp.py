import json
from datetime import date

import pytest

from sources import boamp
from sources.records import NoticeKind, NoticeRecord, Signal, Source
from tests.samples import sample_bytes

pytestmark = pytest.mark.no_django_db


def parse_one(results) -> NoticeRecord:
    (result,) = list(results)
    assert isinstance(result, NoticeRecord), result
    return result


def ods(name: str) -> dict:
    return json.loads(sample_bytes(f"boamp/{name}"))


def test_ods_record_with_social_criteria_flag():
    record = parse_one(boamp.parse_json(sample_bytes("boamp/boamp-ods_26-7113.json"), "x"))
    assert record.source is Source.BOAMP
    assert record.source_id == "26-7113"
    assert record.kind is NoticeKind.CONTRACT_NOTICE
    assert record.buyer.siret == "11000201100044"
    assert record.buyer.name == "SGAMI EST"
    assert record.cpv == ("45443000",)
    assert [lot.lot_id for lot in record.lots] == ["1", "2", "3", "4"]
    assert [lot.cpv for lot in record.lots] == [("45443000",), ("45261900",), ("45421000",), ("45442100",)]
    assert record.departements == ("52",)
    assert record.duration_months == 10
    assert record.published_on == date(2026, 1, 21)
    assert record.url == "https://www.boamp.fr/pages/avis/?q=idweb:26-7113"
    assert Signal("criteres", "sociaux") in record.signals
    assert Signal("reservationMarche", "non") in record.signals
    paths = {text.path for text in record.texts}
    assert "donnees.FNSimple.initial.informComplementaire.autresInformComplementaire" in paths


def test_ods_negative_record_has_no_social_flag_and_zero_lot_values():
    record = parse_one(boamp.parse_json(sample_bytes("boamp/boamp-ods_26-7319.json"), "x"))
    assert not [signal for signal in record.signals if signal.path == "criteres"]
    assert record.signals == (Signal("reservationMarche", "non"),)
    assert [str(lot.value.amount) for lot in record.lots] == ["0.00", "0.00"]
    assert [lot.lot_id for lot in record.lots] == ["2", "5"]  # "Lot 2 : Finition", "Lot 5 : Menuiserie"
    assert record.departements == ("74",)
    assert record.buyer.siret == "20005376700014"


def test_ods_api_page_and_list_give_every_record():
    page = {"total_count": 2, "results": [ods("boamp-ods_26-7113.json"), ods("boamp-ods_26-7319.json")]}
    for document in (page, page["results"]):
        results = list(boamp.parse_json(json.dumps(document).encode(), "page.json"))
        assert [result.source_id for result in results] == ["26-7113", "26-7319"]


def test_older_export_wrapping_fields_is_unwrapped():
    document = {"records": [{"record": {"fields": ods("boamp-ods_26-7113.json")}}]}
    record = parse_one(boamp.parse_json(json.dumps(document).encode(), "x"))
    assert record.source_id == "26-7113"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ({"oui": ""}, "oui"),
        ({"non": {"@xsi:type": "xs:string"}}, "non"),
        ({"non": {"@ns2:type": "ns4:boolean", "#text": "true"}}, "non"),
        ({"OUI": None}, "oui"),
        (True, "oui"),
    ],
)
def test_reservation_answer_written_as_a_key_is_normalised(value, code):
    record = ods("boamp-ods_26-7319.json")
    donnees = json.loads(record["donnees"])
    donnees["FNSimple"]["initial"]["natureMarche"]["reservationMarche"] = value
    record["donnees"] = json.dumps(donnees)
    parsed = parse_one(boamp.parse_json(json.dumps(record).encode(), "x"))
    assert Signal("reservationMarche", code) in parsed.signals


def test_fnsimple_award_criteria_text_is_kept():
    record = ods("boamp-ods_26-7319.json")
    donnees = json.loads(record["donnees"])
    donnees["FNSimple"]["initial"]["procedure"]["criteresAttrib"] = (
        "Performance en matière d'insertion : 10 %"
    )
    record["donnees"] = json.dumps(donnees)
    parsed = parse_one(boamp.parse_json(json.dumps(record).encode(), "x"))
    texts = {text.path: text.text for text in parsed.texts}
    assert (
        texts["donnees.FNSimple.initial.procedure.criteresAttrib"]
        == "Performance en matière d'insertion : 10 %"
    )


def test_v230_paris_notice_has_two_lots_and_only_the_environmental_flag():
    record = parse_one(boamp.parse_xml(sample_bytes("boamp/boamp-v230_16-186394_paris.xml"), "x"))
    assert record.source_id == "16-186394"
    assert record.buyer.name == "Ville de Paris"
    assert record.buyer.nuts == "FR101"
    assert record.cpv == ("50118110",)
    assert [(lot.lot_id, lot.cpv) for lot in record.lots] == [("1", ("50118110",)), ("2", ("50118110",))]
    assert record.departements == ("75",)
    assert record.procedure == "OUVERT"
    assert record.deadline_at.isoformat() == "2017-02-07T12:00:00+01:00"
    assert Signal("criteres", "environnementaux") in record.signals
    assert Signal("criteres", "sociaux") not in record.signals
    assert Signal("reservationMarche", "non") in record.signals


def test_v230_profession_reservation_is_a_distinct_signal():
    record = parse_one(boamp.parse_xml(sample_bytes("boamp/boamp-v230_16-186063_logements-sociaux.xml"), "x"))
    assert Signal("PRESTATION_RESERVEE_OUI", "Architecte") in record.signals
    assert Signal("reservationMarche", "non") in record.signals
    assert not [signal for signal in record.signals if signal.path == "criteres"]
    assert record.departements == ("77",)
    assert "Architecte" not in [text.text for text in record.texts]


V230_RESERVED = """<?xml version="1.0" encoding="UTF-8"?>
<ANNONCE><GESTION><REFERENCE><IDWEB>21-13809</IDWEB><TYPE_AVIS><NATURE><APPEL_OFFRE/></NATURE></TYPE_AVIS></REFERENCE>
<INDEXATION><DATE_PUBLICATION>2021-02-10</DATE_PUBLICATION><CRITERES_SOCIAUX_ENV><SOCIAUX/></CRITERES_SOCIAUX_ENV>
<DEP_PUBLICATION>69</DEP_PUBLICATION></INDEXATION></GESTION>
<DONNEES><IDENTITE><DENOMINATION>Métropole de Lyon</DENOMINATION>
<CODE_IDENT_NATIONAL>20004697700019</CODE_IDENT_NATIONAL></IDENTITE>
<OBJET><TITRE_MARCHE>Entretien des espaces verts</TITRE_MARCHE>
<CPV><PRINCIPAL>77310000</PRINCIPAL></CPV></OBJET>
<CONDITION_RELATIVE_MARCHE>
<AUTRES_CONDITIONS_PART_OUI>Clause obligatoire d'insertion de 350 heures.</AUTRES_CONDITIONS_PART_OUI>
</CONDITION_RELATIVE_MARCHE>
<CONDITION_PARTICIPATION><MARCHE_RESERVE_OUI><ATELIERS_PROTEGES/></MARCHE_RESERVE_OUI></CONDITION_PARTICIPATION>
</DONNEES></ANNONCE>""".encode()


def test_v230_reserved_contract_and_insertion_text_are_read():
    record = parse_one(boamp.parse_xml(V230_RESERVED, "x"))
    assert record.buyer.siret == "20004697700019"
    assert Signal("reservationMarche", "oui") in record.signals
    assert Signal("MARCHE_RESERVE_OUI", "ATELIERS_PROTEGES") in record.signals
    assert Signal("criteres", "sociaux") in record.signals
    texts = {text.path: text.text for text in record.texts}
    assert texts["DONNEES.CONDITION_RELATIVE_MARCHE.AUTRES_CONDITIONS_PART_OUI"].startswith(
        "Clause obligatoire"
    )
    assert record.departements == ("69",)


def test_v230_dict_inside_ods_record_is_read_like_the_xml():
    record = ods("boamp-ods_26-7319.json")
    record["donnees"] = json.dumps(
        {
            "IDENTITE": {"DENOMINATION": "Ville", "CODE_IDENT_NATIONAL": "21690123100011"},
            "OBJET": {"TITRE_MARCHE": "Travaux", "LOTS": {"LOT": [{"NUM": "1"}, {"NUM": "2"}]}},
            "CONDITION_PARTICIPATION": {"MARCHE_RESERVE_OUI": {"EMPLOIS_PROTEGES": ""}},
        }
    )
    parsed = parse_one(boamp.parse_json(json.dumps(record).encode(), "x"))
    assert parsed.buyer.siret == "21690123100011"
    assert [lot.lot_id for lot in parsed.lots] == ["1", "2"]
    assert Signal("MARCHE_RESERVE_OUI", "EMPLOIS_PROTEGES") in parsed.signals


def test_eforms_variant_is_rebuilt_and_read_by_the_eforms_parser():
    cbc, cac = "cbc", "cac"
    notice = {
        "@xmlns": "urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2",
        f"{cbc}:ID": {"@schemeName": "notice-id", "#text": "uuid-1"},
        f"{cbc}:NoticeTypeCode": {"@listName": "competition", "#text": "cn-standard"},
        f"{cac}:ContractingParty": {
            f"{cac}:Party": {f"{cac}:PartyIdentification": {f"{cbc}:ID": "ORG-0001"}}
        },
        "ext:UBLExtensions": {
            "ext:UBLExtension": {
                "ext:ExtensionContent": {
                    "efext:EformsExtension": {
                        "efac:Organizations": {
                            "efac:Organization": {
                                "efac:Company": {
                                    f"{cac}:PartyIdentification": {f"{cbc}:ID": "ORG-0001"},
                                    f"{cac}:PartyName": {
                                        f"{cbc}:Name": {"@languageID": "FRA", "#text": "Ville"}
                                    },
                                    f"{cac}:PartyLegalEntity": {f"{cbc}:CompanyID": "21690123100011"},
                                }
                            }
                        }
                    }
                }
            }
        },
        f"{cac}:ProcurementProject": {f"{cbc}:Name": {"@languageID": "FRA", "#text": "Nettoyage"}},
        f"{cac}:ProcurementProjectLot": [
            {
                f"{cbc}:ID": {"@schemeName": "Lot", "#text": f"LOT-000{index}"},
                f"{cac}:TenderingTerms": {
                    f"{cac}:TendererQualificationRequest": {
                        f"{cac}:SpecificTendererRequirement": {
                            f"{cbc}:TendererRequirementTypeCode": {
                                "@listName": "reserved-procurement",
                                "#text": "res-ws",
                            }
                        }
                    }
                },
            }
            for index in (1, 2)
        ],
    }
    record = ods("boamp-ods_26-7319.json")
    record["donnees"] = json.dumps({"EFORMS": {"ContractNotice": notice}})
    record["criteres"] = ["sociaux"]
    parsed = parse_one(boamp.parse_json(json.dumps(record).encode(), "x"))
    assert parsed.source is Source.BOAMP
    assert parsed.source_id == "26-7319"
    assert parsed.title == "Nettoyage"
    assert parsed.buyer.siret == "21690123100011"
    assert [lot.signals for lot in parsed.lots] == [(Signal("BT-71-Lot", "res-ws"),)] * 2
    assert Signal("criteres", "sociaux") in parsed.signals


def test_award_notice_names_its_holders():
    record = ods("boamp-ods_26-7319.json")
    record.update(nature="ATTRIBUTION", titulaire=["ESAT Les Ateliers", "SARL Bâti"])
    parsed = parse_one(boamp.parse_json(json.dumps(record).encode(), "x"))
    assert parsed.kind is NoticeKind.AWARD
    assert [holder.name for holder in parsed.awards[0].holders] == ["ESAT Les Ateliers", "SARL Bâti"]


def test_api_page_is_streamed_and_a_syntax_error_keeps_the_records_before_it():
    page = {"total_count": 3, "results": [ods("boamp-ods_26-7113.json"), ods("boamp-ods_26-7319.json")]}
    data = json.dumps(page).encode()[:-2] + b", {oops"
    results = list(boamp.parse_json(data, "page.json"))
    assert [getattr(result, "source_id", None) for result in results[:2]] == ["26-7113", "26-7319"]
    assert results[2].reason == "invalid_json"
    assert results[2].location == "page.json#results.item[2]"


def test_performance_departements_all_count_but_publication_ones_only_alone():
    record = ods("boamp-ods_26-7113.json")
    donnees = json.loads(record["donnees"])
    donnees["FNSimple"]["initial"]["natureMarche"]["lieuExecution"] = "Divers sites"
    record["donnees"] = json.dumps(donnees)
    parsed = parse_one(boamp.parse_json(json.dumps(record).encode(), "x"))
    assert parsed.departements == ("52",)  # from the lots; the nine publication départements are ignored
    for lot in donnees["FNSimple"]["initial"]["lots"]["lot"]:
        lot["lieuExecutionLivraison"] = "Divers sites"
    record.update(donnees=json.dumps(donnees), code_departement_prestation=["2", "52"])
    parsed = parse_one(boamp.parse_json(json.dumps(record).encode(), "x"))
    assert parsed.departements == ("02", "52")
