import io
import json
from datetime import date
from decimal import Decimal

import pytest

from sources import decp
from sources.records import NoticeKind, NoticeRecord, Rejection, Signal, Source
from tests.samples import sample, sample_files

pytestmark = pytest.mark.no_django_db


def parse_json(document: object) -> list:
    data = json.dumps(document).encode()
    return list(decp.parse_json(lambda: io.BytesIO(data), "test.json"))


def parse_xml(data: bytes) -> list:
    return list(decp.parse_xml(lambda: io.BytesIO(data), "test.xml"))


def records_of(name: str) -> list[NoticeRecord]:
    path = sample(name)
    results = list(decp.parse_json(lambda: open(path, "rb"), name))
    assert all(isinstance(result, NoticeRecord) for result in results), results
    return results


def contract(**overrides: object) -> dict:
    base = {
        "id": "2024-001",
        "acheteur": {"id": "21690123100011"},
        "objet": "Nettoyage des locaux",
        "codeCPV": "90910000-9",
        "montant": 120000,
        "dureeMois": 24,
        "dateNotification": "2024-03-01",
        "lieuExecution": {"code": "69001", "typeCode": "Code postal"},
        "titulaires": [{"titulaire": {"typeIdentifiant": "SIRET", "id": "12345678900011"}}],
        "considerationsSociales": {"considerationSociale": ["Clause sociale"]},
    }
    base.update(overrides)
    return base


@pytest.mark.parametrize("name", sample_files("decp", ".json"))
def test_every_decp_sample_parses_without_rejection(name):
    records = records_of(name)
    assert records
    assert all(record.kind is NoticeKind.CONTRACT_DATA and record.source is Source.DECP for record in records)


def test_decp_2019_sample_keys_titles_and_holders():
    records = records_of("decp/decp-2019_e-marchespublics_extract.json")
    assert len(records) == 4
    first = records[0]
    assert first.source_id == "21440132500011/2018FCS3100"
    assert first.buyer.name == "VILLE DE PORNICHET"
    assert first.buyer.siret == "21440132500011"
    assert first.cpv == ("90910000",)
    assert first.departements == ("44",)
    assert first.value.amount == Decimal("39914")
    assert first.signals == ()
    assert [(text.path, text.text, text.language) for text in first.texts] == [
        ("objet", "MISSIONS DE NETTOYAGE ET D'ENTRETIEN DES HALLES DE PORNICHET", "fr")
    ]
    esat = records[1].awards[0].holders[0]
    assert (esat.name, esat.siret) == ("ESAT du pont des meuniers", "33375054500027")


def test_decp_v2_sample_has_social_considerations_on_contracts_and_concessions():
    records = records_of("decp/decp-v2_official-examples_marches_concessions.json")
    assert [record.source_id for record in records] == [
        "21750001630066/TEST2022",
        "21750001630040/TEST2022Bis",
        "12345678901234/0612202306122024",
        "12345678901250/0612202306122023",
    ]
    for record in records:
        assert record.signals == (
            Signal("considerationsSociales", "Clause sociale"),
            Signal("considerationsSociales", "Critère social"),
        )
    marche, _, concession, _ = records
    assert marche.cpv == ("45000000",)
    assert marche.departements == ("75",)
    assert marche.value.amount == Decimal("123457.87")  # the modification's amount
    assert marche.awards[0].modification_count == 1
    assert [holder.identifier for holder in concession.awards[0].holders] == [
        "38103128500491",
        "38103128500574",
    ]
    assert concession.value.amount == Decimal("25.0")
    assert concession.duration_months == 14
    assert concession.awards[0].notified_on == date(2024, 4, 2)


