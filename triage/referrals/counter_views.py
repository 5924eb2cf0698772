"""The counter's pages on a logged request: suggestions, correction, referral, solved, pool, gap, slip."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from triage.catalogue.codes import ENTRY_TYPES, KIND_LABELS, LANGUAGES, NEEDS, THEMES
from triage.catalogue.models import MODEL_BY_TYPE, CatalogueEntry
from triage.errors import ServiceError
from triage.extensions import db
from triage.intake import services as intake
from triage.intake.labels import REQUEST_STATUS_LABELS
from triage.intake.models import HelpRequest, RequestStatus
from triage.referrals import counter_queries, lifecycle, services, suggest
from triage.referrals import slip as citizen_slip
from triage.referrals.counter_forms import LabelForm, ReferForm, ReferralActionForm, SolvedForm
from triage.referrals.models import Referral
from triage.web.audit import viewed
from triage.web.forms import BaseForm
from triage.web.guard import roles
from triage.web.i18n import gettext as _
from triage.web.i18n import lazy_gettext as _l
from triage.web.pagination import paginate, paginate_rows

bp = Blueprint("counter", __name__, url_prefix="/balie")
COUNTER = ("balie", "coordinator", "admin")
STALE = _l("Iemand anders heeft deze doorverwijzing net gewijzigd. Bekijk de nieuwe toestand en probeer opnieuw.")


@bp.app_context_processor
def _labels():
    return {"kind_labels": KIND_LABELS, "status_labels": lifecycle.STATUS_LABELS,
            "outcome_labels": lifecycle.OUTCOMES, "decline_labels": lifecycle.DECLINE_REASONS,
            "mode_labels": lifecycle.MODE_LABELS, "need_labels": NEEDS, "language_labels": LANGUAGES,
            "request_status_labels": REQUEST_STATUS_LABELS}


def _request_or_404(reference: str) -> HelpRequest:
    found = intake.find_by_reference(reference)
    if found is None:
        abort(404)
    return found


def _back(help_request: HelpRequest):
    return redirect(url_for("counter.request_page", reference=help_request.reference))


def _commit_or_flash(action, help_request: HelpRequest, success: str):
    """Run one service call; commit and flash success, or roll back and flash why not."""
    try:
        action()
        db.session.commit()
    except ServiceError as error:
        db.session.rollback()
        flash(str(error), "error")
    except StaleDataError:
        db.session.rollback()
        flash(str(STALE), "error")
    else:
        flash(str(success), "success")
    return _back(help_request)


@bp.get("/")
@roles(*COUNTER)
def dashboard():
    lists = {name: db.paginate(counter_queries.requests_list(name, current_user.id), page=1, per_page=10,
                               error_out=False) for name in ("wachtend", "vandaag", "mijn")}
    follow_ups = db.session.execute(counter_queries.follow_ups_due().limit(10)).all()
    return render_template("counter/dashboard.html", lists=lists, titles=counter_queries.LISTS,
                           follow_ups=follow_ups)


@bp.get("/lijst/<name>")
@roles(*COUNTER)
def full_list(name: str):
    if name not in counter_queries.LISTS:
        abort(404)
    if name == "opvolgen":
        page = paginate_rows(counter_queries.follow_ups_due())  # (referral, request) rows
        return render_template("counter/follow_ups.html", page=page, title=counter_queries.LISTS[name])
    page = paginate(counter_queries.requests_list(name, current_user.id))
    return render_template("counter/list.html", page=page, name=name, title=counter_queries.LISTS[name])


@bp.get("/vraag/<reference>")
@roles(*COUNTER)
def request_page(reference: str):
    help_request = _request_or_404(reference)
    referrals = services.request_referrals(help_request)
    live = next((r for r in referrals if r.status.value in ("proposed", "accepted", "in_progress")), None)
    result = None if live or help_request.status in (RequestStatus.SOLVED, RequestStatus.CLOSED) \
        else suggest.suggestions_for(help_request)
    label_form = LabelForm(formdata=None, kind=help_request.kind, theme=help_request.theme,
                           theme2=help_request.theme2 or "")
    targets = {r.target_id: db.session.get(CatalogueEntry, r.target_id) for r in referrals}
    viewed("request", help_request.id, help_request.reference)
    return render_template("counter/request.html", req=help_request, referrals=referrals, live=live,
                           result=result, label_form=label_form, solved_form=SolvedForm(formdata=None),
                           action_form=ReferralActionForm(formdata=None), form=BaseForm(), targets=targets,
                           theme_names=THEMES, entry_types=ENTRY_TYPES,
                           just_saved=request.args.get("nieuw") == "1")


@bp.post("/vraag/<reference>/indeling")
@roles(*COUNTER)
def labels(reference: str):
    help_request = _request_or_404(reference)
    form = LabelForm()
    if not form.validate():
        flash(_("Kies hulpvraag of leervraag en een thema."), "error")
        return _back(help_request)
    themes = [form.theme.data] + ([form.theme2.data] if form.theme2.data else [])
    return _commit_or_flash(lambda: intake.confirm_labels(help_request, form.kind.data, themes), help_request,
                            _("De indeling is bevestigd. De suggesties zijn aangepast."))


@bp.post("/vraag/<reference>/doorverwijzen")
@roles(*COUNTER)
def refer(reference: str):
    help_request = _request_or_404(reference)
    form = ReferForm()
    if not form.validate():
        flash(_("Kies een aanbod uit de lijst."), "error")
        return _back(help_request)
    entry_type, code = form.target.data.split(":", 1)
    model = MODEL_BY_TYPE[entry_type]
    entry = db.session.scalar(select(model).where(model.code == code))
    if entry is None:
        flash(_("Dit aanbod bestaat niet (meer)."), "error")
        return _back(help_request)
    try:
        services.create_referral(help_request, entry, current_user.id)
        db.session.commit()
    except ServiceError as error:
        db.session.rollback()
        flash(str(error), "error")
        return _back(help_request)
    flash(_("Doorverwezen naar %(name)s. Geef de burger het briefje mee.", name=entry.name), "success")
    return redirect(url_for("counter.slip", reference=help_request.reference))


@bp.post("/vraag/<reference>/opgelost")
@roles(*COUNTER)
def solved(reference: str):
    help_request = _request_or_404(reference)
    form = SolvedForm()
    if not form.validate():
        flash(_("Kies hoe de burger geholpen is."), "error")
        return _back(help_request)
    return _commit_or_flash(lambda: intake.mark_solved(help_request, form.outcome.data, form.note.data),
                            help_request, _("De vraag is afgesloten: ter plaatse geholpen."))


@bp.post("/vraag/<reference>/pool")
@roles(*COUNTER)
def pool(reference: str):
    help_request = _request_or_404(reference)
    if not BaseForm().validate():
        abort(400)
    return _commit_or_flash(lambda: intake.put_in_pool(help_request), help_request,
                            _("De vraag staat in de pool. Een digihelper kan ze nu opnemen."))


@bp.post("/vraag/<reference>/tekort")
@roles(*COUNTER)
def gap(reference: str):
    help_request = _request_or_404(reference)
    if not BaseForm().validate():
        abort(400)

    def record():
        intake.mark_gap(help_request)
        suggest.record_request_gap(help_request)

    return _commit_or_flash(record, help_request,
                            _("Genoteerd: er is geen passend aanbod. De coördinator ziet dit in de rapporten."))


@bp.post("/doorverwijzing/<int:referral_id>/<action>")
@roles(*COUNTER)
def referral_action(referral_id: int, action: str):
    referral = db.session.get(Referral, referral_id)
    if referral is None or action not in ("cancel", "close"):
        abort(404)
    help_request = db.session.get(HelpRequest, referral.request_id)
    form = ReferralActionForm()
    if not form.validate():
        flash(_("Het formulier was niet volledig. Probeer opnieuw."), "error")
        return _back(help_request)
    done = {"cancel": _("De doorverwijzing is geannuleerd."), "close": _("De doorverwijzing is afgesloten.")}
    return _commit_or_flash(
        lambda: services.transition(referral, action, current_user.id, expected_version=int(form.version.data),
                                    outcome=form.outcome.data, note=form.note.data),
        help_request, done[action])


@bp.get("/vraag/<reference>/briefje")
@roles(*COUNTER)
def slip(reference: str):
    help_request = _request_or_404(reference)
    referrals = services.request_referrals(help_request)
    referral = next((r for r in reversed(referrals) if r.status.value in ("proposed", "accepted", "in_progress")),
                    None)
    entry = db.session.get(CatalogueEntry, referral.target_id) if referral else None
    language = citizen_slip.slip_language(request.args.get("taal"), help_request)
    # In another language, a Dutch copy follows for whoever the citizen shows the slip to.
    copies = [citizen_slip.SlipText(code) for code in dict.fromkeys((language, citizen_slip.SOURCE_LANGUAGE))]
    slips = [(texts, citizen_slip.slip_content(help_request, referral, entry, texts)) for texts in copies]
    viewed("request", help_request.id, help_request.reference, detail="briefje")
    return render_template("counter/slip.html", req=help_request, slips=slips, language=language,
                           languages=citizen_slip.language_choices())


