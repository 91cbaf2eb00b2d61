from datetime import date
from decimal import Decimal

import pytest

from sources import eforms
from sources.records import NoticeKind, NoticeRecord, Signal, Source
from tests.samples import sample_bytes, sample_files

pytestmark = pytest.mark.no_django_db


def parse_one(data: bytes) -> NoticeRecord:
    results = list(eforms.parse(data, "test"))
    assert len(results) == 1
    assert isinstance(results[0], NoticeRecord), results[0]
    return results[0]


def lot_signals(record: NoticeRecord, lot_id: str) -> set[tuple[str, str]]:
    lot = next(lot for lot in record.lots if lot.lot_id == lot_id)
    return {(signal.path, signal.code) for signal in lot.signals}


def lot_text_paths(record: NoticeRecord, lot_id: str) -> list[str]:
    lot = next(lot for lot in record.lots if lot.lot_id == lot_id)
    return [text.path for text in lot.texts]


@pytest.mark.parametrize("name", sample_files("eforms", ".xml"))
def test_every_eforms_sample_gives_one_record_without_rejection(name):
    record = parse_one(sample_bytes(name))
    assert record.source is Source.TED
    assert record.buyer.name
    assert record.lots


def test_real_french_cn_has_siret_departement_and_ted_url():
    record = parse_one(sample_bytes("eforms/ted_2024-OJS017-00047522_FRA_cn.xml"))
    assert record.source_id == "a638ab6b-7005-48a9-a9c7-b91bfc6142f1"
    assert record.version == "01"
    assert record.procedure_id == "240d1ad9-b2d8-45ec-bea9-d11e7a75b28e"
    assert record.kind is NoticeKind.CONTRACT_NOTICE
    assert record.buyer.siret == "20003441100013"
    assert record.buyer.name == "Communauté de Communes du Piémont Cévenol"
    assert record.cpv == ("90511100", "90511400")
    assert record.departements == ("30",)
    assert record.published_on == date(2024, 1, 24)
    assert record.deadline_at.isoformat() == "2024-02-28T12:00:00+02:00"
    assert record.procedure == "open"
    assert record.url == "https://ted.europa.eu/en/notice/-/detail/47522-2024"
    assert record.language == "fr"
    assert [lot.lot_id for lot in record.lots] == ["LOT-0001", "LOT-0002"]
    assert [lot.cpv for lot in record.lots] == [("90511100",), ("90511400",)]


def test_real_french_cn_performance_code_without_description_is_neither_text_nor_signal():
    record = parse_one(sample_bytes("eforms/ted_2024-OJS017-00047522_FRA_cn.xml"))
    assert "BT-70-Lot" not in lot_text_paths(record, "LOT-0001")
    assert lot_signals(record, "LOT-0001") == {("BT-71-Lot", "none"), ("BT-736-Lot", "no")}


def test_real_french_cn_keeps_the_disabled_workers_declaration_out_of_social_fields():
    record = parse_one(sample_bytes("eforms/ted_2024-OJS017-00047522_FRA_cn.xml"))
    texts = [text.text for lot in record.lots for text in lot.texts] + [text.text for text in record.texts]
    assert not any("L.5212-1" in text for text in texts)


def test_ita_cn_has_employment_opportunities_objective_on_each_lot():
    record = parse_one(sample_bytes("eforms/ted_650276-2023_ITA_cn.xml"))
    assert len(record.lots) == 2
    for lot in record.lots:
        codes = {signal.code for signal in lot.signals if signal.path == "BT-775-Lot"}
        assert codes == {"acc-all", "work-cond", "opp", "gen-eq"}
        performance = [text for text in lot.texts if text.path == "BT-70-Lot"]
        assert [(text.text, text.language) for text in performance] == [
            ("Si veda Capitolato Speciale.", "it")
        ]
    assert record.value.amount == Decimal("1966486")
    assert record.url == "https://ted.europa.eu/en/notice/-/detail/650276-2023"


