"""Reads for a digihelper: their catalogue entry, their own cases and the open pool they may pick from."""
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import NamedTuple

from sqlalchemy import Select, bindparam, func, or_, select
from sqlalchemy.orm import Bundle, joinedload, raiseload

from triage.auth.models import User
from triage.catalogue.models import FACETS, CatalogueEntry, Digihelper, EntryTag
from triage.db import utcnow
from triage.extensions import db
from triage.intake.models import HelpRequest, RequestStatus
from triage.referrals.models import OPEN_STATUSES, Referral, ReferralEvent, Status

NEW = (Status.PROPOSED,)
ONGOING = (Status.ACCEPTED, Status.IN_PROGRESS)
FINISHED = (Status.CLOSED, Status.DECLINED, Status.CANCELLED)
RECENT_DAYS = 30
# Finished cases on "my cases": the most recent few; the rest are one link away (cases.finished).
RECENT_LIMIT = 10


def digihelper_for_user(user, organisation: bool = True) -> Digihelper | None:
    """The catalogue digihelper linked to this staff account, if any, with its tags.

    organisation=False loads it in one query: the tags joined in, the organisation (and its tags)
    not loaded at all; for pages that need only the entry's own profile.
    """
    if user is None or not getattr(user, "id", None):
        return None
    statement = _entry_statement(organisation)
    return db.session.execute(statement, {"user_id": user.id}).unique().scalar_one_or_none()


# The statements of the pages a digihelper opens all day are built once per shape (building a
# select costs about as much as running it); the values of a call are passed as parameters.
@cache
def _entry_statement(organisation: bool) -> Select:
    query = select(Digihelper).where(Digihelper.user_id == bindparam("user_id"))
    if not organisation:
        query = query.options(joinedload(Digihelper.tags), raiseload(Digihelper.organisation))
    return query


@dataclass(frozen=True)
class HelperProfile:
    """What the case list needs of the digihelper behind an account: read in one Core query."""

    id: int
    code: str
    name: str
    max_open_cases: int | None
    themes: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    postcodes: list[str] = field(default_factory=list)


@cache
def _profile_statement() -> Select:
    entries, tags = CatalogueEntry.__table__.c, EntryTag.__table__.c
    return (select(entries.id, entries.code, entries.name, entries.max_open_cases, tags.facet, tags.value)
            .outerjoin(EntryTag.__table__, (tags.entry_id == entries.id)
                       & tags.facet.in_((FACETS["themes"], FACETS["languages"], FACETS["postcodes"])))
            .where(entries.user_id == bindparam("user_id"), entries.entry_type == "digihelper")
            .order_by(tags.position))


def helper_profile(user) -> HelperProfile | None:
    """The digihelper linked to this account, as a HelperProfile; the page that reloads most often uses it."""
    if user is None or not getattr(user, "id", None):
        return None
    rows = db.session.connection().execute(_profile_statement(), {"user_id": user.id}).all()
    if not rows:
        return None
    first = rows[0]
    by_facet = {FACETS[key]: [] for key in ("themes", "languages", "postcodes")}
    for row in rows:
        if row.facet is not None:
            by_facet[row.facet].append(row.value)
    return HelperProfile(first.id, first.code, first.name, first.max_open_cases, by_facet[FACETS["themes"]],
                         by_facet[FACETS["languages"]], by_facet[FACETS["postcodes"]])


def _finished_at():
    return func.coalesce(Referral.closed_at, Referral.declined_at, Referral.cancelled_at, Referral.created_at)


# What a case card shows (templates/referrals/_case_card.html), and nothing more.
CARD_REFERRAL = Bundle("referral", Referral.id, Referral.status)
CARD_REQUEST = Bundle("req", HelpRequest.reference, HelpRequest.question, HelpRequest.kind, HelpRequest.theme,
                      HelpRequest.theme2, HelpRequest.language, HelpRequest.postcode, HelpRequest.created_at,
                      HelpRequest.needs, HelpRequest.contact_consent, HelpRequest.erased_at,
                      HelpRequest.contact_name, HelpRequest.contact_phone, HelpRequest.contact_email)


@cache
def _mine(cards: bool, statuses: tuple, recent: bool, limited: bool) -> Select:
    """A digihelper's referrals in `statuses` with their requests: as case cards or as objects.

    Parameters: entry_id; since (recent: changed since then, newest first; else oldest first); limit.
    """
    query = (select(CARD_REFERRAL, CARD_REQUEST) if cards else select(Referral, HelpRequest)).join(
        HelpRequest, HelpRequest.id == Referral.request_id).where(
        Referral.target_id == bindparam("entry_id"), Referral.status.in_(statuses))
    if recent:
        changed = _finished_at()
        query = query.where(changed >= bindparam("since")).order_by(changed.desc(), Referral.id.desc())
    else:
        query = query.order_by(Referral.created_at, Referral.id)
    return query.limit(bindparam("limit")) if limited else query


class CardReferral(NamedTuple):
    id: int
    status: Status


class CardRequest(NamedTuple):
    reference: str
    question: str
    kind: str | None
    theme: str | None
    theme2: str | None
    language: str
    postcode: str | None
    created_at: datetime
    needs: list
    contact_consent: bool
    erased_at: datetime | None
    contact_name: str | None
    contact_phone: str | None
    contact_email: str | None


