import pytest

from referential.siret import is_valid_siren, is_valid_siret, normalise_siret

pytestmark = pytest.mark.no_django_db


@pytest.mark.parametrize("siren", ["732829320", "552100554", "356000000"])
def test_valid_siren_passes_luhn(siren):
    assert is_valid_siren(siren)


@pytest.mark.parametrize("siren", ["732829321", "12345678", "abcdefghi", "", None])
def test_invalid_siren_is_refused(siren):
    assert not is_valid_siren(siren)


@pytest.mark.parametrize("siret", ["73282932000074", "55210055400013", "732 829 320 00074"])
def test_valid_siret_passes_luhn(siret):
    assert is_valid_siret(siret)


@pytest.mark.parametrize("siret", ["73282932000075", "7328293200007", "7328293200007A", "", None])
def test_invalid_siret_is_refused(siret):
    assert not is_valid_siret(siret)


def test_la_poste_establishments_only_need_a_digit_sum_multiple_of_five():
    # 35600000049837 fails Luhn but its digits add up to 45.
    assert sum(map(int, "35600000049837")) % 5 == 0
    assert is_valid_siret("35600000049837")
    assert not is_valid_siret("35600000049838")


def test_la_poste_head_office_is_valid():
    assert is_valid_siret("35600000000048")


def test_normalise_siret_keeps_digits_of_valid_numbers_only():
    assert normalise_siret("732.829.320 00074") == "73282932000074"
    assert normalise_siret("73282932000075") is None
