"""TED eForms notices (UBL 2.3 XML, eForms SDK 0.x to 1.x): ContractNotice, PriorInformationNotice,
ContractAwardNotice.

The root element is recognised by its namespace URI, never by its prefix (TED files use none,
"cn:" or "urn:"). The notice kind comes from BT-03 (the `listName` of `cbc:NoticeTypeCode`:
planning, competition, result, cont-modif), falling back on the root element.

Where the social fields sit (all at lot level, `cac:ProcurementProjectLot` whose `cbc:ID` has
`schemeName` "Lot", or "Part" in PIN-only notices; groups of lots are skipped):

- BT-06 strategic procurement (`soc-obj`...), BT-775 social objective (`opp` = employment of
  disadvantaged persons...), both in `cac:ProcurementProject/cac:ProcurementAdditionalType`, and
  BT-777, the text beside BT-06;
- BT-71 reserved participation (`res-ws`, `res-pub-ser`, `none`) in
  `cac:TenderingTerms/cac:TendererQualificationRequest`;
- BT-736 reserved execution (`yes`/`no`/`not-known`) with its justification OPT-070, and BT-70
  performance terms (where French buyers write the clause d'insertion), both in
  `cac:TenderingTerms/cac:ContractExecutionRequirement`. A `conditions` code without a
  description says nothing: it yields neither a text nor a signal;
- award criteria BT-539/734/540/541 in `cac:AwardingTerms`;
- free texts BT-24 (description), BT-300 (additional information) per lot and per procedure,
  BT-88 (procedure features), kept in every language given.

Results (`efac:NoticeResult`) become `Award`s: each settled contract with its lot, its winning
tender's amount and the organisations behind the tendering party.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal

from lxml import etree

from sources import fields
from sources.reasons import Reason, RecordError
from sources.records import (
    Award,
    AwardCriterion,
    Lot,
    Money,
    NoticeKind,
    NoticeRecord,
    ParseResult,
    Party,
    Place,
    Signal,
    Source,
    TextField,
)
from sources.xmlsafe import parse_document

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
    "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
}

_UBL = "urn:oasis:names:specification:ubl:schema:xsd:"
ROOT_KINDS = {
    f"{_UBL}ContractNotice-2": NoticeKind.CONTRACT_NOTICE,
    f"{_UBL}PriorInformationNotice-2": NoticeKind.PLANNED,
    f"{_UBL}ContractAwardNotice-2": NoticeKind.AWARD,
}
"""Root namespace -> kind, used when BT-03 is missing or unknown (e.g. `change` notices)."""

FORM_KINDS = {
    "planning": NoticeKind.PLANNED,
    "competition": NoticeKind.CONTRACT_NOTICE,
    "result": NoticeKind.AWARD,
    "cont-modif": NoticeKind.AWARD,
    "dir-awa-pre": NoticeKind.AWARD,
}
"""BT-03 form type -> kind."""

EXTENSION = "ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/efext:EformsExtension"
TED_NOTICE_URL = "https://ted.europa.eu/en/notice/-/detail/{}"
MONTHS_PER_UNIT = {"MONTH": Decimal(1), "YEAR": Decimal(12), "DAY": Decimal(1) / Decimal(30)}

_ADDITIONAL_TYPE_SIGNALS = {"strategic-procurement": "BT-06", "social-objective": "BT-775"}


def parse(data: bytes, location: str | None = None) -> Iterator[ParseResult]:
    """One record (or one rejection) for one eForms XML document."""
    try:
        yield notice_from_root(parse_document(data), raw=data)
    except RecordError as error:
        yield error.rejection(location)


def _text(element: etree._Element | None, path: str) -> str | None:
    if element is None:
        return None
    return fields.text(element.findtext(path, namespaces=NS), path)


def _texts(element: etree._Element | None, path: str, business_term: str) -> list[TextField]:
    """Every translation of a multilingual field, each with its ISO 639-1 language."""
    if element is None:
        return []
    found = []
    for node in element.iterfind(path, NS):
        field = fields.text_field(business_term, node.text, fields.language(node.get("languageID")))
        if field:
            found.append(field)
    return found


def _money(element: etree._Element | None, path: str) -> Money | None:
    node = element.find(path, NS) if element is not None else None
    if node is None:
        return None
    return fields.money(node.text, node.get("currencyID"), path)


def _organisations(extension: etree._Element | None) -> dict[str, Party]:
    """Organisations by their ORG-xxxx identifier (BT-500 name, BT-501 identifier, address)."""
    found: dict[str, Party] = {}
    if extension is None:
        return found
    for company in extension.iterfind("efac:Organizations/efac:Organization/efac:Company", NS):
        org_id = _text(company, "cac:PartyIdentification/cbc:ID")
        if not org_id:
            continue
        address = company.find("cac:PostalAddress", NS)
        found[org_id] = fields.party(
            fields.french_first(_texts(company, "cac:PartyName/cbc:Name", "BT-500")),
            _text(company, "cac:PartyLegalEntity/cbc:CompanyID"),
            postcode=_text(address, "cbc:PostalZone"),
            city=_text(address, "cbc:CityName"),
            nuts=_text(address, "cbc:CountrySubentityCode"),
            country_code=_text(address, "cac:Country/cbc:IdentificationCode"),
            path="BT-500",
        )
    return found


def _buyer(root: etree._Element, organisations: dict[str, Party]) -> Party:
    for party_id in root.iterfind("cac:ContractingParty/cac:Party/cac:PartyIdentification/cbc:ID", NS):
        key = (party_id.text or "").strip()
        if key in organisations:
            return organisations[key]
    return Party(name="")


def _places(project: etree._Element | None) -> tuple[Place, ...]:
    if project is None:
        return ()
    places = []
    for location in project.iterfind("cac:RealizedLocation", NS):
        address = location.find("cac:Address", NS)
        found = fields.place(
            nuts=_text(address, "cbc:CountrySubentityCode"),
            postcode=_text(address, "cbc:PostalZone"),
            city=_text(address, "cbc:CityName"),
            description=fields.french_first(_texts(location, "cbc:Description", "BT-728")),
            country_code=_text(address, "cac:Country/cbc:IdentificationCode"),
            path="BT-5071",
        )
        if found:
            places.append(found)
    return tuple(places)


def _cpv(project: etree._Element | None) -> tuple[str, ...]:
    if project is None:
        return ()
    main = project.findtext("cac:MainCommodityClassification/cbc:ItemClassificationCode", namespaces=NS)
    extra = project.iterfind("cac:AdditionalCommodityClassification/cbc:ItemClassificationCode", NS)
    return fields.cpv_codes(main, *(node.text for node in extra))


def _duration_months(project: etree._Element | None) -> int | None:
    node = project.find("cac:PlannedPeriod/cbc:DurationMeasure", NS) if project is not None else None
    if node is None:
        return None
    amount = fields.decimal(node.text, "BT-36")
    factor = MONTHS_PER_UNIT.get((node.get("unitCode") or "").upper())
    if amount is None or factor is None:
        return None
    return int((amount * factor).to_integral_value())


def _award_criteria(terms: etree._Element | None) -> tuple[AwardCriterion, ...]:
    if terms is None:
        return ()
    criteria = []
    path = "cac:AwardingTerms/cac:AwardingCriterion/cac:SubordinateAwardingCriterion"
    for criterion in terms.iterfind(path, NS):
        weight = None
        for parameter in criterion.iterfind(f"{EXTENSION}/efac:AwardCriterionParameter", NS):
            code = parameter.find("efbc:ParameterCode", NS)
            if code is not None and code.get("listName") == "number-weight":
                weight = fields.decimal(parameter.findtext("efbc:ParameterNumeric", namespaces=NS), "BT-541")
        criteria.append(
            AwardCriterion(
                type=_text(criterion, "cbc:AwardingCriterionTypeCode"),
                name=fields.french_first(_texts(criterion, "cbc:Name", "BT-734")),
                description=fields.french_first(_texts(criterion, "cbc:Description", "BT-540")),
                weight=weight,
            )
        )
    return tuple(criteria)


def _lot_social(
    project: etree._Element | None, terms: etree._Element | None, suffix: str
) -> tuple[list[TextField], list[Signal]]:
    """Texts and signals of the social fields of one lot (see the module docstring)."""
    texts: list[TextField] = []
    signals: list[Signal] = []
    if project is not None:
        for additional in project.iterfind("cac:ProcurementAdditionalType", NS):
            code = additional.find("cbc:ProcurementTypeCode", NS)
            term = _ADDITIONAL_TYPE_SIGNALS.get(code.get("listName") if code is not None else "")
            if term is None or code is None or not (code.text or "").strip():
                continue
            signals.append(Signal(path=f"{term}-{suffix}", code=code.text.strip()))
            if term == "BT-06":
                texts += _texts(additional, "cbc:ProcurementType", f"BT-777-{suffix}")
    if terms is None:
        return texts, signals
    for code in terms.iterfind("cac:TendererQualificationRequest//cbc:TendererRequirementTypeCode", NS):
        if code.get("listName") == "reserved-procurement" and (code.text or "").strip():
            signals.append(Signal(path=f"BT-71-{suffix}", code=code.text.strip()))
    for requirement in terms.iterfind("cac:ContractExecutionRequirement", NS):
        code = requirement.find("cbc:ExecutionRequirementCode", NS)
        list_name = code.get("listName") if code is not None else None
        if list_name == "reserved-execution" and code is not None and (code.text or "").strip():
            signals.append(Signal(path=f"BT-736-{suffix}", code=code.text.strip()))
            texts += _texts(requirement, "cbc:Description", f"OPT-070-{suffix}")
        elif list_name == "conditions":
            texts += _texts(requirement, "cbc:Description", f"BT-70-{suffix}")
    return texts, signals


def _lot_scheme(element: etree._Element) -> str | None:
    """The scheme of a lot ("Lot", or "Part" in PIN-only notices); None for a group of lots.

    The scheme is mandatory in eForms, but rebuilt notices (BOAMP's EFORMS variant) may lose
    attributes: the identifier's prefix (LOT-, PART-, GLO-) then decides.
    """
    id_node = element.find("cbc:ID", NS)
    scheme = id_node.get("schemeName") if id_node is not None else None
    if scheme is None:
        identifier = (id_node.text or "").strip().upper() if id_node is not None else ""
        scheme = (
            "LotsGroup"
            if identifier.startswith("GLO")
            else "Part"
            if identifier.startswith("PART")
            else "Lot"
        )
    return scheme if scheme in ("Lot", "Part") else None


def _lot(element: etree._Element, scheme: str) -> Lot:
    lot_id = _text(element, "cbc:ID") or ""
    project = element.find("cac:ProcurementProject", NS)
    terms = element.find("cac:TenderingTerms", NS)
    descriptions = _texts(project, "cbc:Description", f"BT-24-{scheme}")
    social_texts, signals = _lot_social(project, terms, scheme)
    return Lot(
        lot_id=lot_id,
        title=fields.french_first(_texts(project, "cbc:Name", f"BT-21-{scheme}")),
        description=fields.french_first(descriptions),
        cpv=_cpv(project),
        value=_money(project, "cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount"),
        places=_places(project),
        texts=tuple(descriptions + _texts(project, "cbc:Note", f"BT-300-{scheme}") + social_texts),
        signals=tuple(signals),
        award_criteria=_award_criteria(terms),
    )


_DEADLINE_PERIODS = (
    "cac:TenderSubmissionDeadlinePeriod",  # BT-131
    "cac:ParticipationRequestReceptionPeriod",  # BT-1311
    f"{EXTENSION}/efac:InterestExpressionReceptionPeriod",  # PIN used as call for competition
)


def _deadline(lots: list[etree._Element]) -> datetime | None:
    """The earliest deadline of any lot: tenders, requests to participate or expressions of
    interest, whichever the notice type uses."""
    found = []
    for element in lots:
        process = element.find("cac:TenderingProcess", NS)
        if process is None:
            continue
        for period in _DEADLINE_PERIODS:
            node = process.find(period, NS)
            if node is not None:
                at = fields.moment(
                    node.findtext("cbc:EndDate", namespaces=NS), node.findtext("cbc:EndTime", namespaces=NS)
                )
                if at:
                    found.append(at)
                    break
    return min(found) if found else None


def _awards(result: etree._Element | None, organisations: dict[str, Party]) -> tuple[Award, ...]:
    """Settled contracts of `efac:NoticeResult`, each with its lots, amount and holders."""
    if result is None:
        return ()
    holders_by_party = {
        _text(party, "cbc:ID"): tuple(
            organisations[key]
            for key in (node.text.strip() for node in party.iterfind("efac:Tenderer/cbc:ID", NS) if node.text)
            if key in organisations
        )
        for party in result.iterfind("efac:TenderingParty", NS)
    }
    tenders = {_text(tender, "cbc:ID"): tender for tender in result.iterfind("efac:LotTender", NS)}
    awards = []
    for contract in result.iterfind("efac:SettledContract", NS):
        tender_ids = [_text(node, "cbc:ID") for node in contract.iterfind("efac:LotTender", NS)]
        lot_ids: list[str] = []
        holders: list[Party] = []
        total: Decimal | None = None
        currency = "EUR"
        for tender_id in tender_ids:
            tender = tenders.get(tender_id)
            if tender is None:
                continue
            lot_id = _text(tender, "efac:TenderLot/cbc:ID")
            if lot_id and lot_id not in lot_ids:
                lot_ids.append(lot_id)
            holders += holders_by_party.get(_text(tender, "efac:TenderingParty/cbc:ID"), ())
            amount = _money(tender, "cac:LegalMonetaryTotal/cbc:PayableAmount")
            if amount:
                total = amount.amount + (total or 0)
                currency = amount.currency
        awards.append(
            Award(
                contract_id=_text(contract, "efac:ContractReference/cbc:ID") or _text(contract, "cbc:ID"),
                lot_ids=tuple(lot_ids),
                holders=tuple(holders),
                amount=Money(total, currency) if total is not None else None,
                notified_on=fields.day(_text(contract, "cbc:IssueDate") or _text(contract, "cbc:AwardDate")),
            )
        )
    return tuple(awards)


def _publication_url(extension: etree._Element | None) -> str | None:
    number = _text(extension, "efac:Publication/efbc:NoticePublicationID")
    if not number:
        return None
    sequence, _, year = number.partition("-")
    return TED_NOTICE_URL.format(f"{sequence.lstrip('0') or '0'}-{year}" if year else number)


def notice_from_root(root: etree._Element, raw: bytes = b"") -> NoticeRecord:
    """The normalised record of a parsed eForms notice (also used for BOAMP's EFORMS variant)."""
    namespace = etree.QName(root).namespace
    if namespace not in ROOT_KINDS:
        raise RecordError(Reason.UNSUPPORTED_DOCUMENT, f"not an eForms notice: root {root.tag!r}")
    notice_id = _text(root, "cbc:ID[@schemeName='notice-id']") or _text(root, "cbc:ID")
    extension = root.find(EXTENSION, NS)
    organisations = _organisations(extension)
    notice_type = root.find("cbc:NoticeTypeCode", NS)
    form_type = notice_type.get("listName") if notice_type is not None else None
    project = root.find("cac:ProcurementProject", NS)

    lot_elements = [
        (element, scheme)
        for element in root.iterfind("cac:ProcurementProjectLot", NS)
        if (scheme := _lot_scheme(element)) is not None
    ]
    lots = [_lot(element, scheme) for element, scheme in lot_elements]

    titles = _texts(project, "cbc:Name", "BT-21-Procedure")
    title = fields.french_first(titles) or next((lot.title for lot in lots if lot.title), None)
    descriptions = _texts(project, "cbc:Description", "BT-24-Procedure")
    texts = (
        descriptions
        + _texts(project, "cbc:Note", "BT-300-Procedure")
        + _texts(root, "cac:TenderingProcess/cbc:Description", "BT-88-Procedure")
    )
    result = extension.find("efac:NoticeResult", NS) if extension is not None else None
    published = _text(extension, "efac:Publication/efbc:PublicationDate") or _text(root, "cbc:IssueDate")
    durations = [
        months
        for element, _ in lot_elements
        if (months := _duration_months(element.find("cac:ProcurementProject", NS))) is not None
    ]
    return fields.record(
        source=Source.TED,
        source_id=notice_id,
        kind=FORM_KINDS.get(form_type or "", ROOT_KINDS[namespace]),
        title=title,
        buyer=_buyer(root, organisations),
        version=_text(root, "cbc:VersionID"),
        procedure_id=_text(root, "cbc:ContractFolderID"),
        description=fields.french_first(descriptions),
        published_on=fields.day(published),
        deadline_at=_deadline([element for element, _ in lot_elements]),
        procedure=_text(root, "cac:TenderingProcess/cbc:ProcedureCode"),
        cpv=fields.cpv_codes(*_cpv(project), *(code for lot in lots for code in lot.cpv)),
        places=_places(project),
        value=_money(result, "cbc:TotalAmount")
        or _money(project, "cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount"),
        duration_months=durations[0] if durations else _duration_months(project),
        lots=tuple(lots),
        awards=_awards(result, organisations),
        texts=tuple(texts),
        url=_publication_url(extension),
        language=fields.language(_text(root, "cbc:NoticeLanguageCode")),
        raw=raw,
    )
