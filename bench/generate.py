"""Realistic synthetic tender data for benchmarks and resumability tests (deterministic: seeded).

- eForms contract notices (UBL 2.3, SDK 1.x shape): 1 to 6 lots, French titles and
  descriptions, buyers with a valid SIRET and NUTS-3 code, estimated values, deadlines; about
  one notice in five carries a social consideration, as measured in France in 2022-2023
  (DESIGN.md section 3: 18.7 % to 22.3 %): an insertion clause in BT-70, a social award
  criterion, or a lot reserved to SIAE / EA-ESAT (BT-71 `res-ws`).
- DECP 2024 JSON (`{"marches": {"marche": [...]}}`) with `considerationsSociales`, holders,
  amounts and places, in the same proportions.

Run: `python -m bench.generate --eforms 1000 --decp 50000 --output var/bench`.
"""

from __future__ import annotations

import argparse
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import orjson

from referential.territories import DepartementInfo, departements

SOCIAL_SHARE = 0.2
CPV = [
    ("45233140", "Travaux de voirie et réseaux divers"),
    ("45210000", "Travaux de construction de bâtiments"),
    ("45453000", "Travaux de réfection et de remise en état"),
    ("90911200", "Services de nettoyage de bâtiments"),
    ("77310000", "Entretien des espaces verts"),
    ("55523100", "Restauration scolaire"),
    ("79710000", "Services de gardiennage"),
    ("71000000", "Maîtrise d'œuvre"),
    ("30192000", "Fournitures de bureau"),
    ("60130000", "Transport de personnes"),
]
BUYER_KINDS = ["Commune de", "Département de la", "Communauté d'agglomération de", "Centre hospitalier de"]
CITIES = ["Bordeaux", "Pau", "Lyon", "Nantes", "Lille", "Rennes", "Dijon", "Tours", "Metz", "Nîmes", "Brest"]
FILLER = (
    "Le présent marché a pour objet {what} pour le compte de {buyer}. Les prestations comprennent "
    "la fourniture, la mise en œuvre et le suivi des ouvrages décrits au cahier des clauses techniques "
    "particulières. Les variantes ne sont pas autorisées. La durée du marché court à compter de la "
    "notification ; les délais d'exécution sont précisés dans l'acte d'engagement."
)
CLAUSE = (
    "Clause sociale d'insertion : en application de l'article L2112-2 du code de la commande publique, "
    "le titulaire s'engage à réserver {hours} heures de travail à des personnes éloignées de l'emploi "
    "(demandeurs d'emploi de longue durée, bénéficiaires du RSA, jeunes sans qualification), avec "
    "l'accompagnement du facilitateur du PLIE."
)
CRITERION = "Performance en matière d'insertion professionnelle des publics en difficulté"
RESERVED = (
    "Lot réservé aux structures d'insertion par l'activité économique mentionnées à l'article "
    "L5132-4 du code du travail (article L2113-13 du code de la commande publique)."
)
NAMESPACES = (
    'xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2" '
    'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
    'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" '
    'xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2" '
    'xmlns:efac="http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1" '
    'xmlns:efbc="http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1" '
    'xmlns:efext="http://data.europa.eu/p27/eforms-ubl-extensions/1"'
)


def siret(rng: random.Random) -> str:
    """A random SIRET that passes the Luhn check (public bodies start with 1 or 2)."""
    body = str(rng.choice((1, 2))) + "".join(str(rng.randrange(10)) for _ in range(12))
    for check in range(10):
        candidate = f"{body}{check}"
        if _luhn_total(candidate) % 10 == 0:
            return candidate
    raise AssertionError("unreachable: one check digit always fits")


