"""BOAMP (DILA) notices: OpenDataSoft JSON records and raw XML files of schema Boamp_v230.

JSON records come alone, as a list, as an API page (`{"results": [...]}`) or as an older
export (`{"records": [{"fields": {...}}]}`). Each carries flat fields (`idweb`, `objet`,
`nomacheteur`, `criteres`...) and two JSON-in-string fields, `gestion` and `donnees`; the top
key of `donnees` tells the generation of the notice body:

- `FNSimple` (national forms, schema 3.2.5, 2024-): buyer in `organisme`, reservation flag
  `initial.natureMarche.reservationMarche`, award criteria text `initial.procedure.criteresAttrib`,
  free text `initial.informComplementaire.autresInformComplementaire`, lots in `initial.lots.lot`;
- the Boamp_v230 dict (2015-2023, keys `IDENTITE`, `OBJET`, `CONDITION_PARTICIPATION`...), the
  same tree as the raw XML files and read by the same code: reservation
  `CONDITION_PARTICIPATION/MARCHE_RESERVE_OUI/{ATELIERS_PROTEGES|EMPLOIS_PROTEGES}` (signals
  `reservationMarche` = oui/non, as in FNSimple, and `MARCHE_RESERVE_OUI` = the kind), the
  clause d'insertion mostly written in `CONDITION_RELATIVE_MARCHE/AUTRES_CONDITIONS_PART_OUI`.
  `PRESTATION_RESERVEE_OUI` reserves the contract to a regulated profession (architects,
  auditors): it becomes a signal of its own path (code: the profession) and is kept out of the
  texts, so that detection never reads it as a reserved contract;
- `EFORMS` (an eForms notice converted xmltodict-style): rebuilt as XML and read by
  `sources.eforms`, then keyed by its BOAMP `idweb`.

Yes/no answers are written as keys (`{"oui": ""}`, `{"non": {"@xsi:type": "xs:string"}}`, an
empty `<MARCHE_RESERVE_NON/>`): `_answer` reads all of them. The buyer-declared flag `criteres`
(`["sociaux", "environnementaux"]`, mirror of `CRITERES_SOCIAUX_ENV`) becomes `Signal("criteres", ...)`.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from sources import eforms, fields, jsonsafe
from sources.reasons import Reason, RecordError
from sources.records import (
    Award,
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
from sources.xmlsafe import element_value, local_name, parse_document

URL = "https://www.boamp.fr/pages/avis/?q=idweb:{}"
CRITERES = "criteres"
RESERVATION = "reservationMarche"
V230_RESERVED_KIND = "MARCHE_RESERVE_OUI"
V230_PROFESSION = "PRESTATION_RESERVEE_OUI"
"""A reservation to a regulated profession (architects, auditors): never social, kept apart."""

_POSTCODE_IN_TEXT = re.compile(r"\b(\d{2}) ?(\d{3})\b")
_DEPARTEMENT_IN_TEXT = re.compile(r"\((\d{2,3}|2[AB])\)")

FNSIMPLE_TEXTS = {
    "description",
    "criteresAttrib",
    "autresInformComplementaire",
    "conditionParticipation",
    "conditionsExecution",
    "conditionExecution",
    "capaciteExercice",
    "capaciteTech",
    "capaciteEcoFin",
    "justificationReservation",
}
"""FNSimple keys whose text is kept for detection (reservation and clause sentences land there)."""

V230_TEXTS = {
    "OBJET_COMPLET",
    "AUTRES_CONDITIONS_PART_OUI",
    "CONDITION_PARTICULIERE_EXECUTION",
    "CRITERES_LIBRE",
    "CRITERE",
    "RENS_COMPLEMENT",
    "LOTS_RESERVE_POUVOIR_ADJUDICATEUR",
    "INFO_COMPL",
    "DESCRIPTION",
    "CRITERE_SELECTION",
    "FORME_JURIDIQUE",
    "SITUATION_JURIDIQUE",
}
"""Boamp_v230 elements whose text is kept (2021 notices also hid reservations in FORME_JURIDIQUE)."""


def _mapping(value: Any, path: str) -> dict:
    if value is None or value == "":
        return {}
    if not isinstance(value, dict):
        raise RecordError(Reason.WRONG_TYPE, f"{path}: an object was expected, got {type(value).__name__}")
    return value


def _get(value: Any, *keys: str) -> Any:
    """A nested value, None as soon as a level is missing or is not an object."""
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _answer(value: Any) -> str | None:
    """The answer, "oui" or "non", from the ways BOAMP writes a yes/no field."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, str) and value.strip().lower() in ("oui", "non"):
        return value.strip().lower()
    if isinstance(value, dict):
        for key in value:
            if key.lower() in ("oui", "non"):
                return key.lower()
    return None


