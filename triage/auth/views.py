"""Login and logout."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from triage.auth import services
from triage.auth.forms import LoginForm, LogoutForm
from triage.extensions import db
from triage.web.guard import any_staff, public
from triage.web.i18n import gettext as _
from triage.web.redirects import safe_next

bp = Blueprint("auth", __name__)

LOGIN_FAILED = "E-mailadres of wachtwoord is niet juist."
THROTTLED = ("Te veel mislukte pogingen. Wacht 15 minuten en probeer opnieuw, "
             "of vraag de beheerder om hulp.")


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data,
                                         request.remote_addr or "")
        except services.Throttled:
            db.session.rollback()
            form.form_errors.append(THROTTLED)
            return render_template("auth/login.html", form=form), 429
        db.session.commit()
        if user is not None:
            login_user(user)
            return redirect(safe_next(request.args.get("next")))
        form.form_errors.append(LOGIN_FAILED)
        status = 200
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@any_staff
def logout():
    form = LogoutForm()
    if form.validate_on_submit():
        services.end_sessions(current_user.record())
        db.session.commit()
        logout_user()
        flash(_("Je bent afgemeld."), "info")
    return redirect(url_for("auth.login"))
