"""A digihelper's pages: my cases, the open pool, one case with its lifecycle actions (phone first)."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from triage.catalogue.codes import KIND_LABELS, NEEDS, THEMES, language_label
from triage.db import utcnow
from triage.errors import ServiceError
from triage.extensions import db
from triage.intake.models import HelpRequest, RequestStatus
from triage.referrals import case_queries, case_services, services
from triage.referrals.case_forms import ACTIONS
from triage.referrals.lifecycle import (
    CONTACT_RESULTS,
    DECLINE_REASONS,
    OUTCOMES,
    STATUS_LABELS,
    allowed_actions,
)
from triage.referrals.models import OPEN_STATUSES, Referral, Status
from triage.web.audit import viewed
from triage.web.filters import to_brussels
from triage.web.forms import BaseForm
from triage.web.guard import roles
from triage.web.i18n import gettext as _
from triage.web.i18n import lazy_gettext as _l
from triage.web.pagination import paginate, paginate_rows

bp = Blueprint("cases", __name__, url_prefix="/dossiers")

STALE = _l("Iemand anders heeft deze doorverwijzing net gewijzigd. Bekijk de nieuwe toestand en probeer opnieuw.")
# The service action behind each URL word, and the reverse for the page's forms.
WORD_OF = {action: word for word, (action, _form, _done) in ACTIONS.items()}
EVENT_LABELS = {"contact": "Contactpoging", "reminder": "Herinnering verstuurd",
                "escalation": "Doorgegeven aan de coördinator"}


@bp.app_template_filter("days_ago")
def days_ago(value) -> str:
    if not value:
        return ""
    days = max((to_brussels(utcnow()).date() - to_brussels(value).date()).days, 0)
    return {0: "vandaag", 1: "gisteren"}.get(days, f"{days} dagen geleden")


# Labels for the templates; statuses keyed by their stored value, as events store them.
CASE_LABELS = {"status": {s.value: label for s, label in STATUS_LABELS.items()}, "kind": KIND_LABELS,
               "theme": THEMES, "need": NEEDS, "reason": DECLINE_REASONS, "outcome": OUTCOMES,
               "contact": CONTACT_RESULTS, "event": EVENT_LABELS}


@bp.app_template_filter("case_label")
def case_label(value, kind: str, default=None) -> str:
    """{{ req.theme|case_label('theme', 'onbekend') }}: the Dutch label, else the default, else the value.

    A filter rather than case_labels.theme.get(...) in a template: Jinja calls a filter directly,
    a method through its context, which costs several times more on a page with many cards."""
    return CASE_LABELS[kind].get(value, value if default is None else default)


@bp.app_template_filter("language_name")
def language_name(code) -> str:
    return language_label(code)


@bp.app_template_filter("iso_utc")
def iso_utc(value) -> str:
    """A naive UTC timestamp for a <time datetime=...> attribute."""
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


@bp.app_context_processor
def _helpers():
    return {"digihelper_overview": _overview, "case_labels": CASE_LABELS, "language_label": language_label}


def _overview():
    """For the start page: counts of the current digihelper's cases, or None when unlinked."""
    entry = case_queries.digihelper_for_user(current_user)
    if entry is None:
        return None
    return {**case_queries.case_counts(entry), "max": entry.max_open_cases}


def _entry():
    return case_queries.digihelper_for_user(current_user)


def _unlinked():
    return render_template("referrals/unlinked.html")


def _case(entry, referral_id: int) -> Referral:
    referral = case_queries.find_case(entry, referral_id)
    if referral is None:
        abort(404)  # also for another digihelper's case: do not reveal that it exists
    return referral


def _show_contact(referral: Referral, request: HelpRequest) -> bool:
    """Contact details only with the citizen's consent, and only while the case is open."""
    return request.contact_consent and request.erased_at is None and referral.status in OPEN_STATUSES


@bp.get("/")
@roles("digihelper")
def index():
    entry = case_queries.helper_profile(current_user)
    if entry is None:
        return _unlinked()
    # New and ongoing in one query (oldest first, as before), split here; their lengths are the counts.
    open_cases = case_queries.case_cards(entry, OPEN_STATUSES)
    for card, req in open_cases:  # open cases show the question and, with consent, the contact details
        viewed("referral", card.id, req.reference, detail="lijst")
    new = [row for row in open_cases if row[0].status in case_queries.NEW]
    ongoing = [row for row in open_cases if row[0].status in case_queries.ONGOING]
    # The most recent few finished cases; one more is fetched to know whether to link to all of them.
    finished = case_queries.case_cards(entry, case_queries.FINISHED, recent_days=case_queries.RECENT_DAYS,
                                       limit=case_queries.RECENT_LIMIT + 1)
    more_finished = len(finished) > case_queries.RECENT_LIMIT
    finished = finished[:case_queries.RECENT_LIMIT]
    sections = [
        ("nieuw", "Nieuw voor jou", new,
         "Geen nieuwe vragen. Je krijgt een e-mail zodra de balie een vraag aan jou doorgeeft."),
        ("lopend", "Lopend", ongoing, "Je hebt geen lopende dossiers."),
        ("afgesloten", f"Afgesloten (laatste {case_queries.RECENT_DAYS} dagen)", finished,
         "Nog niets afgesloten de laatste tijd."),
    ]
    counts = {"new": len(new), "ongoing": len(ongoing), "open": len(open_cases),
              "pool": case_queries.pool_count(entry)}
    return render_template("referrals/cases.html", entry=entry, sections=sections, counts=counts,
                           show_contact=_show_contact, more_finished=more_finished)


