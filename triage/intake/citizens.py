"""A citizen's pseudonymous key: an HMAC of their phone number or e-mail, to follow them across requests."""
import hashlib
import hmac
import re


def normalise_phone(phone: str | None) -> str | None:
    """Digits only, Belgian international prefixes folded: '+32 470 12 34 56' -> '0470123456'."""
    digits = re.sub(r"\D", "", phone or "")
    if (phone or "").strip().startswith("+"):
        digits = "00" + digits
    if digits.startswith("0032"):
        digits = "0" + digits[4:]
    return digits if len(digits) >= 6 else None


def normalise_email(email: str | None) -> str | None:
    email = (email or "").strip().lower()
    return email if "@" in email else None


def citizen_key(phone: str | None, email: str | None, secret: str) -> str | None:
    """HMAC-SHA256 (hex, 64 characters) of the phone number, else the e-mail; None without either.

    The key lets the reports see that the same citizen came back (a hulpvraag, later a leervraag)
    without storing who they are: it cannot be turned back into the number without the secret key.
    """
    phone_n, email_n = normalise_phone(phone), normalise_email(email)
    value = f"tel:{phone_n}" if phone_n else f"mail:{email_n}" if email_n else None
    if value is None:
        return None
    return hmac.new(secret.encode("utf-8"), value.encode("utf-8"), hashlib.sha256).hexdigest()
