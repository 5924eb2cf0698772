"""A fake SMTP server class for the sender tests: records what it sends, fails on demand."""
import smtplib


class FakeSMTP:
    """Stands in for smtplib.SMTP; class-level lists so a test sees every connection."""

    sent: list = []
    connections: list = []
    refuse: set = set()  # recipients the server refuses
    crash_on: set = set()  # recipients whose sending "kills the process"

    def __init__(self, host, port, timeout=None):
        self.host, self.port, self.tls, self.login_as = host, port, False, None
        FakeSMTP.connections.append(self)

    @classmethod
    def reset(cls):
        cls.sent, cls.connections, cls.refuse, cls.crash_on = [], [], set(), set()

    def starttls(self, context=None):
        self.tls = True

    def login(self, user, password):
        self.login_as = user

    def send_message(self, message):
        to = message["To"]
        if to in FakeSMTP.crash_on:
            raise SystemExit("the process dies while sending")
        if to in FakeSMTP.refuse:
            raise smtplib.SMTPRecipientsRefused({to: (550, b"no such user")})
        FakeSMTP.sent.append(message)

    def quit(self):
        pass

    def close(self):
        pass


class DownSMTP:
    """An SMTP server that cannot be reached."""

    def __init__(self, host, port, timeout=None):
        raise ConnectionRefusedError(111, "Connection refused")
