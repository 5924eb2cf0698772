"""Security headers on every response, no NUL in an address, and the trusted reverse proxy (ProxyFix)."""
from flask import request

from triage.web.errors import abort_with

NUL_REFUSED = "Het adres bevat een ongeldig teken (U+0000). Verwijder het en probeer opnieuw."

# No inline script or style anywhere: templates load triage.js and triage.css from /static.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# JSON is data, never a page: should a browser open it, nothing loads and nothing runs.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox"
HSTS = "max-age=31536000; includeSubDomains"


COMMON = (("X-Content-Type-Options", "nosniff"),
          ("X-Frame-Options", "DENY"),  # for old browsers; frame-ancestors is the rule
          ("Referrer-Policy", "same-origin"), ("Cross-Origin-Opener-Policy", "same-origin"),
          ("Cross-Origin-Resource-Policy", "same-origin"),
          ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"))
PAGE = (("Content-Security-Policy", CSP), *COMMON)
API = (("Content-Security-Policy", API_CSP), *COMMON)


def add_headers(response):
    """Add each header the view did not set itself, in one pass (this runs on every response)."""
    headers = response.headers
    present = {key.lower() for key in headers.keys()}
    api = request.path.startswith("/api/")
    wanted = list(API if api else PAGE)
    if request.is_secure:
        wanted.append(("Strict-Transport-Security", HSTS))
    # Pages and API answers carry personal data: no browser or proxy keeps a copy.
    if response.mimetype == "text/html" or api:
        wanted.append(("Cache-Control", "no-store"))
    for key, value in wanted:
        if key.lower() not in present:
            headers.add(key, value)
    return response


def contains_nul(value) -> bool:
    """True when a string anywhere in parsed JSON (keys too) holds U+0000, which PostgreSQL cannot store."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(contains_nul(k) or contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(contains_nul(v) for v in value)
    return False


def refuse_nul():
    """A NUL character in the path or query string is refused before any view looks it up.

    PostgreSQL cannot compare or store it (every query would fail); forms drop it (web/forms.py)
    and the API refuses it in JSON (api/views.py).
    """
    if "\x00" in request.path or any("\x00" in value for _key, value in request.args.items(multi=True)):
        abort_with(400, NUL_REFUSED)


def trust_proxies(app) -> None:
    """Behind PROXY_FIX reverse proxies, take the scheme, host and client address from their headers.

    Only as many hops as configured are trusted, so a client cannot claim another address or HTTPS
    by sending X-Forwarded-* itself.
    """
    hops = int(app.config.get("PROXY_FIX") or 0)
    if hops > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def init_app(app) -> None:
    trust_proxies(app)
    app.before_request(refuse_nul)
    app.after_request(add_headers)
