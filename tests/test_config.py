"""Configuration: instance overlay, environment, generated secret key."""
from triage import create_app


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path):
    first = create_app({"INSTANCE_PATH": str(tmp_path)})
    second = create_app({"INSTANCE_PATH": str(tmp_path)})
    key_file = tmp_path / "secret_key"
    assert key_file.exists() and oct(key_file.stat().st_mode)[-3:] == "600"
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == key_file.read_text()
    assert len(first.config["SECRET_KEY"]) >= 64


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("TRIAGE_DATABASE_URL", raising=False)
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/triage.sqlite"


def test_environment_overrides_the_instance_file(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text("TOWN_NAME = 'Uit bestand'\nPAGE_SIZE = 7\n")
    monkeypatch.setenv("TRIAGE_TOWN_NAME", "Uit omgeving")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["TOWN_NAME"] == "Uit omgeving"
    assert app.config["PAGE_SIZE"] == 7


def test_sqlite_connections_use_wal_foreign_keys_and_immediate_transactions(app):
    from sqlalchemy import text

    from triage.extensions import db

    if not app.config["DATABASE_URL"].startswith("sqlite"):
        return
    with app.app_context():
        conn = db.session.connection()
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 1000
        # BEGIN IMMEDIATE took the write lock: sqlite3 reports an open transaction.
        assert conn.connection.dbapi_connection.in_transaction
        db.session.rollback()
