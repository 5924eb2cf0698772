"""The audit log: every view and change of a citizen's data has a row, with who and where, never the data itself."""
from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from tests.conftest import login, text_of
from tests.privacy.helpers import EMAIL, PHONE, mia_and_jan
from tests.referrals.loop_helpers import T0
from tests.web.test_transactions import begins, sqlite_app  # noqa: F401 - fixtures
from triage.extensions import db
from triage.privacy import audit
from triage.privacy.models import AuditEntry
from triage.referrals import loop_jobs

PERSONAL = ("0470", "112233", "Mia", "Janssens", "itsme", "example.be", "videobellen")


def rows(app, **where) -> list[AuditEntry]:
    with app.app_context():
        query = select(AuditEntry).order_by(AuditEntry.id)
        for name, value in where.items():
            query = query.where(getattr(AuditEntry, name) == value)
        found = list(db.session.scalars(query))
        db.session.expunge_all()
        return found


def no_personal_data(entries) -> None:
    for row in entries:
        values = " ".join(str(v) for v in (row.action, row.object_type, row.object_id, row.reference, row.via,
                                           row.detail))
        assert not any(word in values for word in PERSONAL), values


@pytest.fixture
def world(app, make_user):
    staff = {role: make_user(role) for role in ("balie", "digihelper", "coordinator", "admin")}
    with app.app_context():
        made = mia_and_jan(T0, digihelper_user_id=staff["digihelper"].id)
        db.session.commit()
        ids = {"first": made.first.id, "referral": made.referral.id}
    return staff, ids


def client_for(app, account):
    client = app.test_client()
    assert login(client, account).status_code == 302
    return client


def test_changes_are_logged_with_who_and_where_in_the_same_transaction(app, world):
    staff, ids = world
    created = rows(app, reference="MIA-001")
    # Made by a job-like context (no request): the system; the referral's steps by the same flushes.
    assert [(r.action, r.object_type) for r in created][:2] == [("created", "request"), ("created", "referral")]
    no_personal_data(rows(app))


def test_logging_a_question_at_the_counter_names_the_clerk(app, world, monkeypatch):
    staff, _ = world
    import triage.classify.service as service
    from tests.intake.conftest import FixedClassifier

    monkeypatch.setattr(service, "get_classifier", lambda *a, **k: FixedClassifier(), raising=False)
    clerk = client_for(app, staff["balie"])
    response = clerk.post("/balie/nieuw", data={"question": "Mijn itsme werkt niet", "language": "nl",
                                                "channel": "balie", "contact_phone": PHONE, "contact_consent": "y"})
    reference = response.headers["Location"].split("/")[-1].split("?")[0]
    [row] = rows(app, reference=reference)
    assert (row.action, row.object_type, row.actor_id, row.via) == ("created", "request", staff["balie"].id,
                                                                    "intake.new")
    no_personal_data([row])


@pytest.mark.parametrize("role, path, object_type", [
    ("balie", "/balie/vraag/MIA-001", "request"),
    ("balie", "/balie/vraag/MIA-001/briefje", "request"),
    ("digihelper", "/dossiers/{referral}", "referral"),
])
def test_pages_showing_a_citizens_data_are_logged_as_viewed(app, world, role, path, object_type):
    staff, ids = world
    page = client_for(app, staff[role]).get(path.format(referral=ids["referral"]))
    assert page.status_code == 200
    [row] = rows(app, action="viewed")
    assert (row.object_type, row.reference, row.actor_id) == (object_type, "MIA-001", staff[role].id)
    assert row.via in ("counter.request_page", "counter.slip", "cases.case")