def _texts(value: Any, keys: set[str], path: str, skip: frozenset[str] = frozenset()) -> list[TextField]:
    """Text leaves under the given keys anywhere in `value`, with their dotted path.

    Leaves of one level come before the levels nested below it; iterative, so that a hostile
    depth cannot exhaust the Python stack (`checked_canonical` has already bounded it anyway).
    """
    found: list[TextField] = []
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        current, where = stack.pop()
        nested: list[tuple[Any, str]] = []
        if isinstance(current, dict):
            for key, child in current.items():
                if key in skip:
                    continue
                if key in keys and isinstance(child, str):
                    field = fields.text_field(f"{where}.{key}", child, "fr")
                    if field:
                        found.append(field)
                else:
                    nested.append((child, f"{where}.{key}"))
        elif isinstance(current, list):
            nested = [(item, where) for item in current]
        stack.extend(reversed(nested))
    return found


def _place_from_text(value: Any, path: str) -> Place | None:
    """A place from free text such as "Argonay (74)" or "... Doulaincourt-Saucourt 52270"."""
    description = fields.text(value, path)
    if not description:
        return None
    postcode = _POSTCODE_IN_TEXT.search(description)
    departement = _DEPARTEMENT_IN_TEXT.search(description)
    return fields.place(
        postcode="".join(postcode.groups()) if postcode else None,
        departement=departement.group(1) if departement and not postcode else None,
        description=description,
        path=path,
    )


def _kind(nature: str | None) -> NoticeKind:
    label = (nature or "").upper()
    if "ATTRIBUTION" in label or "RESULTAT" in label:
        return NoticeKind.AWARD
    if "PRE_INFORMATION" in label or "PREINFORMATION" in label or "PERIODIQUE" in label:
        return NoticeKind.PLANNED
    return NoticeKind.CONTRACT_NOTICE


def _criteres(values: Any, gestion: dict) -> tuple[Signal, ...]:
    codes = [value for value in _as_list(values) if isinstance(value, str) and value.strip()]
    if not codes:
        flags = _get(gestion, "INDEXATION", "CRITERES_SOCIAUX_ENV")
        codes = [key.lower() for key in flags] if isinstance(flags, dict) else []
    return tuple(Signal(path=CRITERES, code=code.strip().lower()) for code in codes)


def _first_key(value: Any) -> str | None:
    if isinstance(value, dict) and value:
        return next(iter(value))
    return value if isinstance(value, str) else None


# --- FNSimple --------------------------------------------------------------------------------


def _fnsimple_cpv(value: Any) -> tuple[str, ...]:
    main = _get(value, "objetPrincipal", "classPrincipale")
    extra = _as_list(_get(value, "objetComplementaire", "classPrincipale"))
    return fields.cpv_codes(main, *extra)


def _fnsimple_money(value: Any, path: str) -> Money | None:
    if isinstance(value, dict):
        return fields.money(value.get("valeur") or value.get("#text"), value.get("@devise"), path)
    return fields.money(value, "EUR", path)


_LOT_NUMBER = re.compile(r"\s*lot\s*(?:n\s*[°o.]?\s*)?(\d+)\b", re.IGNORECASE)


def _number_lots(lots: list[Lot]) -> tuple[Lot, ...]:
    """Give FNSimple lots their own number when the buyer wrote it ("Lot 5 : Menuiserie"), so
    that "lot 5" in a notice text points at the right lot; else their rank. The written numbers
    are used only when every lot has one and none repeats."""
    if all(lot.lot_id for lot in lots):
        return tuple(lots)
    written = [_LOT_NUMBER.match(lot.description or "") for lot in lots]
    numbers = [match.group(1) for match in written if match]
    if len(numbers) != len(lots) or len(set(numbers)) != len(numbers):
        numbers = [str(rank) for rank in range(1, len(lots) + 1)]
    return tuple(
        dataclasses.replace(lot, lot_id=lot.lot_id or number)
        for lot, number in zip(lots, numbers, strict=True)
    )


