"""flask backup / restore: an online SQLite backup, checked before a restore; pg_dump instructions on PostgreSQL."""
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.privacy.helpers import PHONE, mia_and_jan
from tests.referrals.loop_helpers import T0
from triage.backup import BackupError, head_revision, inspect_file, postgres_instructions
from triage.db import utcnow
from triage.extensions import db
from triage.intake.models import HelpRequest
from triage.jobs.models import SchedulerHeartbeat


@pytest.fixture
def sqlite_app(app):
    if not app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("the backup API is SQLite's; PostgreSQL uses pg_dump (tested below)")
    return app


def head(app) -> str:
    return head_revision(app.extensions["migrate"].directory)


def run(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def requests(app) -> dict:
    with app.app_context():
        found = {r.reference: (r.question, r.contact_phone) for r in db.session.scalars(select(HelpRequest))}
        db.session.remove()
        return found


def test_backup_change_restore_finds_everything_as_it_was(sqlite_app, tmp_path):
    with sqlite_app.app_context():
        mia_and_jan(T0)
        db.session.commit()
    original = requests(sqlite_app)
    target = tmp_path / "triage-backup.sqlite"
    made = run(sqlite_app, "backup", str(target))
    assert made.exit_code == 0, made.output
    assert "Back-up gemaakt" in made.output and "3 vragen" in made.output
    # Life goes on: a request changes, one is added.
    with sqlite_app.app_context():
        db.session.scalar(select(HelpRequest).where(HelpRequest.reference == "MIA-001")).contact_phone = "0400"
        db.session.add(HelpRequest(reference="NEW-001", question="nieuw", kind="hulpvraag"))
        db.session.commit()
    assert requests(sqlite_app) != original
    restored = run(sqlite_app, "restore", str(target), "--yes")
    assert restored.exit_code == 0, restored.output
    assert "Teruggezet" in restored.output and "De vorige databank is bewaard in" in restored.output
    assert requests(sqlite_app) == original and original["MIA-001"][1] == PHONE
    kept = next(Path(sqlite_app.instance_path).glob("voor-herstel-*.sqlite"))
    assert "NEW-001" in {r[0] for r in sqlite3.connect(kept).execute("SELECT reference FROM help_requests")}


def test_a_backup_never_overwrites_a_file(sqlite_app, tmp_path):
    target = tmp_path / "exists.sqlite"
    target.write_text("mijn belangrijke bestand")
    result = run(sqlite_app, "backup", str(target))
    assert result.exit_code == 1 and "bestaat al" in result.output
    assert target.read_text() == "mijn belangrijke bestand"


@pytest.mark.parametrize("content, message", [
    (b"geen databank", "is geen SQLite-databank"),
    (None, "bestaat niet"),
])
def test_restore_refuses_a_file_that_is_not_a_database(sqlite_app, tmp_path, content, message):
    file = tmp_path / "backup.sqlite"
    if content is not None:
        file.write_bytes(content)
    result = run(sqlite_app, "restore", str(file), "--yes")
    assert result.exit_code == 1 and message in result.output and "Er is niets gewijzigd." in result.output


def test_restore_refuses_another_sqlite_database_or_another_schema_version(sqlite_app, tmp_path):
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE notes (x)").connection.commit()
    result = run(sqlite_app, "restore", str(other), "--yes")
    assert result.exit_code == 1 and "geen triage-databank" in result.output
    older = tmp_path / "older.sqlite"
    assert run(sqlite_app, "backup", str(older)).exit_code == 0
    conn = sqlite3.connect(older)
    conn.execute("UPDATE alembic_version SET version_num = '0004'")
    conn.commit()
    conn.close()
    result = run(sqlite_app, "restore", str(older), "--yes")
    assert result.exit_code == 1 and f"schemaversie 0004, deze code verwacht {head(sqlite_app)}" in result.output


def test_restore_refuses_while_the_scheduler_runs_unless_forced(sqlite_app, tmp_path):
    target = tmp_path / "b.sqlite"
    assert run(sqlite_app, "backup", str(target)).exit_code == 0
    with sqlite_app.app_context():
        db.session.add(SchedulerHeartbeat(name="host:1", started_at=utcnow(), last_seen=utcnow()))
        db.session.commit()
    refused = run(sqlite_app, "restore", str(target), "--yes")
    assert refused.exit_code == 1 and "Stop eerst gunicorn en 'flask jobs run'" in refused.output
    forced = run(sqlite_app, "restore", str(target), "--yes", "--force")
    assert forced.exit_code == 0, forced.output


def test_restore_asks_before_replacing(sqlite_app, tmp_path):
    target = tmp_path / "b.sqlite"
    assert run(sqlite_app, "backup", str(target)).exit_code == 0
    answer = run(sqlite_app, "restore", str(target), input="n\n")
    assert answer.exit_code == 1 and "Doorgaan?" in answer.output


def test_a_backup_is_a_checked_triage_database(sqlite_app, tmp_path):
    target = tmp_path / "b.sqlite"
    assert run(sqlite_app, "backup", str(target)).exit_code == 0
    assert inspect_file(target, head(sqlite_app)).version == head(sqlite_app)
    with pytest.raises(BackupError, match="verwacht 9999"):
        inspect_file(target, "9999")


def test_on_postgresql_the_commands_explain_pg_dump_without_the_password():
    text = postgres_instructions("postgresql+psycopg://triage:geheim@db.example:5432/triage", "backup.dump")
    target = "'postgresql://triage@db.example:5432/triage'"
    assert f"pg_dump --format=custom --no-owner --file 'backup.dump' {target}" in text
    assert "pg_restore --clean --if-exists" in text and "geheim" not in text


def test_the_commands_on_this_database(app, tmp_path):
    result = run(app, "backup", str(tmp_path / "b.dump"))
    if app.config["DATABASE_URL"].startswith("postgresql"):
        assert result.exit_code == 2 and "pg_dump" in result.output
        assert run(app, "restore", str(tmp_path / "b.dump")).exit_code == 2
    else:
        assert result.exit_code == 0 and (tmp_path / "b.dump").exists()
