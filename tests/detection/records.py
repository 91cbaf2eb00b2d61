"""Hand-built records for detection tests (the parsers are tested elsewhere)."""

from __future__ import annotations

from sources.records import AwardCriterion, Lot, NoticeKind, NoticeRecord, Party, Signal, Source, TextField


def notice(
    *,
    texts: tuple[tuple[str, str], ...] = (),
    signals: tuple[tuple[str, str], ...] = (),
    lots: tuple[Lot, ...] = (),
    title: str = "Marché de travaux",
    award_criteria: tuple[AwardCriterion, ...] = (),
) -> NoticeRecord:
    return NoticeRecord(
        source=Source.TED,
        source_id="1-2026",
        kind=NoticeKind.CONTRACT_NOTICE,
        title=title,
        buyer=Party(name="Ville A"),
        texts=tuple(TextField(path, text) for path, text in texts),
        signals=tuple(Signal(path, code) for path, code in signals),
        lots=lots,
        award_criteria=award_criteria,
    )


def lot(
    lot_id: str,
    *,
    texts: tuple[tuple[str, str], ...] = (),
    signals: tuple[tuple[str, str], ...] = (),
    award_criteria: tuple[AwardCriterion, ...] = (),
) -> Lot:
    return Lot(
        lot_id=lot_id,
        texts=tuple(TextField(path, text) for path, text in texts),
        signals=tuple(Signal(path, code) for path, code in signals),
        award_criteria=award_criteria,
    )


def notice_with_signals(*signals: tuple[str, str]) -> NoticeRecord:
    return notice(signals=signals)