def _fnsimple(body: dict) -> dict[str, Any]:
    initial = _mapping(body.get("initial"), "donnees.FNSimple.initial")
    organisme = _mapping(body.get("organisme"), "donnees.FNSimple.organisme")
    nature = _mapping(initial.get("natureMarche"), "donnees.FNSimple.initial.natureMarche")
    base = "donnees.FNSimple"
    lots = []
    for lot in _as_list(_get(initial, "lots", "lot")):
        lot = _mapping(lot, f"{base}.initial.lots.lot")
        lot_path = f"{base}.initial.lots.lot"
        place = _place_from_text(lot.get("lieuExecutionLivraison"), f"{lot_path}.lieuExecutionLivraison")
        description = fields.text(lot.get("description"), f"{lot_path}.description")
        lots.append(
            Lot(
                lot_id=fields.text(lot.get("numero") or lot.get("numLot"), f"{lot_path}.numero") or "",
                title=fields.text(lot.get("intitule"), f"{lot_path}.intitule")
                or (description.splitlines()[0] if description else None),
                description=description,
                cpv=_fnsimple_cpv(lot.get("codeCPV")),
                value=_fnsimple_money(lot.get("estimationValeur"), f"{lot_path}.estimationValeur"),
                places=(place,) if place else (),
                texts=tuple(_texts(lot, FNSIMPLE_TEXTS, lot_path)),
            )
        )
    reservation = _answer(nature.get(RESERVATION))
    place = _place_from_text(nature.get("lieuExecution"), f"{base}.initial.natureMarche.lieuExecution")
    lots = _number_lots(lots)
    return {
        "buyer": fields.party(
            organisme.get("nomOfficiel"),
            organisme.get("codeIdentificationNational"),
            scheme=(_first_key(organisme.get("typeIdentificationNational")) or "").upper() or None,
            postcode=organisme.get("cp"),
            city=organisme.get("ville"),
            path=f"{base}.organisme",
        ),
        "title": fields.text(nature.get("intitule"), f"{base}.initial.natureMarche.intitule"),
        "description": fields.text(nature.get("description"), f"{base}.initial.natureMarche.description"),
        "cpv": _fnsimple_cpv(nature.get("codeCPV")),
        "places": (place,) if place else (),
        "value": _fnsimple_money(nature.get("valeurEstimee"), f"{base}.initial.natureMarche.valeurEstimee"),
        "duration_months": fields.whole_number(
            nature.get("dureeMois"), f"{base}.initial.natureMarche.dureeMois"
        ),
        "lots": lots,
        "texts": tuple(_texts(initial, FNSIMPLE_TEXTS, f"{base}.initial", skip=frozenset({"lots"}))),
        "signals": (Signal(path=RESERVATION, code=reservation),) if reservation else (),
    }


# --- Boamp_v230 (raw XML and its JSON conversion) -------------------------------------------


def _v230_reservation(participation: dict) -> list[Signal]:
    """Reservation answers of a v230 notice, under the same paths as FNSimple's where they mean
    the same thing (`reservationMarche` oui/non), the kind of reservation under
    `MARCHE_RESERVE_OUI`, and the profession reservation under its own path."""
    signals = []
    if "MARCHE_RESERVE_OUI" in participation:
        signals.append(Signal(path=RESERVATION, code="oui"))
        detail = participation.get("MARCHE_RESERVE_OUI")
        for key in detail if isinstance(detail, dict) else ():
            signals.append(Signal(path=V230_RESERVED_KIND, code=key))
    elif "MARCHE_RESERVE_NON" in participation:
        signals.append(Signal(path=RESERVATION, code="non"))
    if V230_PROFESSION in participation:
        profession = fields.text(participation.get(V230_PROFESSION), V230_PROFESSION)
        signals.append(Signal(path=V230_PROFESSION, code=profession or "oui"))
    return signals