@cache
def _cards_core(statuses: tuple, recent: bool, limited: bool) -> Select:
    """_mine's case cards as a Core select of plain columns: the rows need no ORM at all."""
    return _mine(True, statuses, recent, limited).with_only_columns(
        *CARD_REFERRAL.exprs, *CARD_REQUEST.exprs, maintain_column_froms=True)


def _run_mine(cards: bool, entry, statuses, recent_days: int | None, limit: int | None) -> list:
    values = {"entry_id": entry.id, "limit": limit,
              "since": utcnow() - timedelta(days=recent_days) if recent_days is not None else None}
    if cards:
        split = len(CardReferral._fields)
        rows = db.session.connection().execute(
            _cards_core(tuple(statuses), recent_days is not None, limit is not None), values)
        return [(CardReferral(*row[:split]), CardRequest(*row[split:])) for row in rows]
    statement = _mine(False, tuple(statuses), recent_days is not None, limit is not None)
    return [tuple(row) for row in db.session.execute(statement, values)]


def my_cases(entry: Digihelper, statuses, recent_days: int | None = None,
             limit: int | None = None) -> list[tuple[Referral, HelpRequest]]:
    """This digihelper's referrals in `statuses` with their requests; newest first for finished ones."""
    return _run_mine(False, entry, statuses, recent_days, limit)


def case_cards(entry: Digihelper, statuses, recent_days: int | None = None, limit: int | None = None) -> list:
    """my_cases as (referral, req) pairs of read-only rows with only the columns a case card shows:
    one query, no ORM objects to build."""
    return _run_mine(True, entry, statuses, recent_days, limit)


def finished_cards_query(entry: Digihelper) -> Select:
    """All of this digihelper's finished cases as case cards, the most recently finished first."""
    return _mine(True, FINISHED, False, False).order_by(None).order_by(
        _finished_at().desc(), Referral.id.desc()).params(entry_id=entry.id)


def find_case(entry: Digihelper, referral_id: int) -> Referral | None:
    """One referral, only when it is this digihelper's own: another's is as good as unknown."""
    return db.session.scalar(select(Referral).where(Referral.id == referral_id,
                                                    Referral.target_id == entry.id))


@cache
def _pool_statement(by_postcode: bool) -> Select:
    """Pooled hulpvragen in some themes and languages (and postcodes); oldest first.

    Parameters: themes, themes2 (the same list), languages, postcodes.
    """
    query = select(HelpRequest).where(
        HelpRequest.status == RequestStatus.POOL,
        HelpRequest.kind == "hulpvraag",
        or_(HelpRequest.theme.in_(bindparam("themes", expanding=True)),
            HelpRequest.theme2.in_(bindparam("themes2", expanding=True))),
        HelpRequest.language.in_(bindparam("languages", expanding=True)))
    if by_postcode:
        query = query.where(or_(HelpRequest.postcode.is_(None),
                                HelpRequest.postcode.in_(bindparam("postcodes", expanding=True))))
    return query.order_by(HelpRequest.created_at, HelpRequest.id)


@cache
def _pool_count_statement(by_postcode: bool) -> Select:
    return _pool_statement(by_postcode).order_by(None).with_only_columns(func.count(HelpRequest.id))


def _pool_values(entry: Digihelper) -> dict:
    themes = entry.themes
    return {"themes": themes, "themes2": themes, "languages": entry.languages, "postcodes": entry.postcodes}


def pool_for(entry: Digihelper) -> Select:
    """Pooled hulpvragen in the entry's themes and languages (and postcodes, when it lists any); oldest first."""
    return _pool_statement(bool(entry.postcodes)).params(_pool_values(entry))


def in_pool_of(entry: Digihelper, request_id: int) -> bool:
    return db.session.scalar(pool_for(entry).where(HelpRequest.id == request_id).with_only_columns(
        HelpRequest.id)) is not None


def pool_count(entry: Digihelper) -> int:
    """How many requests wait in the entry's pool."""
    values = _pool_values(entry)
    statement = _pool_count_statement(bool(values["postcodes"]))
    return db.session.connection().execute(statement, values).scalar() or 0


def case_counts(entry: Digihelper) -> dict[str, int]:
    """How many new and ongoing cases, and how many requests wait in the pool."""
    by_status = dict(db.session.execute(
        select(Referral.status, func.count(Referral.id))
        .where(Referral.target_id == entry.id, Referral.status.in_(OPEN_STATUSES))
        .group_by(Referral.status)).all())
    return {"new": sum(by_status.get(s, 0) for s in NEW),
            "ongoing": sum(by_status.get(s, 0) for s in ONGOING),
            "open": sum(by_status.values()), "pool": pool_count(entry)}


def timeline(referral: Referral) -> list[tuple[ReferralEvent, str | None]]:
    """The referral's events, oldest first, each with the name of who did it (None for the system)."""
    events = list(referral.events)
    ids = {e.actor_id for e in events if e.actor_id}
    names = dict(db.session.execute(select(User.id, User.name).where(User.id.in_(ids))).all()) if ids else {}
    return [(e, names.get(e.actor_id)) for e in events]
