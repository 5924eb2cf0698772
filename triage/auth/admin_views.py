"""Admin pages: list, create, edit, deactivate and reactivate staff accounts; their sessions and API tokens."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import or_, select

from triage.auth import services
from triage.auth.forms import TokenForm, UserCreateForm, UserEditForm
from triage.auth.models import ROLE_LABELS, ApiToken, Role, User
from triage.auth.session import start_session
from triage.errors import ServiceError
from triage.extensions import db
from triage.web.forms import ConfirmForm
from triage.web.guard import roles
from triage.web.i18n import gettext as _
from triage.web.pagination import paginate

bp = Blueprint("admin", __name__, url_prefix="/beheer")


def _get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def _form_error(form, error: ServiceError) -> None:
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, str(error)]
    else:
        form.form_errors.append(str(error))


@bp.get("/accounts")
@roles("admin")
def users():
    query = select(User).order_by(User.active.desc(), User.name)
    search = request.args.get("q", "").strip()[:100]
    role = request.args.get("rol", "")
    if search:
        like = f"%{search.lower()}%"
        query = query.where(or_(User.email.ilike(like), User.name.ilike(like)))
    if role in ROLE_LABELS:
        query = query.where(User.role == Role(role))
    return render_template("admin/users.html", page=paginate(query), search=search, role=role,
                           role_labels=ROLE_LABELS)


@bp.route("/accounts/nieuw", methods=["GET", "POST"])
@roles("admin")
def user_create():
    form = UserCreateForm()
    if form.validate_on_submit():
        try:
            user = services.create_user(form.email.data, form.name.data, form.role.data,
                                        form.password.data)
        except ServiceError as error:
            db.session.rollback()
            _form_error(form, error)
        else:
            db.session.commit()
            flash(_("Account voor %(name)s is gemaakt.", name=user.name), "success")
            return redirect(url_for("admin.users"))
    status = 400 if request.method == "POST" else 200
    return render_template("admin/user_form.html", form=form, user=None), status


@bp.route("/accounts/<int:user_id>", methods=["GET", "POST"])
@roles("admin")
def user_edit(user_id: int):
    user = _get_user(user_id)
    form = UserEditForm(obj=None if request.method == "POST" else user)
    if request.method == "GET":
        form.role.data = user.role.value
    if form.validate_on_submit():
        try:
            if user.id == current_user.id and form.role.data != "admin":
                raise ServiceError(_("Je kan je eigen rol als beheerder niet afnemen."), field="role")
            services.update_user(user, form.name.data, form.role.data)
            if form.password.data:
                services.set_password(user, form.password.data)
        except ServiceError as error:
            db.session.rollback()
            _form_error(form, error)
        else:
            db.session.commit()
            if form.password.data and user.id == current_user.id:
                start_session(user)  # a new password ends every session; keep this one
            flash(_("Account van %(name)s is opgeslagen.", name=user.name), "success")
            return redirect(url_for("admin.users"))
    status = 400 if request.method == "POST" else 200
    # Its own prefix: the token's "name" field must not share an id with the account's name.
    token_form = TokenForm(formdata=None, prefix="token")
    return render_template("admin/user_form.html", form=form, user=user, token_form=token_form,
                           tokens=sorted(user.tokens, key=lambda t: t.id, reverse=True)), status


@bp.route("/accounts/<int:user_id>/actief", methods=["GET", "POST"])
@roles("admin")
def user_toggle(user_id: int):
    """Ask for confirmation, then switch the account off (or on again)."""
    user = _get_user(user_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            services.set_active(user, not user.active, acting=current_user)
        except ServiceError as error:
            db.session.rollback()
            flash(str(error), "error")
            return redirect(url_for("admin.user_edit", user_id=user.id))
        db.session.commit()
        if user.active:
            flash(_("Account van %(name)s is weer actief.", name=user.name), "success")
        else:
            flash(_("Account van %(name)s is uitgeschakeld.", name=user.name), "success")
        return redirect(url_for("admin.users"))
    status = 400 if request.method == "POST" else 200
    return render_template("admin/user_toggle.html", form=form, user=user), status


def _confirm_then(user: User, action, done: str, title: str, text: str, button: str):
    """The confirmation step: a confirmed POST runs `action`, commits and goes back to the account."""
    form = ConfirmForm()
    if form.validate_on_submit():
        action()
        db.session.commit()
        flash(done, "success")
        return redirect(url_for("admin.user_edit", user_id=user.id))
    status = 400 if request.method == "POST" else 200
    return render_template("admin/confirm.html", form=form, user=user, title=title, text=text,
                           button=button), status


@bp.route("/accounts/<int:user_id>/afmelden", methods=["GET", "POST"])
@roles("admin")
def user_sessions(user_id: int):
    """Ask for confirmation, then end every session of the account (a lost or shared computer)."""
    user = _get_user(user_id)

    def log_out_everywhere():
        services.end_sessions(user)
        if user.id == current_user.id:
            start_session(user)  # on the new generation: this session goes on

    return _confirm_then(user, log_out_everywhere, _("%(name)s is overal afgemeld.", name=user.name),
                         _("%(name)s overal afmelden?", name=user.name),
                         _("Elke sessie van dit account stopt meteen, ook op andere computers en toestellen. "
                           "API-tokens blijven werken."), _("Ja, overal afmelden"))


@bp.post("/accounts/<int:user_id>/tokens")
@roles("admin")
def token_create(user_id: int):
    """Make an API token for the account's current role and show it once."""
    user = _get_user(user_id)
    form = TokenForm(prefix="token")
    if not form.validate():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "error")
        return redirect(url_for("admin.user_edit", user_id=user.id))
    try:
        token = services.create_token(user, form.name.data)
    except ServiceError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("admin.user_edit", user_id=user.id))
    db.session.commit()
    return render_template("admin/token_created.html", user=user, token=token, name=form.name.data)


@bp.route("/accounts/<int:user_id>/tokens/<int:token_id>/intrekken", methods=["GET", "POST"])
@roles("admin")
def token_revoke(user_id: int, token_id: int):
    user = _get_user(user_id)
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        abort(404)
    label = token.name or token.id
    return _confirm_then(user, lambda: services.revoke_token(token),
                         _("Het API-token %(label)s van %(name)s is ingetrokken.", label=label, name=user.name),
                         _("API-token %(label)s intrekken?", label=label),
                         _("Programma's die dit token gebruiken, krijgen meteen geen toegang meer. "
                           "Dit kan je niet ongedaan maken; maak zo nodig een nieuw token."), _("Ja, intrekken"))