@bp.get("/afgesloten")
@roles("digihelper")
def finished():
    entry = case_queries.digihelper_for_user(current_user, organisation=False)
    if entry is None:
        return _unlinked()
    return render_template("referrals/finished.html", page=paginate_rows(case_queries.finished_cards_query(entry)),
                           show_contact=_show_contact)


@bp.get("/pool")
@roles("digihelper")
def pool():
    entry = _entry()
    if entry is None:
        return _unlinked()
    counts = case_queries.case_counts(entry)
    full = entry.max_open_cases is not None and counts["open"] >= entry.max_open_cases
    return render_template("referrals/pool.html", entry=entry, page=paginate(case_queries.pool_for(entry)),
                           counts=counts, full=full)


@bp.post("/pool/<int:request_id>/opnemen")
@roles("digihelper")
def pick_up(request_id: int):
    entry = _entry()
    if entry is None:
        return redirect(url_for("cases.index"))
    help_request = db.session.get(HelpRequest, request_id)
    # A pooled request outside this digihelper's pool is not theirs to see.
    if help_request is None or (help_request.status is RequestStatus.POOL
                                and not case_queries.in_pool_of(entry, request_id)):
        abort(404)
    if not BaseForm().validate_on_submit():
        return redirect(url_for("cases.pool"))
    try:
        referral = case_services.pick_up(help_request, entry, current_user.id)
        db.session.commit()
    except ServiceError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("cases.pool"))
    flash(_("Je hebt vraag %(reference)s opgenomen. Neem contact op met de burger.", reference=help_request.reference),
          "success")
    return redirect(url_for("cases.case", referral_id=referral.id))


def _forms(referral: Referral, submitted=None) -> dict:
    """A fresh form for every step the case allows now; the submitted one keeps its data and errors."""
    words = [WORD_OF[a] for a in allowed_actions(referral.mode, referral.status) if a in WORD_OF]
    if referral.status in OPEN_STATUSES:
        words.append("contact")
    forms = {w: ACTIONS[w][1](formdata=None, prefix=w, version=referral.version) for w in words}
    if submitted is not None:
        forms[submitted[0]] = submitted[1]
    return forms


def _render_case(entry, referral: Referral, submitted=None):
    request = db.session.get(HelpRequest, referral.request_id)
    viewed("referral", referral.id, request.reference)
    return render_template("referrals/case.html", entry=entry, referral=referral, req=request,
                           forms=_forms(referral, submitted), open_form=submitted[0] if submitted else None,
                           show_contact=_show_contact(referral, request),
                           timeline=case_queries.timeline(referral))


@bp.get("/<int:referral_id>")
@roles("digihelper")
def case(referral_id: int):
    entry = _entry()
    if entry is None:
        return _unlinked()
    return _render_case(entry, _case(entry, referral_id))


def _act(referral_id: int, word: str):
    """Load my case, validate, call one service, commit once, then flash and redirect (or show the errors)."""
    entry = _entry()
    if entry is None:
        return redirect(url_for("cases.index"))
    referral = _case(entry, referral_id)
    action, form_class, done = ACTIONS[word]
    form = form_class(prefix=word)
    back = redirect(url_for("cases.case", referral_id=referral.id))
    if not form.validate_on_submit():
        return _render_case(entry, referral, (word, form)), 400
    try:
        if action == "contact":
            services.log_contact(referral, form.result.data, current_user.id, form.note.data)
        else:
            services.transition(referral, action, current_user.id, expected_version=form.expected_version(),
                                reason=form.reason.data if action == "decline" else None,
                                outcome=form.outcome.data if action == "close" else None,
                                note=form.note.data if hasattr(form, "note") else None)
        db.session.commit()
    except ServiceError as error:
        db.session.rollback()
        field = getattr(form, error.field, None) if error.field else None
        if field is None:
            flash(str(error), "error")
            return back
        field.errors = [*field.errors, str(error)]
        return _render_case(entry, referral, (word, form)), 400
    except StaleDataError:
        db.session.rollback()
        flash(str(STALE), "error")
        return back
    flash(str(done), "success")
    if referral.status in (Status.DECLINED, Status.CLOSED):
        return redirect(url_for("cases.index"))
    return back


@bp.post("/<int:referral_id>/aanvaarden")
@roles("digihelper")
def accept(referral_id: int):
    return _act(referral_id, "aanvaarden")


@bp.post("/<int:referral_id>/weigeren")
@roles("digihelper")
def decline(referral_id: int):
    return _act(referral_id, "weigeren")


@bp.post("/<int:referral_id>/starten")
@roles("digihelper")
def start(referral_id: int):
    return _act(referral_id, "starten")


@bp.post("/<int:referral_id>/contact")
@roles("digihelper")
def contact(referral_id: int):
    return _act(referral_id, "contact")


@bp.post("/<int:referral_id>/afsluiten")
@roles("digihelper")
def close(referral_id: int):
    return _act(referral_id, "afsluiten")
