"""Every report number, with no filter, one filter or several, is the same from the rollups as from the base tables."""
from datetime import date, datetime, timedelta

import pytest

from tests.reports.report_rows import both_ways, entry, local, referral, request  # noqa: F401
from triage.demo.generate import after_load, generate
from triage.extensions import db
from triage.reports import filters
from triage.reports import queries as q

NOW = datetime(2026, 6, 1, 10, 0)
PERIODS = [
    (date(2026, 5, 1), date(2026, 5, 31)),    # a whole month: month rows only
    (date(2026, 3, 29), date(2026, 3, 29)),   # the day summer time begins
    (date(2025, 10, 20), date(2026, 1, 10)),  # days, whole months, days; winter time begins inside
    (date(2024, 6, 2), date(2026, 6, 1)),     # two years, as the dashboard's longest period
]
CRITERIA = [
    {}, {"theme": "bankieren"}, {"kind": "leervraag"}, {"channel": "telefoon"}, {"postcode": "2800"},
    {"postcode": "9999"}, {"target_type": "course"}, {"organisation": "org-bib"}, {"organisation": "org-onbekend"},
    {"theme": "smartphone-tablet", "kind": "leervraag"}, {"channel": "balie", "postcode": "2801"},
    {"theme": "bankieren", "target_type": "digihelper"}, {"target_type": "digihelper", "organisation": "org-ocmw"},
]


def _summary(f: q.Filters, rollups: bool) -> dict:
    previous = filters.USE_ROLLUPS
    filters.USE_ROLLUPS = rollups
    try:
        return q.summary(f, NOW)
    finally:
        filters.USE_ROLLUPS = previous


@pytest.fixture
def generated(ctx):
    generate(400, seed=21, now=NOW)
    db.session.commit()
    after_load()  # PostgreSQL's sequences past the generated ids
    # Rows at the edges of Brussels days around both clock changes, which office hours never reach.
    ask_spring = request(datetime(2026, 3, 28, 23, 30), "hulpvraag", "bankieren", "telefoon", "2800",
                         citizen="edge")  # 00:30 on 29 March, Brussels
    ask_autumn = request(datetime(2025, 10, 25, 22, 30), "leervraag", "bankieren", "balie", "2800",
                         citizen="edge")  # 00:30 on 26 October (summer time), Brussels
    target = entry("digihelper", "dh-rand", organisation=None)
    referral(ask_spring, target, datetime(2026, 3, 29, 21, 59), "closed", accepted=datetime(2026, 3, 29, 22, 1),
             closed=datetime(2026, 3, 29, 23, 30), outcome="zelfstandig")
    referral(ask_autumn, target, datetime(2025, 10, 26, 22, 59), "declined", reason="geen_tijd")
    db.session.flush()


@pytest.mark.parametrize("period", PERIODS, ids=[f"{a}..{b}" for a, b in PERIODS])
def test_the_rollups_answer_every_filter_as_the_base_tables_do(generated, period):
    for criteria in CRITERIA:
        f = q.Filters(*period, **criteria)
        from_rollups, from_rows = _summary(f, True), _summary(f, False)
        for key, value in from_rows.items():
            assert from_rollups[key] == value, (criteria, key)


def test_the_sample_is_not_empty_under_the_filters(generated):
    two_years = PERIODS[-1]
    for criteria in CRITERIA:
        if "9999" in criteria.values() or "org-onbekend" in criteria.values():
            continue
        report = _summary(q.Filters(*two_years, **criteria), True)
        assert report["volumes"]["total"] and report["loop_closure"]["due"], criteria
        assert report["timings"]["closure"]["n"] and report["success_rates"]["overall"][0]["closed"], criteria


@pytest.mark.usefixtures("both_ways")
@pytest.mark.parametrize("criteria", CRITERIA[1:])
def test_an_empty_database_gives_zeros_under_any_filter(ctx, criteria):
    report = q.summary(q.Filters(date(2026, 3, 1), date(2026, 3, 31), **criteria), NOW)
    assert report["volumes"]["total"] == 0 and report["loop_closure"] == {"due": 0, "closed": 0, "share": None}
    assert report["timings"]["acceptance"] == {"n": 0, "median_hours": None, "p90_hours": None}
    assert report["success_rates"]["overall"][0]["closed"] == 0 and report["declines"]["by_reason"] == []
    assert report["hulp_to_leer"]["citizens"] == 0 and report["online_services"] == []


@pytest.mark.usefixtures("both_ways")
def test_durations_are_reported_in_whole_hours_and_from_two_days_in_whole_days(ctx):
    helper = entry("digihelper", "dh-a")
    start = local(2026, 3, 2, 9)
    waits = [timedelta(minutes=29, seconds=59), timedelta(minutes=30), timedelta(hours=1, minutes=29),
             timedelta(hours=47, minutes=29, seconds=59), timedelta(hours=47, minutes=30),
             timedelta(days=3, hours=11, minutes=59), timedelta(days=3, hours=12)]
    ask = request(local(2026, 3, 1))
    for wait in waits:
        referral(ask, helper, start, "closed", accepted=start + wait, closed=start + wait, outcome="geholpen")
    times = q.timings(q.Filters(date(2026, 3, 1), date(2026, 3, 31)))
    # Reported: 0, 1, 1, 47, 48, 72, 96 hours.
    assert times["acceptance"] == {"n": 7, "median_hours": 47.0, "p90_hours": pytest.approx(81.6)}
    assert times["closure"] == times["acceptance"]


