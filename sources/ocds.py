"""OCDS 1.1 (Open Contracting Data Standard): release packages, record packages, bare releases.

A release package yields one record per release (key: the release `id`; `ocid` becomes the
procedure id); a record package yields one record per `compiledRelease` (key: the `ocid`).

Core OCDS has no social field; they come from the extensions used by the "OCDS for eForms"
profile, on `tender` and on each `tender.lots[]`:

- `otherRequirements.reservedParticipation[]` (eForms BT-71): `shelteredWorkshop`,
  `publicServiceMissionOrganization`;
- `contractTerms.reservedExecution` (BT-736, boolean) and `contractTerms.performanceTerms`
  (BT-70, text);
- `sustainability[]{goal, strategies[], description}` (BT-06/BT-775/BT-777), e.g. goal
  `social.disadvantagedEmploymentOpportunities`;
- `awardCriteria.criteria[]{type, name, description, numbers[]}` (BT-539/734/540/541), besides
  core `awardCriteria` (a code) and `awardCriteriaDetails` (a text).

Signals carry the extension field name alone (`reservedParticipation`, `reservedExecution`,
`sustainability.goal`...), whether on the tender or on a lot, as `detection.paths` expects;
the lot they belong to is the `Lot` that holds them. Texts keep their full path.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

from sources import fields, jsonsafe
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
from sources.streams import Opener, read_head

AWARD_TAGS = frozenset({"award", "awardUpdate", "contract", "contractUpdate", "implementation"})
TENDER_TAGS = frozenset({"tender", "tenderUpdate", "tenderAmendment"})


def _object(value: Any, path: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RecordError(Reason.WRONG_TYPE, f"{path}: an object was expected, got {type(value).__name__}")
    return value


def _array(value: Any, path: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordError(Reason.WRONG_TYPE, f"{path}: an array was expected, got {type(value).__name__}")
    return value


def _value(value: Any, path: str) -> Money | None:
    value = _object(value, path)
    return fields.money(value.get("amount"), value.get("currency"), f"{path}.amount")


def _party(value: dict, path: str) -> Party:
    identifier = _object(value.get("identifier"), f"{path}.identifier")
    address = _object(value.get("address"), f"{path}.address")
    return fields.party(
        value.get("name") or identifier.get("legalName"),
        identifier.get("id"),
        scheme=fields.text(identifier.get("scheme"), f"{path}.identifier.scheme"),
        postcode=address.get("postalCode"),
        city=address.get("locality"),
        country_code=fields.text(address.get("country"), f"{path}.address.country"),
        path=path,
    )


def _parties(release: dict) -> dict[str, Party]:
    found = {}
    for index, value in enumerate(_array(release.get("parties"), "parties")):
        value = _object(value, f"parties[{index}]")
        party_id = fields.text(value.get("id"), "parties.id")
        if party_id:
            found[party_id] = _party(value, "parties")
    return found


def _reference(value: Any, parties: dict[str, Party], path: str) -> Party | None:
    """A party from an organisation reference `{id, name}`, completed from `parties`."""
    value = _object(value, path)
    party_id = fields.text(value.get("id"), f"{path}.id")
    if party_id in parties:
        return parties[party_id]
    name = fields.text(value.get("name"), f"{path}.name")
    return fields.party(name, party_id, path=path) if name or party_id else None


def _buyer(release: dict, parties: dict[str, Party]) -> Party:
    buyer = _reference(release.get("buyer"), parties, "buyer")
    if buyer:
        return buyer
    for index, value in enumerate(_array(release.get("parties"), "parties")):
        roles = _array(_object(value, f"parties[{index}]").get("roles"), "parties.roles")
        if "buyer" in roles:
            return _party(value, "parties")
    return Party(name="")


def _places(addresses: Any, path: str) -> list[Place]:
    places = []
    for value in _array(addresses, path):
        value = _object(value, path)
        found = fields.place(
            nuts=value.get("region"),
            postcode=value.get("postalCode"),
            city=value.get("locality"),
            country_code=fields.text(value.get("country"), f"{path}.country"),
            path=path,
        )
        if found:
            places.append(found)
    return places


def _classifications(item: dict, path: str) -> list[str]:
    codes = []
    candidates = [item.get("classification"), *_array(item.get("additionalClassifications"), path)]
    for value in candidates:
        value = _object(value, path)
        if str(value.get("scheme", "")).upper() == "CPV":
            codes.append(value.get("id"))
    return codes


def _social(container: dict, path: str) -> tuple[list[TextField], list[Signal], list[AwardCriterion]]:
    """Social extension fields of a tender or of a lot (see the module docstring)."""
    texts: list[TextField] = []
    signals: list[Signal] = []
    requirements = _object(container.get("otherRequirements"), f"{path}.otherRequirements")
    for code in _array(requirements.get("reservedParticipation"), f"{path}.otherRequirements"):
        if isinstance(code, str) and code:
            signals.append(Signal(path="reservedParticipation", code=code))
    terms = _object(container.get("contractTerms"), f"{path}.contractTerms")
    reserved = terms.get("reservedExecution")
    if isinstance(reserved, bool):
        signals.append(Signal(path="reservedExecution", code=str(reserved).lower()))
    for field in (
        fields.text_field(f"{path}.contractTerms.performanceTerms", terms.get("performanceTerms")),
        fields.text_field(f"{path}.description", container.get("description")),
        fields.text_field(f"{path}.awardCriteriaDetails", container.get("awardCriteriaDetails")),
    ):
        if field:
            texts.append(field)
    for index, goal in enumerate(_array(container.get("sustainability"), f"{path}.sustainability")):
        goal = _object(goal, f"{path}.sustainability[{index}]")
        if isinstance(goal.get("goal"), str):
            signals.append(Signal(path="sustainability.goal", code=goal["goal"]))
        for strategy in _array(goal.get("strategies"), f"{path}.sustainability.strategies"):
            if isinstance(strategy, str):
                signals.append(Signal(path="sustainability.strategies", code=strategy))
        field = fields.text_field(f"{path}.sustainability.description", goal.get("description"))
        if field:
            texts.append(field)
    criteria = []
    award_criteria = container.get("awardCriteria")
    if isinstance(award_criteria, str) and award_criteria:
        signals.append(Signal(path="awardCriteria", code=award_criteria))
    elif isinstance(award_criteria, dict):
        for criterion in _array(award_criteria.get("criteria"), f"{path}.awardCriteria.criteria"):
            criterion = _object(criterion, f"{path}.awardCriteria.criteria")
            numbers = _array(criterion.get("numbers"), f"{path}.awardCriteria.criteria.numbers")
            first = _object(numbers[0], "numbers") if numbers else {}
            criteria.append(
                AwardCriterion(
                    type=fields.text(criterion.get("type"), "awardCriteria.type"),
                    name=fields.text(criterion.get("name"), "awardCriteria.name"),
                    description=fields.text(criterion.get("description"), "awardCriteria.description"),
                    weight=fields.decimal(first.get("number"), "awardCriteria.numbers"),
                )
            )
        field = fields.text_field(
            f"{path}.awardCriteria.weightingDescription", award_criteria.get("weightingDescription")
        )
        if field:
            texts.append(field)
    return texts, signals, criteria


def _lots(tender: dict, items: list[dict]) -> tuple[Lot, ...]:
    lots = []
    for index, value in enumerate(_array(tender.get("lots"), "tender.lots")):
        value = _object(value, f"tender.lots[{index}]")
        lot_id = fields.text(value.get("id"), "tender.lots.id") or str(index + 1)
        related = [item for item in items if item.get("relatedLot") == lot_id]
        texts, signals, criteria = _social(value, "tender.lots")
        places = _places(value.get("deliveryAddresses"), "tender.lots.deliveryAddresses")
        for item in related:
            places += _places(item.get("deliveryAddresses"), "tender.items.deliveryAddresses")
        lots.append(
            Lot(
                lot_id=lot_id,
                title=fields.text(value.get("title"), "tender.lots.title"),
                description=fields.text(value.get("description"), "tender.lots.description"),
                cpv=fields.cpv_codes(*(code for item in related for code in _classifications(item, "items"))),
                value=_value(value.get("value"), "tender.lots.value"),
                places=tuple(dict.fromkeys(places)),
                texts=tuple(texts),
                signals=tuple(signals),
                award_criteria=tuple(criteria),
            )
        )
    return tuple(lots)


def _awards(release: dict, parties: dict[str, Party]) -> tuple[Award, ...]:
    signed = {}
    for value in _array(release.get("contracts"), "contracts"):
        value = _object(value, "contracts")
        signed[fields.text(value.get("awardID"), "contracts.awardID")] = value
    awards = []
    for index, value in enumerate(_array(release.get("awards"), "awards")):
        value = _object(value, f"awards[{index}]")
        award_id = fields.text(value.get("id"), "awards.id")
        contract = signed.get(award_id, {})
        holders = [
            _reference(supplier, parties, "awards.suppliers")
            for supplier in _array(value.get("suppliers"), "awards.suppliers")
        ]
        lot_ids = [
            lot for lot in _array(value.get("relatedLots"), "awards.relatedLots") if isinstance(lot, str)
        ]
        awards.append(
            Award(
                contract_id=fields.text(contract.get("id"), "contracts.id") or award_id,
                lot_ids=tuple(lot_ids),
                holders=tuple(holder for holder in holders if holder),
                amount=_value(contract.get("value"), "contracts.value")
                or _value(value.get("value"), "awards.value"),
                notified_on=fields.day(contract.get("dateSigned") or value.get("date")),
            )
        )
    return tuple(awards)


def _kind(release: dict) -> NoticeKind:
    tags = {tag for tag in _array(release.get("tag"), "tag") if isinstance(tag, str)}
    if tags & AWARD_TAGS or (not tags and release.get("awards")):
        return NoticeKind.AWARD
    if tags & TENDER_TAGS or (not tags and release.get("tender")):
        return NoticeKind.CONTRACT_NOTICE
    return NoticeKind.PLANNED


def record_from_release(release: Any, raw: bytes, source_id_key: str = "id") -> NoticeRecord:
    """The normalised record of one release (or compiled release, keyed by its `ocid`), `raw`
    being an OCDS document that holds it alone (already size-checked)."""
    release = _object(release, "release")
    parties = _parties(release)
    tender = _object(release.get("tender"), "tender")
    items = [_object(item, "tender.items") for item in _array(tender.get("items"), "tender.items")]
    lots = _lots(tender, items)
    texts, signals, criteria = _social(tender, "tender")
    places = _places(tender.get("deliveryAddresses"), "tender.deliveryAddresses")
    for item in items:
        places += _places(item.get("deliveryAddresses"), "tender.items.deliveryAddresses")
    tender_period = _object(tender.get("tenderPeriod"), "tender.tenderPeriod")
    contract_period = _object(tender.get("contractPeriod"), "tender.contractPeriod")
    days = fields.decimal(contract_period.get("durationInDays"), "tender.contractPeriod.durationInDays")
    return fields.record(
        source=Source.OCDS,
        source_id=fields.text(release.get(source_id_key), source_id_key),
        kind=_kind(release),
        title=fields.text(tender.get("title"), "tender.title")
        or next((lot.title for lot in lots if lot.title), None),
        buyer=_buyer(release, parties),
        procedure_id=fields.text(release.get("ocid"), "ocid"),
        description=fields.text(tender.get("description"), "tender.description"),
        published_on=fields.day(release.get("date")),
        deadline_at=fields.moment(tender_period.get("endDate")),
        procedure=fields.text(tender.get("procurementMethod"), "tender.procurementMethod"),
        cpv=fields.cpv_codes(*(code for item in items for code in _classifications(item, "items"))),
        places=tuple(dict.fromkeys(places)),
        value=_value(tender.get("value"), "tender.value"),
        duration_months=int(days / 30) if days is not None else None,
        lots=lots,
        awards=_awards(release, parties),
        texts=tuple(texts),
        signals=tuple(signals),
        award_criteria=tuple(criteria),
        language=fields.language(fields.text(release.get("language"), "language")),
        raw=raw,
    )


def _compiled(record: Any) -> Any:
    return record.get("compiledRelease") if isinstance(record, dict) else record


def _release_id(key: str) -> Callable[[Any], str | None]:
    def release_id(item: Any) -> str | None:
        value = _compiled(item).get(key) if isinstance(_compiled(item), dict) else None
        return value if isinstance(value, str) else None

    return release_id


def _compiled_record(record: Any, raw: bytes) -> NoticeRecord:
    return record_from_release(_compiled(record), raw, "ocid")


def parse_stream(open_stream: Opener, location: str) -> Iterator[ParseResult]:
    """Every release of a release package, every compiled release of a record package (both
    streamed), or the one release of a bare release document."""
    try:
        head = read_head(open_stream)
        found = jsonsafe.collection(head, "releases", "records")
        if found is None or found[1] != b"[":
            document = jsonsafe.read_document(open_stream)
            if not isinstance(document, dict) or "ocid" not in document:
                message = "neither an OCDS release, release package nor record package"
                raise RecordError(Reason.UNSUPPORTED_DOCUMENT, message)
            yield record_from_release(document, jsonsafe.checked_canonical(document))
            return
    except RecordError as error:
        yield error.rejection(location)
        return
    key = found[0]
    if key == "records":
        build, record_id = _compiled_record, _release_id("ocid")
    else:
        build, record_id = record_from_release, _release_id("id")
    prefix = f"{key}.item" if key else "item"
    yield from jsonsafe.stream_records(open_stream, prefix, location, build, record_id)


def parse(data: bytes, location: str = "") -> Iterator[ParseResult]:
    """`parse_stream` over bytes in memory."""
    return parse_stream(lambda: io.BytesIO(data), location)
