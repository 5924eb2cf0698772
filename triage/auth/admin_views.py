"""Admin pages: list, create, edit, deactivate and reactivate staff accounts."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import or_, select

from triage.auth import services
from triage.auth.forms import UserCreateForm, UserEditForm
from triage.auth.models import ROLE_LABELS, Role, User
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
            flash(_("Account van %(name)s is opgeslagen.", name=user.name), "success")
            return redirect(url_for("admin.users"))
    status = 400 if request.method == "POST" else 200
    return render_template("admin/user_form.html", form=form, user=user,
                           confirm=ConfirmForm()), status


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
