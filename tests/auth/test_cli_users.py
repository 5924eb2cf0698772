"""flask users create / token / list."""
from triage.auth.models import ApiToken, User
from triage.extensions import db


def test_create_reads_the_password_from_stdin(app):
    result = app.test_cli_runner().invoke(args=["users", "create", "co@test.example", "--role",
                                                "coordinator", "--password-stdin"],
                                          input="een-lang-wachtwoord\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.query(User).filter_by(email="co@test.example").one().role.value == "coordinator"


def test_create_asks_for_the_password_twice(app):
    result = app.test_cli_runner().invoke(args=["users", "create", "b@test.example", "--role", "balie"],
                                          input="een-lang-wachtwoord\neen-lang-wachtwoord\n")
    assert result.exit_code == 0, result.output


def test_create_refuses_bad_input_with_a_message(app):
    runner = app.test_cli_runner()
    weak = runner.invoke(args=["users", "create", "x@test.example", "--role", "balie", "--password-stdin"],
                         input="kort\n")
    assert weak.exit_code == 1 and "minstens 10 tekens" in weak.output
    bad_email = runner.invoke(args=["users", "create", "geen-mail", "--role", "balie", "--password-stdin"],
                              input="een-lang-wachtwoord\n")
    assert bad_email.exit_code == 1 and "geldig e-mailadres" in bad_email.output
    bad_role = runner.invoke(args=["users", "create", "x@test.example", "--role", "koning"])
    assert bad_role.exit_code == 2
    with app.app_context():
        assert db.session.query(User).count() == 0


def test_token_is_printed_once_as_the_last_word_and_stored_hashed(app, make_user):
    account = make_user("coordinator")
    result = app.test_cli_runner().invoke(args=["users", "token", account.email])
    assert result.exit_code == 0
    token = result.output.split()[-1]
    assert token.startswith("trg_") and len(token) > 30
    with app.app_context():
        stored = db.session.query(ApiToken).one()
        assert stored.token_hash != token and token not in stored.token_hash
        from triage.auth.services import user_for_token

        assert user_for_token(token).email == account.email
        assert user_for_token(token + "x") is None


def test_token_for_an_unknown_account_fails(app):
    result = app.test_cli_runner().invoke(args=["users", "token", "niemand@test.example"])
    assert result.exit_code == 1 and "geen account" in result.output


def test_list_shows_accounts(app, make_user):
    account = make_user("digihelper")
    result = app.test_cli_runner().invoke(args=["users", "list"])
    assert account.email in result.output and "digihelper" in result.output