def test_decp_2022_sample_applies_modifications_in_date_order():
    records = {record.source_id: record for record in records_of("decp/decp-2022_decp-processing_test.json")}
    assert len(records) == 5
    stade = records["22130001500247/2020F00075"]
    assert stade.value.amount == Decimal("22540")
    assert stade.duration_months == 100
    assert stade.awards[0].modification_count == 4
    assert [holder.siret for holder in stade.awards[0].holders] == [
        "12345678900022",
        "05650171100115",
        "88359829400030",
    ]
    reunion = records["21974022200019/2022VI2022.242"]
    assert reunion.duration_months is None  # "NC"
    assert reunion.departements == ("974",)
    assert reunion.signals == (Signal("considerationsSociales", "Pas de considération sociale"),)
    assert records["21690123100011/2019K1209"].departements == ("69",)  # Code commune 69123
    assert records["21500222100012/202207LOT03"].signals == (
        Signal("considerationsSociales", "Critère social"),
        Signal("considerationsSociales", "Clause sociale"),
    )


@pytest.mark.parametrize(
    "value",
    [
        ["Clause sociale", "Marché réservé"],
        {"considerationSociale": ["Clause sociale", "Marché réservé"]},
        "Clause sociale, Marché réservé",
        [{"considerationSociale": "Clause sociale"}, {"considerationSociale": "Marché réservé"}],
    ],
)
def test_social_considerations_are_read_from_every_shape(value):
    (record,) = parse_json({"marches": {"marche": [contract(considerationsSociales=value)]}})
    assert [signal.code for signal in record.signals] == ["Clause sociale", "Marché réservé"]


def test_out_of_enum_social_value_is_kept_verbatim():
    (record,) = parse_json(
        {"marches": {"marche": [contract(considerationsSociales={"considerationSociale": "Sans objet"})]}}
    )
    assert record.signals == (Signal("considerationsSociales", "Sans objet"),)


@pytest.mark.parametrize(
    ("code", "type_code", "departement"),
    [
        ("69001", "Code postal", "69"),
        ("2A004", "Code commune", "2A"),
        ("974", "Code département", "974"),
        ("5", "Code département", "05"),
        ("84", "Code région", None),
        ("97411", "Code commune", "974"),
    ],
)
def test_place_of_performance_gives_departement_by_type_code(code, type_code, departement):
    (record,) = parse_json({"marches": [contract(lieuExecution={"code": code, "typeCode": type_code})]})
    assert record.departements == ((departement,) if departement else ())


def test_file_with_good_and_bad_records_keeps_the_good_ones():
    bad = [
        contract(id="bad-amount", montant="abc"),
        contract(id="bad-title", objet={"text": "object instead of text"}),
        {"acheteur": {"id": "21690123100011"}, "objet": "sans identifiant"},
        contract(id="no-buyer", acheteur={}),
        contract(id="no-title", objet=""),
        "not an object",
    ]
    results = parse_json({"marches": {"marche": [contract(id="good-1"), *bad, contract(id="good-2")]}})
    records = [result for result in results if isinstance(result, NoticeRecord)]
    rejections = [result for result in results if isinstance(result, Rejection)]
    assert [record.source_id for record in records] == ["21690123100011/good-1", "21690123100011/good-2"]
    assert [(rejection.reason, rejection.record_id) for rejection in rejections] == [
        ("wrong_type", "21690123100011/bad-amount"),
        ("wrong_type", "21690123100011/bad-title"),
        ("missing_identifier", None),
        ("missing_buyer", "no-buyer"),
        ("missing_title", "21690123100011/no-title"),
        ("wrong_type", None),
    ]
    assert rejections[0].location == "test.json#marches.marche.item[1]"


def test_truncated_json_keeps_the_records_before_the_break():
    data = json.dumps({"marches": [contract(id="a"), contract(id="b")]}).encode()[:-40]
    results = list(decp.parse_json(lambda: io.BytesIO(data), "cut.json"))
    assert isinstance(results[0], NoticeRecord)
    assert results[-1].reason == "invalid_json"


def test_bare_nan_values_written_by_pandas_are_read_as_null():
    data = json.dumps({"marches": [contract()]}).replace('"dureeMois": 24', '"dureeMois": NaN').encode()
    (record,) = decp.parse_json(lambda: io.BytesIO(data), "nan.json")
    assert record.duration_months is None


def test_json_without_marches_is_unsupported():
    (result,) = parse_json({"data": []})
    assert result.reason == "unsupported_document"


