"""The rollup triggers and rollups.rebuild() agree, after inserts, updates and deletes of every kind."""
import random
from datetime import timedelta

from sqlalchemy import select, text

from triage.catalogue.models import MODEL_BY_TYPE, CatalogueEntry
from triage.demo.generate import generate
from triage.extensions import db
from triage.intake.models import Channel, HelpRequest, RequestService
from triage.referrals.models import CatalogueLoad, Mode, Referral, Status
from triage.reports import rollups
from triage.reports.models import (
    ClosedRequestSlice,
    ClosedTargetSlice,
    HourSlice,
    Journey,
    ReferralSlice,
    RequestCube,
    ServiceCube,
)

TABLES = {RequestCube: ("n", "gaps", "solved"), ServiceCube: ("n",),
          ReferralSlice: ("n", "reminders", "escalations", "accepted"),
          ClosedTargetSlice: ("n", "successes", "zelfstandig"), ClosedRequestSlice: ("n", "successes", "zelfstandig"),
          HourSlice: ("n",),
          Journey: ("citizen_key", "created_at", "theme", "channel", "postcode", "prev_at", "prev_theme_at",
                    "prev_channel_at", "prev_postcode_at", "learned_at"),
          CatalogueLoad: ("open_referrals", "active_referrals")}


def snapshot() -> dict:
    """Every rollup row by key; rows the triggers counted down to zero are left out."""
    out = {}
    for model, values in TABLES.items():
        keys = [c.name for c in model.__table__.primary_key.columns]
        rows = {}
        for row in db.session.execute(select(model.__table__)).mappings():
            counted = tuple(row[v] for v in values)
            if model is Journey or any(counted):
                rows[tuple(row[k] for k in keys)] = counted
        out[model.__tablename__] = rows
    return out


def assert_same_as_rebuild() -> None:
    db.session.flush()
    by_triggers = snapshot()
    rollups.rebuild()
    rebuilt = snapshot()
    for table, rows in rebuilt.items():
        assert by_triggers[table] == rows, table


def test_triggers_count_generated_rows_as_the_rebuild_does(ctx):
    generate(150, seed=5)  # plain inserts: every row goes through the triggers
    assert db.session.scalar(select(RequestCube.n).where(RequestCube.grain == "m").limit(1))
    assert db.session.scalar(select(HourSlice.n).where(HourSlice.dimension == "organisation").limit(1))
    assert_same_as_rebuild()


def test_triggers_follow_updates_and_deletes(ctx):
    generate(150, seed=6)
    rng = random.Random(6)
    requests = db.session.scalars(select(HelpRequest).order_by(HelpRequest.id)).all()
    referrals = db.session.scalars(select(Referral).order_by(Referral.id)).all()
    open_ones = [r for r in referrals if r.status in (Status.PROPOSED, Status.ACCEPTED, Status.IN_PROGRESS)]
    for referral in open_ones[:8]:
        referral.status, referral.outcome = Status.CLOSED, rng.choice(["geholpen", "zelfstandig", "deels"])
        referral.closed_at = referral.created_at + timedelta(days=3, hours=rng.randrange(30))
        referral.accepted_at = referral.accepted_at or referral.created_at + timedelta(hours=5, minutes=31)
    for referral in referrals[:6]:
        referral.reminders_sent += 1
        referral.escalated_at = referral.created_at + timedelta(days=6)
    closed = [r for r in referrals if r.status is Status.CLOSED]
    for referral in closed[:4]:
        referral.outcome = "niet_geholpen"
    for referral in closed[4:6]:
        referral.created_at -= timedelta(hours=7)  # made earlier: other day, other hours
    referrals[40].target_id = referrals[41].target_id if referrals[41].target_id != referrals[40].target_id \
        else referrals[42].target_id
    referrals[43].request_id = requests[0].id
    for item in requests[:6]:
        item.kind = "leervraag" if item.kind == "hulpvraag" else "hulpvraag"
        item.theme = "computer"
    for item in requests[6:10]:
        item.channel = Channel.TELEFOON if item.channel is not Channel.TELEFOON else Channel.BALIE
        item.postcode = None if item.postcode else "2800"
    keyed = [r for r in requests if r.citizen_key]
    for item, other in zip(keyed[:3], keyed[3:6], strict=True):
        item.citizen_key = other.citizen_key
    for item in keyed[:2] + keyed[3:5]:  # two citizens, each with two hulpvragen without theme or postcode
        item.kind, item.theme, item.postcode = "hulpvraag", None, None
    requests[10].created_at += timedelta(days=1)
    requests[11].gap, requests[12].status = True, "solved"
    db.session.flush()
    assert_same_as_rebuild()
    for item in requests[20:25]:
        db.session.delete(item)
    for referral in [r for r in referrals if r.mode is Mode.ENROLLED][:3]:
        db.session.delete(referral)
    db.session.execute(text("DELETE FROM request_services WHERE request_id = :id"), {"id": requests[30].id})
    db.session.add(RequestService(request_id=requests[31].id, service="doccle", created_at=requests[31].created_at))
    # A request naming one service, not itsme (which one depends on the day the data is generated for).
    renamed = next(r for r in requests[32:] if len(set(r.services or ())) == 1 and r.services[0] != "itsme")
    db.session.execute(text("UPDATE request_services SET service = 'itsme' "
                            "WHERE request_id = :id AND service <> 'itsme'"), {"id": renamed.id})
    assert_same_as_rebuild()


def test_an_entry_that_moves_to_another_organisation_takes_its_referrals_along(ctx):
    generate(150, seed=9)
    organisations = db.session.scalars(select(CatalogueEntry).where(
        CatalogueEntry.entry_type == "organisation").order_by(CatalogueEntry.id)).all()
    referred = db.session.scalars(select(CatalogueEntry).where(
        CatalogueEntry.entry_type == "digihelper", CatalogueEntry.id.in_(select(Referral.target_id)))
        .order_by(CatalogueEntry.id)).all()
    moving, leaving, adopted = referred[0], referred[1], referred[2]
    moving.organisation_id = next(o.id for o in organisations if o.id != moving.organisation_id)
    leaving.organisation_id = None
    assert_same_as_rebuild()
    # A new organisation takes a digihelper, then goes: the foreign key sets its organisation to none.
    newcomer = MODEL_BY_TYPE["organisation"](code="org-nieuw", name="Nieuw")
    db.session.add(newcomer)
    db.session.flush()
    adopted.organisation_id = newcomer.id
    assert_same_as_rebuild()
    db.session.execute(text("DELETE FROM catalogue_entries WHERE id = :id"), {"id": newcomer.id})
    db.session.expire_all()
    assert db.session.get(CatalogueEntry, adopted.id).organisation_id is None
    assert_same_as_rebuild()


def test_a_bulk_load_skips_the_triggers_and_counts_at_the_end(ctx):
    with rollups.bulk_load():
        generate(60, seed=7)
        assert db.session.scalar(select(RequestCube.n).limit(1)) is None
    assert db.session.scalar(select(RequestCube.n).where(RequestCube.grain == "d").limit(1))
    assert_same_as_rebuild()
    db.session.commit()
    generate(20, seed=8)  # after the load the triggers work again
    assert_same_as_rebuild()
