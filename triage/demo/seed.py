"""Fill an empty database with the demo town: its catalogue and one account per role."""
import secrets

from flask import current_app
from sqlalchemy import func, select

from triage.auth.models import User
from triage.auth.services import create_user
from triage.catalogue.models import CatalogueEntry
from triage.catalogue.services import find_entry, import_document, link_user
from triage.db import utcnow
from triage.demo import town
from triage.extensions import db
from triage.web.filters import to_brussels

ACCOUNTS = [
    ("admin@dijlegem.example", "Beheerder Dijlegem", "admin"),
    ("coordinator@dijlegem.example", "Ines Coördinator", "coordinator"),
    ("balie@dijlegem.example", "Bart Balie", "balie"),
    ("an@dijlegem.example", "An Peeters", "digihelper"),
]
WORDS = ["appel", "brug", "dijle", "fiets", "markt", "molen", "plein", "toren", "wolk", "zon",
         "kaai", "beek", "bos", "duin", "haven", "linde", "meer", "vlinder", "wilg", "zwaan"]


class DemoError(Exception):
    pass


def demo_password() -> str:
    """Readable but strong enough: four words and two digits, or TRIAGE_DEMO_PASSWORD."""
    fixed = current_app.config.get("DEMO_PASSWORD")
    if fixed:
        return fixed
    return "-".join(secrets.choice(WORDS) for _ in range(4)) + str(secrets.randbelow(90) + 10)


def seed() -> list[tuple[str, str, str]]:
    """Create the demo town; refuses a database that already has accounts or a catalogue."""
    has_users = db.session.scalar(select(func.count()).select_from(User))
    has_entries = db.session.scalar(select(func.count()).select_from(CatalogueEntry))
    if has_users or has_entries:
        raise DemoError("de database is niet leeg; de demo vult alleen een lege database")
    today = to_brussels(utcnow()).date()
    import_document(town.catalogue(today))
    accounts = []
    for email, name, role in ACCOUNTS:
        password = demo_password()
        user = create_user(email, name, role, password)
        accounts.append((email, role, password))
        if role == "digihelper":
            link_user(find_entry("digihelper", "dh-an"), user.id)
    path = current_app.instance_path + "/demo-accounts.txt"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("Demo-accounts (alleen voor de demo; dit bestand staat niet in git)\n")
        for email, role, password in accounts:
            handle.write(f"{role:<12} {email:<32} {password}\n")
    return accounts
