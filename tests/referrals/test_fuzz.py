"""Odd input for the referral module: the triage input parser, e-mail link tokens, and the case and counter forms."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import login, text_of
from tests.strategies import FORMS, PURE, SCRIPT, assert_no_live_markup, json_value, odd_int, odd_text
from triage.catalogue.services import find_entry, import_document, link_user
from triage.extensions import db
from triage.intake.models import HelpRequest
from triage.referrals import services
from triage.referrals.email_links import LinkRefused, check_link
from triage.referrals.models import Referral
from triage.referrals.pipeline import FIELDS, TriageInput, parse_input

triage_body = st.one_of(json_value, st.dictionaries(st.sampled_from(sorted(FIELDS)), json_value, max_size=7))


@PURE
@given(body=triage_body)
def test_parse_input_answers_every_body_with_an_input_or_dutch_problems(body):
    data, errors = parse_input(body)
    assert (data is None) == bool(errors)
    assert all(isinstance(e, str) and e for e in errors)
    if data is not None:
        assert isinstance(data, TriageInput) and data.question.strip() and len(data.question) <= 5000


@FORMS
@given(token=odd_text)
def test_an_odd_email_link_token_is_refused_in_dutch(ctx, token):
    with pytest.raises(LinkRefused) as refused:
        check_link(token)
    assert str(refused.value)


CATALOGUE = {"version": 1, "digihelpers": [{"id": "dh-fuzz", "name": "Fuzz", "themes": ["computer"],
                                            "kinds": ["hulpvraag"], "languages": ["nl"]}]}


@pytest.fixture
def case(app, make_user):
    account = make_user("digihelper")
    with app.app_context():
        import_document(CATALOGUE)
        link_user(find_entry("digihelper", "dh-fuzz"), account.id)
        request = HelpRequest(reference="FUZ-ZZZ", question="pc", kind="hulpvraag", theme="computer",
                              predicted_themes=["computer"])
        db.session.add(request)
        db.session.flush()
        referral_id = services.create_referral(request, find_entry("digihelper", "dh-fuzz"), actor_id=None,
                                               accepted=True).id
        db.session.commit()
    return account, referral_id


@FORMS
@given(word=st.sampled_from(["aanvaarden", "weigeren", "starten", "contact", "afsluiten"]),
       version=st.one_of(odd_text, odd_int.map(str)), reason=odd_text, note=odd_text,
       result=odd_text, outcome=odd_text)
def test_case_actions_take_odd_input_without_a_server_error(app, client, case, word, version, reason, note,
                                                            result, outcome):
    account, referral_id = case
    login(client, account)
    data = {f"{word}-version": version, f"{word}-reason": reason, f"{word}-note": note,
            f"{word}-result": result, f"{word}-outcome": outcome}
    response = client.post(f"/dossiers/{referral_id}/{word}", data=data)
    assert response.status_code in (302, 400), response.status_code
    assert "/login" not in response.headers.get("Location", "")
    page = client.get(f"/dossiers/{referral_id}")
    assert page.status_code == 200
    assert_no_live_markup(page.get_data(as_text=True) + response.get_data(as_text=True), note)


def test_a_script_in_a_note_is_shown_as_text(app, client, case):
    account, referral_id = case
    login(client, account)
    with app.app_context():
        version = db.session.get(Referral, referral_id).version
    client.post(f"/dossiers/{referral_id}/contact", data={"contact-version": version, "contact-result": "bereikt",
                                                          "contact-note": SCRIPT})
    page = client.get(f"/dossiers/{referral_id}")
    assert SCRIPT in text_of(page) and SCRIPT not in page.get_data(as_text=True)


@FORMS
@given(action=st.sampled_from(["labels", "refer", "solved", "pool", "gap"]),
       fields=st.dictionaries(st.sampled_from(["kind", "theme", "theme2", "target", "outcome", "note"]), odd_text))
def test_counter_actions_take_odd_input_without_a_server_error(app, client, login_as, case, action, fields):
    if not client.get_cookie("session"):
        login_as("balie")
    path = {"labels": "indeling", "refer": "doorverwijzen", "solved": "opgelost", "pool": "pool", "gap": "tekort"}
    response = client.post(f"/balie/vraag/FUZ-ZZZ/{path[action]}", data=fields)
    assert response.status_code in (302, 400), response.status_code
    assert "/login" not in response.headers.get("Location", "")
    page = client.get("/balie/vraag/FUZ-ZZZ")
    assert page.status_code == 200
    assert_no_live_markup(page.get_data(as_text=True), fields.get("note", ""))


@FORMS
@given(referral=st.one_of(odd_int.map(abs), st.just(None)), action=odd_text,
       version=st.one_of(odd_text, odd_int.map(str)),
       outcome=odd_text, note=odd_text)
def test_the_counters_referral_action_takes_odd_input(app, client, login_as, case, referral, action, version,
                                                      outcome, note):
    if not client.get_cookie("session"):
        login_as("coordinator")
    referral_id = case[1] if referral is None else referral
    response = client.post(f"/balie/doorverwijzing/{referral_id}/{action[:50]}",
                           data={"version": version, "outcome": outcome, "note": note})
    assert response.status_code in (302, 400, 404, 405), response.status_code