def test_nor_pin_cfc_is_reserved_to_sheltered_workshops():
    record = parse_one(sample_bytes("eforms/ted_106286-2024_NOR_pin-cfc.xml"))
    assert record.kind is NoticeKind.CONTRACT_NOTICE
    assert [lot.lot_id for lot in record.lots] == ["LOT-0000"]
    assert lot_signals(record, "LOT-0000") == {("BT-71-Lot", "res-ws"), ("BT-736-Lot", "no")}
    assert record.cpv[0] == "45000000"
    assert record.value.currency == "NOK"
    assert record.departements == ()


def test_nor_pin_cfc_keeps_every_language_of_the_description():
    record = parse_one(sample_bytes("eforms/ted_106286-2024_NOR_pin-cfc.xml"))
    languages = {text.language for text in record.texts if text.path == "BT-24-Procedure"}
    assert languages == {"no", "en"}


def test_sdk_maximal_cn_has_all_social_fields_per_lot():
    record = parse_one(sample_bytes("eforms/sdk_cn_24_maximal.xml"))
    assert [lot.lot_id for lot in record.lots] == ["LOT-0001", "LOT-0002"]
    assert lot_signals(record, "LOT-0001") == {
        ("BT-06-Lot", "env-imp"),
        ("BT-775-Lot", "acc-all"),
        ("BT-71-Lot", "res-pub-ser"),
        ("BT-736-Lot", "yes"),
    }
    assert ("BT-71-Lot", "none") in lot_signals(record, "LOT-0002")
    assert {"BT-70-Lot", "BT-777-Lot", "BT-24-Lot", "BT-300-Lot"} <= set(lot_text_paths(record, "LOT-0001"))
    criteria = record.lots[0].award_criteria
    assert [(c.type, c.weight) for c in criteria] == [("cost", Decimal("60")), ("quality", Decimal("40"))]
    assert record.buyer.country == "LU"
    assert record.departements == ()


def test_sdk_pin_cfc_social_is_reserved_with_unknown_execution():
    record = parse_one(sample_bytes("eforms/sdk_pin-cfc-social_24.xml"))
    assert lot_signals(record, "LOT-0001") == {("BT-71-Lot", "res-ws"), ("BT-736-Lot", "not-known")}
    assert record.cpv == ("85000000",)


def test_sdk_french_cn_is_negative_and_finds_rouen():
    record = parse_one(sample_bytes("eforms/sdk_cn_24_FRA_comments.xml"))
    assert record.departements == ("76",)
    assert record.buyer.siret is None
    assert record.buyer.identifier == "123 456 789"
    for lot in record.lots:
        assert {signal.code for signal in lot.signals} == {"none", "no"}
    assert record.title.startswith("Service d'entretien")


UBL = "urn:oasis:names:specification:ubl:schema:xsd"
EF = "http://data.europa.eu/p27"

