"""Configuration: defaults, then instance/config.py, then TRIAGE_* environment variables."""
import os
import secrets
from pathlib import Path


class Defaults:
    """Values used when neither instance/config.py nor the environment sets them."""

    # Filled in by load_config() from the instance folder when left empty.
    DATABASE_URL = ""
    SECRET_KEY = ""  # nosec B105
    TOWN_NAME = "Dijlegem"
    # The gemeente's logo in the header and on the slip: a file name in instance/ (e.g. "logo.png"),
    # or "static/NAME" for a file in static/; empty: the neutral static/logo.svg.
    TOWN_LOGO = ""
    # Printed on the citizen's slip: where to call with questions.
    COUNTER_PHONE = "015 00 10 00"
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    # WTForms then uses its own Dutch messages (BaseForm.Meta.locales) instead of Flask-Babel.
    WTF_I18N_ENABLED = False
    # The staff UI's texts are Dutch msgids; a catalogue in triage/translations/<lang>/ translates them.
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Brussels"
    # Languages the staff UI may use, picked from the browser's Accept-Language ("nl,fr"); empty: Dutch
    # plus every language with a compiled catalogue.
    UI_LANGUAGES = ""
    SESSION_COOKIE_HTTPONLY = True
    # Lax: a link from an e-mail still finds the session; every change needs a POST with a CSRF token.
    SESSION_COOKIE_SAMESITE = "Lax"
    # None: Secure, and named __Host-session, unless the app runs in debug or test mode. Set
    # TRIAGE_SESSION_COOKIE_SECURE=false only for a demo over plain http (scripts/demo.sh does).
    SESSION_COOKIE_SECURE = None
    # Flask-Login's remember-me cookie is never set (login_user without remember); if it were,
    # it would last no longer than the browser and carry the same flags as the session.
    REMEMBER_COOKIE_DURATION = 0
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # A session ends after this many minutes without a request...
    SESSION_IDLE_MINUTES = 30
    # ...and at the latest this many seconds after logging in (a working day).
    PERMANENT_SESSION_LIFETIME = 8 * 3600
    # Reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Host headers are trusted
    # (werkzeug's ProxyFix). 0: none; set to 1 behind one TLS-terminating proxy, so that HTTPS is
    # seen (HSTS, Secure cookies) and login throttling counts the citizen's address, not the proxy's.
    PROXY_FIX = 0
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    # Login throttling: failures counted in the database over this window.
    LOGIN_MAX_FAILURES_PER_ACCOUNT = 5
    LOGIN_MAX_FAILURES_PER_ADDRESS = 20
    LOGIN_WINDOW_SECONDS = 15 * 60
    PASSWORD_MIN_LENGTH = 10
    # argon2id cost; tests lower it to keep the suite fast.
    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 65536
    PAGE_SIZE = 25
    # Days after which a signposted or enrolled referral is followed up by the counter.
    FOLLOW_UP_DAYS = 14
    SQLITE_BUSY_TIMEOUT_MS = 15000
    # Outgoing e-mail. With SMTP_HOST empty, messages are appended to instance/outbox.txt (demo).
    SMTP_HOST = ""
    SMTP_PORT = 587
    SMTP_USERNAME = ""
    SMTP_PASSWORD = ""  # nosec B105
    SMTP_FROM = "digitale-hulp@localhost"
    SMTP_STARTTLS = True
    SMTP_TIMEOUT = 30
    # A failed message is retried after 1, 2, 4 ... minutes, never less often than this.
    OUTBOX_MAX_RETRY_SECONDS = 6 * 3600
    # Sent messages (they quote the question) are deleted after this many days.
    OUTBOX_KEEP_DAYS = 30
    # Public address for links in e-mails (https://digitalehulp.example.be); empty: the current
    # request's address, or http://localhost:5000 when a job writes the e-mail.
    BASE_URL = ""
    # How long the accept / decline links in an e-mail work, in seconds.
    EMAIL_LINK_MAX_AGE = 7 * 24 * 3600
    # A digihelper referral without an answer: a reminder after this many working days, a second
    # reminder after as many more, then the coordinators are told after as many more again.
    REMINDER_WORKING_DAYS = 2
    # An escalated referral still without an answer this many working days later is cancelled.
    EXPIRE_WORKING_DAYS = 5
    # Job runs (the jobs' history) are deleted after this many days.
    JOB_RUNS_KEEP_DAYS = 90
    # Retention: this many months after a request is finished (solved or closed), its personal data
    # (contact details, the question, notes, messages) is erased; the anonymous facts stay for the reports.
    RETENTION_MONTHS = 12
    # The same person seeing the same record again within this many minutes (a list reloaded, a case
    # page opened twice) is not logged again; 0 logs every view.
    AUDIT_VIEW_REPEAT_MINUTES = 10
    # At most this many requests per nightly run (one transaction); the rest follow the next night.
    RETENTION_BATCH_SIZE = 5000
    # /healthz: the scheduler's heartbeat (every 30 s) counts as stale after this many seconds ...
    HEALTHZ_HEARTBEAT_MAX_AGE = 120
    # ... and then /healthz answers 503 only when this is set (default: it reports "degraded" with 200,
    # so that a stopped scheduler does not take every web server out of the load balancer).
    HEALTHZ_REQUIRE_SCHEDULER = False


def _secret_key(instance_path: Path) -> str:
    """Read the secret key from instance/, creating it once (race-safe across workers)."""
    path = instance_path / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        key = secrets.token_hex(32)
        handle.write(key)
    return key


def load_config(app, test_config=None) -> None:
    """Apply defaults, the instance overlay, the environment and the test mapping, in that order."""
    instance_path = Path(app.instance_path)
    instance_path.mkdir(parents=True, exist_ok=True)
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("TRIAGE")
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config["DATABASE_URL"]:
        app.config["DATABASE_URL"] = f"sqlite:///{instance_path / 'triage.sqlite'}"
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _secret_key(instance_path)
    app.config["SQLALCHEMY_DATABASE_URI"] = app.config["DATABASE_URL"]
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {})
    if app.config["DATABASE_URL"].startswith("postgresql"):
        app.config["SQLALCHEMY_ENGINE_OPTIONS"].setdefault("pool_pre_ping", True)
    _cookie_settings(app)


def _cookie_settings(app) -> None:
    """Secure cookies unless debugging or testing; a secure session cookie gets the __Host- prefix."""
    config = app.config
    if config["SESSION_COOKIE_SECURE"] is None:
        config["SESSION_COOKIE_SECURE"] = not (app.debug or config.get("TESTING"))
    config["REMEMBER_COOKIE_SECURE"] = config["SESSION_COOKIE_SECURE"]
    # __Host-: the browser only keeps it when Secure, for path / and without a Domain, so another
    # site on a subdomain cannot set or overwrite the session.
    if config["SESSION_COOKIE_SECURE"] and config.get("SESSION_COOKIE_NAME", "session") == "session" \
            and not config.get("SESSION_COOKIE_DOMAIN"):
        config["SESSION_COOKIE_NAME"] = "__Host-session"