DECP_XML = """<?xml version="1.0" encoding="UTF-8"?>
<marches>
  <marche>
    <id>2024-XML-1</id>
    <acheteur><id>21330063500017</id></acheteur>
    <objet>Entretien des espaces verts par une structure d'insertion</objet>
    <codeCPV>77310000-6</codeCPV>
    <lieuExecution><code>33063</code><typeCode>Code commune</typeCode></lieuExecution>
    <dureeMois>36</dureeMois>
    <dateNotification>2024-02-01</dateNotification>
    <montant>80000.50</montant>
    <titulaires><titulaire><typeIdentifiant>SIRET</typeIdentifiant><id>11122233300044</id>
      </titulaire></titulaires>
    <considerationsSociales><considerationSociale>Marché réservé</considerationSociale>
      </considerationsSociales>
  </marche>
  <marche>
    <id>2024-XML-2</id>
    <acheteur><id>21330063500017</id></acheteur>
    <objet>Fournitures</objet>
    <montant>beaucoup</montant>
  </marche>
  <contrat-concession>
    <id>C-1</id>
    <autoriteConcedante><id>21330063500017</id></autoriteConcedante>
    <objet>Restauration scolaire</objet>
    <valeurGlobale>1000000</valeurGlobale>
    <dateSignature>2024-01-15</dateSignature>
    <concessionnaires><concessionnaire><id>44455566600077</id></concessionnaire>
      <concessionnaire><id>44455566600078</id></concessionnaire></concessionnaires>
    <considerationsSociales><considerationSociale>Concession réservée</considerationSociale>
      <considerationSociale>Clause sociale</considerationSociale></considerationsSociales>
  </contrat-concession>
</marches>
""".encode()


def test_decp_xml_is_streamed_with_the_same_fields_as_json():
    results = parse_xml(DECP_XML)
    first, rejected, concession = results
    assert first.source_id == "21330063500017/2024-XML-1"
    assert first.cpv == ("77310000",)
    assert first.departements == ("33",)
    assert first.value.amount == Decimal("80000.50")
    assert first.signals == (Signal("considerationsSociales", "Marché réservé"),)
    assert first.awards[0].holders[0].siret == "11122233300044"
    assert rejected.reason == "wrong_type"
    assert rejected.record_id == "21330063500017/2024-XML-2"
    assert concession.source_id == "21330063500017/C-1"
    assert [holder.siret for holder in concession.awards[0].holders] == ["44455566600077", "44455566600078"]
    assert [signal.code for signal in concession.signals] == ["Concession réservée", "Clause sociale"]
    assert concession.awards[0].notified_on == date(2024, 1, 15)


def test_decp_xml_with_doctype_is_refused_before_any_record():
    data = DECP_XML.replace(b"<marches>", b'<!DOCTYPE marches [<!ENTITY x "y">]>\n<marches>', 1)
    (result,) = parse_xml(data)
    assert result.reason == "doctype_forbidden"


def test_decp_xml_truncated_keeps_the_first_records():
    results = parse_xml(DECP_XML[: DECP_XML.index(b"<contrat-concession>") + 30])
    assert isinstance(results[0], NoticeRecord)
    assert results[-1].reason == "xml_malformed"


def test_invalid_utf8_inside_a_streamed_string_is_invalid_json_after_the_good_records():
    data = json.dumps({"marches": [contract(id="a"), contract(id="b")]}).encode()
    data = data.replace(b'"b"', b'"\xc0\x80"')
    results = list(decp.parse_json(lambda: io.BytesIO(data), "bad-utf8.json"))
    assert results[-1].reason == "invalid_json"


def test_concession_is_recognised_by_its_grantor_whatever_the_collection():
    concession = {
        "id": "C-9",
        "autoriteConcedante": {"id": "21330063500017"},
        "objet": "Restauration",
        "valeurGlobale": 10,
        "concessionnaires": [{"concessionnaire": {"id": "44455566600077"}}],
    }
    (record,) = parse_json({"marches": {"marche": [concession]}})
    assert record.source_id == "21330063500017/C-9"
    assert record.value.amount == 10
    assert record.awards[0].holders[0].siret == "44455566600077"