def test_a_page_seen_again_within_minutes_is_logged_once(app, world, monkeypatch):
    staff, ids = world
    with app.app_context():
        from tests.referrals.loop_helpers import refer

        refer(reference="OPN-001")  # an open case: the list shows its question
        db.session.commit()
    helper = client_for(app, staff["digihelper"])
    for _ in range(3):  # a digihelper reloading their list and the case
        assert helper.get("/dossiers/").status_code == 200
        assert helper.get(f"/dossiers/{ids['referral']}").status_code == 200
    assert sorted(r.detail or "" for r in rows(app, action="viewed")) == ["", "lijst"]
    # Later than AUDIT_VIEW_REPEAT_MINUTES, the same view is a new row.
    later = audit.utcnow() + timedelta(minutes=app.config["AUDIT_VIEW_REPEAT_MINUTES"] + 1)
    monkeypatch.setattr(audit, "utcnow", lambda: later)
    assert helper.get("/dossiers/").status_code == 200
    assert sorted(r.detail or "" for r in rows(app, action="viewed")) == ["", "lijst", "lijst"]


def test_every_view_is_logged_when_the_repeat_window_is_off(app, world, monkeypatch):
    staff, _ = world
    monkeypatch.setitem(app.config, "AUDIT_VIEW_REPEAT_MINUTES", 0)
    clerk = client_for(app, staff["balie"])
    for _ in range(2):
        assert clerk.get("/balie/vraag/MIA-001").status_code == 200
    assert len(rows(app, action="viewed")) == 2


def test_the_api_logs_what_it_shows(app, world):
    from triage.auth.models import User
    from triage.auth.services import create_token

    staff, _ = world
    with app.app_context():
        token = create_token(db.session.get(User, staff["balie"].id))
        db.session.commit()
    response = app.test_client().get("/api/v1/requests/MIA-001", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    [row] = rows(app, action="viewed")
    assert (row.reference, row.actor_id, row.via) == ("MIA-001", staff["balie"].id, "api_cases.get_request")


def test_the_view_is_written_in_a_short_write_transaction_after_the_read(app, world, begins):  # noqa: F811
    staff, _ = world
    clerk = client_for(app, staff["balie"])
    begins.clear()
    assert clerk.get("/balie/vraag/MIA-001").status_code == 200
    assert begins == ["BEGIN", "BEGIN IMMEDIATE"]  # the page reads deferred; the audit row writes after it


def test_no_trace_no_page(app, world, monkeypatch):
    staff, _ = world
    clerk = client_for(app, staff["balie"])

    def broken(_rows):
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit, "record", broken)
    page = clerk.get("/balie/vraag/MIA-001")
    assert page.status_code == 500
    assert "Er ging iets mis" in text_of(page) and "Mia" not in text_of(page)


def test_the_actor_is_read_from_an_orm_account_or_a_plain_snapshot_of_it(app, world):
    from flask import g

    staff, _ = world
    snapshot = type("Snapshot", (), {"id": staff["coordinator"].id, "is_authenticated": True})()
    with app.test_request_context("/"):
        g._login_user = snapshot
        assert audit.current_actor() == (staff["coordinator"].id, "main.index")


def test_a_refused_change_leaves_no_row(app, world):
    staff, ids = world
    helper = client_for(app, staff["digihelper"])
    before = len(rows(app, action="changed"))
    helper.post(f"/dossiers/{ids['referral']}/aanvaarden", data={"aanvaarden-version": 99})  # closed: refused
    assert len(rows(app, action="changed")) == before


def test_a_digihelpers_step_is_logged_as_a_change_with_the_fields_not_the_values(app, make_user):
    from tests.referrals.loop_helpers import load_catalogue, refer
    helper = make_user("digihelper")
    with app.app_context():
        load_catalogue(helper.id)
        referral = refer(contact_phone=PHONE, contact_consent=True)
        db.session.commit()
        referral_id, version, reference = referral.id, referral.version, referral.request_id
    client = client_for(app, helper)
    client.post(f"/dossiers/{referral_id}/weigeren", data={"weigeren-version": version, "weigeren-reason": "andere",
                                                           "weigeren-note": "Mia woont te ver"})
    [row] = [r for r in rows(app, action="changed", object_type="referral") if r.actor_id == helper.id]
    assert row.via == "cases.decline" and "status" in row.detail and "decline_note" in row.detail
    no_personal_data([row])
    assert reference


