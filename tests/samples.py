"""Access to the shared real-world samples, which live beside the repository, never inside it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"


def samples_folder() -> Path:
    """The shared samples folder; skips the test when it is absent (the only allowed skip)."""
    if not SAMPLES.is_dir():
        pytest.skip(f"shared samples folder absent: {SAMPLES}")
    return SAMPLES


def sample(relative: str) -> Path:
    """The path of a shared sample; a missing file inside a present folder fails the test."""
    return samples_folder() / relative


def sample_bytes(relative: str) -> bytes:
    return sample(relative).read_bytes()


def sample_files(folder: str, *suffixes: str) -> list[str]:
    """Relative names of the samples of one format (empty when the shared folder is absent)."""
    directory = SAMPLES / folder
    if not directory.is_dir():
        return []
    return sorted(f"{folder}/{path.name}" for path in directory.iterdir() if path.suffix in suffixes)
