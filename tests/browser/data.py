"""Questions and referrals made through the services, for journeys that start further down the loop."""
from types import SimpleNamespace

from sqlalchemy import select

from triage.auth.models import User
from triage.catalogue.services import find_entry
from triage.classify.service import get_classifier
from triage.extensions import db
from triage.intake import services as intake
from triage.referrals import services as referrals


def _clerk_id() -> int:
    return db.session.scalar(select(User.id).where(User.email == "balie@dijlegem.example"))


def log_question(app, question: str, pool: bool = False, refer_to: str | None = None, **fields) -> dict:
    """Log a question as the demo clerk; optionally put it in the pool or refer it to a digihelper."""
    with app.app_context():
        request = intake.log_request(intake.Intake(question=question, **fields), _clerk_id(), get_classifier())
        if pool:
            intake.put_in_pool(request)
        referral = None
        if refer_to:
            referral = referrals.create_referral(request, find_entry("digihelper", refer_to), _clerk_id())
        db.session.commit()
        result = {"reference": request.reference, "id": request.id,
                  "referral_id": referral.id if referral else None}
        db.session.remove()
    return result


def email_tokens(app, referral_id: int) -> dict[str, str]:
    """The accept and decline tokens of the links in the digihelper's e-mail."""
    from triage.referrals.email_links import make_tokens

    with app.app_context():
        return make_tokens(referral_id)


def make_account(app, role: str, email: str) -> SimpleNamespace:
    password = "browser-test-password-2"  # noqa: S105
    from triage.auth.services import create_user

    with app.app_context():
        create_user(email, email.split("@")[0].title(), role, password)
        db.session.commit()
        db.session.remove()
    return SimpleNamespace(email=email, password=password, role=role)
