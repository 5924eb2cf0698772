"""The staff UI's language: Flask-Babel, Dutch text as msgids, catalogues added by translators."""
import os
from pathlib import Path

from flask import current_app, has_request_context, request
from flask_babel import Babel

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