def test_a_jobs_change_is_logged_as_the_system(app, make_user):
    from tests.referrals.loop_helpers import load_catalogue, refer
    from tests.referrals.test_loop_jobs import ESCALATION, EXPIRY

    with app.app_context():
        load_catalogue()
        referral = refer()
        referral.escalated_at = ESCALATION
        db.session.commit()
        loop_jobs.expire_stale(EXPIRY + timedelta(minutes=1))
        db.session.commit()
    expired = [r for r in rows(app, action="changed") if r.object_type == "referral"]
    assert expired and {(r.actor_id, r.via) for r in expired} == {(None, "systeem")}


def test_the_log_cannot_be_changed_or_deleted_even_by_sql(app, world):
    with app.app_context():
        for statement in ("UPDATE audit_log SET actor_id = NULL", "DELETE FROM audit_log"):
            with pytest.raises(DBAPIError, match="append-only"):
                db.session.execute(text(statement))
            db.session.rollback()
        assert db.session.scalar(select(AuditEntry.id).limit(1)) is not None


def test_the_audit_blueprint_has_no_route_that_changes_anything(app):
    methods = {m for rule in app.url_map.iter_rules() if rule.endpoint.startswith("audit.") for m in rule.methods}
    assert methods <= {"GET", "HEAD", "OPTIONS"}


# ---- the admin's page ----

def test_the_admin_reads_the_log_newest_first_with_names_and_dutch_words(app, world):
    staff, _ = world
    client_for(app, staff["balie"]).get("/balie/vraag/MIA-001")
    page = text_of(client_for(app, staff["admin"]).get("/beheer/audit/"))
    assert "Auditlog" in page and "bekeken" in page and "aangemaakt" in page and "MIA-001" in page
    assert "Balie 1 (Baliemedewerker)" in page and "Systeem" in page
    assert PHONE not in page and EMAIL not in page


def test_the_admin_filters_by_person_reference_action_and_date(app, world):
    staff, _ = world
    client_for(app, staff["balie"]).get("/balie/vraag/MIA-001")
    client_for(app, staff["balie"]).get("/balie/vraag/JAN-001")
    admin = client_for(app, staff["admin"])
    by_person = text_of(admin.get(f"/beheer/audit/?actor={staff['balie'].id}"))
    assert "MIA-001" in by_person and "JAN-001" in by_person and "aangemaakt" not in by_person.split("Details", 1)[1]
    by_reference = text_of(admin.get("/beheer/audit/?reference=jan-001&action=viewed"))
    assert "JAN-001" in by_reference and "MIA-001" not in by_reference.split("Details", 1)[1]
    assert "Niets gevonden voor deze filter" in text_of(admin.get("/beheer/audit/?start=2000-01-01&end=2000-01-02"))
    system = text_of(admin.get("/beheer/audit/?actor=systeem"))
    assert "aangemaakt" in system and "bekeken" not in system.split("Details", 1)[1]


@pytest.mark.parametrize("query, message", [
    ("start=gisteren", "Vul een datum in, zoals 2026-12-08."),
    ("start=2026-12-05&end=2026-12-01", "De einddatum ligt voor de begindatum."),
    ("reference=<script>", "Een referentiecode heeft letters en cijfers"),
    ("actor=drop", "Kies iemand uit de lijst."),
])
def test_bad_filters_get_a_dutch_message(app, world, query, message):
    staff, _ = world
    response = client_for(app, staff["admin"]).get(f"/beheer/audit/?{query}")
    assert response.status_code == 400
    assert message.lower() in text_of(response).lower()


def test_the_log_is_paged(app, world, monkeypatch):
    staff, _ = world
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    admin = client_for(app, staff["admin"])
    page = text_of(admin.get("/beheer/audit/"))
    assert "Pagina 1 van" in page and "Volgende pagina" in page
    assert admin.get("/beheer/audit/?page=2").status_code == 200
