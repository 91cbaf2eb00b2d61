import io

from django.core.management import call_command

from referential.models import CpvCode, Departement, Region


def test_migrations_fill_the_referential_tables():
    assert Region.objects.count() == 18
    assert Departement.objects.count() == 101
    assert CpvCode.objects.count() == 9454
    assert Departement.objects.get(code="2A").region.name == "Corse"


def test_load_referential_is_idempotent_and_restores_changed_rows():
    Departement.objects.filter(code="64").update(name="Altéré")
    out = io.StringIO()

    call_command("load_referential", stdout=out)

    assert "101 départements, 9454 codes CPV" in out.getvalue()
    assert Departement.objects.get(code="64").name == "Pyrénées-Atlantiques"
    assert CpvCode.objects.count() == 9454


def test_api_lists_departements_and_checks_sirets(client):
    departements = client.get("/api/referentiel/departements").json()
    assert len(departements) == 101
    assert {"code": "974", "name": "La Réunion"}.items() <= next(
        d for d in departements if d["code"] == "974"
    ).items()

    assert client.get("/api/referentiel/siret/73282932000074").json()["valid_siret"] is True
    assert client.get("/api/referentiel/cpv/45000000-7").json()["label_fr"] == "Travaux de construction"
    assert client.get("/api/referentiel/cpv/99999999").status_code == 404
