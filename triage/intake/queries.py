"""Reads on help requests: the labels staff confirmed, for retraining the classifier."""
from sqlalchemy import select

from triage.classify.corpus import Example
from triage.extensions import db
from triage.intake.models import HelpRequest


def confirmed_examples() -> list[Example]:
    """Questions whose kind and themes staff confirmed or corrected (erased ones excluded)."""
    rows = db.session.execute(
        select(HelpRequest.question, HelpRequest.confirmed_kind, HelpRequest.confirmed_themes)
        .where(HelpRequest.confirmed_kind.is_not(None), HelpRequest.erased_at.is_(None))
        .order_by(HelpRequest.id))
    return [Example(question=q, kind=k, themes=tuple(t or ())) for q, k, t in rows if t]
