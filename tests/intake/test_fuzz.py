"""Odd input on the counter's new-question form and search, through the real classifier; stored text stays text."""
import re

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import text_of
from tests.strategies import FORMS, SCRIPT, assert_no_live_markup, odd_text

FIELDS = ("question", "postcode", "language", "channel", "needs", "target_groups", "contact_name", "contact_phone",
          "contact_email", "contact_consent", "idempotency_key")


@FORMS
@given(question=st.one_of(odd_text, st.just(SCRIPT + " mijn pc start niet")),
       others=st.dictionaries(st.sampled_from(FIELDS[1:]), odd_text, max_size=6))
def test_the_intake_form_takes_odd_input_and_shows_the_question_as_text(client, login_as, question, others):
    if not client.get_cookie("session"):
        login_as("balie")
    response = client.post("/balie/nieuw", data={"question": question, **others})
    assert response.status_code in (302, 400), response.status_code
    assert "/login" not in response.headers.get("Location", "")
    if response.status_code == 302:
        page = client.get(response.headers["Location"])
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert_no_live_markup(html, question)
        assert_no_live_markup(html, others.get("contact_name", ""))
    else:
        assert_no_live_markup(response.get_data(as_text=True), question)


@FORMS
@given(code=odd_text)
def test_the_search_by_code_takes_odd_input(client, login_as, code):
    if not client.get_cookie("session"):
        login_as("balie")
    response = client.get("/balie/zoeken", query_string={"code": code})
    assert response.status_code == 302
    assert client.get(response.headers["Location"]).status_code in (200, 404)


def test_a_script_logged_through_the_api_is_text_on_the_counters_page(app, client, make_user, login_as):
    from triage.auth.models import User
    from triage.auth.services import create_token
    from triage.extensions import db

    account = make_user("balie")
    with app.app_context():
        token = create_token(db.session.get(User, account.id))
        db.session.commit()
    body = {"question": f"{SCRIPT} mijn gsm doet raar", "contact": {"name": "<img src=x onerror=alert(1)>",
                                                                    "consent": True}}
    created = client.post("/api/v1/requests", json=body, headers={"Authorization": f"Bearer {token}"})
    assert created.status_code == 201
    login_as("balie")
    page = client.get(f"/balie/vraag/{created.get_json()['reference']}")
    html = page.get_data(as_text=True)
    assert SCRIPT not in html and "<img src=x" not in html
    assert SCRIPT in text_of(page) and re.search(r"&lt;script&gt;", html)
