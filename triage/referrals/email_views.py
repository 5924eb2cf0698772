"""The one-click answer from the digihelper's e-mail: GET shows a confirmation page, only POST changes anything."""
from flask import Blueprint, render_template, request
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from triage.catalogue.codes import KIND_LABELS, THEMES
from triage.catalogue.models import CatalogueEntry
from triage.errors import ServiceError
from triage.extensions import db
from triage.intake.models import HelpRequest
from triage.referrals import email_links
from triage.referrals.email_links import LinkRefused
from triage.referrals.lifecycle import DECLINE_REASONS
from triage.web.audit import viewed
from triage.web.forms import BaseForm, choices
from triage.web.guard import public

bp = Blueprint("email", __name__, url_prefix="/e")

TEMPLATE = "referrals/email_action.html"


class AcceptLinkForm(BaseForm):
    submit = SubmitField("Ja, ik help")


class DeclineLinkForm(BaseForm):
    # Checked by the service, which says what is missing on the field itself.
    reason = SelectField("Waarom kan je niet?", validate_choice=False,
                         choices=choices([("", "Kies een reden"), *DECLINE_REASONS.items()]))
    note = TextAreaField("Uitleg", description="Kort. Verplicht bij 'Andere reden'.",
                         validators=[Optional(), Length(max=2000, message="Maximaal 2000 tekens.")])
    submit = SubmitField("Nee, ik kan niet")


def _status() -> int:
    return 400 if request.method == "POST" else 200


def _refused(message: str):
    # A plain page, never a stack trace; 200 on GET like other "link no longer valid" pages.
    return render_template(TEMPLATE, refused=message), _status()


@bp.route("/<token>", methods=["GET", "POST"])
@public  # the signed token is the credential
def respond(token: str):
    try:
        link, referral = email_links.check_link(token)
    except LinkRefused as refused:
        return _refused(str(refused))
    form = DeclineLinkForm() if link.action == "decline" else AcceptLinkForm()
    if form.validate_on_submit():
        try:
            email_links.use_link(token, reason=getattr(form, "reason", None) and form.reason.data,
                                 note=getattr(form, "note", None) and form.note.data)
            db.session.commit()
        except ServiceError as error:
            db.session.rollback()
            field = getattr(form, error.field or "", None)
            if field is None:
                return _refused(str(error))
            field.errors = [*field.errors, str(error)]
        except (IntegrityError, StaleDataError):
            db.session.rollback()  # another click or a colleague was first
            return _refused("Deze doorverwijzing is net gewijzigd. Je antwoord is niet bewaard. Bel de balie.")
        else:
            return render_template(TEMPLATE, done=link.action)
    help_request = db.session.get(HelpRequest, referral.request_id)
    viewed("referral", referral.id, help_request.reference, detail="e-maillink")
    return render_template(TEMPLATE, form=form, action=link.action, referral=referral, help_request=help_request,
                           entry=db.session.get(CatalogueEntry, referral.target_id),
                           kind_labels=KIND_LABELS, themes=THEMES), _status()
