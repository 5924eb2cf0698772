"""Database conventions: naming, mixins, UTC time and SQLite connection settings."""
import sqlite3
from contextvars import ContextVar
from datetime import UTC, datetime
from functools import cache

from sqlalchemy import MetaData, event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Filled by create_app from config, read when a SQLite connection opens.
SQLITE_SETTINGS = {"busy_timeout_ms": 15000}
# How the next SQLite transaction in this context begins. IMMEDIATE (the default, and always outside
# a request) takes the write lock up front; a request sets DEFERRED while it only reads (see
# triage/web/transactions.py), so pages and logins do not queue behind each other's write lock.
SQLITE_BEGIN: ContextVar[str] = ContextVar("sqlite_begin", default="IMMEDIATE")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Naive UTC now: every timestamp column stores UTC without an offset."""
    return datetime.now(UTC).replace(tzinfo=None)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


@event.listens_for(Engine, "connect")
def _sqlite_on_connect(dbapi_connection, _record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # Let SQLAlchemy's "begin" event emit BEGIN itself (see below).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_SETTINGS['busy_timeout_ms'])}")
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_on_begin(conn):
    # A deferred BEGIN that reads and then writes fails with SQLITE_BUSY when another
    # writer got there first, whatever the timeout; taking the write lock up front
    # makes concurrent writers queue on busy_timeout instead. A transaction that only reads
    # may begin deferred: in WAL mode it then waits for nobody and nobody waits for it.
    if conn.dialect.name == "sqlite":
        # Straight to the driver: this runs at the start of every transaction, and BEGIN needs
        # none of SQLAlchemy's statement handling.
        mode = SQLITE_BEGIN.get()
        conn.connection.driver_connection.execute("BEGIN" if mode == "DEFERRED" else "BEGIN IMMEDIATE")
        conn.info[SQLITE_MODE] = mode


# Set on a SQLite connection whose read transaction ended (write_from_here): its next statement
# first takes the write lock, so the lock is held from the first write to the commit only.
PENDING_WRITE = "triage_pending_begin_immediate"
# How the SQLite connection's current transaction began: DEFERRED or IMMEDIATE.
SQLITE_MODE = "triage_sqlite_begin"


def write_from_here(session) -> None:
    """SQLite: end the snapshot read of this session's deferred transaction; its next statement takes the
    write lock (BEGIN IMMEDIATE), and objects read so far are read again when used. Call between slow work
    that only reads (checking a password, classifying) and the writes that follow. SQLAlchemy's
    transaction and connection stay as they are. PostgreSQL, or a transaction that already holds the
    write lock: nothing to do."""
    SQLITE_BEGIN.set("IMMEDIATE")
    if not session.in_transaction():
        return  # the first statement begins IMMEDIATE
    connection = session.connection()
    if connection.dialect.name != "sqlite" or connection.info.get(SQLITE_MODE) != "DEFERRED":
        return
    connection.connection.driver_connection.execute("COMMIT")
    connection.info[SQLITE_MODE] = "IMMEDIATE"
    connection.info[PENDING_WRITE] = True
    for obj in list(session.identity_map.values()):
        if names := _non_key_columns(type(obj)):
            session.expire(obj, names)


@cache
def _non_key_columns(cls) -> list[str]:
    return [prop.key for prop in inspect(cls).column_attrs if not any(col.primary_key for col in prop.columns)]


@event.listens_for(Engine, "before_cursor_execute")
def _sqlite_pending_write(conn, cursor, _statement, _parameters, _context, _executemany):
    if conn.info.pop(PENDING_WRITE, False):
        cursor.connection.execute("BEGIN IMMEDIATE")


@event.listens_for(Engine, "commit")
@event.listens_for(Engine, "rollback")
def _sqlite_no_pending_write(conn):
    conn.info.pop(PENDING_WRITE, None)
