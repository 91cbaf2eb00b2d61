def test_home_page_is_french_with_the_dsfr_header(client):
    response = client.get("/")
    page = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="fr"' in page
    assert 'class="fr-header"' in page
    assert "fr-header__service-title" in page
    assert "Clausier" in page
    assert "Les clauses sociales d'insertion, de l'avis de marché au bilan" in page
    assert 'class="fr-skiplinks"' in page
    assert 'id="pied-de-page"' in page


def test_french_stays_the_default_whatever_the_browser_asks(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()

    assert '<html lang="fr"' in page


def test_english_is_available_through_the_language_switcher(client):
    response = client.post("/langue/", {"language": "en", "next": "/"})
    assert response.status_code == 302

    page = client.get("/").content.decode()

    assert '<html lang="en"' in page
    assert "Social insertion clauses, from the contract notice to the report" in page
    assert ">Watch</a>" in page


def test_pages_carry_a_content_security_policy_with_a_nonce(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]

    assert "default-src 'self'" in policy
    nonce = policy.split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'nonce="{nonce}"' in response.content.decode()


def test_openapi_schema_is_published(client):
    schema = client.get("/api/openapi.json").json()

    assert schema["info"]["title"] == "Clausier API"
    assert "/api/referentiel/departements" in schema["paths"]
