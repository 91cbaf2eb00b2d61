"""SIREN and SIRET checks (INSEE identifiers of companies and establishments).

Both carry a Luhn check digit. La Poste is the documented exception: its establishments share
SIREN 356000000 and their SIRET only needs a digit sum that is a multiple of 5 (the head office,
35600000000048, also passes Luhn).
"""

from __future__ import annotations

LA_POSTE_SIREN = "356000000"
LA_POSTE_HEAD_OFFICE = "35600000000048"


def _digits(value: str) -> str:
    return "".join(value.split())


def luhn_valid(number: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def is_valid_siren(value: str | None) -> bool:
    if not value:
        return False
    number = _digits(value)
    return len(number) == 9 and number.isdigit() and luhn_valid(number)


def is_valid_siret(value: str | None) -> bool:
    if not value:
        return False
    number = _digits(value)
    if len(number) != 14 or not number.isdigit():
        return False
    if number.startswith(LA_POSTE_SIREN) and number != LA_POSTE_HEAD_OFFICE:
        return sum(int(char) for char in number) % 5 == 0
    return luhn_valid(number)


def normalise_siret(value: str | None) -> str | None:
    """The 14 digits of a valid SIRET written with spaces or dots, else None."""
    if not value:
        return None
    number = "".join(char for char in value if char.isdigit())
    return number if is_valid_siret(number) else None
