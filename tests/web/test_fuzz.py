"""Odd query strings on the list pages and odd redirect targets: no server error, never off the site."""
from urllib.parse import urlsplit

from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import FORMS, PURE, assert_no_live_markup, odd_int, odd_text
from triage.web.redirects import safe_next

# Each page with the query parameters it reads.
PAGES = {
    "/beheer/accounts": ("q", "rol", "page"),
    "/catalogus/": ("q", "soort", "thema", "taal", "actief", "page"),
    "/balie/": (),
    "/balie/lijst/vandaag": ("page",),
    "/rapporten/": ("periode", "van", "tot", "thema", "soort", "kanaal", "postcode", "doel", "organisatie"),
    "/rapporten/maand": ("maand",),
    "/rapporten/csv/thema": ("periode", "van", "tot"),
    "/api/v1/reports/summary": ("from", "to"),
}


@PURE
@given(target=st.one_of(odd_text, st.sampled_from(["//evil.example", "/\\evil", "https://evil.example/",
                                                   "/%2F%2Fevil", "\\\\evil", "/ok?next=//x", "javascript:x"])))
def test_a_redirect_target_never_leaves_the_site(app, target):
    with app.test_request_context():
        result = safe_next(target)
    parts = urlsplit(result)
    assert result.startswith("/") and not result.startswith("//") and "\\" not in result
    assert not parts.scheme and not parts.netloc


@FORMS
@given(path=st.sampled_from(sorted(PAGES)), data=st.data())
def test_list_pages_take_odd_query_strings(app, client, login_as, path, data):
    if not client.get_cookie("session"):
        login_as("admin")
    names = PAGES[path]
    query = data.draw(st.dictionaries(st.sampled_from(names or ("x",)), st.one_of(odd_text, odd_int.map(str)),
                                      max_size=4))
    response = client.get(path, query_string=query)
    assert response.status_code in (200, 400, 401, 404), (path, query, response.status_code)
    for value in query.values():
        assert_no_live_markup(response.get_data(as_text=True), value)