def _v230_lots(objet: dict, base: str) -> tuple[Lot, ...]:
    lots = []
    for index, lot in enumerate(_as_list(_get(objet, "LOTS", "LOT")), start=1):
        lot = _mapping(lot, f"{base}.OBJET.LOTS.LOT")
        lot_path = f"{base}.OBJET.LOTS.LOT"
        place = fields.place(
            nuts=lot.get("CODE_NUTS"), description=lot.get("LIEU_PRINCIPAL"), path=f"{lot_path}.CODE_NUTS"
        )
        lots.append(
            Lot(
                lot_id=fields.text(lot.get("NUM"), f"{lot_path}.NUM") or str(index),
                title=fields.text(lot.get("INTITULE"), f"{lot_path}.INTITULE"),
                description=fields.text(lot.get("DESCRIPTION"), f"{lot_path}.DESCRIPTION"),
                cpv=fields.cpv_codes(
                    _get(lot, "CPV", "PRINCIPAL"), *_as_list(_get(lot, "CPV", "SUPPLEMENTAIRE"))
                ),
                places=(place,) if place else (),
                texts=tuple(_texts(lot, V230_TEXTS, lot_path)),
            )
        )
    return tuple(lots)


def _v230(donnees: dict, gestion: dict) -> dict[str, Any]:
    base = "DONNEES"
    identite = _mapping(donnees.get("IDENTITE"), f"{base}.IDENTITE")
    objet = _mapping(donnees.get("OBJET"), f"{base}.OBJET")
    participation = _mapping(donnees.get("CONDITION_PARTICIPATION"), f"{base}.CONDITION_PARTICIPATION")
    place = fields.place(
        nuts=_get(objet, "LIEU_EXEC_LIVR", "CODE_NUTS") or objet.get("CODE_NUTS"),
        description=_get(objet, "LIEU_EXEC_LIVR", "LIEU_PRINCIPAL"),
        path=f"{base}.OBJET.LIEU_EXEC_LIVR",
    )
    return {
        "buyer": fields.party(
            identite.get("DENOMINATION"),
            identite.get("CODE_IDENT_NATIONAL") or _get(identite, "TYPE_IDENT_NATIONAL", "SIRET"),
            postcode=identite.get("CP"),
            city=identite.get("VILLE"),
            nuts=identite.get("ADJUDICATEUR_NUTS"),
            path=f"{base}.IDENTITE",
        ),
        "title": fields.text(objet.get("TITRE_MARCHE"), f"{base}.OBJET.TITRE_MARCHE")
        or fields.text(_get(gestion, "INDEXATION", "RESUME_OBJET"), "GESTION.INDEXATION.RESUME_OBJET"),
        "description": fields.text(objet.get("OBJET_COMPLET"), f"{base}.OBJET.OBJET_COMPLET"),
        "cpv": fields.cpv_codes(
            _get(objet, "CPV", "PRINCIPAL"), *_as_list(_get(objet, "CPV", "SUPPLEMENTAIRE"))
        ),
        "places": (place,) if place else (),
        "procedure": _first_key(_get(donnees, "PROCEDURE", "TYPE_PROCEDURE")),
        "deadline_at": fields.moment(_get(donnees, "CONDITION_DELAI", "RECEPT_OFFRES")),
        "duration_months": fields.whole_number(objet.get("DUREE_MOIS"), f"{base}.OBJET.DUREE_MOIS"),
        "lots": _v230_lots(objet, base),
        "texts": tuple(_texts(donnees, V230_TEXTS, base, skip=frozenset({"LOTS"}))),
        "signals": tuple(_v230_reservation(participation)),
    }


def _departement_places(values: Any, path: str, *, only_one: bool) -> tuple[Place, ...]:
    """Places from a list of département numbers. Publication départements (`only_one`) count
    only when there is one: BOAMP lists every département where a notice is advertised, often
    far beyond the place of performance; performance départements all count."""
    codes = [str(value) for value in _as_list(values) if isinstance(value, (str, int))]
    if only_one and len(codes) != 1:
        return ()
    places = (fields.place(departement=code, path=path) for code in codes)
    return tuple(place for place in places if place)


# --- eForms inside BOAMP ---------------------------------------------------------------------


