"""Odd input on the login, account and password forms, and on the password policy."""
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import FORMS, PURE, assert_no_live_markup, odd_text
from triage.auth.passwords import password_problem


@PURE
@given(password=odd_text, email=odd_text, name=odd_text)
def test_the_password_policy_answers_every_text(policy, password, email, name):
    problem = password_problem(password, (email, name))
    assert problem is None or (isinstance(problem, str) and problem.endswith("."))


@FORMS
@given(email=odd_text, password=odd_text)
def test_login_takes_odd_input_without_a_server_error(app, client, email, password):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 10**6  # keep reaching the password check
    try:
        response = client.post("/login", data={"email": email, "password": password})
    finally:
        app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 20
    assert response.status_code in (200, 400, 429)
    assert_no_live_markup(response.get_data(as_text=True), email)


@FORMS
@given(email=odd_text, name=odd_text, role=st.one_of(st.sampled_from(["balie", "admin"]), odd_text),
       password=st.one_of(odd_text, st.just("fiets boterham regenjas")))
def test_the_account_form_takes_odd_input_and_shows_names_as_text(app, client, login_as, email, name, role,
                                                                   password):
    if not client.get_cookie("session"):
        login_as("admin")
    response = client.post("/beheer/accounts/nieuw", data={"email": email, "name": name, "role": role,
                                                           "password": password})
    assert response.status_code in (302, 400)
    assert "/login" not in response.headers.get("Location", "")
    listing = client.get("/beheer/accounts")
    assert listing.status_code == 200
    assert_no_live_markup(response.get_data(as_text=True) + listing.get_data(as_text=True), name)


@FORMS
@given(current=odd_text, new=odd_text, repeat=st.one_of(odd_text, st.none()))
def test_the_password_change_form_takes_odd_input(app, client, login_as, current, new, repeat):
    if not client.get_cookie("session"):
        login_as("balie")
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 10**6
    try:
        response = client.post("/account/wachtwoord", data={"current": current, "new": new,
                                                            "repeat": new if repeat is None else repeat})
    finally:
        app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 5
    assert response.status_code in (400, 429)  # never the right current password, so never changed
    assert client.get("/").status_code == 200


@FORMS
@given(name=odd_text)
def test_the_token_form_takes_odd_names(app, client, login_as, make_user, name):
    if not client.get_cookie("session"):
        login_as("admin")
        make_user("coordinator", email="tokens@test.example")
    with app.app_context():
        from triage.auth.services import find_user_by_email

        user_id = find_user_by_email("tokens@test.example").id
    response = client.post(f"/beheer/accounts/{user_id}/tokens", data={"token-name": name})
    assert response.status_code in (200, 302)
    page = client.get(f"/beheer/accounts/{user_id}")
    assert page.status_code == 200
    assert_no_live_markup(response.get_data(as_text=True) + page.get_data(as_text=True), name)
