"""Hypothesis strategies for odd input (empty, huge, Unicode, control characters, HTML and SQL), and the settings.

The settings are deterministic (derandomize) and store nothing on disk, so a run in CI repeats a run here;
each test has a modest number of examples to keep the whole suite within its time on two cores.
"""
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# For tests that post through the test client (slower); pure functions take more.
FORMS = settings(max_examples=30, deadline=None, database=None, derandomize=True,
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                        HealthCheck.data_too_large, HealthCheck.filter_too_much])
PURE = settings(FORMS, max_examples=100)

SCRIPT = "<script>alert('xss')</script>"
FRAGMENTS = [
    "", " ", "\t\n", SCRIPT, "\"><img src=x onerror=alert(1)>", "<svg/onload=alert(1)>", "javascript:alert(1)",
    "' OR '1'='1", "'; DROP TABLE users; --", "\" OR 1=1 --", "1; SELECT pg_sleep(5)", "%s%s%n", "{{7*7}}", "${7*7}",
    "{% raw %}", "\x00", "\x1b[31m", "\u202e", "\ufeff", "\ud7ff", "🙂", "👩🏽‍💻", "漢字", "ĳ", "Ǆ", "a\u0301", "é",
    "../../etc/passwd", "null", "None", "-1", "0", "2147483648", "9223372036854775808", "99999999999999999999999999",
    "1e309", "NaN", "2026-02-30", "0001-01-01", "9999-12-31",
    "\\", "%00", "%0d%0aSet-Cookie: x=1", "\r\n", "<!--", "]]>", "&amp;", "&#x3C;script&#x3E;",
]
_CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F)
_ANY = st.characters(blacklist_categories=("Cs",))  # any code point a browser can send in UTF-8

odd_text = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(_ANY, max_size=40),
    st.text(_CONTROL, min_size=1, max_size=5),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(_ANY, max_size=8)), max_size=6).map("".join),
    # Huge: a fragment repeated to far past every field's limit.
    st.tuples(st.sampled_from(FRAGMENTS[3:12] + ["x", "é"]), st.integers(300, 1500)).map(lambda p: p[0] * p[1]),
)

# Ids and numbers around the limits of 32- and 64-bit integers, and past them.
BIG = [0, 1, -1, 2**31 - 1, 2**31, 2**63 - 1, 2**63, 2**70, -(2**63) - 1]
odd_int = st.one_of(st.sampled_from(BIG), st.integers(-(2**70), 2**70))

json_scalar = st.one_of(st.none(), st.booleans(), odd_int,
                        st.floats(allow_nan=False, allow_infinity=False), odd_text)
json_value = st.recursive(json_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(odd_text, inner, max_size=4)), max_leaves=12)

PAYLOADS = [SCRIPT, "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>"]


def assert_no_live_markup(page: str, submitted: str) -> None:
    """A script payload that was submitted never comes back as markup: only escaped, if at all."""
    for payload in PAYLOADS:
        if payload in submitted:
            assert payload not in page, payload
