"""The counter's new-question form and the search by reference code."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from triage.errors import ServiceError
from triage.extensions import db
from triage.intake import services
from triage.intake.forms import IntakeForm
from triage.web.guard import roles
from triage.web.i18n import gettext as _

bp = Blueprint("intake", __name__, url_prefix="/balie")
COUNTER = ("balie", "coordinator", "admin")


def _intake_from(form: IntakeForm) -> services.Intake:
    return services.Intake(
        question=form.question.data, channel=form.channel.data, language=form.language.data,
        postcode=form.postcode.data or None, needs=tuple(form.needs.data or ()),
        target_groups=tuple(form.target_groups.data or ()), contact_name=form.contact_name.data or None,
        contact_phone=form.contact_phone.data or None, contact_email=form.contact_email.data or None,
        contact_reach_by=form.contact_reach_by.data or None, contact_consent=bool(form.contact_consent.data),
        idempotency_key=form.idempotency_key.data or None)


@bp.route("/nieuw", methods=["GET", "POST"])
@roles(*COUNTER)
def new():
    form = IntakeForm()
    if form.validate_on_submit():
        from triage.classify.store import current_classifier  # the model loads once per process

        try:
            # A double click or a resubmit after "back" carries the same key: the service returns
            # the first request, and the counter sees that one.
            stored = services.store_request(_intake_from(form), current_user.id, current_classifier())
        except ServiceError as error:
            db.session.rollback()
            field = getattr(form, error.field or "", None)
            (field.errors.append(str(error)) if field is not None else form.form_errors.append(str(error)))
        else:
            reference = stored.reference
            try:
                db.session.commit()
            except IntegrityError:
                # The same form was submitted twice at once; the other submit stored it.
                db.session.rollback()
                existing = services.find_by_idempotency_key(form.idempotency_key.data)
                if existing is None:
                    raise
                reference = existing.reference
            # The request page says "saved with code ..." from this parameter: a flash would ride in
            # the session cookie, and pile up there when a client does not follow the redirect.
            return redirect(url_for("counter.request_page", reference=reference, nieuw=1))
    status = 400 if request.method == "POST" else 200
    return render_template("intake/new.html", form=form), status


@bp.get("/zoeken")
@roles(*COUNTER)
def search():
    code = request.args.get("code", "").strip()[:20]
    found = services.find_by_reference(code) if code else None
    if found is None:
        flash(_("Geen vraag gevonden met code '%(code)s'. Controleer de code op het briefje.", code=code) if code
              else _("Vul een referentiecode in."), "error")
        return redirect(url_for("counter.dashboard"))
    return redirect(url_for("counter.request_page", reference=found.reference))
