"""Report numbers on requests, gaps and services, against small hand-counted data sets (rollups and base tables)."""
from datetime import date, datetime

import pytest

from tests.reports.report_rows import both_ways, entry, gap, local, referral, request  # noqa: F401
from triage.extensions import db
from triage.reports import queries as q

pytestmark = pytest.mark.usefixtures("both_ways")
MARCH = q.Filters(date(2026, 3, 1), date(2026, 3, 31))
NOW = datetime(2026, 6, 1, 10, 0)


def test_the_empty_database_gives_zeros_empty_lists_and_no_rates(ctx):
    report = q.summary(MARCH, NOW)
    assert report["volumes"] == {"total": 0, "by_kind": {"hulpvraag": 0, "leervraag": 0}, "by_theme": [],
                                 "by_channel": [], "by_postcode": [], "gaps": 0, "solved_at_counter": 0}
    assert report["loop_closure"] == {"due": 0, "closed": 0, "share": None}
    assert report["success_rates"]["overall"] == [
        {"key": "all", "label": "Alle doorverwijzingen", "closed": 0, "successes": 0, "rate": None}]
    assert report["success_rates"]["by_digihelper"] == []
    assert report["timings"] == {"acceptance": {"n": 0, "median_hours": None, "p90_hours": None},
                                 "closure": {"n": 0, "median_hours": None, "p90_hours": None}}
    assert report["declines"] == {"by_reason": [], "reminders": 0, "escalations": 0}
    assert report["hulp_to_leer"] == {"citizens": 0, "followed_by_learning": 0, "zelfstandig": 0, "closed": 0,
                                      "zelfstandig_share": None}
    assert report["unmet_needs"] == [] and report["online_services"] == [] and report["catalogue_load"] == []
    assert [row["requests"] for row in report["trend"]] == [0] * 6  # the weeks touching March
    assert report["service_trend"]["series"] == {}
    assert report["period"] == {"start": "2026-03-01", "end": "2026-03-31"}


def test_volumes_count_the_requests_of_the_period_by_kind_theme_channel_and_postcode(ctx):
    request(local(2026, 3, 2), "hulpvraag", "bankieren", "balie", "2800")
    request(local(2026, 3, 9), "hulpvraag", "bankieren", "telefoon", "2801", status="solved", outcome="geholpen")
    request(local(2026, 3, 15), "leervraag", "smartphone-tablet", "balie", None)
    request(local(2026, 3, 20), "hulpvraag", "belastingen", "e-mail", "2800", gap=True, status="gap")
    request(local(2026, 3, 31, 23, 59), "leervraag", "bankieren", "balie", "2800")
    request(local(2026, 4, 1, 0, 0), "hulpvraag", "bankieren", "balie", "2800")  # April: not counted
    request(local(2026, 2, 28, 23, 59), "hulpvraag", "bankieren", "balie", "2800")  # February
    assert q.volumes(MARCH) == {
        "total": 5, "by_kind": {"hulpvraag": 3, "leervraag": 2},
        "by_theme": [("bankieren", 3), ("belastingen", 1), ("smartphone-tablet", 1)],
        "by_channel": [("balie", 3), ("e-mail", 1), ("telefoon", 1)],
        "by_postcode": [("2800", 3), ("2801", 1), (None, 1)], "gaps": 1, "solved_at_counter": 1}


def test_filters_narrow_the_requests(ctx):
    org = entry("organisation", "org-a")
    helper = entry("digihelper", "dh-a", organisation=org)
    course = entry("course", "c-a")
    first = request(local(2026, 3, 2), "hulpvraag", "bankieren", "balie", "2800")
    second = request(local(2026, 3, 3), "leervraag", "bankieren", "telefoon", "2801")
    request(local(2026, 3, 4), "hulpvraag", "computer", "balie", "2801")
    referral(first, helper, local(2026, 3, 2, 11))
    referral(second, course, local(2026, 3, 3, 11))
    narrowed = lambda **kw: q.volumes(q.Filters(MARCH.start, MARCH.end, **kw))["total"]  # noqa: E731
    assert narrowed(theme="bankieren") == 2
    assert narrowed(kind="leervraag") == 1
    assert narrowed(channel="balie") == 2
    assert narrowed(channel="fax") == 0
    assert narrowed(postcode="2801") == 2
    assert narrowed(theme="bankieren", postcode="2801") == 1
    assert narrowed(kind="hulpvraag", channel="balie", postcode="2801") == 1
    assert narrowed(kind="hulpvraag", theme="bankieren", channel="balie", postcode="2800") == 1
    # The target filters narrow referrals, not the requests counted.
    for target in ({"target_type": "digihelper"}, {"organisation": "org-a"}, {"organisation": "unknown"},
                   {"organisation": "org-a", "target_type": "course"}):
        assert narrowed(**target) == 3, target
    assert narrowed(theme="bankieren", target_type="course") == 2


