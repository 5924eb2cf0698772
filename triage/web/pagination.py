"""Page through a SQLAlchemy select with a page number from the query string."""
from flask import current_app, request

from triage.extensions import db


def paginate(select):
    page = request.args.get("page", 1, type=int) or 1
    return db.paginate(select, page=max(page, 1), per_page=current_app.config["PAGE_SIZE"],
                       error_out=False)
