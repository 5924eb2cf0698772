"""Job bodies: each a short wrapper around one service; takes now, flushes, returns a short summary."""
from datetime import datetime

from triage.auth.throttle import prune


def prune_login_attempts(now: datetime) -> str:
    return f"{prune()} oude mislukte aanmeldpogingen verwijderd"


def retrain_classifier(now: datetime):
    # Imported here so the registry loads even before the classifier store exists.
    from triage.classify.store import nightly_retrain

    return nightly_retrain(now)
