"""flask demo seed: a realistic demo town in an empty database, accounts that can log in."""
from pathlib import Path

from tests.conftest import login
from triage.auth.models import User
from triage.catalogue.models import CatalogueEntry, Course
from triage.db import utcnow
from triage.extensions import db


def _seed(app):
    return app.test_cli_runner().invoke(args=["demo", "seed"])


def test_seed_fills_the_catalogue_and_prints_one_account_per_role(app):
    result = _seed(app)
    assert result.exit_code == 0, result.output
    for role in ("admin", "coordinator", "balie", "digihelper"):
        assert role in result.output
    with app.app_context():
        assert db.session.query(CatalogueEntry).count() >= 20
        assert {u.role.value for u in db.session.query(User)} == {"admin", "coordinator", "balie", "digihelper"}
        helper_user = db.session.query(User).filter_by(role="digihelper").one()
        assert db.session.query(CatalogueEntry).filter_by(user_id=helper_user.id).count() == 1
        # Every course has sessions in the future, so the demo can suggest them.
        for course in db.session.query(Course):
            assert any(s.starts_at > utcnow() for s in course.sessions), course.code


def test_the_printed_passwords_log_in(app):
    result = _seed(app)
    lines = [line.split() for line in result.output.splitlines() if "@" in line]
    assert len(lines) == 4
    for role, email, password in lines:
        client = app.test_client()
        account = type("A", (), {"email": email})
        assert login(client, account, password).status_code == 302, role
    accounts_file = Path(app.instance_path) / "demo-accounts.txt"
    assert lines[0][2] in accounts_file.read_text()


def test_seed_refuses_a_database_that_is_not_empty(app, make_user):
    make_user("admin")
    result = _seed(app)
    assert result.exit_code == 1
    assert "niet leeg" in result.output
    with app.app_context():
        assert db.session.query(CatalogueEntry).count() == 0
