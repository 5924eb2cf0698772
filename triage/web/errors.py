"""Error pages in Dutch (HTML) or JSON (API); never a stack trace."""
import logging

from flask import jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from triage.web.i18n import gettext as _
from triage.web.i18n import lazy_gettext as _l

log = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("Er klopt iets niet"), _l("De vraag aan de server was niet volledig of niet juist.")),
    401: (_l("Aanmelden nodig"), _l("Meld je aan om verder te gaan.")),
    403: (_l("Geen toegang"), _l("Je account heeft geen toegang tot deze pagina.")),
    404: (_l("Pagina niet gevonden"), _l("Deze pagina bestaat niet (meer). Controleer het adres.")),
    405: (_l("Dit kan niet"), _l("Deze actie kan niet op deze manier.")),
    413: (_l("Bestand te groot"), _l("Het bestand is te groot. Het mag maximaal 5 MB zijn.")),
    429: (_l("Even wachten"), _l("Te veel pogingen. Wacht even en probeer opnieuw.")),
    500: (_l("Er ging iets mis"), _l("Er ging iets mis bij ons. Er is niets gewijzigd. Probeer het opnieuw.")),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def render_error(code: int, detail: str | None = None):
    title, text = MESSAGES.get(code, MESSAGES[500])
    if _wants_json():
        if code == 401:
            response = jsonify({"error": "Geen geldig token. Stuur de header Authorization: Bearer TOKEN."})
            response.headers["WWW-Authenticate"] = 'Bearer realm="triage"'
            return response, 401
        return jsonify({"error": detail or text}), code
    return render_template("errors/error.html", code=code, title=title,
                           text=detail or text), code


def handle_http(exc: HTTPException):
    detail = exc.description if getattr(exc, "triage_detail", False) else None
    return render_error(exc.code or 500, detail)


def handle_csrf(_exc: CSRFError):
    return render_error(400, _("Het formulier is verlopen of niet geldig. Laad de pagina opnieuw en probeer nog eens."))


def handle_unexpected(exc: Exception):
    from triage.extensions import db

    db.session.rollback()
    # Log the type and place only: the message may hold personal data from the request.
    from flask import current_app

    # Outside development and tests, log only the type and place: the exception text may
    # carry personal data from the request (an integrity error quotes the values).
    verbose = current_app.debug or current_app.testing
    log.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.endpoint,
              exc_info=exc if verbose else None)
    return render_error(500)


def init_app(app) -> None:
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(InternalServerError, lambda e: handle_unexpected(e))
    app.register_error_handler(Exception, handle_unexpected)


def abort_with(code: int, message: str):
    """abort() with a Dutch message that is shown to the user."""
    from werkzeug.exceptions import default_exceptions

    exc = default_exceptions[code](description=message)
    exc.triage_detail = True
    raise exc
