"""Backup and restore of a SQLite database through SQLite's online backup API; pg_dump for PostgreSQL.

A backup is a consistent snapshot taken while the app keeps running: the backup API copies the
pages under SQLite's own locks, so concurrent writers never produce a torn copy. A restore checks
the file first (a SQLite file, intact, a triage database at the schema version of this code), keeps
a copy of the current database, then copies the backup into the live file under SQLite's locks.
"""
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

HEADER = b"SQLite format 3\x00"
# A scheduler heartbeat younger than this means the app is still running.
RUNNING_WITHIN_SECONDS = 120


class BackupError(Exception):
    """A refused backup or restore, with a Dutch message that can be shown as it is."""


@dataclass(frozen=True)
class Summary:
    version: str
    requests: int
    referrals: int
    users: int

    def __str__(self) -> str:
        return (f"schemaversie {self.version}, {self.requests} vragen, {self.referrals} doorverwijzingen, "
                f"{self.users} accounts")


def head_revision(migrations_dir: str) -> str:
    """The schema version this code expects: the newest Alembic revision."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    return ScriptDirectory.from_config(config).get_current_head()


def sqlite_path(database_url: str) -> Path | None:
    """The file of a SQLite URL; None for another database."""
    url = make_url(database_url)
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


def postgres_instructions(database_url: str, file: str) -> str:
    """How to back up and restore PostgreSQL with its own tools (the password stays out: use ~/.pgpass)."""
    # URL.set(password=None) would keep the password: None means "unchanged" there.
    url = make_url(database_url).set(drivername="postgresql")._replace(password=None)
    target = url.render_as_string(hide_password=False)
    return (
        "Deze database is PostgreSQL: maak de back-up met pg_dump (this is PostgreSQL: use pg_dump).\n\n"
        "Back-up, terwijl de app draait (consistent, in één transactie):\n"
        f"  pg_dump --format=custom --no-owner --file '{file}' '{target}'\n\n"
        "Terugzetten (restore), met gunicorn en 'flask jobs run' gestopt:\n"
        f"  pg_restore --clean --if-exists --no-owner --single-transaction --dbname '{target}' '{file}'\n"
        "  flask --app wsgi db current   # toont de schemaversie van de back-up\n"
        "  flask --app wsgi db upgrade   # als de code nieuwer is dan de back-up\n\n"
        "Het wachtwoord komt uit ~/.pgpass of PGPASSWORD, nooit uit de opdrachtregel.")


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that only reads. Not SQLite's mode=ro: that cannot open a WAL database whose -shm
    file is missing, which is how a fresh backup file looks."""
    return sqlite3.connect(path, timeout=30)


def _count(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed table names


def inspect_file(path: Path, expected_version: str) -> Summary:
    """Check that path is an intact triage database at expected_version; BackupError in Dutch if not."""
    if not path.is_file():
        raise BackupError(f"Het bestand {path} bestaat niet.")
    with path.open("rb") as handle:
        if handle.read(16) != HEADER:
            raise BackupError(f"{path} is geen SQLite-databank.")
    conn = _connect_read_only(path)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"{path} is beschadigd (PRAGMA integrity_check faalt).")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"alembic_version", "help_requests", "referrals", "users"} <= tables:
            raise BackupError(f"{path} is geen triage-databank: de tabellen van triage ontbreken.")
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if version is None or version[0] != expected_version:
            found = version[0] if version else "geen"
            raise BackupError(f"{path} heeft schemaversie {found}, deze code verwacht {expected_version}. "
                              "Zet de back-up terug met de code van die versie en voer dan 'flask db upgrade' uit.")
        return Summary(version[0], _count(conn, "help_requests"), _count(conn, "referrals"), _count(conn, "users"))
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} kan niet gelezen worden als SQLite-databank.") from exc
    finally:
        conn.close()


def backup(db_path: Path, target: Path, expected_version: str) -> Summary:
    """Copy the live database to target (which must not exist yet), then check the copy."""
    if not db_path.is_file():
        raise BackupError(f"De databank {db_path} bestaat niet.")
    if target.exists():
        raise BackupError(f"{target} bestaat al. Kies een nieuwe bestandsnaam: een back-up overschrijft niets.")
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    source = _connect_read_only(db_path)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    try:
        summary = inspect_file(partial, expected_version)
    except BackupError:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)  # a backup file is complete or absent, never half written
    return summary


def seconds_since_heartbeat(db_path: Path) -> float | None:
    """How long ago a scheduler said it was alive in this database (None: never, or no such table)."""
    conn = _connect_read_only(db_path)
    try:
        last = conn.execute("SELECT max(last_seen) FROM scheduler_heartbeats").fetchone()[0]
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
    if last is None:
        return None
    seen = datetime.fromisoformat(str(last)).replace(tzinfo=UTC)
    return (datetime.now(UTC) - seen).total_seconds()


def restore(source: Path, db_path: Path, expected_version: str, keep_dir: Path) -> tuple[Summary, Path | None]:
    """Replace the live database by source (checked first); the current one is kept in keep_dir first.

    Returns the restored database's summary and where the previous database was kept (None if there was none).
    """
    inspect_file(source, expected_version)
    kept = None
    if db_path.is_file():
        stamp = f"voor-herstel-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
        kept, n = keep_dir / f"{stamp}.sqlite", 1
        while kept.exists():  # two restores in one second
            n += 1
            kept = keep_dir / f"{stamp}-{n}.sqlite"
        backup(db_path, kept, _version_of(db_path) or expected_version)
    reader = _connect_read_only(source)
    live = sqlite3.connect(db_path, timeout=30)
    try:
        reader.backup(live)  # every page of the live file, under SQLite's locks: other connections see it whole
    finally:
        live.close()
        reader.close()
    return inspect_file(db_path, expected_version), kept


def _version_of(path: Path) -> str | None:
    conn = _connect_read_only(path)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError:
        return None
    finally:
        conn.close()
