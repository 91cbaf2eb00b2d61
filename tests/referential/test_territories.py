import pytest

from referential.cpv import cpv_entries, cpv_label, divisions, normalise_cpv
from referential.territories import (
    departement_for_commune,
    departement_for_nuts,
    departement_for_postcode,
    departements,
    normalise_departement,
)

pytestmark = pytest.mark.no_django_db


def test_all_101_departements_have_a_distinct_nuts3_code():
    infos = departements()

    assert len(infos) == 101
    assert len({info.nuts3 for info in infos.values()}) == 101


@pytest.mark.parametrize(
    ("nuts", "code"),
    [("FR101", "75"), ("FRM01", "2A"), ("FRM02", "2B"), ("FRY10", "971"), ("FRY50", "976"), ("FRI15", "64")],
)
def test_nuts3_maps_to_departement_including_corsica_and_overseas(nuts, code):
    assert departement_for_nuts(nuts) == code
    assert departements()[code].nuts3 == nuts


def test_nuts_of_level_one_or_two_has_no_departement():
    assert departement_for_nuts("FRI") is None
    assert departement_for_nuts("FRI1") is None
    assert departement_for_nuts(None) is None


@pytest.mark.parametrize(
    ("postcode", "code"),
    [("33000", "33"), ("64000", "64"), ("20000", "2A"), ("20200", "2B"), ("97400", "974"), ("1400", "01")],
)
def test_postcode_maps_to_departement(postcode, code):
    assert departement_for_postcode(postcode) == code


def test_unknown_postcode_has_no_departement():
    assert departement_for_postcode("00000") is None
    assert departement_for_postcode("") is None


def test_departement_codes_are_normalised_from_source_spellings():
    assert normalise_departement("2") == "02"
    assert normalise_departement(8) == "08"
    assert normalise_departement("2a") == "2A"
    assert normalise_departement("99") is None


def test_commune_code_gives_departement():
    assert departement_for_commune("33063") == "33"
    assert departement_for_commune("97411") == "974"
    assert departement_for_commune("2A004") == "2A"


def test_full_cpv_2008_list_is_shipped_with_french_labels():
    entries = cpv_entries()

    assert len(entries) == 9454
    assert cpv_label("45000000") == "Travaux de construction"
    assert entries["45000000"].check_digit == "7"
    assert divisions()["45"] == "Travaux de construction"


@pytest.mark.parametrize(
    ("raw", "code"), [("45000000-7", "45000000"), (" 71631300 ", "71631300"), ("4500", None)]
)
def test_cpv_codes_are_normalised_to_eight_digits(raw, code):
    assert normalise_cpv(raw) == code