CAN = f"""<?xml version="1.0" encoding="UTF-8"?>
<can:ContractAwardNotice xmlns:can="{UBL}:ContractAwardNotice-2"
  xmlns:cac="{UBL}:CommonAggregateComponents-2" xmlns:cbc="{UBL}:CommonBasicComponents-2"
  xmlns:ext="{UBL}:CommonExtensionComponents-2" xmlns:efac="{EF}/eforms-ubl-extension-aggregate-components/1"
  xmlns:efbc="{EF}/eforms-ubl-extension-basic-components/1" xmlns:efext="{EF}/eforms-ubl-extensions/1">
 <ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent><efext:EformsExtension>
  <efac:NoticeResult>
   <cbc:TotalAmount currencyID="EUR">150000</cbc:TotalAmount>
   <efac:LotResult><efac:LotTender><cbc:ID>TEN-1</cbc:ID></efac:LotTender>
    <efac:SettledContract><cbc:ID>CON-1</cbc:ID></efac:SettledContract>
    <efac:TenderLot><cbc:ID schemeName="Lot">LOT-0001</cbc:ID></efac:TenderLot></efac:LotResult>
   <efac:LotTender><cbc:ID>TEN-1</cbc:ID>
    <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">150000</cbc:PayableAmount>
      </cac:LegalMonetaryTotal>
    <efac:TenderingParty><cbc:ID>TPA-1</cbc:ID></efac:TenderingParty>
    <efac:TenderLot><cbc:ID schemeName="Lot">LOT-0001</cbc:ID></efac:TenderLot></efac:LotTender>
   <efac:SettledContract><cbc:ID>CON-1</cbc:ID><cbc:IssueDate>2024-03-05+01:00</cbc:IssueDate>
    <efac:ContractReference><cbc:ID>2024-017</cbc:ID></efac:ContractReference>
    <efac:LotTender><cbc:ID>TEN-1</cbc:ID></efac:LotTender></efac:SettledContract>
   <efac:TenderingParty><cbc:ID>TPA-1</cbc:ID>
    <efac:Tenderer><cbc:ID>ORG-0002</cbc:ID></efac:Tenderer></efac:TenderingParty>
  </efac:NoticeResult>
  <efac:Organizations>
   <efac:Organization><efac:Company><cac:PartyIdentification><cbc:ID>ORG-0001</cbc:ID>
     </cac:PartyIdentification>
    <cac:PartyName><cbc:Name languageID="FRA">Ville de Lyon</cbc:Name></cac:PartyName>
    <cac:PostalAddress><cbc:PostalZone>69001</cbc:PostalZone><cac:Country>
      <cbc:IdentificationCode>FRA</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyLegalEntity><cbc:CompanyID>216 901 231 00011</cbc:CompanyID></cac:PartyLegalEntity>
      </efac:Company></efac:Organization>
   <efac:Organization><efac:Company><cac:PartyIdentification><cbc:ID>ORG-0002</cbc:ID>
     </cac:PartyIdentification>
    <cac:PartyName><cbc:Name languageID="FRA">Entreprise d'insertion du Rhône</cbc:Name></cac:PartyName>
    <cac:PartyLegalEntity><cbc:CompanyID>12345678900011</cbc:CompanyID></cac:PartyLegalEntity>
      </efac:Company></efac:Organization>
  </efac:Organizations>
  <efac:Publication>
    <efbc:NoticePublicationID schemeName="ojs-notice-id">00123456-2024</efbc:NoticePublicationID>
   <efbc:PublicationDate>2024-03-20Z</efbc:PublicationDate></efac:Publication>
 </efext:EformsExtension></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>
 <cbc:ID schemeName="notice-id">11111111-2222-3333-4444-555555555555</cbc:ID>
 <cbc:ContractFolderID>proc-1</cbc:ContractFolderID>
 <cbc:IssueDate>2024-03-18+01:00</cbc:IssueDate>
 <cbc:VersionID>02</cbc:VersionID>
 <cbc:NoticeTypeCode listName="result">can-standard</cbc:NoticeTypeCode>
 <cac:ContractingParty><cac:Party><cac:PartyIdentification><cbc:ID>ORG-0001</cbc:ID>
   </cac:PartyIdentification></cac:Party></cac:ContractingParty>
 <cac:ProcurementProject>
  <cbc:Name languageID="ENG">Cleaning of schools</cbc:Name>
  <cbc:Name languageID="FRA">Nettoyage des écoles</cbc:Name>
 </cac:ProcurementProject>
 <cac:ProcurementProjectLot><cbc:ID schemeName="Lot">LOT-0001</cbc:ID>
  <cac:ProcurementProject><cbc:Name languageID="FRA">Lot unique</cbc:Name>
   <cac:ProcurementAdditionalType>
     <cbc:ProcurementTypeCode listName="strategic-procurement">soc-obj</cbc:ProcurementTypeCode>
    <cbc:ProcurementType languageID="FRA">Clause d'insertion de 350 heures</cbc:ProcurementType>
      </cac:ProcurementAdditionalType>
   <cac:PlannedPeriod><cbc:DurationMeasure unitCode="YEAR">2</cbc:DurationMeasure></cac:PlannedPeriod>
   <cac:RealizedLocation><cac:Address>
     <cbc:CountrySubentityCode listName="nuts">FRK26</cbc:CountrySubentityCode></cac:Address>
       </cac:RealizedLocation>
  </cac:ProcurementProject>
 </cac:ProcurementProjectLot>
</can:ContractAwardNotice>
""".encode()


