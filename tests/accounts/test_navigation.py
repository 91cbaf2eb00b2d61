import pytest

from accounts.enums import OrganisationKind


def test_anonymous_visitor_sees_the_five_areas_and_no_role_menu(client):
    page = client.get("/").content.decode()

    for label in ("Veille", "Annuaire", "Acheteurs", "Suivi des clauses", "Observatoire"):
        assert f">{label}</a>" in page
    assert 'id="menu-role"' not in page


@pytest.mark.parametrize(
    ("kind", "expected", "absent"),
    [
        (OrganisationKind.FACILITATOR, "Contrats et heures d&#x27;insertion", "Déclarer mes heures"),
        (OrganisationKind.COMPANY, "Déclarer mes heures", "Journal d&#x27;audit"),
        (OrganisationKind.SUPPLIER, "Ma fiche dans l&#x27;annuaire", "Déclarer mes heures"),
        (OrganisationKind.BUYER, "Calibrer une clause", "Ma fiche dans l&#x27;annuaire"),
        (OrganisationKind.STATE, "Tableaux de bord", "Calibrer une clause"),
    ],
)
def test_each_role_gets_its_own_shortcuts(client, cast, kind, expected, absent):
    client.force_login(cast(kind).user)

    page = client.get("/").content.decode()
    role_menu = page.split('id="menu-role"', 1)[1].split("</nav>", 1)[0]

    assert expected in role_menu
    assert absent not in role_menu


def test_every_area_page_answers(client):
    for path in ("/veille/", "/annuaire/", "/acheteurs/", "/suivi/", "/observatoire/"):
        assert client.get(path).status_code == 200, path


def test_staff_members_get_the_imports_and_administration_shortcuts(client, admin_user):
    client.force_login(admin_user)

    role_menu = client.get("/").content.decode().split('id="menu-role"', 1)[1].split("</nav>", 1)[0]

    assert "Imports d&#x27;avis" in role_menu
    assert "/imports/" in role_menu
