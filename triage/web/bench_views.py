"""Reference routes for the HTTP benchmark only: registered when TRIAGE_BENCHMARK_ROUTES is set."""
from flask import Blueprint
from sqlalchemy import Column, Integer, MetaData, String, Table, insert

from triage.extensions import csrf, db
from triage.web.guard import public

bp = Blueprint("bench", __name__, url_prefix="/_bench")
csrf.exempt(bp)
# Not part of the app's schema: the benchmark creates it beside the real tables.
bench_rows = Table("bench_rows", MetaData(), Column("id", Integer, primary_key=True), Column("note", String(40)))


@bp.get("/bare")
@public
def bare():
    return "ok"


@bp.post("/insert")
@public
def plain_insert():
    db.session.execute(insert(bench_rows).values(note="x"))
    db.session.commit()
    return "ok"
