import pytest

from sources.detect import Format, detect_format
from tests.samples import sample_bytes, sample_files

pytestmark = pytest.mark.no_django_db

EXPECTED = {"eforms": Format.EFORMS, "boamp": Format.BOAMP, "decp": Format.DECP, "ocds": Format.OCDS}


@pytest.mark.parametrize(
    "name", [name for folder in EXPECTED for name in sample_files(folder, ".xml", ".json")]
)
def test_every_sample_is_detected_from_its_content(name):
    assert detect_format(sample_bytes(name)[:65536]) is EXPECTED[name.split("/")[0]]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            b'<?xml version="1.0"?>\n<!-- c --><cn:ContractNotice xmlns:cn="urn:oasis:names:specification:'
            b'ubl:schema:xsd:ContractNotice-2">',
            Format.EFORMS,
        ),
        (
            b'<PriorInformationNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:'
            b'PriorInformationNotice-2">',
            Format.EFORMS,
        ),
        (b"<ContractNotice>", Format.UNKNOWN),
        (b"\xef\xbb\xbf<ANNONCE>", Format.BOAMP),
        (b'<?xml version="1.0"?><marches><marche>', Format.DECP),
        ("<marches>".encode("utf-16"), Format.DECP),
        (b'{"marches": {"marche": []}}', Format.DECP),
        (b'[{"idweb": "26-1", "objet": "marches"}]', Format.BOAMP),
        (b'{"total_count": 1, "results": [{"idweb": "26-1"}]}', Format.BOAMP),
        (b'{"uri": "x", "releases": [{"ocid": "o"}]}', Format.OCDS),
        (b'{"hello": 1}', Format.UNKNOWN),
        (b"%PDF-1.4", Format.UNKNOWN),
        (b"", Format.UNKNOWN),
    ],
)
def test_format_is_detected_from_the_first_bytes(head, expected):
    assert detect_format(head) is expected
