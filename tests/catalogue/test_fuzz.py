"""Odd input on the catalogue forms, the file validation and the course sessions; entries show as text."""
from itertools import count

from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import FORMS, PURE, SCRIPT, assert_no_live_markup, json_value, odd_int, odd_text
from triage.catalogue.forms import parse_sessions
from triage.catalogue.validation import validate_document

ENTRY_FIELDS = ("code", "name", "languages", "postcodes", "target_groups", "last_verified", "description", "address",
                "phone", "email", "website", "opening_hours", "org_type", "organisation", "max_open_cases", "user_id",
                "level", "location", "capacity", "cost_eur", "sessions", "themes", "kinds", "accessibility")
entry_item = st.dictionaries(st.sampled_from(["id", "name", "title", "themes", "kinds", "languages", "postcodes",
                                              "organisation", "last_verified", "sessions", "capacity",
                                              "max_open_cases", "email", "website"]), json_value, max_size=8)
CODES = count(1)
document = st.one_of(json_value, st.fixed_dictionaries({"version": st.one_of(st.just(1), json_value)}, optional={
    "organisations": st.lists(entry_item, max_size=3), "digihelpers": st.lists(entry_item, max_size=3),
    "courses": st.lists(entry_item, max_size=3)}))


@PURE
@given(doc=document)
def test_validation_answers_every_document_with_dutch_lines(doc):
    errors = validate_document(doc)
    assert isinstance(errors, list) and all(isinstance(e, str) and e for e in errors)


@PURE
@given(text=st.one_of(odd_text, st.lists(st.one_of(odd_text, st.sampled_from([
    "2026-12-08 14:00-16:00", "8/12/2026 9u30", "2026-13-45 99:99", "31/02/2026 14.00 tot 25.61",
    "0001-01-01 00:00", "9999-12-31 23:59-00:00"])), max_size=5).map("\n".join)))
def test_course_sessions_are_parsed_or_explained_line_by_line(text):
    sessions, errors = parse_sessions(text)
    assert all(isinstance(e, str) for e in errors)
    assert all(s["start"][:4].isdigit() for s in sessions)


@FORMS
@given(slug=st.sampled_from(["digihelper", "organisatie", "cursus"]),
       fields=st.dictionaries(st.sampled_from(ENTRY_FIELDS), st.one_of(odd_text, odd_int.map(str)), max_size=10),
       name=st.one_of(odd_text, st.just(SCRIPT)))
def test_the_entry_forms_take_odd_input_and_show_names_as_text(client, login_as, slug, fields, name):
    if not client.get_cookie("session"):
        login_as("coordinator")
    data = {"code": f"fuzz-{next(CODES)}", "themes": "computer", "kinds": "hulpvraag", "languages": "nl",
            "sessions": "2099-01-10 10:00-12:00", **fields, "name": name}
    response = client.post(f"/catalogus/{slug}/nieuw", data=data)
    assert response.status_code in (302, 400), response.status_code
    assert "/login" not in response.headers.get("Location", "")
    html = response.get_data(as_text=True)
    if response.status_code == 302:
        page = client.get(response.headers["Location"])
        assert page.status_code == 200
        html += page.get_data(as_text=True) + client.get("/catalogus/").get_data(as_text=True)
    assert_no_live_markup(html, name)


def test_a_file_with_u0000_or_deep_nesting_is_refused_in_dutch(ctx):
    import pytest

    from triage.catalogue.exchange import FileProblem, import_file

    nul = b'{"version": 1, "digihelpers": [{"id": "dh-x", "name": "a\\u0000b", "themes": ["computer"], ' \
          b'"kinds": ["hulpvraag"], "languages": ["nl"]}]}'
    for raw, message in ((nul, "U+0000"), (b"[" * 100000, "te diep genest")):
        with pytest.raises(FileProblem) as problem:
            import_file(raw)
        assert message in " ".join(problem.value.errors)
