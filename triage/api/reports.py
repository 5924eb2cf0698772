"""GET /api/v1/reports/summary: the dashboard's figures as JSON for the gemeente's own BI tools."""
import re
from datetime import date

from flask import Blueprint, jsonify, request
from flask_login import current_user

from triage.api.views import bad_request
from triage.db import utcnow
from triage.extensions import csrf
from triage.reports import queries
from triage.reports.periods import EARLIEST, LATEST, MAX_DAYS
from triage.reports.privacy import hide_small_digihelper_counts
from triage.web.guard import roles

bp = Blueprint("api_reports", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(name: str) -> date:
    """The query parameter as a date; ValueError with a Dutch message otherwise."""
    value = request.args.get(name, "").strip()
    if not value:
        raise ValueError(f"geef '{name}' mee als JJJJ-MM-DD, bijvoorbeeld ?from=2026-04-01&to=2026-04-30")
    try:
        if not _ISO_DATE.match(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{name}' is geen geldige datum: schrijf JJJJ-MM-DD, bijvoorbeeld 2026-04-30") from None


@bp.get("/reports/summary")
@roles("coordinator", "admin")
def summary():
    try:
        start, end = _date("from"), _date("to")
    except ValueError as error:
        return bad_request(str(error))
    if not (EARLIEST <= start <= LATEST and EARLIEST <= end <= LATEST):
        return bad_request("kies datums tussen 2000-01-01 en 2100-12-31")
    if end < start:
        return bad_request("'from' ligt na 'to': kies een begindatum die vóór de einddatum ligt")
    if (end - start).days + 1 > MAX_DAYS:
        return bad_request("de periode is te lang: vraag hoogstens 3 jaar op")
    data = queries.summary(queries.Filters(start, end), utcnow())
    if not current_user.has_role("coordinator"):
        # Per digihelper, counts under 5 are for coordinators only.
        data = hide_small_digihelper_counts(data)
    return jsonify(data)
