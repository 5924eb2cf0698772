"""Password hashing (argon2id) and the password policy."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

# A short list of the passwords people pick most; longer lists can be added in instance/.
COMMON = {
    "wachtwoord", "wachtwoord1", "wachtwoord123", "password", "password1", "password123",
    "1234567890", "0123456789", "12345678910", "azertyuiop", "qwertyuiop", "welkom123",
    "welkom2024", "welkom2025", "welkom2026", "iloveyou12", "letmein123", "administrator",
    "admin12345", "abcdefghij", "aaaaaaaaaa", "zomer2026!", "winter2026", "digihelper",
    "gemeente123", "paswoord123", "paswoord12", "1q2w3e4r5t", "qwerty1234", "azerty1234",
}


def _hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=current_app.config["ARGON2_TIME_COST"],
                          memory_cost=current_app.config["ARGON2_MEMORY_COST"])


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# Verifying against this keeps the time of a login for an unknown e-mail the same.
def dummy_verify(password: str) -> None:
    verify_password(hash_password("not-a-real-password"), password)


def password_problem(password: str) -> str | None:
    """A Dutch message when the password is not good enough, else None."""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        return f"Het wachtwoord moet minstens {minimum} tekens lang zijn."
    if len(password) > 200:
        return "Het wachtwoord mag maximaal 200 tekens lang zijn."
    if password.lower() in COMMON or len(set(password)) < 4:
        return "Dit wachtwoord is te makkelijk te raden. Kies een ander."
    return None
