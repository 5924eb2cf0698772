"""Redirect targets that cannot leave this site."""
from urllib.parse import urlsplit

from flask import url_for


def safe_next(target: str | None, fallback_endpoint: str = "main.index") -> str:
    """Return `target` only when it is a local path; otherwise the fallback page."""
    if target:
        parts = urlsplit(target)
        if (not parts.scheme and not parts.netloc and target.startswith("/")
                and not target.startswith("//") and "\\" not in target):
            return target
    return url_for(fallback_endpoint)