def _eforms_element(name: str, value: Any, default_namespace: str, parent: etree._Element) -> None:
    """Rebuild xmltodict output (`"cbc:ID": {"@schemeName": ..., "#text": ...}`) as elements."""
    prefix, _, local = name.rpartition(":")
    namespace = eforms.NS.get(prefix, default_namespace)
    for item in _as_list(value):
        element = etree.SubElement(parent, f"{{{namespace}}}{local}")
        if isinstance(item, dict):
            for key, child in item.items():
                if key == "#text":
                    element.text = fields.text(child, local)
                elif key.startswith("@"):
                    if not key.startswith("@xmlns") and isinstance(child, (str, int, float)):
                        element.set(key[1:].rpartition(":")[2], str(child))
                else:
                    _eforms_element(key, child, default_namespace, element)
        elif item is not None:
            element.text = fields.text(item, local)


def _eforms_root(body: dict) -> etree._Element:
    if len(body) != 1:
        raise RecordError(Reason.UNSUPPORTED_DOCUMENT, "donnees.EFORMS must hold exactly one notice")
    name, notice = next(iter(body.items()))
    local = name.rpartition(":")[2]
    namespace = next((uri for uri in eforms.ROOT_KINDS if uri.endswith(f":{local}-2")), None)
    if namespace is None:
        raise RecordError(Reason.UNSUPPORTED_DOCUMENT, f"donnees.EFORMS.{name} is not an eForms notice")
    root = etree.Element(f"{{{namespace}}}{local}", nsmap={None: namespace, **eforms.NS})
    for key, child in _mapping(notice, f"donnees.EFORMS.{name}").items():
        if not key.startswith(("@", "#")):
            _eforms_element(key, child, namespace, root)
    return root


# --- records ---------------------------------------------------------------------------------


def _embedded(value: Any, path: str) -> dict:
    """`gestion` and `donnees` are JSON documents stored as strings."""
    if isinstance(value, str):
        value = jsonsafe.loads(value.encode("utf-8")) if value.strip() else None
    value = _mapping(value, path)
    jsonsafe.checked_canonical(value, path)
    return value


def _unwrap_export(item: Any) -> Any:
    """Older ODS exports wrap each record as `{"fields": {...}}` or `{"record": {"fields": ...}}`."""
    for key in ("record", "fields"):
        if isinstance(item, dict) and isinstance(item.get(key), dict) and "idweb" not in item:
            item = item[key]
    return item


def record_from_ods(item: Any, raw: bytes) -> NoticeRecord:
    """The normalised record of one OpenDataSoft BOAMP record, `raw` being a BOAMP JSON document
    that holds it alone (already size-checked)."""
    item = _mapping(_unwrap_export(item), "record")
    record_id = fields.text(item.get("idweb"), "idweb")
    gestion = _embedded(item.get("gestion"), "gestion")
    donnees = _embedded(item.get("donnees"), "donnees")
    signals = _criteres(item.get(CRITERES), gestion)
    url = fields.text(item.get("url_avis"), "url_avis") or (URL.format(record_id) if record_id else None)
    if "EFORMS" in donnees:
        notice = eforms.notice_from_root(_eforms_root(_mapping(donnees["EFORMS"], "donnees.EFORMS")))
        return dataclasses.replace(
            notice,
            source=Source.BOAMP,
            source_id=record_id or notice.source_id,
            procedure_id=fields.text(item.get("contractfolderid"), "contractfolderid") or notice.procedure_id,
            published_on=fields.day(item.get("dateparution")) or notice.published_on,
            signals=notice.signals + signals,
            url=url,
            raw=raw,
        )
    if "FNSimple" in donnees:
        body = _fnsimple(_mapping(donnees["FNSimple"], "donnees.FNSimple"))
    elif donnees:
        body = _v230(donnees, gestion)
    else:
        body = {}
    buyer = body.pop("buyer", Party(name=""))
    if not buyer.name:
        buyer = dataclasses.replace(buyer, name=fields.text(item.get("nomacheteur"), "nomacheteur") or "")
    title = body.pop("title", None) or fields.text(item.get("objet"), "objet")
    deadline = body.pop("deadline_at", None)
    procedure = body.pop("procedure", None)
    places = body.pop("places", ())
    if not any(place.departement for place in places):
        places += _departement_places(
            item.get("code_departement_prestation"), "code_departement_prestation", only_one=False
        ) or _departement_places(item.get("code_departement"), "code_departement", only_one=True)
    return fields.record(
        source=Source.BOAMP,
        source_id=record_id,
        kind=_kind(fields.text(item.get("nature"), "nature")),
        title=title,
        buyer=buyer,
        procedure_id=fields.text(item.get("contractfolderid"), "contractfolderid"),
        published_on=fields.day(item.get("dateparution")),
        deadline_at=fields.moment(item.get("datelimitereponse")) or deadline,
        procedure=procedure or fields.text(item.get("procedure_libelle"), "procedure_libelle"),
        places=places,
        awards=_awards(item.get("titulaire")),
        signals=body.pop("signals", ()) + signals,
        url=url,
        language="fr",
        raw=raw,
        **body,
    )


