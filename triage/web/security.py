"""Security headers on every response."""
from flask import request

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
ALWAYS = (("Content-Security-Policy", CSP), ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
          ("Referrer-Policy", "same-origin"), ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"))
HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")


def add_headers(response):
    headers = response.headers
    present = {key.lower() for key in headers.keys()}  # a view may set its own; it wins
    wanted = [*ALWAYS, HSTS] if request.is_secure else ALWAYS
    for key, value in wanted:
        if key.lower() not in present:
            headers.add(key, value)
    if response.mimetype == "text/html" and "cache-control" not in present:
        headers.add("Cache-Control", "no-store")
    return response


def init_app(app) -> None:
    app.after_request(add_headers)
