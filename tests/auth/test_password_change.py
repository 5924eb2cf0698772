"""Changing your own password: the current one first, the policy, and every other session ends."""
from tests.conftest import PASSWORD, login, text_of
from triage.auth.models import LoginAttempt
from triage.extensions import db

NEW = "fiets boterham regenjas"


def _change(client, current=PASSWORD, new=NEW, repeat=None):
    return client.post("/account/wachtwoord", data={"current": current, "new": new,
                                                    "repeat": new if repeat is None else repeat})


def test_every_page_links_to_the_password_page(client, login_as):
    login_as("digihelper")
    assert 'href="/account/wachtwoord"' in client.get("/").get_data(as_text=True)
    page = text_of(client.get("/account/wachtwoord"))
    assert "Je huidige wachtwoord" in page and "Herhaal het nieuwe wachtwoord" in page


def test_changing_it_keeps_this_session_and_ends_every_other_one(app, make_user):
    account = make_user("balie")
    here, elsewhere, copied = app.test_client(), app.test_client(), app.test_client()
    login(here, account)
    login(elsewhere, account)
    copied.set_cookie("session", here.get_cookie("session").value)
    response = _change(here)
    assert response.status_code == 302
    assert "Je wachtwoord is gewijzigd" in text_of(here.get("/"))
    assert elsewhere.get("/").status_code == 302  # logged out on the other computer
    assert copied.get("/").status_code == 302  # and a copy of the old cookie is worthless
    here.post("/logout")
    assert login(here, account, NEW).status_code == 302
    here.post("/logout")
    assert "niet juist" in text_of(login(here, account, PASSWORD))


def test_a_wrong_current_password_changes_nothing_and_is_counted(app, client, make_user):
    account = make_user("balie")
    login(client, account)
    response = _change(client, current="niet-mijn-wachtwoord")
    assert response.status_code == 400 and "Je huidige wachtwoord is niet juist." in text_of(response)
    with app.app_context():
        assert db.session.query(LoginAttempt).count() == 1
    client.post("/logout")
    assert login(client, account).status_code == 302


def test_guessing_the_current_password_is_throttled(app, client, make_user):
    login(client, make_user("balie"))
    for _ in range(5):
        _change(client, current="fout-fout-fout")
    response = _change(client)
    assert response.status_code == 429 and "Te veel mislukte pogingen" in text_of(response)


def test_the_new_password_follows_the_policy_and_must_be_typed_twice(client, make_user):
    login(client, make_user("balie", name="Bart Balie"))
    for new, repeat, message in [
        ("kort", None, "minstens 10 tekens"),
        ("Wachtwoord2026!", None, "te makkelijk te raden"),
        ("BartBalie2026", None, "te makkelijk te raden"),
        (PASSWORD, None, "Kies een ander wachtwoord dan je huidige."),
        (NEW, "iets anders", "niet gelijk"),
        ("", "", "Vul een nieuw wachtwoord in."),
    ]:
        response = _change(client, new=new, repeat=repeat)
        assert response.status_code == 400, new
        assert message in text_of(response), (new, text_of(response)[:300])
    assert client.get("/").status_code == 200  # still logged in with the old password


def _target_and_admin(app, make_user, role):
    """Two browsers: one logged in as a new account of `role`, one as an admin."""
    target = make_user(role)
    theirs, mine = app.test_client(), app.test_client()
    login(theirs, target)
    login(mine, make_user("admin"))
    return target, theirs, mine


def test_an_admin_resetting_a_password_ends_that_accounts_sessions(app, make_user):
    target, theirs, mine = _target_and_admin(app, make_user, "balie")
    assert mine.post(f"/beheer/accounts/{target.id}", data={"name": "Doelwit", "role": "balie",
                                                           "password": NEW}).status_code == 302
    assert theirs.get("/").status_code == 302
    assert mine.get("/").status_code == 200


def test_an_admin_can_log_an_account_out_everywhere_after_confirming(app, make_user):
    target, theirs, mine = _target_and_admin(app, make_user, "digihelper")
    assert "overal afmelden?" in text_of(mine.get(f"/beheer/accounts/{target.id}/afmelden"))
    assert mine.post(f"/beheer/accounts/{target.id}/afmelden", data={}).status_code == 400
    assert theirs.get("/dossiers/").status_code == 200
    response = mine.post(f"/beheer/accounts/{target.id}/afmelden", data={"confirm": "y"})
    assert response.status_code == 302
    assert theirs.get("/dossiers/").status_code == 302
    assert mine.get("/").status_code == 200