def test_a_day_runs_from_brussels_midnight_to_midnight_across_both_clock_changes(ctx):
    spring = q.Filters(date(2026, 3, 29), date(2026, 3, 29))
    autumn = q.Filters(date(2026, 10, 25), date(2026, 10, 25))
    assert spring.utc_bounds() == (datetime(2026, 3, 28, 23), datetime(2026, 3, 29, 22))
    assert autumn.utc_bounds() == (datetime(2026, 10, 24, 22), datetime(2026, 10, 25, 23))
    for at in (datetime(2026, 3, 28, 22, 59, 59), datetime(2026, 3, 29, 22), datetime(2026, 10, 24, 21, 59, 59),
               datetime(2026, 10, 25, 23)):
        request(at)  # the day before or after
    for at in (datetime(2026, 3, 28, 23), datetime(2026, 3, 29, 0, 59, 59), datetime(2026, 3, 29, 1),
               datetime(2026, 3, 29, 21, 59, 59), datetime(2026, 10, 24, 22), datetime(2026, 10, 25, 0, 30),
               datetime(2026, 10, 25, 1, 30), datetime(2026, 10, 25, 22, 59, 59)):
        request(at)
    assert q.volumes(spring)["total"] == 4
    assert q.volumes(autumn)["total"] == 4
    assert q.volumes(q.Filters(date(2026, 3, 28), date(2026, 3, 28)))["total"] == 1
    assert q.volumes(q.Filters(date(2026, 10, 26), date(2026, 10, 26)))["total"] == 1


def test_the_trend_groups_by_brussels_week_and_month_with_empty_periods(ctx):
    request(local(2026, 3, 29, 23, 30))  # Sunday of the week that starts on 23 March (summer time began)
    request(local(2026, 3, 30, 0, 30), kind="leervraag")  # Monday: the next week
    request(local(2026, 3, 30, 9), gap=True, status="gap")
    request(local(2026, 5, 2))
    weeks = q.trend(q.Filters(date(2026, 3, 25), date(2026, 4, 7)), "week")
    assert weeks == [
        {"period": date(2026, 3, 23), "requests": 1, "hulpvraag": 1, "leervraag": 0, "gaps": 0},
        {"period": date(2026, 3, 30), "requests": 2, "hulpvraag": 1, "leervraag": 1, "gaps": 1},
        {"period": date(2026, 4, 6), "requests": 0, "hulpvraag": 0, "leervraag": 0, "gaps": 0}]
    months = q.trend(q.Filters(date(2026, 3, 15), date(2026, 5, 31)), "month")
    assert [(m["period"], m["requests"]) for m in months] == [
        (date(2026, 3, 1), 3), (date(2026, 4, 1), 0), (date(2026, 5, 1), 1)]


def test_online_services_are_counted_with_their_labels_and_trend(ctx):
    request(local(2026, 3, 2), services=("itsme", "kbc"))
    request(local(2026, 3, 10), services=("itsme",))
    request(local(2026, 4, 10), services=("itsme", "myminfin"))
    request(local(2026, 2, 10), services=("whatsapp",))
    spring = q.Filters(date(2026, 3, 1), date(2026, 4, 30))
    assert q.online_services(spring) == [{"service": "itsme", "label": "itsme", "n": 3},
                                         {"service": "kbc", "label": "KBC (KBC Mobile)", "n": 1},
                                         {"service": "myminfin", "label": "MyMinfin", "n": 1}]
    assert q.service_trend(spring, "month") == {
        "periods": [date(2026, 3, 1), date(2026, 4, 1)],
        "series": {"itsme": [2, 1], "kbc": [1, 0], "myminfin": [0, 1]}}
    assert q.online_services(q.Filters(spring.start, spring.end, kind="leervraag")) == []


def test_unmet_needs_count_a_gap_under_each_of_its_needs(ctx):
    gap(local(2026, 3, 2), "bankieren", "ar", "2800", needs=("rolstoel", "aan-huis"))
    gap(local(2026, 3, 3), "bankieren", "ar", "2800", needs=("rolstoel",))
    gap(local(2026, 3, 4), "werk", "nl", None)
    gap(local(2026, 4, 4), "werk", "nl", None)  # April
    assert q.unmet_needs(MARCH) == [
        {"theme": "bankieren", "language": "ar", "postcode": "2800", "need": "rolstoel", "n": 2},
        {"theme": "bankieren", "language": "ar", "postcode": "2800", "need": "aan-huis", "n": 1},
        {"theme": "werk", "language": "nl", "postcode": None, "need": None, "n": 1}]
    assert [g["theme"] for g in q.unmet_needs(q.Filters(MARCH.start, MARCH.end, theme="werk"))] == ["werk"]


def test_unmet_needs_follow_the_channel_of_their_request(ctx):
    phoned = request(local(2026, 3, 2), channel="telefoon", gap=True, status="gap")
    gap(local(2026, 3, 2), for_request=phoned)
    gap(local(2026, 3, 3))  # from the API: no request, no channel
    assert [g["n"] for g in q.unmet_needs(q.Filters(MARCH.start, MARCH.end, channel="telefoon"))] == [1]


def test_the_summary_is_json_ready(ctx):
    import json

    request(local(2026, 3, 2), services=("itsme",))
    report = q.summary(MARCH, NOW)
    assert json.loads(json.dumps(report)) == report
    assert report["granularity"] == "week" and report["trend"][0]["period"] == "2026-02-23"
    assert q.summary(q.Filters(date(2025, 1, 1), date(2025, 12, 31)), NOW)["granularity"] == "month"


def test_log_request_rows_reach_the_rollups(ctx):
    """The triggers count rows however they are written; here a plain SQL update moves a request's theme."""
    from sqlalchemy import text

    item = request(local(2026, 3, 2), theme="bankieren")
    db.session.execute(text("UPDATE help_requests SET theme = 'werk' WHERE id = :id"), {"id": item.id})
    assert q.volumes(MARCH)["by_theme"] == [("werk", 1)]
