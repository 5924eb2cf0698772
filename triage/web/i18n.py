"""The staff UI's language: Flask-Babel, Dutch text as msgids, catalogues added by translators.

gettext, ngettext and lazy_gettext here are Flask-Babel's, with the request's catalogue looked up once per
request instead of on every call (Flask-Babel resolves `g` about nine times a call: ~15 us, too much for a
case list with hundreds of texts). Import them from here; pybabel finds them by the same names.
"""
import os
from pathlib import Path

import flask_babel
from babel.support import NullTranslations
from flask import current_app, g, has_request_context, request
from flask_babel import Babel
from flask_babel.speaklater import LazyString
from markupsafe import Markup, escape

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


def available_languages(directories: list[str], default: str) -> list[str]:
    """The default language and every language with a compiled staff-UI catalogue (messages.mo)."""
    found = [default]
    for directory in directories:
        if not os.path.isdir(directory):
            continue
        for name in sorted(os.listdir(directory)):
            if os.path.isfile(os.path.join(directory, name, "LC_MESSAGES", "messages.mo")) and name not in found:
                found.append(name)
    return found


def select_locale() -> str:
    """The browser's best language among UI_LANGUAGES; Dutch outside a request (jobs, CLI)."""
    config = current_app.config
    if has_request_context():
        return request.accept_languages.best_match(config["UI_LANGUAGES"]) or config["BABEL_DEFAULT_LOCALE"]
    return config["BABEL_DEFAULT_LOCALE"]


_NO_TRANSLATIONS = NullTranslations()


def translations() -> NullTranslations:
    """This request's (or app context's) catalogue, found once and kept on `g`."""
    try:
        state = g._get_current_object()
    except RuntimeError:  # no app context: the Dutch message ids as they are
        return _NO_TRANSLATIONS
    try:
        return state.triage_translations
    except AttributeError:
        state.triage_translations = found = flask_babel.get_translations()
        return found


def gettext(message: str, **variables) -> str:
    text = translations().gettext(message)
    return text % variables if variables else text


def ngettext(singular: str, plural: str, num: int, **variables) -> str:
    variables.setdefault("num", num)
    return translations().ngettext(singular, plural, num) % variables


def lazy_gettext(message: str, **variables) -> LazyString:
    """For texts defined at import time (form labels): translated when shown, in that request's language."""
    return LazyString(gettext, message, **variables)


def _escaped(variables: dict) -> dict:
    return {key: value if isinstance(value, int | float) else escape(value) for key, value in variables.items()}


def _template_gettext(message: str, **variables) -> Markup:
    """Jinja's newstyle gettext (the message is markup, the values are escaped), without Markup.__mod__."""
    text = translations().gettext(message)
    if "%" in text:
        text = text % _escaped(variables)
    return Markup(text)  # noqa: S704 - our own message, values escaped above


def _template_ngettext(singular: str, plural: str, num: int, **variables) -> Markup:
    variables.setdefault("num", num)
    return Markup(translations().ngettext(singular, plural, num) % _escaped(variables))  # noqa: S704


def init_app(app) -> None:
    """One Babel per app: its catalogue cache (loaded once per language) is never shared between apps."""
    config = app.config
    config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    languages = config.get("UI_LANGUAGES")
    if isinstance(languages, str):
        languages = [code.strip() for code in languages.replace(";", ",").split(",") if code.strip()]
    if not languages:
        languages = available_languages(config["BABEL_TRANSLATION_DIRECTORIES"].split(";"),
                                        config["BABEL_DEFAULT_LOCALE"])
    config["UI_LANGUAGES"] = languages
    Babel(app, locale_selector=select_locale)
    # Flask-Babel installed its newstyle callables (and the i18n extension for {% trans %}); same
    # behaviour, one catalogue lookup per request.
    app.jinja_env.globals.update(_=_template_gettext, gettext=_template_gettext, ngettext=_template_ngettext)
