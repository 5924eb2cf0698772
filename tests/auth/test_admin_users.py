"""The admin's account pages: list, create, edit, deactivate with confirmation."""
from tests.conftest import login, text_of
from triage.auth.models import Role, User
from triage.extensions import db


def _user(app, email):
    with app.app_context():
        user = db.session.query(User).filter_by(email=email).one()
        db.session.expunge(user)
        return user


def test_admin_sees_every_account(client, login_as, make_user):
    make_user("balie", name="Bart Balie")
    login_as("admin")
    page = text_of(client.get("/beheer/accounts"))
    assert "Bart Balie" in page and "Baliemedewerker" in page


def test_the_list_can_be_searched_and_filtered_by_role(client, login_as, make_user):
    make_user("balie", name="Bart Balie")
    make_user("digihelper", name="Dina Helper")
    login_as("admin")
    assert "Dina Helper" not in text_of(client.get("/beheer/accounts?q=bart"))
    page = text_of(client.get("/beheer/accounts?rol=digihelper"))
    assert "Dina Helper" in page and "Bart Balie" not in page
    assert "Geen accounts gevonden" in text_of(client.get("/beheer/accounts?q=zzzz"))


def test_the_list_is_paginated(app, client, login_as, make_user):
    app.config["PAGE_SIZE"] = 3
    try:
        for _ in range(4):
            make_user("balie")
        login_as("admin")
        page = text_of(client.get("/beheer/accounts"))
        assert "Pagina 1 van 2" in page and "Volgende pagina" in page
    finally:
        app.config["PAGE_SIZE"] = 25


def test_admin_creates_an_account_that_can_log_in(app, client, login_as):
    login_as("admin")
    response = client.post("/beheer/accounts/nieuw", data={
        "email": "nieuw@test.example", "name": "Nieuwe Collega", "role": "coordinator",
        "password": "een-lang-wachtwoord"})
    assert response.status_code == 302
    user = _user(app, "nieuw@test.example")
    assert user.role is Role.COORDINATOR
    client.post("/logout")
    account = type("A", (), {"email": "nieuw@test.example"})
    assert login(client, account, "een-lang-wachtwoord").status_code == 302


def test_bad_input_on_create_is_explained_and_changes_nothing(app, client, login_as, make_user):
    make_user("balie", email="bestaat@test.example")
    login_as("admin")
    cases = [
        ({"email": "geen-adres", "name": "X", "role": "balie", "password": "een-lang-wachtwoord"},
         "Vul een geldig e-mailadres in."),
        ({"email": "a@test.example", "name": "X", "role": "balie", "password": "kort"},
         "minstens 10 tekens"),
        ({"email": "a@test.example", "name": "X", "role": "balie", "password": "wachtwoord123"},
         "te makkelijk te raden"),
        ({"email": "bestaat@test.example", "name": "X", "role": "balie", "password": "een-lang-wachtwoord"},
         "bestaat al een account"),
        ({"email": "a@test.example", "name": "X", "role": "koning", "password": "een-lang-wachtwoord"},
         "Ongeldige keuze"),
        ({"email": "a@test.example", "name": "", "role": "balie", "password": "een-lang-wachtwoord"},
         "Vul een naam in."),
    ]
    with app.app_context():
        before = db.session.query(User).count()
    for data, message in cases:
        response = client.post("/beheer/accounts/nieuw", data=data)
        assert response.status_code == 400, data
        assert message in text_of(response), (data, text_of(response)[:400])
    with app.app_context():
        assert db.session.query(User).count() == before


def test_admin_changes_a_role_and_password(app, client, login_as, make_user):
    target = make_user("balie")
    login_as("admin")
    response = client.post(f"/beheer/accounts/{target.id}", data={
        "name": "Anders", "role": "digihelper", "password": "nog-een-lang-wachtwoord"})
    assert response.status_code == 302
    user = _user(app, target.email)
    assert user.role is Role.DIGIHELPER and user.name == "Anders"


def test_admin_cannot_take_away_their_own_admin_role(app, client, login_as):
    me = login_as("admin")
    response = client.post(f"/beheer/accounts/{me.id}", data={"name": "Ik", "role": "balie"})
    assert response.status_code == 400
    assert _user(app, me.email).role is Role.ADMIN


def test_deactivation_asks_for_confirmation_first(app, client, login_as, make_user):
    target = make_user("balie")
    login_as("admin")
    page = text_of(client.get(f"/beheer/accounts/{target.id}/actief"))
    assert "uitschakelen?" in page
    response = client.post(f"/beheer/accounts/{target.id}/actief", data={})
    assert response.status_code == 400
    assert _user(app, target.email).active
    client.post(f"/beheer/accounts/{target.id}/actief", data={"confirm": "y"})
    assert not _user(app, target.email).active
    client.post(f"/beheer/accounts/{target.id}/actief", data={"confirm": "y"})
    assert _user(app, target.email).active


def test_admin_cannot_switch_off_their_own_account(app, client, login_as):
    me = login_as("admin")
    client.post(f"/beheer/accounts/{me.id}/actief", data={"confirm": "y"})
    assert _user(app, me.email).active


def test_unknown_account_is_a_404(client, login_as):
    login_as("admin")
    assert client.get("/beheer/accounts/99999").status_code == 404
    assert client.get("/beheer/accounts/abc").status_code == 404
