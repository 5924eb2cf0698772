"""Send due outbox messages by SMTP, or append them to instance/outbox.txt when no SMTP server is set."""
import logging
import smtplib
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import current_app
from sqlalchemy import select, update

from triage.extensions import db
from triage.notify.models import Message, MessageStatus

log = logging.getLogger(__name__)

# A claimed message whose sender died comes back after this lease: sent again at most once.
LEASE = timedelta(minutes=15)
FIRST_RETRY = timedelta(minutes=1)
# After this many failures in a row the server is probably down: leave the rest for the next run.
STOP_AFTER_FAILURES = 3


@dataclass
class SendSummary:
    sent: int = 0
    failed: int = 0
    skipped: int = 0  # taken by another sender meanwhile

    def summary(self) -> str:
        text = f"{self.sent} bericht(en) verstuurd"
        if self.failed:
            text += f", {self.failed} mislukt (wordt later opnieuw geprobeerd)"
        return text


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes after each failure, capped by OUTBOX_MAX_RETRY_SECONDS."""
    cap = timedelta(seconds=current_app.config["OUTBOX_MAX_RETRY_SECONDS"])
    return min(FIRST_RETRY * 2 ** min(max(attempts - 1, 0), 20), cap)


def send_due(now: datetime, limit: int = 100) -> SendSummary:
    """Send queued messages that are due; commits each message's claim and result on its own."""
    now = now.astimezone(UTC).replace(tzinfo=None) if now.tzinfo else now
    rows = db.session.execute(
        select(Message.id, Message.to_address, Message.subject, Message.body, Message.attempts,
               Message.next_attempt_at)
        .where(Message.status == MessageStatus.QUEUED, Message.next_attempt_at <= now)
        .order_by(Message.next_attempt_at, Message.id).limit(limit)).all()
    db.session.commit()  # hold no transaction (on SQLite: no write lock) while talking to the server
    result, in_a_row = SendSummary(), 0
    transport = SmtpTransport(current_app.config) if current_app.config["SMTP_HOST"] else FileTransport(
        Path(current_app.instance_path) / "outbox.txt")
    try:
        for row in rows:
            if not _claim(row, now):
                result.skipped += 1
                continue
            try:
                transport.send(row, now)
            except Exception as exc:  # noqa: BLE001 - any failure: keep the message, retry later
                transport.reset()
                _finish(row.id, attempts=row.attempts + 1, next_attempt_at=now + retry_delay(row.attempts + 1),
                        last_error=_error_name(exc))
                log.warning("message %s not sent (attempt %s): %s", row.id, row.attempts + 1, _error_name(exc))
                result.failed += 1
                in_a_row += 1
                if in_a_row >= STOP_AFTER_FAILURES:
                    break
                continue
            _finish(row.id, status=MessageStatus.SENT, sent_at=now, attempts=row.attempts + 1, last_error=None)
            result.sent += 1
            in_a_row = 0
    finally:
        transport.close()
    return result


def _claim(row, now: datetime) -> bool:
    """Take the message by moving its due time past the lease; fails if another sender moved it first."""
    taken = db.session.execute(
        update(Message).where(Message.id == row.id, Message.status == MessageStatus.QUEUED,
                              Message.next_attempt_at == row.next_attempt_at)
        .values(next_attempt_at=now + LEASE).execution_options(synchronize_session=False))
    db.session.commit()
    return taken.rowcount == 1


def _finish(message_id: int, **values) -> None:
    db.session.execute(update(Message).where(Message.id == message_id).values(**values)
                       .execution_options(synchronize_session=False))
    db.session.commit()


def _error_name(exc: BaseException) -> str:
    kind = type(exc)
    name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
    return name[:100]


class FileTransport:
    """The demo's mailbox: every message appended, readable, to one text file."""

    def __init__(self, path: Path):
        self.path = path

    def send(self, row, now: datetime) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(f"===== bericht {row.id} · {now:%Y-%m-%d %H:%M} UTC =====\n"
                         f"Aan: {row.to_address}\nOnderwerp: {row.subject}\n\n{row.body.rstrip()}\n\n")

    def reset(self) -> None:
        pass

    def close(self) -> None:
        pass


class SmtpTransport:
    """One SMTP connection for the batch, opened on the first message, reopened after a failure."""

    def __init__(self, config):
        self.config = config
        self.smtp = None

    def _connect(self):
        config = self.config
        smtp = smtplib.SMTP(config["SMTP_HOST"], int(config["SMTP_PORT"]), timeout=config["SMTP_TIMEOUT"])
        try:
            if config["SMTP_STARTTLS"]:
                smtp.starttls(context=ssl.create_default_context())
            if config["SMTP_USERNAME"]:
                smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
        except Exception:
            smtp.close()
            raise
        return smtp

    def send(self, row, now: datetime) -> None:
        sender = self.config["SMTP_FROM"]
        email = EmailMessage()
        email["From"] = sender
        email["To"] = row.to_address
        email["Subject"] = row.subject
        email["Date"] = format_datetime(now.replace(tzinfo=UTC))
        email["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip("> ") or None)
        email["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies
        email.set_content(row.body)
        if self.smtp is None:
            self.smtp = self._connect()
        self.smtp.send_message(email)

    def reset(self) -> None:
        self.close()

    def close(self) -> None:
        if self.smtp is not None:
            smtp, self.smtp = self.smtp, None
            try:
                smtp.quit()
            except Exception:  # noqa: BLE001 - the connection is gone either way
                smtp.close()
