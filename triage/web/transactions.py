"""SQLite transactions in a request: reading needs no write lock, writing takes it up front.

Every SQLite transaction begins IMMEDIATE by default (triage/db.py): a transaction that reads and
then writes must hold the write lock from its first statement, or it fails when another writer
commits in between. Held by a whole request, from loading the logged-in user to the end of the
page, that lock lines every request up behind every other one. So in a request:

* GET, HEAD and OPTIONS only read (no view writes on them): their transactions begin deferred and
  read a WAL snapshot without waiting for writers or making writers wait.
* Other methods read the logged-in user in a deferred transaction too. After the access check,
  before the view runs, that read is committed and from then on every transaction begins
  IMMEDIATE, as before: the view's reads and writes stay one atomic, serialised transaction, in
  which the user's columns are read again if the view uses them.

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
    session = db.session()
    if session.in_transaction():
        # End the read that found the user. Its columns other than the key are expired, so a view
        # that reads them (a logout bumps session_generation) reads them again inside its write
        # transaction, while current_user.id costs no query.
        session.expire_on_commit = False
        try:
            session.commit()
        finally:
            session.expire_on_commit = True
        for obj in list(session.identity_map.values()):
            if names := _non_key_columns(type(obj)):
                session.expire(obj, names)
    SQLITE_BEGIN.set("IMMEDIATE")


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
