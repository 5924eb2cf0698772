"""The gemeente's name and logo: TOWN_NAME, and TOWN_LOGO from static/ or the instance folder."""
from pathlib import Path

from flask import current_app, url_for

DEFAULT_LOGO = "logo.svg"  # in static/: a neutral town-hall mark
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
              ".webp": "image/webp", ".gif": "image/gif"}
# An SVG opened on its own must not run scripts or load anything in our origin.
LOGO_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def check_logo(value: str, instance_path: str) -> str | None:
    """'' / 'static/NAME' / 'NAME' (a file in instance/) -> why it cannot be used, or None."""
    if not value:
        return None
    name = value.removeprefix("static/")
    if "/" in name or "\\" in name or name.startswith(".") or Path(name).suffix.lower() not in LOGO_TYPES:
        return f"TOWN_LOGO '{value}': give a file name ending in {', '.join(sorted(LOGO_TYPES))}, without folders"
    folder = Path(current_app.static_folder) if value.startswith("static/") else Path(instance_path)
    if not (folder / name).is_file():
        return f"TOWN_LOGO '{value}': no such file in {folder}"
    return None


def instance_logo() -> str | None:
    """The logo's file name in the instance folder, when TOWN_LOGO points there."""
    value = current_app.config.get("TOWN_LOGO") or ""
    return value if value and not value.startswith("static/") else None


def logo_url() -> str:
    value = current_app.config.get("TOWN_LOGO") or ""
    if instance_logo():
        return url_for("main.logo")
    return url_for("static", filename=value.removeprefix("static/") or DEFAULT_LOGO)


def init_app(app) -> None:
    with app.app_context():
        problem = check_logo(app.config.get("TOWN_LOGO") or "", app.instance_path)
    if problem:
        app.logger.warning("%s; using the default logo", problem)
        app.config["TOWN_LOGO"] = ""
    app.jinja_env.globals["town_logo_url"] = logo_url
