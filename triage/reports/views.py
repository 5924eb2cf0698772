"""Coordinator report pages: the dashboard with filters, CSV downloads of every table, the printable monthly report."""
import re
from datetime import date, timedelta

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_login import current_user

from triage.catalogue.codes import ENTRY_TYPES, KIND_LABELS, THEMES
from triage.catalogue.queries import organisation_choices
from triage.db import utcnow
from triage.extensions import db
from triage.reports import csv_export, sections
from triage.reports.periods import PERIODS, Period, PeriodError, month_label, parse_month, resolve, today_in_brussels
from triage.reports.tables import cell_text
from triage.web.guard import roles

bp = Blueprint("reports", __name__, url_prefix="/rapporten")
READERS = ("coordinator", "admin")
_POSTCODE = re.compile(r"^[1-9][0-9]{3}$")
# Query-string name -> Filters field; each a code from a fixed list (the postcode is checked apart).
CRITERIA = {"thema": "theme", "soort": "kind", "kanaal": "channel", "postcode": "postcode",
            "doeltype": "target_type", "organisatie": "organisation"}
LABELS = {"thema": "Thema", "soort": "Soort vraag", "kanaal": "Kanaal", "postcode": "Postcode",
          "doeltype": "Soort aanbod", "organisatie": "Organisatie"}


@bp.app_template_filter("report_cell")
def report_cell(value, kind: str) -> str:
    return cell_text(value, kind)


def _choices() -> dict:
    return {"thema": THEMES, "soort": KIND_LABELS, "kanaal": sections.CHANNELS, "doeltype": ENTRY_TYPES,
            "organisatie": dict(organisation_choices(db.session))}


def read_filters(args, choices: dict) -> tuple[Period | None, dict, dict, list[str]]:
    """(period, Filters keywords, the form's values, Dutch errors) from the query string."""
    errors = []
    values = {name: args.get(name, "").strip()[:100] for name in ("periode", "van", "tot", *CRITERIA)}
    period = None
    try:
        period = resolve(values["periode"], values["van"], values["tot"], today_in_brussels())
        values["periode"] = period.key
        if period.key != "aangepast":
            # Dates only count for a custom period: show the form as it was used.
            values["van"] = values["tot"] = ""
    except PeriodError as error:
        errors.append(str(error))
    criteria = {}
    for name, field in CRITERIA.items():
        value = values[name]
        if not value:
            continue
        if name == "postcode":
            if not _POSTCODE.match(value):
                errors.append("De postcode is niet geldig. Vul 4 cijfers in, bijvoorbeeld 2800.")
                continue
        elif value not in choices[name]:
            # Only a changed address gets here: the form offers known codes only.
            errors.append(f"{LABELS[name]}: onbekende waarde. Kies een waarde uit de lijst.")
            continue
        criteria[field] = value
    return period, criteria, values, errors


def _context(period: Period, criteria: dict, prefix: str) -> sections.Context:
    return sections.Context(period=period, criteria=criteria, now=utcnow(),
                            sees_small_counts=current_user.has_role("coordinator"),
                            postcode_names=current_app.config.get("POSTCODE_NAMES") or {}, prefix=prefix)


def _active(values: dict, choices: dict) -> list[str]:
    """The filters in use, in words, for the page heading and the printout."""
    return [f"{LABELS[name]}: {choices.get(name, {}).get(values[name], values[name])}"
            for name in CRITERIA if values.get(name)]


def _build(ctx: sections.Context) -> tuple[list[sections.Section], bool]:
    """The sections; when the period has no requests, only those that do not depend on it."""
    volumes = sections.volumes(ctx)
    if volumes.empty:
        return sections.build(ctx, ["aanbod", "verloop"]), True
    return [volumes, *sections.build(ctx, [k for k in sections.SECTIONS if k != "volumes"])], False


@bp.get("/")
@roles(*READERS)
def dashboard():
    choices = _choices()
    period, criteria, values, errors = read_filters(request.args, choices)
    context = {"values": values, "choices": choices, "periods": PERIODS, "errors": errors,
               "active": _active(values, choices)}
    if errors:
        return render_template("reports/dashboard.html", **context, period=None, report=[], empty=False,
                               csv_args={}), 400
    report, empty = _build(_context(period, criteria, "d"))
    csv_args = {k: v for k, v in values.items() if v}
    return render_template("reports/dashboard.html", **context, period=period, report=report, empty=empty,
                           csv_args=csv_args)


@bp.get("/csv/<table>")
@roles(*READERS)
def csv(table: str):
    if table not in sections.TABLES:
        abort(404)
    period, criteria, _values, errors = read_filters(request.args, _choices())
    if errors:
        return render_template("errors/error.html", code=400, title="Er klopt iets niet",
                               text=" ".join(errors)), 400
    found = sections.table(_context(period, criteria, "csv"), table)
    if found is None:
        abort(404)
    response = Response(csv_export.to_csv(found), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{csv_export.filename(found, period.start, period.end)}"')
    response.headers["Cache-Control"] = "no-store"
    return response


def _recent_months(today: date, count: int = 24) -> list[tuple[str, str]]:
    months, first = [], today.replace(day=1)
    for _ in range(count):
        months.append((first.strftime("%Y-%m"), month_label(first)))
        first = (first - timedelta(days=1)).replace(day=1)
    return months


@bp.get("/maand")
@roles(*READERS)
def month():
    today = today_in_brussels()
    try:
        start, end = parse_month(request.args.get("maand"), today)
    except PeriodError as error:
        return render_template("reports/month.html", error=str(error), months=_recent_months(today),
                               selected="", report=[]), 400
    period = Period("aangepast", start, end)
    report, empty = _build(_context(period, {}, "m"))
    previous = (start - timedelta(days=1)).strftime("%Y-%m")
    following = (end + timedelta(days=1))
    return render_template(
        "reports/month.html", error=None, months=_recent_months(today), selected=start.strftime("%Y-%m"),
        period=period, title=month_label(start), report=report, empty=empty, generated=today,
        previous_url=url_for(".month", maand=previous),
        next_url=url_for(".month", maand=following.strftime("%Y-%m")) if following <= today else None,
        csv_args={"periode": "aangepast", "van": start.isoformat(), "tot": end.isoformat()})
