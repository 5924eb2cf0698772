"""Login, logout and changing your own password."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, logout_user

from triage.auth import services
from triage.auth.forms import LoginForm, LogoutForm, PasswordChangeForm
from triage.auth.session import start_session
from triage.errors import ServiceError
from triage.extensions import db
from triage.web.guard import any_staff, public
from triage.web.i18n import gettext as _
from triage.web.redirects import safe_next
from triage.web.transactions import reads_first

bp = Blueprint("auth", __name__)

LOGIN_FAILED = "E-mailadres of wachtwoord is niet juist."
THROTTLED = ("Te veel mislukte pogingen. Wacht 15 minuten en probeer opnieuw, "
             "of vraag de beheerder om hulp.")
NEEDS_HTTPS = ("Aanmelden kan alleen via een beveiligde verbinding. Gebruik het adres dat met https:// "
               "begint, of vraag de beheerder om hulp.")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")


def _cookie_would_be_dropped() -> bool:
    """A Secure session cookie over plain http (outside this computer) never comes back: say so."""
    return (current_app.config["SESSION_COOKIE_SECURE"] and not request.is_secure
            and request.host.rsplit(":", 1)[0] not in LOCAL_HOSTS)


@bp.route("/login", methods=["GET", "POST"])
@public
@reads_first
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        if _cookie_would_be_dropped():
            form.form_errors.append(NEEDS_HTTPS)
            return render_template("auth/login.html", form=form), 400
        try:
            user = services.authenticate(form.email.data, form.password.data,
                                         request.remote_addr or "")
        except services.Throttled:
            db.session.rollback()
            form.form_errors.append(THROTTLED)
            return render_template("auth/login.html", form=form), 429
        db.session.commit()
        if user is not None:
            start_session(user)
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
    response = redirect(url_for("auth.login"))
    # Ask the browser to drop what it kept of the pages (a shared computer at the counter).
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.route("/account/wachtwoord", methods=["GET", "POST"])
@any_staff
@reads_first
def password():
    """Change your own password; every other session of the account ends, this one goes on."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = current_user.record()
        try:
            services.change_own_password(user, form.current.data, form.new.data, request.remote_addr or "")
        except services.Throttled:
            db.session.rollback()
            form.form_errors.append(THROTTLED)
            return render_template("auth/password.html", form=form), 429
        except ServiceError as error:
            # A wrong current password is counted (throttling); a refused new one changes nothing.
            if error.field == "current":
                db.session.commit()
            else:
                db.session.rollback()
            getattr(form, error.field).errors.append(str(error))
        else:
            db.session.commit()
            start_session(user)
            flash(_("Je wachtwoord is gewijzigd. Op andere computers en toestellen ben je nu afgemeld."), "success")
            return redirect(url_for("main.index"))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/password.html", form=form), status
