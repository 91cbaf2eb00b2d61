"""Writes of the `notices` app: ingest records into notices, re-run detection on stored ones.

Guarantees of `ingest` (DESIGN.md section 8):

- idempotent: a record whose content hash is already stored is skipped, so re-ingesting a
  folder leaves the database as it was;
- version-aware: a record never overwrites a stored newer version of the same notice
  (`version_key`: publication date, then the source's version number, then the number of
  modifications already included);
- transactional per batch: each batch (notices, their lots, awards, considerations, search
  vectors, import issues and the run's counts) commits at once or not at all, so a killed run
  leaves whole batches only, and running it again finishes the job without duplicates;
- bad input never stops the run: every `Rejection` becomes an `ImportIssue`.
"""

from __future__ import annotations

import hashlib
import io
import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

import orjson
from django.db import connection, transaction
from django.utils import timezone

from detection.considerations import Consideration
from detection.detect import DETECTOR_VERSION, detect
from notices import bulk
from notices.enums import IngestStatus
from notices.models import Award, Buyer, ImportIssue, IngestRun, Lot, Notice, SocialConsideration
from notices.vectors import refresh_search_vectors, search_text, uses_search_vector
from referential.territories import departement_for_nuts, departement_for_postcode, departements
from sources.reader import iter_path, parse_document
from sources.records import Money, NoticeRecord, Party, Rejection, Source
from sources.serialise import record_to_dict

DEFAULT_BATCH_SIZE = 500
INGEST_STATEMENT_TIMEOUT = "5min"
"""The web's 500 ms statement timeout (config/settings.py) would cut bulk batches short; an
ingest batch lifts it for its own transaction only (`SET LOCAL`)."""
MAX_AMOUNT = Decimal("1e16")
"""Amounts at or above this (no contract is worth ten million billion euros) are data errors:
they are dropped rather than allowed to overflow the column and fail the batch."""
DETECTION_FAILED = "detection_failed"

Progress = Callable[[int], None]
NaturalKey = tuple[str, str]  # (source, source_id)


@dataclass
class IngestSummary:
    run_id: int
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0

    def line(self) -> str:
        return (
            f"inserted={self.inserted} updated={self.updated} "
            f"unchanged={self.unchanged} rejected={self.rejected}"
        )


@dataclass
class _Prepared:
    """A record turned into rows, before it meets the database."""

    record: NoticeRecord
    location: str
    content_hash: str
    version_key: str
    raw: bytes
    considerations: list[Consideration] = field(default_factory=list)


@dataclass
class _Batch:
    records: dict[NaturalKey, _Prepared] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)
    duplicates: int = 0
    size: int = 0


