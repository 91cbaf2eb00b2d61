"""Value normalisation shared by the parsers: CPV, SIRET, dates, amounts, places, texts.

Each helper accepts what real files contain (numbers as strings, "NC" placeholders, CPV codes
with or without their check digit, eForms dates carrying a time-zone offset) and raises a
`RecordError` only when a value has a type no source would legitimately use (an object where a
text is expected, "abc" as an amount): that record is rejected, the batch goes on.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal, InvalidOperation

from referential.territories import (
    departement_for_commune,
    departement_for_nuts,
    departement_for_postcode,
    normalise_departement,
)
from sources.reasons import Reason, RecordError
from sources.records import Money, NoticeKind, NoticeRecord, Party, Place, Source, TextField

MAX_FIELD_CHARS = 500_000
"""Longest free text kept. eForms caps its longest texts at 10 000 characters and BOAMP notices
stay far below 100 000; anything larger is a broken export or an attack on memory."""

MAX_DEPTH = 250
"""Deepest JSON nesting accepted in one record. Real DECP/BOAMP/OCDS records stay under 12
levels; the cap sits just under orjson's own serialisation limit (254), which enforces it for
free on every record (see `sources.jsonsafe.checked_canonical`)."""

PLACEHOLDERS = frozenset({"", "nc", "n/a", "na", "sans objet", "null", "none", "-"})
"""Values that real DECP and BOAMP files use for "not given"."""

COUNTRY_ALPHA2 = {
    "AUT": "AT", "BEL": "BE", "BGR": "BG", "CHE": "CH", "CYP": "CY", "CZE": "CZ", "DEU": "DE",
    "DNK": "DK", "ESP": "ES", "EST": "EE", "FIN": "FI", "FRA": "FR", "GBR": "GB", "GRC": "GR",
    "HRV": "HR", "HUN": "HU", "IRL": "IE", "ISL": "IS", "ITA": "IT", "LIE": "LI", "LTU": "LT",
    "LUX": "LU", "LVA": "LV", "MLT": "MT", "MCO": "MC", "NLD": "NL", "NOR": "NO", "POL": "PL",
    "PRT": "PT", "ROU": "RO", "SVK": "SK", "SVN": "SI", "SWE": "SE",
}  # fmt: skip
"""eForms writes ISO 3166 alpha-3 codes; records keep alpha-2 (EU/EEA and neighbours)."""

LANGUAGE_ALPHA2 = {
    "BUL": "bg", "CES": "cs", "DAN": "da", "DEU": "de", "ELL": "el", "ENG": "en", "EST": "et",
    "FIN": "fi", "FRA": "fr", "GLE": "ga", "HRV": "hr", "HUN": "hu", "ITA": "it", "LAV": "lv",
    "LIT": "lt", "MLT": "mt", "NLD": "nl", "NOR": "no", "POL": "pl", "POR": "pt", "RON": "ro",
    "SLK": "sk", "SLV": "sl", "SPA": "es", "SWE": "sv", "ISL": "is",
}  # fmt: skip
"""eForms language codes (ISO 639-2/B style, upper case) to ISO 639-1."""


def text(value: object, path: str) -> str | None:
    """A stripped text, None when empty; numbers become text, containers are a wrong type."""
    if value is None:
        return None
    if isinstance(value, str):
        stripped = value.strip()
    elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        stripped = str(value)
    else:
        raise RecordError(Reason.WRONG_TYPE, f"{path}: a text was expected, got {type(value).__name__}")
    if len(stripped) > MAX_FIELD_CHARS:
        raise RecordError(
            Reason.FIELD_TOO_LARGE, f"{path}: {len(stripped)} characters (limit {MAX_FIELD_CHARS})"
        )
    return stripped or None


def text_field(path: str, value: object, language: str | None = None) -> TextField | None:
    cleaned = text(value, path)
    return TextField(path=path, text=cleaned, language=language) if cleaned else None


def language(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip()
    if len(code) == 2:
        return code.lower()
    return LANGUAGE_ALPHA2.get(code.upper())


def country(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().upper()
    return code if len(code) == 2 else COUNTRY_ALPHA2.get(code)


_CPV = re.compile(r"\s*(\d{8})")


def cpv(value: object) -> str | None:
    """The 8 digits of a CPV code ("45000000-7", "45233130.0", "71631300" -> 8 digits)."""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        return None
    match = _CPV.match(value if isinstance(value, str) else str(value))
    return match.group(1) if match else None


def cpv_codes(*values: object) -> tuple[str, ...]:
    """Normalised, de-duplicated CPV codes in the order given (main code first)."""
    seen: dict[str, None] = {}
    for value in values:
        code = cpv(value)
        if code:
            seen.setdefault(code, None)
    return tuple(seen)


def siret(value: object) -> str | None:
    """A SIRET when the identifier, spaces removed, is 14 digits; None otherwise."""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        return None
    compact = str(value).replace(" ", "").replace("\u00a0", "")
    return compact if len(compact) == 14 and compact.isdigit() else None


def party(
    name: object,
    identifier: object = None,
    *,
    scheme: str | None = None,
    postcode: object = None,
    city: object = None,
    nuts: object = None,
    country_code: str | None = None,
    path: str = "party",
) -> Party:
    raw_id = text(identifier, f"{path}.identifier") if identifier is not None else None
    return Party(
        name=text(name, f"{path}.name") or "" if name is not None else "",
        siret=siret(raw_id) if raw_id else None,
        identifier=raw_id,
        identifier_scheme=scheme,
        postcode=text(postcode, f"{path}.postcode") if postcode is not None else None,
        city=text(city, f"{path}.city") if city is not None else None,
        nuts=text(nuts, f"{path}.nuts") if nuts is not None else None,
        country=country(country_code) if country_code else None,
    )


def day(value: object) -> date | None:
    """The date of "2024-01-22", "2024-01-22+02:00", "2024-01-22Z" or "2024-01-22T10:00:00"."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _offset(raw: str) -> timezone:
    if raw in ("", "Z"):
        return UTC
    try:
        sign = -1 if raw[0] == "-" else 1
        hours, minutes = raw[1:].split(":")
        return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
    except (ValueError, IndexError):
        return UTC


