"""DECP, données essentielles de la commande publique: JSON and XML, 2019 and 2022/2024 formats.

Versions handled:

- 2019 (arrêté du 14 avril 2017, schema 1.5): `{"marches": [...]}`, concessions mixed in with
  `_type` "Contrat de concession"; `acheteur{id, nom}`, flat `titulaires[]`. This format has no
  social field at all: the only evidence is the wording of `objet` (kept as a `TextField`) and
  the holders' SIRET, which detection can match against the inclusion directories.
- 2022/2024 (arrêtés du 22 décembre 2022, schema 2.0): `{"marches": {"marche": [...],
  "contrat-concession": [...]}}`; holders wrapped (`titulaires[].titulaire`), and the social
  field `considerationsSociales.considerationSociale[]` ("Clause sociale", "Critère social",
  "Marché réservé", "Concession réservée", "Pas de considération sociale"), kept verbatim as
  `Signal`s, out-of-enum values included ("Sans objet"), whether the source gives a list, a
  single value wrapped in an object, or a comma-joined string.
- XML files of either format (`<marches><marche>…`), streamed the same way.

Files reach gigabytes, so records are streamed (ijson's C backend for JSON, `iterparse` with
element clearing for XML) and memory stays flat. The key is `acheteur.id` + "/" + `id`: a
contract id is only unique within its buyer. Modifications are applied in date order, each
one overriding the amount, duration or holders it states; the record keeps the latest values
and `Award.modification_count`.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache, partial
from typing import Any

from lxml import etree

from sources import fields, jsonsafe
from sources.reasons import Reason, RecordError
from sources.records import Award, NoticeKind, NoticeRecord, ParseResult, Party, Place, Signal, Source
from sources.streams import Opener, read_head
from sources.xmlsafe import element_value, iter_elements, local_name

SCAN_CHUNK_BYTES = 1024 * 1024
CONCESSION_KEY = b'"contrat-concession"'
RECORD_TAGS = ("marche", "contrat-concession")
SOCIAL_PATH = "considerationsSociales"


def _unwrap(value: Any, key: str) -> list[Any]:
    """The items of a list that sources write as `[...]`, `{key: [...]}`, `{key: item}` or
    `[{key: item}, ...]` depending on the version and on the XML-to-JSON converter used."""
    if value is None:
        return []
    if isinstance(value, dict):
        if len(value) != 1 or key not in value:
            return [value]
        value = value[key]
        if not isinstance(value, list):
            return _unwrap(value, key) if isinstance(value, dict) else [value]
    elif not isinstance(value, list):
        return [value]
    items: list[Any] = []
    for element in value:
        if isinstance(element, dict) and len(element) == 1 and key in element:
            element = element[key]  # the 2022 wrapper, by far the commonest shape: no recursion
            if isinstance(element, dict) and not (len(element) == 1 and key in element):
                items.append(element)
                continue
        if isinstance(element, (dict, list)):
            items += _unwrap(element, key)
        else:
            items.append(element)
    return items


CACHE_SIZE = 65_536
"""Distinct buyers, holders, places and codes remembered. A year of DECP has about 300 000
contracts but far fewer distinct buyers, holders and postcodes: each frozen `Party`, `Place`
or `Signal` is built once and shared (they are immutable), which saves a third of the time
spent per record."""


def _plain(*values: Any) -> bool:
    """Whether values can key a cache (anything else goes the uncached way, to its rejection)."""
    return all(value is None or isinstance(value, (str, int, float)) for value in values)


@lru_cache(maxsize=CACHE_SIZE)
def _signal(code: str) -> Signal:
    return Signal(path=SOCIAL_PATH, code=code)


@lru_cache(maxsize=CACHE_SIZE)
def _cached_party(name: Any, identifier: Any, scheme: Any, path: str) -> Party:
    return fields.party(name, identifier, scheme=fields.text(scheme, f"{path}.typeIdentifiant"), path=path)


def _party(name: Any, identifier: Any, scheme: Any, path: str) -> Party:
    if _plain(name, identifier, scheme):
        return _cached_party(name, identifier, scheme, path)
    return _cached_party.__wrapped__(name, identifier, scheme, path)


def _social_signals(value: Any) -> tuple[Signal, ...]:
    codes: list[str] = []
    for item in _unwrap(value, "considerationSociale"):
        if not isinstance(item, str):
            raise RecordError(
                Reason.WRONG_TYPE, f"{SOCIAL_PATH}: a text was expected, got {type(item).__name__}"
            )
        for part in item.split(","):
            code = part.strip()
            if code and code not in codes:
                codes.append(code)
    return tuple(_signal(code) for code in codes)


def _holder_items(value: Any, key: str) -> list[dict]:
    """Holders given as objects; stray strings (seen in real consolidations) are skipped."""
    return [item for item in _unwrap(value, key) if isinstance(item, dict)]


def _holders(items: list[dict], key: str) -> tuple[Party, ...]:
    return tuple(
        _party(item.get("denominationSociale"), item.get("id"), item.get("typeIdentifiant"), key)
        for item in items
    )


def _place(value: Any) -> Place | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise RecordError(Reason.WRONG_TYPE, "lieuExecution: an object was expected")
    code, kind, name = value.get("code"), value.get("typeCode"), value.get("nom")
    if _plain(code, kind, name):
        return _cached_place(code, kind, name)
    return _cached_place.__wrapped__(code, kind, name)


@lru_cache(maxsize=CACHE_SIZE)
def _cached_place(code: Any, type_code: Any, name: Any) -> Place | None:
    """`lieuExecution{code, typeCode, nom}`: the type code says which table the code belongs to."""
    code = fields.text(code, "lieuExecution.code")
    kind = (fields.text(type_code, "lieuExecution.typeCode") or "").casefold()
    if "postal" in kind:
        return fields.place(postcode=code, city=name, path="lieuExecution")
    if "commune" in kind or "arrondissement" in kind or "canton" in kind:
        return fields.place(commune=code, city=name, path="lieuExecution")
    if "partement" in kind:
        return fields.place(departement=code, city=name, path="lieuExecution")
    return fields.place(city=name, description=code, path="lieuExecution")


def _modification_order(modification: dict) -> tuple[str, float]:
    when = (
        modification.get("dateNotificationModification")
        or modification.get("dateSignatureModification")
        or modification.get("datePublicationDonneesModification")
    )
    number = modification.get("id")
    return (
        when if isinstance(when, str) else "",
        number if isinstance(number, (int, float)) and not isinstance(number, bool) else 0,
    )


def _record(item: Any, raw: bytes, *, concession: bool) -> NoticeRecord:
    """One contract and its (size-checked) raw bytes.

    For JSON, `raw` is the contract object alone, which is what storage expects (`notices`
    puts it back in a `marches` collection to read it again); for XML it is the element inside
    `<marches>`, a complete DECP XML document.
    """
    if not isinstance(item, dict):
        raise RecordError(Reason.WRONG_TYPE, f"a contract must be an object, got {type(item).__name__}")
    # 2019 files mix concessions in with `_type`; otherwise a concession is known by its grantor
    # (flattened consolidations also give contracts an empty "autoriteConcedante": "").
    grantor = item.get("autoriteConcedante")
    concession = (
        concession
        or item.get("_type") == "Contrat de concession"
        or (isinstance(grantor, dict) and bool(grantor) and not item.get("acheteur"))
    )
    buyer_key = "autoriteConcedante" if concession and "autoriteConcedante" in item else "acheteur"
    buyer_value = item.get(buyer_key) or {}
    if not isinstance(buyer_value, dict):
        raise RecordError(Reason.WRONG_TYPE, f"{buyer_key}: an object was expected")
    contract_id = fields.text(item.get("id"), "id")
    buyer = _party(buyer_value.get("nom"), buyer_value.get("id"), None, buyer_key)
    if contract_id and not buyer.identifier:
        raise RecordError(Reason.MISSING_BUYER, f"{buyer_key}.id is missing", contract_id)
    holder_key, holders_field = (
        ("concessionnaire", "concessionnaires") if concession else ("titulaire", "titulaires")
    )
    amount_field = "valeurGlobale" if concession else "montant"
    amount = fields.money(item.get(amount_field), "EUR", amount_field)
    duration = fields.whole_number(item.get("dureeMois"), "dureeMois")
    holder_items = _holder_items(item.get(holders_field), holder_key)

    modifications = [
        entry for entry in _unwrap(item.get("modifications"), "modification") if isinstance(entry, dict)
    ]
    for modification in sorted(modifications, key=_modification_order):
        new_amount = fields.money(modification.get(amount_field), "EUR", f"modification.{amount_field}")
        new_duration = fields.whole_number(modification.get("dureeMois"), "modification.dureeMois")
        amount = amount if new_amount is None else new_amount
        duration = duration if new_duration is None else new_duration
        holder_items = _holder_items(modification.get(holders_field), holder_key) or holder_items
    holders = _holders(holder_items, holder_key)

    title = fields.text(item.get("objet"), "objet")
    notified = fields.day(item.get("dateSignature" if concession else "dateNotification"))
    place = _place(item.get("lieuExecution"))
    objet = fields.text_field("objet", title, "fr")
    return fields.record(
        source=Source.DECP,
        source_id=f"{buyer.identifier}/{contract_id}" if contract_id else None,
        kind=NoticeKind.CONTRACT_DATA,
        title=title,
        buyer=buyer,
        published_on=fields.day(item.get("datePublicationDonnees")),
        procedure=fields.text(item.get("procedure"), "procedure"),
        cpv=fields.cpv_codes(item.get("codeCPV")),
        places=(place,) if place else (),
        value=amount,
        duration_months=duration,
        awards=(
            Award(
                contract_id=contract_id,
                holders=holders,
                amount=amount,
                notified_on=notified,
                duration_months=duration,
                modification_count=len(modifications),
            ),
        ),
        texts=(objet,) if objet else (),
        signals=_social_signals(item.get(SOCIAL_PATH)),
        language="fr",
        raw=raw,
    )


def _record_id(item: Any) -> str | None:
    """The identifier of a rejected contract, "buyer/id" like a record's when possible."""
    if not isinstance(item, dict) or not isinstance(item.get("id"), (str, int)):
        return None
    buyer = item.get("acheteur") or item.get("autoriteConcedante")
    if isinstance(buyer, dict) and isinstance(buyer.get("id"), (str, int)):
        return f"{buyer['id']}/{item['id']}"
    return str(item["id"])