@pytest.mark.usefixtures("both_ways")
def test_one_filter_narrows_every_referral_number(ctx):
    org = entry("organisation", "org-a")
    ann = entry("digihelper", "dh-ann", organisation=org)
    bob = entry("digihelper", "dh-bob")
    course = entry("course", "c-pc", organisation=org)
    bank = request(local(2026, 3, 2), "hulpvraag", "bankieren", "telefoon", "2801")
    pc = request(local(2026, 3, 3), "leervraag", "computer", "balie", "2800")
    start = local(2026, 3, 4, 9)
    referral(bank, ann, start, "closed", accepted=start + timedelta(hours=2), closed=start + timedelta(hours=30),
             outcome="zelfstandig", reminders=1)
    referral(bank, bob, start, "declined", reason="geen_tijd", reminders=2, escalated=start + timedelta(days=6))
    referral(pc, course, start, "closed", closed=start + timedelta(hours=10), outcome="deels")
    referral(pc, bob, start, "accepted", accepted=start + timedelta(hours=6))
    march = lambda **kw: q.Filters(date(2026, 3, 1), date(2026, 3, 31), **kw)  # noqa: E731
    now = local(2026, 5, 1)
    assert q.loop_closure(march(theme="bankieren"), now) == {"due": 1, "closed": 1, "share": 1.0}
    assert q.loop_closure(march(channel="balie"), now) == {"due": 2, "closed": 1, "share": 0.5}
    assert q.loop_closure(march(organisation="org-a"), now) == {"due": 2, "closed": 2, "share": 1.0}
    assert q.declines(march(target_type="digihelper")) == {"by_reason": [("geen_tijd", 1)], "reminders": 3,
                                                          "escalations": 1}
    assert q.declines(march(postcode="2800"))["reminders"] == 0
    assert q.timings(march(kind="leervraag")) == {
        "acceptance": {"n": 1, "median_hours": 6.0, "p90_hours": 6.0},
        "closure": {"n": 1, "median_hours": 10.0, "p90_hours": 10.0}}
    assert q.timings(march(organisation="org-a"))["closure"] == {"n": 2, "median_hours": 20.0,
                                                                 "p90_hours": pytest.approx(28.0)}
    rates = q.success_rates(march(organisation="org-a"))
    assert [(r["key"], r["closed"], r["successes"]) for r in rates["by_target_type"]] == [
        ("course", 1, 0), ("digihelper", 1, 1)]
    assert [(r["key"], r["closed"]) for r in rates["by_theme"]] == [("bankieren", 1), ("computer", 1)]
    assert q.success_rates(march(channel="telefoon"))["by_digihelper"][0]["key"] == "dh-ann"
    assert q.hulp_to_leer(march(postcode="2801"))["closed"] == 1
    assert q.hulp_to_leer(march(target_type="course"))["closed"] == 0  # the course referral was a leervraag's


@pytest.mark.usefixtures("both_ways")
def test_the_first_hulpvraag_under_a_filter_is_the_first_with_that_value(ctx):
    # x: bankieren in February, computer and bankieren in March, then a leervraag.
    request(local(2026, 2, 20), "hulpvraag", "bankieren", "telefoon", "2800", citizen="x")
    request(local(2026, 3, 5), "hulpvraag", "computer", "balie", "2800", citizen="x")
    request(local(2026, 3, 10), "hulpvraag", "bankieren", "balie", "2801", citizen="x")
    request(local(2026, 3, 12), "leervraag", "computer", "balie", "2800", citizen="x")
    # y: computer twice in March, never learns.
    request(local(2026, 3, 6), "hulpvraag", "computer", "telefoon", "2801", citizen="y")
    request(local(2026, 3, 20), "hulpvraag", "computer", "telefoon", "2801", citizen="y")
    counted = lambda **kw: tuple(q.hulp_to_leer(q.Filters(date(2026, 3, 1), date(2026, 3, 31), **kw))[k]  # noqa: E731
                                 for k in ("citizens", "followed_by_learning"))
    assert counted() == (2, 1)
    assert counted(theme="bankieren") == (1, 1)
    assert counted(theme="computer") == (2, 1)
    assert counted(channel="telefoon") == (1, 0)
    assert counted(postcode="2801") == (2, 1)
    assert counted(kind="leervraag") == (2, 1)  # the kind filter does not apply: hulpvragen are followed
    assert counted(theme="computer", channel="telefoon") == (1, 0)
    assert q.hulp_to_leer(q.Filters(date(2026, 3, 11), date(2026, 3, 31), theme="bankieren"))["citizens"] == 0
