"""SQLite in a request: pages read without the write lock; a write takes it for the view alone."""
import sqlite3
import time

import pytest
from sqlalchemy import event

from tests.conftest import login
from triage.extensions import db


@pytest.fixture
def sqlite_app(app):
    if not app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("the begin mode matters only for SQLite")
    return app


@pytest.fixture
def begins(sqlite_app):
    """The BEGIN statements SQLite gets, in order (traced by the driver: triage.db sends BEGIN itself)."""
    seen = []
    with sqlite_app.app_context():
        engine = db.engine

    def record(statement):
        if statement.startswith("BEGIN"):
            seen.append(statement)

    def trace(dbapi_connection, *_args):
        dbapi_connection.set_trace_callback(record)

    event.listen(engine, "checkout", trace)
    yield seen
    event.remove(engine, "checkout", trace)
    engine.dispose()  # no pooled connection keeps the callback


def test_a_page_reads_in_a_deferred_transaction(client, login_as, begins):
    login_as("balie")
    begins.clear()
    assert client.get("/balie/").status_code == 200
    assert begins and set(begins) == {"BEGIN"}


def test_a_post_reads_the_user_deferred_then_writes_with_the_lock(client, login_as, begins):
    login_as("balie")
    begins.clear()
    assert client.post("/logout").status_code == 302
    assert begins == ["BEGIN", "BEGIN IMMEDIATE"]


def test_a_page_does_not_wait_for_a_writer(sqlite_app, client, login_as):
    login_as("digihelper")
    path = sqlite_app.config["DATABASE_URL"].removeprefix("sqlite:///")
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # holds the write lock, as a long write would
    try:
        started = time.monotonic()
        assert client.get("/").status_code == 200
        assert time.monotonic() - started < 2  # not the 15 s busy timeout
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_write_sees_the_users_columns_as_they_are_inside_its_transaction(sqlite_app, client, make_user):
    account = make_user("balie")
    login(client, account)
    # Between the access check's read and the upgrade to a write transaction, another request
    # bumps the generation (once upgraded, the request holds the write lock and nobody can).
    from triage.auth.models import User
    from triage.web import transactions

    upgrade = transactions._writes_from_here

    def bump_then_upgrade():
        path = sqlite_app.config["DATABASE_URL"].removeprefix("sqlite:///")
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("UPDATE users SET session_generation = session_generation + 1 WHERE id = ?", (account.id,))
        other.close()
        upgrade()

    hooks = sqlite_app.before_request_funcs[None]
    sqlite_app.before_request_funcs[None] = [bump_then_upgrade if f is upgrade else f for f in hooks]
    try:
        client.post("/logout")
    finally:
        sqlite_app.before_request_funcs[None] = hooks
    with sqlite_app.app_context():
        # Both bumps count: the logout read the generation again inside its write transaction.
        assert db.session.get(User, account.id).session_generation == 2


def test_a_login_checks_the_password_without_holding_the_write_lock(sqlite_app, client, make_user, monkeypatch):
    """argon2 takes a tenth of a second on purpose: another writer must not wait for it."""
    account = make_user("balie")
    path = sqlite_app.config["DATABASE_URL"].removeprefix("sqlite:///")
    from triage.auth import services

    checked = services.verify_password
    others_could_write = []

    def verify_while_another_writes(stored_hash, password):
        other = sqlite3.connect(path, isolation_level=None, timeout=0.1)
        try:
            other.execute("BEGIN IMMEDIATE")  # fails at once if the login held the write lock
            other.execute("ROLLBACK")
            others_could_write.append(True)
        except sqlite3.OperationalError:
            others_could_write.append(False)
        finally:
            other.close()
        return checked(stored_hash, password)

    monkeypatch.setattr(services, "verify_password", verify_while_another_writes)
    assert login(client, account).status_code == 302
    assert others_could_write == [True]
