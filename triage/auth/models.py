"""Staff accounts, API tokens and login attempts."""
import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Enum, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from triage.db import TimestampMixin, utcnow
from triage.extensions import db


class Role(str, enum.Enum):
    BALIE = "balie"
    DIGIHELPER = "digihelper"
    COORDINATOR = "coordinator"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self.value]


ROLE_LABELS = {
    "balie": "Baliemedewerker",
    "digihelper": "Digihelper",
    "coordinator": "Coördinator",
    "admin": "Beheerder",
}


def _role_column():
    return mapped_column(
        Enum(Role, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]))


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = _role_column()
    active: Mapped[bool] = mapped_column(default=True)
    # Bumped on logout, password change and deactivation: every older session stops working.
    session_generation: Mapped[int] = mapped_column(default=0)
    last_login_at: Mapped[datetime | None]

    tokens: Mapped[list["ApiToken"]] = relationship(back_populates="user",
                                                    cascade="all, delete-orphan")

    def get_id(self) -> str:
        return f"{self.id}:{self.session_generation}"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    def has_role(self, *roles: str) -> bool:
        return self.role.value in roles

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role.value}>"


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # What the token is for ("BI-koppeling"), shown to the admin who may revoke it.
    name: Mapped[str] = mapped_column(String(80), default="")
    # The role the token was made for: once the account has another role, the token stops working.
    role: Mapped[Role] = _role_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="tokens")

    @property
    def usable(self) -> bool:
        """Not revoked, and the account is active and still has the role the token was made for."""
        return self.revoked_at is None and self.user.active and self.user.role == self.role

    def __repr__(self) -> str:
        return f"<ApiToken {self.id} user={self.user_id} {self.role.value}>"


class LoginAttempt(db.Model):
    """One failed login; counted per account and per address to throttle guessing."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_account_key_at", "account_key", "at"),
        Index("ix_login_attempts_address_key_at", "address_key", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Keyed hashes, not the e-mail or IP itself: no personal data in this table.
    account_key: Mapped[str] = mapped_column(String(64))
    address_key: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<LoginAttempt {self.id} {self.at:%Y-%m-%d %H:%M}>"
