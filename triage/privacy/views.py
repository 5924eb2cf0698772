"""The coordinator's page "Gegevens van een burger": find everything about a citizen, export it, erase it.

Every step is a POST: a phone number or e-mail address never appears in a URL (or a server log),
and the requests found travel to the export and the erasure in the form.
"""
from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for

from triage.db import utcnow
from triage.extensions import db
from triage.privacy import citizens, erasure, export
from triage.privacy.forms import SEARCH_BY, CitizenSearchForm, EraseForm, ExportForm, SelectionForm
from triage.referrals.models import OPEN_STATUSES
from triage.web.audit import viewed
from triage.web.guard import roles
from triage.web.i18n import gettext as _
from triage.web.i18n import lazy_gettext as _l

bp = Blueprint("privacy", __name__, url_prefix="/gegevens")
COORDINATOR = ("coordinator",)
START_OVER = _l("Zoek eerst de gegevens van een burger.")
NOTHING_FOUND = _l("Deze vragen bestaan niet (meer). Zoek opnieuw.")
# What a search was on, in the audit log's words (data: Dutch whatever the page's language).
SEARCHED_ON = {"reference": "referentiecode", "phone": "telefoonnummer", "email": "e-mailadres"}


def _page(form, data=None, status: int = 200):
    refs = ",".join(data.references) if data else ""
    document = export.document(data, utcnow()) if data and data.requests else None
    return render_template("privacy/citizen.html", form=form, data=data, search_by=SEARCH_BY, document=document,
                           export_form=ExportForm(formdata=None, refs=refs),
                           erase_form=SelectionForm(formdata=None, refs=refs)), status


@bp.route("/", methods=["GET", "POST"])
@roles(*COORDINATOR)
def search():
    form = CitizenSearchForm()
    if not form.validate_on_submit():
        return _page(form, status=400 if request.method == "POST" else 200)
    data = citizens.find_citizen(form.by.data, form.value.data)
    viewed("citizen", None, action="searched",
           detail=f"op {SEARCHED_ON[form.by.data]}: {len(data.requests)} vraag/vragen")
    for req in data.requests:
        viewed("request", req.id, req.reference)
    return _page(form, data)


def _selection(form) -> citizens.CitizenData | None:
    """The requests the form names (grown to the whole citizen), or None after a flash."""
    if not form.selection_ok():
        flash(str(START_OVER), "error")
        return None
    data = citizens.gather(citizens.requests_by_reference(form.references()))
    if not data.requests:
        flash(str(NOTHING_FOUND), "error")
        return None
    return data


@bp.post("/export")
@roles(*COORDINATOR)
def download():
    form = ExportForm()
    data = _selection(form)
    if data is None or not form.validate_on_submit():
        if data is not None:
            flash(_("Kies een soort bestand."), "error")
        return redirect(url_for("privacy.search"))
    doc = export.document(data, utcnow())
    for req in data.requests:
        viewed("request", req.id, req.reference, action="exported", detail=form.format.data)
    if form.format.data == "json":
        response = make_response(export.as_json(doc))
        response.mimetype = "application/json"
    else:
        response = make_response(render_template("privacy/export.html", doc=doc))
    name = f"gegevens-{data.requests[0].reference}.{form.format.data}"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _erase_page(data, form, status: int = 200):
    live = [r for rs in data.referrals.values() for r in rs if r.status in OPEN_STATUSES]
    erased = [r for r in data.requests if r.erased_at is not None]
    return render_template("privacy/erase.html", data=data, form=form, live=live, erased=erased), status


@bp.post("/wissen")
@roles(*COORDINATOR)
def erase_confirm():
    data = _selection(SelectionForm())
    if data is None:
        return redirect(url_for("privacy.search"))
    return _erase_page(data, EraseForm(formdata=None, refs=",".join(data.references)))


@bp.post("/wissen/bevestigd")
@roles(*COORDINATOR)
def erase():
    form = EraseForm()
    data = _selection(form)
    if data is None:
        return redirect(url_for("privacy.search"))
    if not form.validate_on_submit():
        return _erase_page(data, form, 400)
    result = erasure.erase_requests([r.id for r in data.requests], form.reason.data)
    db.session.commit()
    if result.requests:
        flash(_("De persoonsgegevens van %(num)s vraag/vragen zijn gewist. De anonieme cijfers voor de rapporten "
                "blijven bewaard.", num=result.requests), "success")
    else:
        flash(_("Deze gegevens waren al gewist."), "success")
    return redirect(url_for("privacy.search"))
