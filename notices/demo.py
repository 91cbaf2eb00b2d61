"""Demo notices for `clausier demo`: generated, realistic, the same on every run.

The synthetic eForms notices and DECP contracts of `bench.generate` (about one in five with a
social consideration) go through the real ingest, so the demo shows what an import gives;
running the demo again changes nothing (content hashes).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TextIO

from bench.generate import write
from notices.services import ingest

DEMO_EFORMS = 150
DEMO_DECP = 350


def load_demo(stdout: TextIO) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = write(Path(folder), eforms=DEMO_EFORMS, decp=DEMO_DECP)
        summary = ingest(paths)
    stdout.write(f"Avis de démonstration : {summary.line()}\n")
