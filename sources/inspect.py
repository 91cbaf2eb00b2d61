"""What `clausier inspect PATH --json` prints, without Django: one dict per record or rejection.

The management command is a thin wrapper: it passes `annotate` (which adds the `social` key
from detection) and writes each dict as a JSON line. Keeping detection out of here keeps this
module, like the rest of `sources/`, free of any other package.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

from sources.reader import iter_path
from sources.records import NoticeRecord
from sources.serialise import record_to_dict, rejection_to_dict

Annotate = Callable[[NoticeRecord], dict[str, Any]]


def inspect_path(
    path: str | os.PathLike[str], format: str = "auto", annotate: Annotate | None = None
) -> Iterator[dict[str, Any]]:
    """Each record under `path` as a dict (plus `annotate(record)`), each rejection as
    `{"rejected": true, "reason": ..., "message": ..., "record_id": ..., "location": ...}`."""
    for location, result in iter_path(path, format):
        if isinstance(result, NoticeRecord):
            extra = annotate(result) if annotate else {}
            yield {**record_to_dict(result), "location": location, **extra}
        else:
            yield rejection_to_dict(result)
