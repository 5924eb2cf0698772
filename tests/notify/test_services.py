"""queue_message: written in the caller's transaction, only with a valid address."""
from datetime import datetime

import pytest
from sqlalchemy import func, select

from triage.errors import ServiceError
from triage.extensions import db
from triage.notify.models import Message, MessageStatus
from triage.notify.services import prune_sent, queue_message

NOW = datetime(2026, 11, 26, 9, 0)


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Message))


def test_a_queued_message_is_due_at_once_and_linked_to_what_it_is_about(ctx):
    message = queue_message(" An@Example.be ", "Nieuwe\r\nvraag", "Dag An", "test", related=("referral", 7), now=NOW)
    assert message.id is not None  # flushed
    assert (message.to_address, message.subject) == ("An@example.be", "Nieuwe vraag")
    assert (message.status, message.attempts, message.next_attempt_at) == (MessageStatus.QUEUED, 0, NOW)
    assert (message.related_type, message.related_id) == ("referral", 7)


def test_a_message_lives_or_dies_with_the_callers_transaction(ctx):
    queue_message("an@example.be", "Onderwerp", "Tekst", "test")
    db.session.rollback()
    assert count() == 0
    queue_message("an@example.be", "Onderwerp", "Tekst", "test")
    db.session.commit()
    assert count() == 1


@pytest.mark.parametrize("address", ["", None, "geen-adres", "an@example.be\r\nBcc: x@y.be", "a@b.be, c@d.be"])
def test_an_empty_or_invalid_address_is_refused(ctx, address):
    with pytest.raises(ServiceError, match="e-mailadres"):
        queue_message(address, "Onderwerp", "Tekst", "test")
    assert count() == 0


def test_a_message_needs_a_subject_and_a_body(ctx):
    with pytest.raises(ServiceError):
        queue_message("an@example.be", " ", "Tekst", "test")
    with pytest.raises(ServiceError):
        queue_message("an@example.be", "Onderwerp", "  ", "test")


def test_sent_messages_are_pruned_after_the_keep_days_queued_ones_never(ctx):
    old_sent = queue_message("an@example.be", "Oud", "Tekst", "test", now=datetime(2026, 1, 1))
    old_sent.status, old_sent.sent_at = MessageStatus.SENT, datetime(2026, 1, 1)
    queue_message("an@example.be", "Oud maar niet verstuurd", "Tekst", "test", now=datetime(2026, 1, 1))
    recent = queue_message("an@example.be", "Recent", "Tekst", "test", now=NOW)
    recent.status, recent.sent_at = MessageStatus.SENT, NOW
    db.session.flush()
    assert prune_sent(NOW, keep_days=30) == 1
    assert sorted(db.session.scalars(select(Message.subject))) == ["Oud maar niet verstuurd", "Recent"]
