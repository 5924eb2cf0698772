"""Fixtures: one migrated database per run (SQLite, or PostgreSQL via TRIAGE_DATABASE_URL)."""
import html as html_lib
import os
import re

import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from triage import create_app
from triage.extensions import db

# Tables whose rows come from the migrations and stay between tests.
SEEDED = {"themes", "kinds", "alembic_version"}
PASSWORD = "correct-horse-battery"


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def settings_for(instance_path, **extra) -> dict:
    url = os.environ.get("TRIAGE_DATABASE_URL") or f"sqlite:///{instance_path}/test.sqlite"
    return {"TESTING": True, "INSTANCE_PATH": str(instance_path), "DATABASE_URL": url,
            "SECRET_KEY": "test-secret-key", "WTF_CSRF_ENABLED": False,
            "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 1024, **extra}


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    settings = settings_for(instance)
    if settings["DATABASE_URL"].startswith("postgresql"):
        _reset_postgres(settings["DATABASE_URL"])
    app = create_app(settings)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return app


@pytest.fixture(autouse=True)
def _clean_database(request):
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        tables = [t for t in db.metadata.sorted_tables if t.name not in SEEDED]
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                _empty_postgres(conn, tables)
            else:
                # The audit log refuses deletes (migration 0006): lifted for this cleanup only.
                guard = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                             "AND name = 'audit_log_no_delete'").scalar()
                if guard:
                    conn.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
                for table in reversed(tables):
                    conn.execute(table.delete())
                if guard:
                    conn.exec_driver_sql(guard)


_SUPERUSER: dict[str, bool] = {}


def _empty_postgres(conn, tables) -> None:
    """Every table empty and every id counting from 1 again, as after a fresh migration.

    As a superuser (CI and the README's setup): DELETE with triggers and foreign-key checks off for
    this transaction, and the sequences set back: about 10 ms. TRUNCATE does the same for any user,
    but creates new files for every table and index: about 130 ms, two minutes over the suite.
    """
    url = str(conn.engine.url)
    if url not in _SUPERUSER:
        _SUPERUSER[url] = conn.exec_driver_sql("SELECT current_setting('is_superuser')").scalar() == "on"
    if not _SUPERUSER[url]:
        conn.execute(text(f"TRUNCATE {', '.join(t.name for t in tables)} RESTART IDENTITY CASCADE"))
        return
    conn.exec_driver_sql("SET LOCAL session_replication_role = replica")  # no triggers, no FK checks
    # Table names from the app's own metadata, never from input.
    conn.exec_driver_sql("; ".join(f"DELETE FROM {t.name}" for t in reversed(tables)))  # noqa: S608
    conn.execute(text("SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, 1, false) "
                      "FROM pg_sequences WHERE schemaname = current_schema()"))


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_user(app):
    """make_user('balie') -> a committed account with password PASSWORD."""
    from triage.auth.services import create_user

    counter = {"n": 0}

    def make(role: str, email: str | None = None, name: str | None = None, active: bool = True):
        counter["n"] += 1
        with app.app_context():
            user = create_user(email or f"{role}{counter['n']}@test.example",
                               name or f"{role.title()} {counter['n']}", role, PASSWORD)
            user.active = active
            db.session.commit()
            user_id, user_email = user.id, user.email
            db.session.remove()
        return type("Account", (), {"id": user_id, "email": user_email, "role": role})

    return make


def login(client, account, password: str = PASSWORD):
    return client.post("/login", data={"email": account.email, "password": password})


@pytest.fixture
def login_as(client, make_user):
    """login_as('coordinator') -> a client logged in with a new account of that role."""

    def do(role: str):
        account = make_user(role)
        response = login(client, account)
        assert response.status_code == 302, response.get_data(as_text=True)
        return account

    return do


def text_of(response) -> str:
    """The visible text of a page, whitespace folded, for assertions on what a user reads."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip())