def test_award_notice_with_prefixed_root_gives_award_with_holder_and_amount():
    record = parse_one(CAN)
    assert record.kind is NoticeKind.AWARD
    assert record.version == "02"
    assert record.title == "Nettoyage des écoles"
    assert record.buyer.siret == "21690123100011"
    assert record.published_on == date(2024, 3, 20)
    assert record.value.amount == Decimal("150000")
    assert record.duration_months == 24
    assert record.departements == ("69",)
    (award,) = record.awards
    assert award.contract_id == "2024-017"
    assert award.lot_ids == ("LOT-0001",)
    assert [(holder.name, holder.siret) for holder in award.holders] == [
        ("Entreprise d'insertion du Rhône", "12345678900011")
    ]
    assert award.amount.amount == Decimal("150000")
    assert award.notified_on == date(2024, 3, 5)


def test_award_notice_keeps_strategic_procurement_and_its_description():
    record = parse_one(CAN)
    lot = record.lots[0]
    assert Signal("BT-06-Lot", "soc-obj") in lot.signals
    assert [(text.path, text.text, text.language) for text in lot.texts] == [
        ("BT-777-Lot", "Clause d'insertion de 350 heures", "fr")
    ]


def test_document_that_is_not_an_eforms_notice_is_rejected_as_unsupported():
    (result,) = eforms.parse(b"<Invoice xmlns='urn:x'/>", "x.xml")
    assert result.reason == "unsupported_document"
    assert result.location == "x.xml"


def test_notice_without_any_title_is_rejected_as_missing_title():
    data = CAN.replace("Nettoyage des écoles".encode(), b"").replace(b"Cleaning of schools", b"")
    data = data.replace(b"Lot unique", b"")
    (result,) = eforms.parse(data, "x.xml")
    assert result.reason == "missing_title"
    assert result.record_id == "11111111-2222-3333-4444-555555555555"


def test_pin_used_as_call_for_competition_takes_the_expression_of_interest_deadline():
    record = parse_one(sample_bytes("eforms/ted_106286-2024_NOR_pin-cfc.xml"))
    assert record.deadline_at.isoformat() == "2024-05-07T00:00:00+02:00"


def test_parts_of_a_pin_only_notice_are_lots_with_part_business_terms():
    data = CAN.replace(
        b'schemeName="Lot">LOT-0001</cbc:ID>\n  <cac:ProcurementProject>',
        b'schemeName="Part">PART-0001</cbc:ID>\n  <cac:ProcurementProject>',
    )
    data = data.replace(b'listName="result">can-standard', b'listName="planning">pin-only')
    record = parse_one(data)
    assert record.kind is NoticeKind.PLANNED
    assert [lot.lot_id for lot in record.lots] == ["PART-0001"]
    assert record.lots[0].signals == (Signal("BT-06-Part", "soc-obj"),)


def test_lot_identifiers_without_scheme_are_read_by_their_prefix():
    data = sample_bytes("eforms/sdk_cn_24_maximal.xml").replace(b' schemeName="Lot"', b"")
    data = data.replace(b' schemeName="LotsGroup"', b"")
    record = parse_one(data)
    assert [lot.lot_id for lot in record.lots] == ["LOT-0001", "LOT-0002"]