def ingest(
    paths: Sequence[str | os.PathLike[str]],
    *,
    format: str = "auto",
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> IngestSummary:
    """Read every record under `paths` and store it; returns the counts of the run.

    The `IngestRun` row is created first and its counts follow each committed batch.
    """
    run = IngestRun.objects.create(paths=[str(path) for path in paths], format=format)
    summary = IngestSummary(run_id=run.pk)
    try:
        for batch in _batches(paths, format, batch_size):
            _write_batch(run, batch, summary)
            if progress is not None:
                progress(batch.size)
    except BaseException as error:
        IngestRun.objects.filter(pk=run.pk).update(
            status=IngestStatus.FAILED, finished_at=timezone.now(), error=repr(error)[:2000]
        )
        raise
    IngestRun.objects.filter(pk=run.pk).update(status=IngestStatus.COMPLETED, finished_at=timezone.now())
    return summary


def _batches(paths: Sequence[str | os.PathLike[str]], format: str, batch_size: int) -> Iterator[_Batch]:
    batch = _Batch()
    for path in paths:
        for location, result in iter_path(path, format):
            batch.size += 1
            if isinstance(result, Rejection):
                batch.rejections.append(result)
            else:
                _keep_newest(batch, _prepare(result, location))
            if len(batch.records) + len(batch.rejections) >= batch_size:
                yield batch
                batch = _Batch()
    if batch.size:
        yield batch


def _keep_newest(batch: _Batch, prepared: _Prepared) -> None:
    """Two versions of one notice in a batch: the later in the input wins unless it is older,
    which is what reading them one by one would give."""
    key = (prepared.record.source.value, prepared.record.source_id)
    previous = batch.records.get(key)
    if previous is not None:
        batch.duplicates += 1
        if prepared.version_key < previous.version_key:
            return
    batch.records[key] = prepared


def _prepare(record: NoticeRecord, location: str) -> _Prepared:
    raw = record.raw or orjson.dumps(record_to_dict(record), option=orjson.OPT_SORT_KEYS)
    return _Prepared(
        record=record,
        location=location,
        raw=raw,
        content_hash=hashlib.sha256(raw).hexdigest(),
        version_key=version_key(record),
    )


def _detected(prepared: _Prepared, rejections: list[Rejection]) -> bool:
    """Run detection on a record about to be written (unchanged records skip it: re-imports
    cost a hash, not a detection); a detector failure rejects the record, never the batch."""
    try:
        prepared.considerations = detect(prepared.record)
    except Exception as error:  # a detector bug must not stop an import of millions of records
        message = f"detection failed: {error!r}"
        rejections.append(Rejection(DETECTION_FAILED, message, prepared.record.source_id, prepared.location))
        return False
    return True


def version_key(record: NoticeRecord) -> str:
    """A string that sorts as the versions of one notice do (see the module docstring)."""
    published = record.published_on.isoformat() if record.published_on else ""
    version = (record.version or "").strip()
    version = version.zfill(10) if version.isdigit() else version
    modifications = max((award.modification_count for award in record.awards), default=0)
    return f"{published}|{version}|{modifications:06d}"


@transaction.atomic
def _write_batch(run: IngestRun, batch: _Batch, summary: IngestSummary) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = '{INGEST_STATEMENT_TIMEOUT}'")
    stored = _stored_versions(batch.records.keys())
    to_insert: list[_Prepared] = []
    to_update: list[tuple[int, _Prepared]] = []
    unchanged = batch.duplicates
    for key, prepared in batch.records.items():
        existing = stored.get(key)
        if existing is None:
            to_insert.append(prepared)
        elif existing[1] == prepared.content_hash or existing[2] > prepared.version_key:
            unchanged += 1
        else:
            to_update.append((existing[0], prepared))
    to_insert = [prepared for prepared in to_insert if _detected(prepared, batch.rejections)]
    to_update = [(pk, prepared) for pk, prepared in to_update if _detected(prepared, batch.rejections)]
    buyers = _buyers([prepared.record.buyer for prepared in to_insert + [p for _, p in to_update]])
    ids = bulk.reserve_ids(Notice, len(to_insert))
    bulk.insert(
        Notice, [_notice_row(pk, prepared, buyers) for pk, prepared in zip(ids, to_insert, strict=True)]
    )
    _update_notices(to_update, buyers)
    written = list(zip(ids, to_insert, strict=True)) + to_update
    _replace_children(written, changed=[pk for pk, _ in to_update])
    refresh_search_vectors([pk for pk, _ in written])
    ImportIssue.objects.bulk_create([_issue(run, rejection) for rejection in batch.rejections])
    summary.inserted += len(to_insert)
    summary.updated += len(to_update)
    summary.unchanged += unchanged
    summary.rejected += len(batch.rejections)
    IngestRun.objects.filter(pk=run.pk).update(
        inserted=summary.inserted,
        updated=summary.updated,
        unchanged=summary.unchanged,
        rejected=summary.rejected,
    )


def _stored_versions(keys: Iterable[NaturalKey]) -> dict[NaturalKey, tuple[int, str, str]]:
    """(id, content_hash, version_key) of the stored notices among `keys`: one query per source."""
    by_source: dict[str, list[str]] = {}
    for source, source_id in keys:
        by_source.setdefault(source, []).append(source_id)
    stored = {}
    for source, source_ids in by_source.items():
        rows = Notice.objects.filter(source=source, source_id__in=source_ids).values_list(
            "source_id", "pk", "content_hash", "version_key"
        )
        for source_id, pk, content_hash, key in rows:
            stored[(source, source_id)] = (pk, content_hash, key)
    return stored


def buyer_key(party: Party) -> str:
    return f"siret:{party.siret}" if party.siret else f"name:{' '.join(party.name.casefold().split())}"[:300]


def _buyers(parties: Sequence[Party]) -> dict[str, int]:
    """Buyer ids by key, creating the missing buyers (the first name seen is kept)."""
    wanted = {buyer_key(party): party for party in parties}
    found = dict(Buyer.objects.filter(key__in=wanted).values_list("key", "pk"))
    missing = [
        Buyer(
            key=key,
            siret=party.siret,
            name=_clip(party.name or party.siret or party.identifier, 500),  # DECP gives only the SIRET
            departement=_party_departement(party),
        )
        for key, party in wanted.items()
        if key not in found
    ]
    if missing:
        Buyer.objects.bulk_create(missing)
        found.update(Buyer.objects.filter(key__in=[buyer.key for buyer in missing]).values_list("key", "pk"))
    return found


def _party_departement(party: Party) -> str:
    return departement_for_postcode(party.postcode) or departement_for_nuts(party.nuts) or ""


def _clip(text: str | None, length: int) -> str:
    return (text or "")[:length]


def _amount(money: Money | None) -> Decimal | None:
    if money is None or not (0 <= money.amount < MAX_AMOUNT):
        return None
    return money.amount.quantize(Decimal("0.01"))


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def _main_departement(record: NoticeRecord, buyer_departement: str) -> str:
    """The first place of the notice itself, else of its lots, else the buyer's département."""
    for place in record.places:
        if place.departement:
            return place.departement
    return next(iter(record.departements), buyer_departement)


def _notice_fields(prepared: _Prepared, buyer_id: int) -> dict[str, Any]:
    record = prepared.record
    departement = _main_departement(record, _party_departement(record.buyer))
    info = departements().get(departement)
    cpv_main = record.cpv[0] if record.cpv else ""
    fields = {
        "version": _clip(record.version, 50),
        "version_key": prepared.version_key,
        "kind": record.kind.value,
        "procedure_id": _clip(record.procedure_id, 200),
        "title": record.title,
        "description": record.description or "",
        "buyer_id": buyer_id,
        "published_on": record.published_on,
        "deadline_at": _aware(record.deadline_at),
        "procedure": _clip(record.procedure, 100),
        "value_amount": _amount(record.value),
        "value_currency": record.value.currency[:3] if record.value else "",
        "cpv_main": cpv_main,
        "cpv_codes": list(record.cpv),
        "cpv_division": cpv_main[:2],
        "departements": list(record.departements),
        "departement": departement,
        "region": info.region_code if info else "",
        "duration_months": record.duration_months if (record.duration_months or 0) >= 0 else None,
        "url": _clip(record.url, 1000),
        "language": _clip(record.language, 8),
        "content_hash": prepared.content_hash,
        "raw_compressed": zlib.compress(prepared.raw, 6),
        "updated_at": timezone.now(),
        **_detection_fields(record, prepared.considerations),
    }
    return fields


def _detection_fields(record: NoticeRecord, considerations: list[Consideration]) -> dict[str, Any]:
    """The notice columns that depend on detection (also rewritten by `redetect`)."""
    categories = sorted({consideration.category.value for consideration in considerations})
    text = ""
    if not uses_search_vector():
        more = [lot.title or "" for lot in record.lots]
        more += [consideration.evidence.text for consideration in considerations]
        text = search_text(record.title, record.buyer.name, record.description or "", more)
    return {
        "has_social": bool(categories),
        "social_categories": categories,
        "detector_version": DETECTOR_VERSION,
        "search_text": text,
    }


def _notice_row(pk: int, prepared: _Prepared, buyers: dict[str, int]) -> bulk.Row:
    record = prepared.record
    fields = _notice_fields(prepared, buyers[buyer_key(record.buyer)])
    return {
        "id": pk,
        "source": record.source.value,
        "source_id": record.source_id,
        **fields,
        "created_at": fields["updated_at"],
    }


_KEPT_ON_UPDATE = {"id", "source", "source_id", "created_at", "search_vector"}
_UPDATED_FIELDS = [f.name for f in Notice._meta.concrete_fields if f.name not in _KEPT_ON_UPDATE]


def _update_notices(to_update: list[tuple[int, _Prepared]], buyers: dict[str, int]) -> None:
    notices = [
        Notice(pk=pk, **_notice_fields(prepared, buyers[buyer_key(prepared.record.buyer)]))
        for pk, prepared in to_update
    ]
    Notice.objects.bulk_update(notices, _UPDATED_FIELDS)


def _replace_children(notices: list[tuple[int, _Prepared]], changed: list[int]) -> None:
    """Lots, awards and considerations of changed notices are replaced, not merged: the new
    version of a notice is the whole truth about it."""
    if changed:
        for model in (Lot, Award, SocialConsideration):
            model.objects.filter(notice_id__in=changed).delete()
    lots, awards, considerations = [], [], []
    for notice_id, prepared in notices:
        lots += _lots(notice_id, prepared.record)
        awards += _awards(notice_id, prepared.record)
        considerations += _considerations(notice_id, prepared.considerations)
    bulk.insert(Lot, lots)
    bulk.insert(Award, awards)
    bulk.insert(SocialConsideration, considerations)


def _lots(notice_id: int, record: NoticeRecord) -> list[bulk.Row]:
    return [
        {
            "notice_id": notice_id,
            "position": position,
            "lot_id": _clip(lot.lot_id, 100),
            "title": lot.title or "",
            "cpv_codes": list(lot.cpv),
            "value_amount": _amount(lot.value),
            "departements": sorted({place.departement for place in lot.places if place.departement}),
        }
        for position, lot in enumerate(record.lots)
    ]


def _awards(notice_id: int, record: NoticeRecord) -> list[bulk.Row]:
    return [
        {
            "notice_id": notice_id,
            "position": position,
            "contract_id": _clip(award.contract_id, 200),
            "lot_ids": list(award.lot_ids),
            "holders": [{"name": holder.name, "siret": holder.siret} for holder in award.holders],
            "amount": _amount(award.amount),
            "currency": award.amount.currency[:3] if award.amount else "",
            "notified_on": award.notified_on,
            "duration_months": award.duration_months if (award.duration_months or 0) >= 0 else None,
            "modification_count": max(award.modification_count, 0),
        }
        for position, award in enumerate(record.awards)
    ]


def _considerations(notice_id: int, considerations: list[Consideration]) -> list[bulk.Row]:
    return [
        {
            "notice_id": notice_id,
            "lot_id": consideration.lot_id,
            "category": consideration.category.value,
            "evidence_kind": consideration.evidence.kind.value,
            "evidence_path": _clip(consideration.evidence.path, 300),
            "evidence_text": consideration.evidence.text,
            "evidence_start": consideration.evidence.start,
            "evidence_end": consideration.evidence.end,
            "legal_basis": _clip(consideration.legal_basis, 50),
            "cited_reference": _clip(consideration.cited_reference, 200),
            "hours": _within(consideration.hours, 2**31),
            "percent": _within(consideration.percent, 10_000),
            "confidence": min(max(consideration.confidence, 0.0), 1.0),
            "detector_version": DETECTOR_VERSION,
        }
        for consideration in considerations
    ]


def _within(number: int | Decimal | None, limit: int) -> int | Decimal | None:
    """A quantity the column can hold, else None (a detector reading "350 000 000 000 heures")."""
    return number if number is None or 0 <= number < limit else None


def _issue(run: IngestRun, rejection: Rejection) -> ImportIssue:
    return ImportIssue(
        run=run,
        source=run.format if run.format != "auto" else "",
        location=_clip(rejection.location, 1000),
        record_id=_clip(rejection.record_id, 200),
        reason=_clip(rejection.reason, 50),
        message=rejection.message,
    )


@dataclass
class RedetectSummary:
    notices: int = 0
    changed: int = 0
    failed: int = 0

    def line(self) -> str:
        return (
            f"notices={self.notices} changed={self.changed} failed={self.failed} detector={DETECTOR_VERSION}"
        )


def redetect(
    *, batch_size: int = DEFAULT_BATCH_SIZE, only_outdated: bool = False, progress: Progress | None = None
) -> RedetectSummary:
    """Run the current detector again on stored notices, from their stored raw payload.

    Batched by primary key (keyset pagination, so the scan stays cheap at millions of rows), one
    transaction per batch: considerations, the denormalised social columns and the search
    vectors of a batch change together. A notice whose payload no longer parses keeps its
    considerations and is counted as failed.
    """
    notices = Notice.objects.all()
    if only_outdated:
        notices = notices.detected_before(DETECTOR_VERSION)
    notices = notices.order_by("pk").only("pk", "source", "source_id", "raw_compressed")
    summary = RedetectSummary()
    last_pk = 0
    while batch := list(notices.filter(pk__gt=last_pk)[:batch_size]):
        last_pk = batch[-1].pk
        _redetect_batch(batch, summary)
        if progress is not None:
            progress(len(batch))
    return summary


@transaction.atomic
def _redetect_batch(batch: list[Notice], summary: RedetectSummary) -> None:
    updated, rows = [], []
    stored = {notice.pk: [] for notice in batch}
    columns = ("notice_id", "category", "lot_id", "evidence_path", "evidence_text")
    for notice_id, *found in SocialConsideration.objects.filter(notice__in=batch).values_list(*columns):
        stored[notice_id].append(tuple(found))
    for notice in batch:
        record = stored_record(notice)
        if record is None:
            summary.failed += 1
            continue
        considerations = detect(record)
        after = [(c.category.value, c.lot_id, c.evidence.path, c.evidence.text) for c in considerations]
        summary.changed += sorted(stored[notice.pk], key=str) != sorted(after, key=str)
        for name, value in _detection_fields(record, considerations).items():
            setattr(notice, name, value)
        updated.append(notice)
        rows += _considerations(notice.pk, considerations)
    ids = [notice.pk for notice in updated]
    SocialConsideration.objects.filter(notice_id__in=ids).delete()
    bulk.insert(SocialConsideration, rows)
    Notice.objects.bulk_update(
        updated, ["has_social", "social_categories", "detector_version", "search_text"]
    )
    refresh_search_vectors(ids)
    summary.notices += len(batch)


def stored_record(notice: Notice) -> NoticeRecord | None:
    """The record parsed again from the stored payload (None if it no longer parses).

    XML documents and BOAMP or OCDS records parse as they are; a DECP record was stored as one
    item of its collection, so it is put back in one (`marche`, else `contrat-concession`).
    """
    raw = notice.raw
    documents = [raw]
    if notice.source == Source.DECP.value and raw.startswith(b"{"):
        item = orjson.loads(raw)
        documents = [orjson.dumps({"marches": {key: [item]}}) for key in ("marche", "contrat-concession")]
    for document in documents:
        for result in parse_document(lambda document=document: io.BytesIO(document), notice.source_id):
            if isinstance(result, NoticeRecord) and result.source_id == notice.source_id:
                return result
    return None
