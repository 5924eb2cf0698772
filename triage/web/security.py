"""Security headers on every response, and the trusted reverse proxy (ProxyFix)."""
from flask import request

# No inline script or style anywhere: templates load triage.js and triage.css from /static.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# JSON is data, never a page: should a browser open it, nothing loads and nothing runs.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox"
HSTS = "max-age=31536000; includeSubDomains"


def add_headers(response):
    headers = response.headers
    api = request.path.startswith("/api/")
    headers.setdefault("Content-Security-Policy", API_CSP if api else CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")  # for old browsers; frame-ancestors is the rule
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    # Pages and API answers carry personal data: no browser or proxy keeps a copy.
    if response.mimetype == "text/html" or api:
        headers.setdefault("Cache-Control", "no-store")
    return response


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
    app.after_request(add_headers)
