from django.core import mail
from django.utils.html import escape

from accounts.enums import OrganisationKind


def test_login_page_is_in_french(client):
    page = client.get("/compte/connexion/").content.decode()

    assert "Se connecter à Clausier" in page
    assert '<html lang="fr"' in page


def test_member_logs_in_and_reaches_their_space(client, cast):
    member = cast(OrganisationKind.FACILITATOR)

    response = client.post(
        "/compte/connexion/", {"username": member.user.username, "password": "un mot de passe solide"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/compte/"
    page = client.get("/compte/").content.decode()
    assert escape(member.organisation.name) in page
    assert "Contrats et heures d&#x27;insertion" in page


def test_wrong_password_is_refused_with_a_french_message(client, cast):
    member = cast(OrganisationKind.BUYER)

    response = client.post("/compte/connexion/", {"username": member.user.username, "password": "faux"})

    assert response.status_code == 200
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in response.content.decode()


def test_login_pauses_after_too_many_failures(client, cast, settings):
    settings.LOGIN_FAILURES_ALLOWED = 3
    member = cast(OrganisationKind.BUYER)
    for _ in range(3):
        client.post("/compte/connexion/", {"username": member.user.username, "password": "faux"})

    response = client.post(
        "/compte/connexion/", {"username": member.user.username, "password": "un mot de passe solide"}
    )

    assert response.status_code == 200
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_an_email_with_a_working_link(client, cast):
    member = cast(OrganisationKind.COMPANY)

    client.post("/compte/mot-de-passe/oubli/", {"email": member.user.email})

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.user.email]
    assert "nouveau mot de passe" in message.subject
    link = next(line for line in message.body.splitlines() if "/compte/mot-de-passe/nouveau/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert "Choisir un nouveau mot de passe" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Un-nouveau-secret-42", "new_password2": "Un-nouveau-secret-42"},
    )
    assert done.status_code == 302
    member.user.refresh_from_db()
    assert member.user.check_password("Un-nouveau-secret-42")


def test_logout_requires_post_and_ends_the_session(client, cast):
    member = cast(OrganisationKind.BUYER)
    client.force_login(member.user)

    client.post("/compte/deconnexion/")

    assert "_auth_user_id" not in client.session