def moment(date_value: object, time_value: object = None) -> datetime | None:
    """An aware datetime from an ISO datetime, or from eForms' separate date and time with offsets.

    A missing offset is read as UTC: the deadline shown may then be one or two hours off, which
    is better than dropping it.
    """
    if not isinstance(date_value, str):
        return None
    if "T" in date_value:
        try:
            parsed = datetime.fromisoformat(date_value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    on = day(date_value)
    if on is None:
        return None
    at = time(0, 0)
    zone = _offset(date_value.strip()[10:])
    if isinstance(time_value, str) and len(time_value) >= 5:
        try:
            at = time.fromisoformat(time_value[:8] if len(time_value) >= 8 else time_value[:5])
        except ValueError:
            at = time(0, 0)
        zone = _offset(time_value.strip()[8:]) if len(time_value) > 8 else zone
    return datetime.combine(on, at, tzinfo=zone)


def decimal(value: object, path: str) -> Decimal | None:
    """A finite Decimal from a JSON number or a numeric text; placeholders give None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise RecordError(Reason.WRONG_TYPE, f"{path}: a number was expected, got a boolean")
    if isinstance(value, (int, float, Decimal)):
        raw = str(value)
    elif isinstance(value, str):
        raw = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        if raw.lower() in PLACEHOLDERS:
            return None
    else:
        raise RecordError(Reason.WRONG_TYPE, f"{path}: a number was expected, got {type(value).__name__}")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise RecordError(Reason.WRONG_TYPE, f"{path}: {raw[:40]!r} is not a number") from None
    if not number.is_finite():
        raise RecordError(Reason.WRONG_TYPE, f"{path}: {raw[:40]!r} is not a finite number")
    return number


def money(value: object, currency: object, path: str) -> Money | None:
    amount = decimal(value, path)
    if amount is None:
        return None
    code = currency.strip().upper() if isinstance(currency, str) and currency.strip() else "EUR"
    return Money(amount=amount, currency=code)


def whole_number(value: object, path: str) -> int | None:
    number = decimal(value, path)
    return int(number) if number is not None else None


def departement_for_postcode_or_prefix(postcode: str | None) -> str | None:
    """Postcode table first; then the number it starts with, for the generic codes of big cities
    ("75000", "13000") that buyers type although La Poste never issued them."""
    found = departement_for_postcode(postcode)
    if found or not postcode:
        return found
    compact = postcode.strip().replace(" ", "")
    if len(compact) != 5 or not compact.isdigit():
        return None
    return normalise_departement(compact[:3] if compact.startswith("97") else compact[:2])


def place(
    *,
    nuts: object = None,
    postcode: object = None,
    city: object = None,
    commune: object = None,
    departement: object = None,
    description: object = None,
    country_code: str | None = None,
    path: str = "place",
) -> Place | None:
    """A place of performance with its département, from whatever the source gives.

    Postcodes and commune codes are read as French only when the country is France or not
    stated: a Luxembourg postcode "1234" must not become the Ain ("01234").
    """
    nuts_code = text(nuts, f"{path}.nuts")
    post = text(postcode, f"{path}.postcode")
    insee = text(commune, f"{path}.commune")
    dep_raw = text(departement, f"{path}.departement")
    french = country(country_code) in (None, "FR")
    found = departement_for_nuts(nuts_code)
    if french and not found:
        found = (
            normalise_departement(dep_raw)
            or departement_for_commune(insee)
            or departement_for_postcode_or_prefix(post)
        )
    result = Place(
        nuts=nuts_code,
        postcode=post,
        city=text(city, f"{path}.city"),
        departement=found,
        description=text(description, f"{path}.description"),
    )
    return result if any((result.nuts, result.postcode, result.city, found, result.description)) else None


def french_first(fields: list[TextField]) -> str | None:
    """The French text among translations, else the first one."""
    for field in fields:
        if field.language == "fr":
            return field.text
    return fields[0].text if fields else None


def record(
    *,
    source: Source,
    source_id: str | None,
    kind: NoticeKind,
    title: str | None,
    buyer: Party,
    **values: object,
) -> NoticeRecord:
    """A NoticeRecord, or a named rejection when an identifier, a buyer or a title is missing."""
    if not source_id:
        raise RecordError(Reason.MISSING_IDENTIFIER, "the record has no identifier")
    if not (buyer.name or buyer.identifier):
        raise RecordError(Reason.MISSING_BUYER, "the record names no buyer", source_id)
    if not title:
        raise RecordError(Reason.MISSING_TITLE, "the record has no title", source_id)
    return NoticeRecord(source=source, source_id=source_id, kind=kind, title=title, buyer=buyer, **values)
