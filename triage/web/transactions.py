"""SQLite transactions in a request: reading needs no write lock, writing takes it up front.

Every SQLite transaction begins IMMEDIATE by default (triage/db.py): a transaction that reads and
then writes must hold the write lock from its first statement, or it fails when another writer
commits in between. Held by a whole request, from loading the logged-in user to the end of the
page, that lock lines every request up behind every other one. So in a request:

* GET, HEAD and OPTIONS only read (no view writes on them): their transactions begin deferred and
  read a WAL snapshot without waiting for writers or making writers wait.
* Other methods read the logged-in user in a deferred transaction too. After the access check,
  before the view runs, that read ends (COMMIT) on the same connection, and the connection's next
  statement begins with BEGIN IMMEDIATE (triage/db.py): the write lock is taken at the view's first
  query, after its form checks and classification, and held until its commit. From then on the
  view's reads and writes are one atomic, serialised transaction, as before; objects read before
  have their columns expired, so a view that uses them reads them again under the lock.
* A view marked @reads_first (login, changing your own password) stays in its snapshot read until
  its service calls triage.db.write_from_here: argon2 takes a tenth of a second on purpose, and
  nobody else's write should wait for it.

On PostgreSQL these hooks are not installed. On both, a request that only read ends with COMMIT
(_end_reads), which keeps psycopg's prepared statements.
"""
from flask import current_app, request

from triage.db import SQLITE_BEGIN, write_from_here
from triage.extensions import db

READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def reads_first(view):
    """For a view that does slow work on what it read before it writes (checking a password): its
    transaction stays a snapshot read until it calls triage.db.write_from_here."""
    view.reads_first = True
    return view


def _reads_first():
    SQLITE_BEGIN.set("DEFERRED")


def _writes_from_here():
    if request.method in READ_ONLY_METHODS:
        return
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "reads_first", False):
        return
    write_from_here(db.session())


def _back_to_default(_exc=None):
    SQLITE_BEGIN.set("IMMEDIATE")


def _end_reads(exc=None):
    """A request that only read ends its transaction with COMMIT, not the ROLLBACK the session's removal
    would send: the same for a read, but psycopg forgets its prepared statements at every ROLLBACK, so
    PostgreSQL would parse and plan every query of every page again."""
    if exc is not None or request.method not in READ_ONLY_METHODS:
        return
    session = db.session()
    if session.in_transaction() and not (session.new or session.dirty or session.deleted):
        session.commit()


def init_app(app) -> None:
    """Install the hooks; call after guard.init_app (the access check reads first)."""
    app.teardown_request(_end_reads)
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    # Before every other before_request hook (CSRF, the access check); the switch to writing after them.
    app.before_request_funcs.setdefault(None, []).insert(0, _reads_first)
    app.before_request(_writes_from_here)
    app.teardown_request(_back_to_default)
