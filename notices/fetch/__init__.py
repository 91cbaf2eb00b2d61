"""Live clients for the public sources (`clausier fetch`): they download files, `ingest` reads them.

They live in `notices/`, not in `sources/`: `sources/` stays pure (bytes in, records out, no
network), while fetching is I/O with retries, pacing and files on disk, done for the import.
Each client writes what the source serves, unchanged, so that the files can be ingested again,
inspected, or kept as evidence.
"""
