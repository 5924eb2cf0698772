"""Password hashing (argon2id) and the password policy: a minimum length and no guessable password."""
import re
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

HERE = Path(__file__).parent
LIST_FILES = ("common_passwords.txt", "common_passwords_nl.txt")
MAX_LENGTH = 200
# Words of the app itself (ASVS 6.1.2): refused as a password, alone or with digits and signs.
CONTEXT_WORDS = ("triage", "digitalehulp", "digihelper", "gemeente", "balie", "beheerder", "coordinator",
                 "coördinator", "baliemedewerker", "administrator")
_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")
_SEPARATORS = re.compile(r"[\s._\-+/\\,;:'\"]+")
# Runs along the digits, the alphabet and keyboard rows: "123456789012", "azertyuiop", "lkjhgfdsa".
_RUNS = tuple(run + run[::-1] for run in (
    "0123456789" * 3, "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "azertyuiopqsdfghjklmwxcvbn"))
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LEET = str.maketrans({"@": "a", "4": "a", "3": "e", "1": "i", "!": "i", "0": "o", "$": "s", "5": "s", "7": "t"})


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


def _read_words(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}


@cache
def _packaged_words() -> frozenset[str]:
    words: set[str] = set()
    for name in LIST_FILES:
        words |= _read_words(HERE / name)
    return frozenset(words)


@cache
def _instance_words(instance_path: str) -> frozenset[str]:
    """A town's own words (street, club, school names) in instance/common_passwords.txt."""
    return frozenset(_read_words(Path(instance_path) / "common_passwords.txt"))


def common_words() -> frozenset[str]:
    return _packaged_words() | _instance_words(current_app.instance_path)


def _cores(password: str) -> set[str]:
    """What is left of a password without its case, digits and signs around it, separators and leet."""
    lowered = password.casefold()
    core = _SEPARATORS.sub("", _EDGES.sub("", lowered))
    cores = {lowered, core, _SEPARATORS.sub("", lowered).translate(_LEET), core.translate(_LEET)}
    # "wachtwoordwachtwoord": one word said twice is no stronger than the word.
    for text in list(cores):
        for size in range(1, len(text) // 2 + 1):
            if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
                cores.add(text[:size])
                break
    return {c for c in cores if c}


def _is_run(cores: set[str]) -> bool:
    return any(len(core) >= 4 and any(core in run for run in _RUNS) for core in cores)


def _personal_words(context) -> set[str]:
    """The account's own e-mail, its part before @ and the words of its name, lowercased."""
    words = set()
    for value in context:
        value = (value or "").casefold().strip()
        if not value:
            continue
        words.add(value)
        words.add(_SEPARATORS.sub("", value))
        local = value.split("@")[0]
        words.add(_SEPARATORS.sub("", local))
        words.update(part for part in _SEPARATORS.split(local) if len(part) >= 3)
    return {w for w in words if w}


def password_problem(password: str, context=()) -> str | None:
    """A Dutch message when the password is not good enough, else None.

    context: the account's e-mail address and name, which are refused as a password too.
    """
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        return f"Het wachtwoord moet minstens {minimum} tekens lang zijn."
    if len(password) > MAX_LENGTH:
        return f"Het wachtwoord mag maximaal {MAX_LENGTH} tekens lang zijn."
    # Any character may be used (ASVS 6.2.5), except control characters, which no keyboard types.
    if _CONTROL.search(password):
        return "Het wachtwoord bevat een onzichtbaar teken. Typ het opnieuw."
    cores = _cores(password)
    town = _SEPARATORS.sub("", current_app.config.get("TOWN_NAME", "").casefold())
    own = _personal_words(context) | {w for w in (town, *CONTEXT_WORDS) if w}
    if len(set(password)) < 4 or cores & common_words() or cores & own or _is_run(cores):
        return "Dit wachtwoord is te makkelijk te raden. Kies een ander, bijvoorbeeld een zin van een paar woorden."
    return None
