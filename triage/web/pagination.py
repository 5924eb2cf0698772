"""Page through a SQLAlchemy select with a page number from the query string."""
from flask import current_app, request
from flask_sqlalchemy.pagination import SelectPagination

from triage.extensions import db

# A page number past this is past every list (and its offset would overflow the database's integers).
MAX_PAGE = 100_000


def _page() -> int:
    return min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)


def paginate(select):
    return db.paginate(select, page=_page(), per_page=current_app.config["PAGE_SIZE"], error_out=False)


class RowPagination(SelectPagination):
    """A page of whole result rows (a select of several entities or bundles), not of one entity."""

    def _query_items(self) -> list:
        select = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return [tuple(row) for row in self._query_args["session"].execute(select)]


def paginate_rows(select):
    return RowPagination(select=select, session=db.session(), page=_page(),
                         per_page=current_app.config["PAGE_SIZE"], error_out=False)
