"""Why a record or a file is rejected: stable codes shared by every parser.

The codes are API values (they land in `ImportIssue.reason` and in `clausier inspect --json`),
so they never change once published; the message beside them is for a person.
"""

from __future__ import annotations

import enum

from sources.records import Rejection


class Reason(enum.StrEnum):
    # Whole documents
    UNKNOWN_FORMAT = "unknown_format"
    UNSUPPORTED_DOCUMENT = "unsupported_document"
    FILE_TOO_LARGE = "file_too_large"
    UNREADABLE = "unreadable"
    # XML safety and syntax
    DOCTYPE_FORBIDDEN = "doctype_forbidden"
    XML_MALFORMED = "xml_malformed"
    XML_ENCODING = "xml_encoding"
    # JSON syntax and shape
    INVALID_JSON = "invalid_json"
    TOO_DEEP = "too_deep"
    # Archives and folders
    ARCHIVE_TOO_LARGE = "archive_too_large"
    ARCHIVE_TOO_MANY_MEMBERS = "archive_too_many_members"
    ARCHIVE_CORRUPT = "archive_corrupt"
    UNSAFE_PATH = "unsafe_path"
    SYMLINK_OUTSIDE = "symlink_outside"
    # One record
    FIELD_TOO_LARGE = "field_too_large"
    WRONG_TYPE = "wrong_type"
    MISSING_IDENTIFIER = "missing_identifier"
    MISSING_BUYER = "missing_buyer"
    MISSING_TITLE = "missing_title"


class RecordError(Exception):
    """Raised inside a parser; the batch loop turns it into a `Rejection` and goes on."""

    def __init__(self, reason: Reason, message: str, record_id: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.record_id = record_id

    def rejection(self, location: str | None, record_id: str | None = None) -> Rejection:
        return Rejection(
            reason=self.reason.value,
            message=self.message,
            record_id=self.record_id or record_id,
            location=location,
        )