def _luhn_total(number: str) -> int:
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char) * (2 if index % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total


class _World:
    """Buyers and places shared by all generated notices (so buyers repeat, as in real data)."""

    def __init__(self, rng: random.Random, buyers: int = 300) -> None:
        self.places = [info for info in departements().values() if info.nuts3]
        self.buyers = []
        for _ in range(buyers):
            place = rng.choice(self.places)
            city = rng.choice(CITIES)
            name = f"{rng.choice(BUYER_KINDS)} {city}"
            self.buyers.append((name, siret(rng), place))


def _postcode(departement: str) -> str:
    """A postcode of the département's main city (Corsica: Ajaccio 20000, Bastia 20200)."""
    return {"2A": "20000", "2B": "20200"}.get(departement, departement.ljust(5, "0"))


def _day(rng: random.Random) -> date:
    return date(2025, 1, 1) + timedelta(days=rng.randrange(700))


def _text(tag: str, text: str) -> str:
    return f'<cbc:{tag} languageID="FRA">{escape(text)}</cbc:{tag}>'


def _lot(rng: random.Random, number: int, place, cpv: tuple[str, str], social: str | None) -> str:
    value = rng.randrange(20, 2000) * 1000
    criterion = ""
    conditions = ""
    reserved = ""
    additional = ""
    if social == "clause":
        conditions = (
            '<cac:ContractExecutionRequirement><cbc:ExecutionRequirementCode listName="conditions">'
            "performance</cbc:ExecutionRequirementCode>"
            f"{_text('Description', CLAUSE.format(hours=rng.randrange(35, 2000)))}"
            "</cac:ContractExecutionRequirement>"
        )
        additional = (
            '<cac:ProcurementAdditionalType><cbc:ProcurementTypeCode listName="strategic-procurement">'
            "soc-obj</cbc:ProcurementTypeCode></cac:ProcurementAdditionalType>"
        )
    elif social == "criterion":
        criterion = (
            "<cac:AwardingTerms><cac:AwardingCriterion><cac:SubordinateAwardingCriterion>"
            '<cbc:AwardingCriterionTypeCode listName="award-criterion-type">quality'
            f"</cbc:AwardingCriterionTypeCode>{_text('Name', CRITERION)}"
            "</cac:SubordinateAwardingCriterion></cac:AwardingCriterion></cac:AwardingTerms>"
        )
    elif social == "reserved":
        reserved = (
            "<cac:TendererQualificationRequest><cac:SpecificTendererRequirement>"
            '<cbc:TendererRequirementTypeCode listName="reserved-procurement">res-ws'
            "</cbc:TendererRequirementTypeCode>"
            "</cac:SpecificTendererRequirement></cac:TendererQualificationRequest>"
        )
    lot_description = f"{cpv[1]}, lot {number}, selon le bordereau des prix unitaires."
    if social == "reserved":
        lot_description += " " + RESERVED
    deadline = _day(rng).isoformat()
    return (
        f'<cac:ProcurementProjectLot><cbc:ID schemeName="Lot">LOT-{number:04d}</cbc:ID>'
        f"<cac:TenderingTerms>{criterion}{reserved}{conditions}</cac:TenderingTerms>"
        "<cac:TenderingProcess><cac:TenderSubmissionDeadlinePeriod>"
        f"<cbc:EndDate>{deadline}+01:00</cbc:EndDate><cbc:EndTime>12:00:00+01:00</cbc:EndTime>"
        "</cac:TenderSubmissionDeadlinePeriod></cac:TenderingProcess>"
        f'<cac:ProcurementProject><cbc:ID schemeName="InternalID">{number}</cbc:ID>'
        f"{_text('Name', f'Lot {number} : {cpv[1]}')}"
        f"{_text('Description', lot_description)}"
        f"{additional}"
        f'<cac:RequestedTenderTotal><cbc:EstimatedOverallContractAmount currencyID="EUR">{value}'
        "</cbc:EstimatedOverallContractAmount></cac:RequestedTenderTotal>"
        f'<cac:MainCommodityClassification><cbc:ItemClassificationCode listName="cpv">{cpv[0]}'
        "</cbc:ItemClassificationCode></cac:MainCommodityClassification>"
        f'<cac:RealizedLocation><cac:Address><cbc:CountrySubentityCode listName="nuts">{place.nuts3}'
        "</cbc:CountrySubentityCode><cac:Country><cbc:IdentificationCode>FRA</cbc:IdentificationCode>"
        "</cac:Country></cac:Address></cac:RealizedLocation>"
        f'<cac:PlannedPeriod><cbc:DurationMeasure unitCode="MONTH">{rng.choice((6, 12, 24, 36, 48))}'
        "</cbc:DurationMeasure></cac:PlannedPeriod></cac:ProcurementProject></cac:ProcurementProjectLot>"
    )


def _social(rng: random.Random) -> str | None:
    if rng.random() >= SOCIAL_SHARE:
        return None
    return rng.choices(("clause", "criterion", "reserved"), weights=(70, 20, 10))[0]


@dataclass(frozen=True)
class _Draw:
    """What one generated notice or contract is about."""

    index: int
    buyer: str
    siret: str
    place: DepartementInfo
    cpv: tuple[str, str]
    day: date
    social: str | None


def _draws(rng: random.Random, count: int) -> Iterator[_Draw]:
    world = _World(rng)
    for index in range(count):
        name, buyer_siret, place = rng.choice(world.buyers)
        yield _Draw(index, name, buyer_siret, place, rng.choice(CPV), _day(rng), _social(rng))


def eforms_notices(count: int, seed: int = 2026) -> Iterator[bytes]:
    """`count` eForms contract notices, one XML document each."""
    rng = random.Random(seed)
    for draw in _draws(rng, count):
        lots = "".join(
            _lot(rng, number, draw.place, draw.cpv, draw.social if number == 1 else None)
            for number in range(1, rng.randint(2, 7))
        )
        notice_id = uuid.UUID(int=rng.getrandbits(128))
        description = FILLER.format(what=draw.cpv[1].lower(), buyer=draw.buyer)
        document = (
            f'<?xml version="1.0" encoding="UTF-8"?><ContractNotice {NAMESPACES}>'
            "<ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent><efext:EformsExtension>"
            "<efac:Organizations><efac:Organization><efac:Company>"
            '<cac:PartyIdentification><cbc:ID schemeName="organization">ORG-0001</cbc:ID>'
            "</cac:PartyIdentification>"
            f"<cac:PartyName>{_text('Name', draw.buyer)}</cac:PartyName>"
            f"<cac:PostalAddress><cbc:CityName>{escape(draw.buyer.split()[-1])}</cbc:CityName>"
            f'<cbc:CountrySubentityCode listName="nuts">{draw.place.nuts3}</cbc:CountrySubentityCode>'
            "<cac:Country><cbc:IdentificationCode>FRA</cbc:IdentificationCode></cac:Country></cac:PostalAddress>"
            f"<cac:PartyLegalEntity><cbc:CompanyID>{draw.siret}</cbc:CompanyID></cac:PartyLegalEntity>"
            "</efac:Company></efac:Organization></efac:Organizations>"
            "<efac:Publication>"
            f"<efbc:NoticePublicationID>{draw.index + 1:08d}-{draw.day.year}</efbc:NoticePublicationID>"
            f"<efbc:PublicationDate>{draw.day.isoformat()}+01:00</efbc:PublicationDate></efac:Publication>"
            "</efext:EformsExtension></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>"
            f'<cbc:ID schemeName="notice-id">{notice_id}</cbc:ID>'
            f"<cbc:ContractFolderID>{uuid.UUID(int=rng.getrandbits(128))}</cbc:ContractFolderID>"
            f"<cbc:IssueDate>{draw.day.isoformat()}+01:00</cbc:IssueDate><cbc:VersionID>01</cbc:VersionID>"
            '<cbc:NoticeTypeCode listName="competition">cn-standard</cbc:NoticeTypeCode>'
            "<cbc:NoticeLanguageCode>FRA</cbc:NoticeLanguageCode>"
            "<cac:ContractingParty><cac:Party><cac:PartyIdentification><cbc:ID>ORG-0001</cbc:ID>"
            "</cac:PartyIdentification></cac:Party></cac:ContractingParty>"
            '<cac:TenderingProcess><cbc:ProcedureCode listName="procurement-procedure-type">open'
            "</cbc:ProcedureCode></cac:TenderingProcess>"
            f"<cac:ProcurementProject>{_text('Name', f'{draw.cpv[1]} - {draw.buyer}')}"
            f"{_text('Description', description)}"
            f'<cac:MainCommodityClassification><cbc:ItemClassificationCode listName="cpv">{draw.cpv[0]}'
            "</cbc:ItemClassificationCode></cac:MainCommodityClassification></cac:ProcurementProject>"
            f"{lots}</ContractNotice>"
        )
        yield document.encode("utf-8")


def decp_marches(count: int, seed: int = 2026) -> Iterator[dict]:
    """`count` DECP 2024 contract records."""
    rng = random.Random(seed + 1)
    for draw in _draws(rng, count):
        considerations = {
            None: ["Pas de considération sociale"],
            "clause": ["Clause sociale"],
            "criterion": ["Critère social"],
            "reserved": ["Marché réservé"],
        }[draw.social]
        yield {
            "id": f"{draw.day.year}{draw.index:08d}",
            "acheteur": {"id": draw.siret},
            "nature": "Marché",
            "objet": f"{draw.cpv[1]} - {draw.buyer}",
            "codeCPV": draw.cpv[0],
            "procedure": rng.choice(("Appel d'offres ouvert", "Procédure adaptée")),
            "lieuExecution": {"code": _postcode(draw.place.code), "typeCode": "Code postal"},
            "dureeMois": rng.choice((6, 12, 24, 36, 48)),
            "dateNotification": draw.day.isoformat(),
            "datePublicationDonnees": (draw.day + timedelta(days=rng.randrange(1, 60))).isoformat(),
            "montant": float(rng.randrange(5, 5000) * 1000),
            "formePrix": "Forfaitaire",
            "offresRecues": rng.randrange(1, 12),
            "titulaires": [{"titulaire": {"typeIdentifiant": "SIRET", "id": siret(rng)}}],
            "considerationsSociales": {"considerationSociale": considerations},
            "considerationsEnvironnementales": {
                "considerationEnvironnementale": ["Pas de considération environnementale"]
            },
        }


def decp_document(count: int, seed: int = 2026) -> bytes:
    """A DECP 2024 file holding `count` records (the layout of the consolidated data.gouv.fr file)."""
    return orjson.dumps({"marches": {"marche": list(decp_marches(count, seed))}})


def write(output: Path, *, eforms: int, decp: int, seed: int = 2026) -> list[Path]:
    """Write `eforms` notices as files under `output/eforms/` and one DECP file; return the paths."""
    written = []
    if eforms:
        folder = output / "eforms"
        folder.mkdir(parents=True, exist_ok=True)
        for index, document in enumerate(eforms_notices(eforms, seed)):
            path = folder / f"notice-{index:07d}.xml"
            path.write_bytes(document)
        written.append(folder)
    if decp:
        output.mkdir(parents=True, exist_ok=True)
        path = output / "decp.json"
        path.write_bytes(decp_document(decp, seed))
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eforms", type=int, default=1000)
    parser.add_argument("--decp", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--output", type=Path, default=Path("var/bench"))
    args = parser.parse_args()
    paths = write(args.output, eforms=args.eforms, decp=args.decp, seed=args.seed)
    print(" ".join(str(path) for path in paths))


if __name__ == "__main__":
    main()
