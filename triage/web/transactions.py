"""SQLite transactions in a request: reading needs no write lock, writing takes it up front.

Every SQLite transaction begins IMMEDIATE by default (triage/db.py): a transaction that reads and
then writes must hold the write lock from its first statement, or it fails when another writer
commits in between. Held by a whole request, from loading the logged-in user to the end of the
page, that lock lines every request up behind every other one. So in a request:

* GET, HEAD and OPTIONS only read (no view writes on them): their transactions begin deferred and
  read a WAL snapshot without waiting for writers or making writers wait.
* Other methods read the logged-in user in a deferred transaction too. After the access check,
  before the view runs, that transaction is upgraded in place, on the same connection: the read
  snapshot ends (COMMIT) and the write lock is taken (BEGIN IMMEDIATE). From then on the view's
  reads and writes are one atomic, serialised transaction, as before; objects read before the
  upgrade have their columns expired, so a view that uses them reads them again under the lock.

On PostgreSQL nothing changes: these hooks are not installed.
"""
from functools import cache

from flask import request
from sqlalchemy import inspect

from triage.db import SQLITE_BEGIN
from triage.extensions import db

READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _reads_first():
    SQLITE_BEGIN.set("DEFERRED")


def _writes_from_here():
    if request.method in READ_ONLY_METHODS:
        return
    SQLITE_BEGIN.set("IMMEDIATE")
    session = db.session()
    if not session.in_transaction():
        return  # nothing read yet: the first statement begins IMMEDIATE
    # SQLAlchemy keeps its transaction and connection; only SQLite's changes from a snapshot read
    # to a write. Cheaper than a commit and a new transaction from the pool, on every POST.
    driver = session.connection().connection.driver_connection
    driver.execute("COMMIT")
    driver.execute("BEGIN IMMEDIATE")
    for obj in list(session.identity_map.values()):
        if names := _non_key_columns(type(obj)):
            session.expire(obj, names)


@cache
def _non_key_columns(cls) -> list[str]:
    return [prop.key for prop in inspect(cls).column_attrs if not any(col.primary_key for col in prop.columns)]


def _back_to_default(_exc=None):
    SQLITE_BEGIN.set("IMMEDIATE")


def init_app(app) -> None:
    """Install the hooks for a SQLite database; call after guard.init_app (the access check reads first)."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    # Before every other before_request hook (CSRF, the access check); the switch to writing after them.
    app.before_request_funcs.setdefault(None, []).insert(0, _reads_first)
    app.before_request(_writes_from_here)
    app.teardown_request(_back_to_default)