def _awards(value: Any) -> tuple[Award, ...]:
    """Award notices name their holders in the flat `titulaire` field (names only)."""
    names = [fields.text(name, "titulaire") for name in _as_list(value)]
    holders = tuple(Party(name=name) for name in names if name)
    return (Award(holders=holders),) if holders else ()


def _record_id(item: Any) -> str | None:
    item = _unwrap_export(item)
    record_id = item.get("idweb") if isinstance(item, dict) else None
    return record_id if isinstance(record_id, str) else None


def parse_stream(open_stream: Opener, location: str) -> Iterator[ParseResult]:
    """Every record of a BOAMP JSON file: one record read whole, or a list, an API page
    (`results`) or an export (`records`) streamed record by record, so that a full export of
    several gigabytes reads in flat memory."""
    try:
        head = read_head(open_stream)
        found = jsonsafe.collection(head, "results", "records")
        if found is None or found[1] != b"[":
            document = jsonsafe.read_document(open_stream)
            yield record_from_ods(document, jsonsafe.checked_canonical(document))
            return
    except RecordError as error:
        yield error.rejection(location)
        return
    prefix = f"{found[0]}.item" if found[0] else "item"
    yield from jsonsafe.stream_records(open_stream, prefix, location, record_from_ods, _record_id)


def parse_json(data: bytes, location: str = "") -> Iterator[ParseResult]:
    """`parse_stream` over bytes in memory."""
    return parse_stream(lambda: io.BytesIO(data), location)


def record_from_v230(root: etree._Element, raw: bytes = b"") -> NoticeRecord:
    """The normalised record of a raw Boamp_v230 XML notice (`<ANNONCE>`)."""
    if local_name(root) != "ANNONCE":
        raise RecordError(Reason.UNSUPPORTED_DOCUMENT, f"not a BOAMP notice: root {root.tag!r}")
    tree = _mapping(element_value(root), "ANNONCE")
    gestion = _mapping(tree.get("GESTION"), "GESTION")
    donnees = _mapping(tree.get("DONNEES"), "DONNEES")
    record_id = fields.text(_get(gestion, "REFERENCE", "IDWEB"), "GESTION.REFERENCE.IDWEB")
    body = _v230(donnees, gestion)
    places = body.pop("places")
    if not any(place.departement for place in places):
        publication = _get(gestion, "INDEXATION", "DEP_PUBLICATION")
        places += _departement_places(publication, "DEP_PUBLICATION", only_one=True)
    return fields.record(
        source=Source.BOAMP,
        source_id=record_id,
        kind=_kind(_first_key(_get(gestion, "REFERENCE", "TYPE_AVIS", "NATURE"))),
        published_on=fields.day(_get(gestion, "INDEXATION", "DATE_PUBLICATION")),
        places=places,
        signals=body.pop("signals") + _criteres(None, gestion),
        url=URL.format(record_id) if record_id else None,
        language="fr",
        raw=raw,
        **body,
    )


def parse_xml(data: bytes, location: str | None = None) -> Iterator[ParseResult]:
    """One record (or one rejection) for one raw Boamp_v230 XML file."""
    try:
        yield record_from_v230(parse_document(data), raw=data)
    except RecordError as error:
        yield error.rejection(location)
