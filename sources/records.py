"""Normalised records: what every parser in `sources/` produces.

One shape for all formats (TED eForms, BOAMP, DECP, OCDS) so that detection, storage and
`clausier inspect` never look at a source format again. Everything here is a frozen dataclass
of plain values: no Django, no database, safe to build in a worker and pickle.

Conventions that every parser follows:

- dates are `datetime.date` (the time of day, when a source gives one, is dropped except for
  deadlines, kept as an aware `datetime`);
- CPV codes are the 8 digits without the check digit ("45000000"), main code first;
- a SIRET is kept only when it is 14 digits (the raw identifier stays in `identifier`);
- départements are INSEE codes ("01", "2A", "974"), derived from NUTS-3, postcodes or
  département fields through `referential.territories`;
- free texts that may carry a social consideration are kept with the path of the field they
  come from (`TextField.path`, e.g. "BT-70-Lot"), and structured codes likewise
  (`Signal.path`, e.g. "BT-71-Lot" = "res-ws"), so detection can show its evidence.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


class Source(enum.StrEnum):
    """Where a record comes from; part of the natural key (source, source_id)."""

    TED = "ted"
    BOAMP = "boamp"
    DECP = "decp"
    OCDS = "ocds"


class NoticeKind(enum.StrEnum):
    """What a record announces, whatever its format (DESIGN.md section 4)."""

    PLANNED = "planned"  # prior information notice
    CONTRACT_NOTICE = "contract_notice"  # call for competition
    AWARD = "award"  # contract award notice (or modification of an awarded contract)
    CONTRACT_DATA = "contract_data"  # DECP essential data of a notified contract


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str = "EUR"


@dataclass(frozen=True, slots=True)
class Party:
    """A buyer or a contract holder."""

    name: str
    siret: str | None = None
    identifier: str | None = None  # raw identifier as given (SIREN, TVA, junk...)
    identifier_scheme: str | None = None  # "SIRET", "TVA", "HORS-UE"...
    postcode: str | None = None
    city: str | None = None
    nuts: str | None = None
    country: str | None = None  # ISO 3166 alpha-2 ("FR")


@dataclass(frozen=True, slots=True)
class Place:
    """A place of performance; any field may be missing."""

    nuts: str | None = None
    postcode: str | None = None
    city: str | None = None
    departement: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class TextField:
    """A free text that detection reads, with the field it comes from.

    `path` names the business term or field ("BT-70-Lot", "BT-24-Procedure",
    "donnees.FNSimple.initial.informComplementaire.autresInformComplementaire", "objet").
    """

    path: str
    text: str
    language: str | None = None  # ISO 639-1 ("fr", "en") when the source says


@dataclass(frozen=True, slots=True)
class Signal:
    """A structured code from a codelist or an enumerated field.

    Examples: ("BT-06-Lot", "soc-obj"), ("BT-775-Lot", "opp"), ("BT-71-Lot", "res-ws"),
    ("BT-736-Lot", "yes"), ("considerationsSociales", "Clause sociale"),
    ("criteres", "sociaux"), ("reservationMarche", "oui").
    """

    path: str
    code: str


@dataclass(frozen=True, slots=True)
class AwardCriterion:
    type: str | None = None  # eForms BT-539: price / cost / quality
    name: str | None = None  # BT-734
    description: str | None = None  # BT-540
    weight: Decimal | None = None  # BT-541


@dataclass(frozen=True, slots=True)
class Lot:
    lot_id: str  # "LOT-0001", "1"...
    title: str | None = None
    description: str | None = None
    cpv: tuple[str, ...] = ()
    value: Money | None = None
    places: tuple[Place, ...] = ()
    texts: tuple[TextField, ...] = ()
    signals: tuple[Signal, ...] = ()
    award_criteria: tuple[AwardCriterion, ...] = ()


@dataclass(frozen=True, slots=True)
class Award:
    """A result: a contract awarded (eForms CAN, BOAMP attribution, DECP record)."""

    contract_id: str | None = None
    lot_ids: tuple[str, ...] = ()
    holders: tuple[Party, ...] = ()
    amount: Money | None = None
    notified_on: date | None = None
    duration_months: int | None = None
    # DECP: how many modifications the amount, duration and holders above already include.
    modification_count: int = 0


@dataclass(frozen=True, slots=True)
class NoticeRecord:
    """One notice or contract record, normalised."""

    source: Source
    source_id: str
    kind: NoticeKind
    title: str
    buyer: Party
    version: str | None = None
    procedure_id: str | None = None  # links PIN, CN and CAN of one procedure (eForms BT-04)
    description: str | None = None
    published_on: date | None = None
    deadline_at: datetime | None = None
    procedure: str | None = None
    cpv: tuple[str, ...] = ()
    places: tuple[Place, ...] = ()
    value: Money | None = None
    duration_months: int | None = None
    lots: tuple[Lot, ...] = ()
    awards: tuple[Award, ...] = ()
    texts: tuple[TextField, ...] = ()
    signals: tuple[Signal, ...] = ()
    award_criteria: tuple[AwardCriterion, ...] = ()
    url: str | None = None
    language: str | None = None
    # The record as read, hashed for idempotent upserts and kept compressed: the whole document
    # for XML notices, the element inside `<marches>` for DECP XML; for JSON the record
    # re-serialised with sorted keys, enclosed in its collection when it was streamed
    # (`{"records":[...]}`), except DECP contracts, kept alone (storage puts them back in a
    # `marches` collection). `sources.reader.parse_document` reads each back into the same record.
    raw: bytes = field(default=b"", repr=False, compare=False)

    @property
    def departements(self) -> tuple[str, ...]:
        """Départements of the places of performance (notice and lots), sorted, unique."""
        codes = {p.departement for p in self.places if p.departement}
        for lot in self.lots:
            codes.update(p.departement for p in lot.places if p.departement)
        return tuple(sorted(codes))


@dataclass(frozen=True, slots=True)
class Rejection:
    """A record (or a whole file) that could not be read, and why.

    `reason` is a stable code ("doctype_forbidden", "invalid_json", "missing_title"...),
    `message` a sentence for a person; `record_id` is None when the identifier itself is
    missing or when the whole file is rejected.
    """

    reason: str
    message: str
    record_id: str | None = None
    location: str | None = None  # file path, archive member, or record index


ParseResult = NoticeRecord | Rejection