def _contains(open_stream: Opener, needle: bytes) -> bool:
    """Whether the file holds `needle`; a plain byte scan, far cheaper than a second JSON parse."""
    tail = b""
    with open_stream() as stream:
        while chunk := stream.read(SCAN_CHUNK_BYTES):
            if needle in tail + chunk[: len(needle)] or needle in chunk:
                return True
            tail = chunk[-len(needle) :]
    return False


def parse_json(open_stream: Opener, location: str) -> Iterator[ParseResult]:
    """Stream every contract of a DECP JSON file (any version)."""
    head = read_head(open_stream)
    found = jsonsafe.collection(head, "marches")
    if found is None:
        message = 'no "marches" collection in this JSON file'
        yield RecordError(Reason.UNSUPPORTED_DOCUMENT, message).rejection(location)
        return
    key, opening = found
    if opening == b"[":
        passes = [(f"{key}.item" if key else "item", False)]
    else:
        passes = [("marches.marche.item", False)]
        if _contains(open_stream, CONCESSION_KEY):
            passes.append(("marches.contrat-concession.item", True))
    for prefix, concession in passes:
        build = partial(_record, concession=concession)
        yield from jsonsafe.stream_records(open_stream, prefix, location, build, _record_id, enclosed=False)


def parse_xml(open_stream: Opener, location: str) -> Iterator[ParseResult]:
    """Stream every contract of a DECP XML file (`<marches><marche>…`)."""
    with open_stream() as stream:
        index = -1
        try:
            for index, element in enumerate(iter_elements(stream, RECORD_TAGS)):
                item = element_value(element)
                try:
                    jsonsafe.checked_canonical(item)
                    raw = b"<marches>" + etree.tostring(element) + b"</marches>"
                    yield _record(item, raw, concession=local_name(element) == "contrat-concession")
                except RecordError as error:
                    yield error.rejection(f"{location}#marches[{index}]", _record_id(item))
        except RecordError as error:
            yield error.rejection(f"{location}#marches[{index + 1}]")
