"""Report numbers on referrals, citizens and the catalogue, against small hand-counted data sets."""
from datetime import date, datetime, timedelta

import pytest

from tests.reports.report_rows import both_ways, entry, local, referral, request  # noqa: F401
from triage.reports import queries as q

pytestmark = pytest.mark.usefixtures("both_ways")
MARCH = q.Filters(date(2026, 3, 1), date(2026, 3, 31))


def test_loop_closure_counts_referrals_whose_follow_up_time_has_passed(ctx):
    helper = entry("digihelper", "dh-a")
    now = local(2026, 3, 20, 12)  # follow-up time 14 days: referrals made before 6 March, 12:00 are due
    ask = request(local(2026, 3, 1))
    referral(ask, helper, local(2026, 3, 2), "closed", closed=local(2026, 3, 5), outcome="geholpen")
    referral(ask, helper, local(2026, 3, 3), "in_progress")
    referral(ask, helper, local(2026, 3, 4), "declined", reason="geen_tijd")  # not a loop to close
    referral(ask, helper, local(2026, 3, 6, 11), "closed", closed=local(2026, 3, 7), outcome="deels")  # just due
    referral(ask, helper, local(2026, 3, 6, 13), "accepted")  # not yet due
    referral(ask, helper, local(2026, 2, 27), "accepted")  # February
    assert q.loop_closure(MARCH, now) == {"due": 3, "closed": 2, "share": 2 / 3}
    assert q.loop_closure(q.Filters(date(2026, 3, 6), date(2026, 3, 6)), now) == {"due": 1, "closed": 1, "share": 1.0}
    assert q.loop_closure(q.Filters(date(2026, 3, 10), date(2026, 3, 31)), now)["share"] is None


def test_success_rates_by_offer_theme_and_kind_hide_rates_under_five_closed(ctx):
    org = entry("organisation", "org-a", "Bib")
    ann = entry("digihelper", "dh-ann", "Ann", organisation=org)
    bob = entry("digihelper", "dh-bob", "Bob")
    course = entry("course", "c-pc", "Pc", organisation=org)
    help_bank = request(local(2026, 2, 20), "hulpvraag", "bankieren")
    learn_pc = request(local(2026, 2, 20), "leervraag", "computer")
    for outcome in ("geholpen", "zelfstandig", "geholpen", "niet_geholpen", "onbereikbaar"):
        referral(help_bank, ann, local(2026, 2, 25), "closed", closed=local(2026, 3, 10), outcome=outcome)
    for outcome in ("geholpen", "deels", "geholpen", "geholpen"):
        referral(help_bank, bob, local(2026, 3, 1), "closed", closed=local(2026, 3, 11), outcome=outcome)
    referral(learn_pc, course, local(2026, 3, 1), "closed", closed=local(2026, 3, 12), outcome="zelfstandig")
    referral(help_bank, ann, local(2026, 3, 1), "closed", closed=local(2026, 4, 1), outcome="geholpen")  # April
    referral(help_bank, ann, local(2026, 3, 1), "in_progress")
    rates = q.success_rates(MARCH)
    row = lambda key, label, closed, ok, rate: {"key": key, "label": label, "closed": closed,  # noqa: E731
                                                "successes": ok, "rate": rate}
    assert rates["overall"] == [row("all", "Alle doorverwijzingen", 10, 7, 0.7)]
    assert rates["by_digihelper"] == [row("dh-ann", "Ann", 5, 3, 0.6), row("dh-bob", "Bob", 4, 3, None)]
    assert rates["by_course"] == [row("c-pc", "Pc", 1, 1, None)]
    assert rates["by_target_type"] == [row("digihelper", "Digihelper", 9, 6, 6 / 9),
                                       row("course", "Cursus", 1, 1, None)]
    assert rates["by_organisation"] == [row("org-a", "Bib", 6, 4, 4 / 6),
                                        row("zonder-organisatie", "Zonder organisatie", 4, 3, None)]
    assert rates["by_theme"] == [row("bankieren", "Bankieren en betalen", 9, 6, 6 / 9),
                                 row("computer", "Computer gebruiken", 1, 1, None)]
    assert rates["by_kind"] == [row("hulpvraag", "Hulpvraag", 9, 6, 6 / 9), row("leervraag", "Leervraag", 1, 1, None)]
    assert q.MIN_CLOSED == 5
    only_course = q.success_rates(q.Filters(MARCH.start, MARCH.end, target_type="course"))
    assert only_course["overall"] == [row("all", "Alle doorverwijzingen", 1, 1, None)]
    assert q.success_rates(q.Filters(MARCH.start, MARCH.end, theme="bankieren"))["overall"][0]["closed"] == 9


def test_timings_give_the_median_and_90th_percentile_in_hours(ctx):
    helper = entry("digihelper", "dh-a")
    org = entry("organisation", "org-a")
    ask = request(local(2026, 3, 1))
    start = local(2026, 3, 2, 9)
    for hours in (1, 2, 3, 4):
        referral(ask, helper, start, "accepted", accepted=start + timedelta(hours=hours))
    referral(ask, helper, start, "proposed")  # not accepted (yet)
    referral(ask, org, start, "closed", accepted=start, closed=start + timedelta(hours=10), outcome="geholpen")
    referral(ask, helper, start, "closed", accepted=start + timedelta(hours=8), closed=start + timedelta(hours=30),
             outcome="deels")
    times = q.timings(MARCH)
    # Accepted after 1, 2, 3, 4 and 8 hours (the organisation's referral needs no acceptance).
    assert times["acceptance"] == {"n": 5, "median_hours": pytest.approx(3.0), "p90_hours": pytest.approx(6.4)}
    assert times["closure"] == {"n": 2, "median_hours": pytest.approx(20.0), "p90_hours": pytest.approx(28.0)}


def test_declines_by_reason_with_reminders_and_escalations(ctx):
    helper = entry("digihelper", "dh-a")
    ask = request(local(2026, 3, 1))
    referral(ask, helper, local(2026, 3, 2), "declined", reason="geen_tijd", reminders=1)
    referral(ask, helper, local(2026, 3, 3), "declined", reason="geen_tijd")
    referral(ask, helper, local(2026, 3, 4), "declined", reason="taal")
    referral(ask, helper, local(2026, 3, 5), "cancelled", reminders=2, escalated=local(2026, 3, 11))
    referral(ask, helper, local(2026, 3, 6), "accepted", reminders=1)
    referral(ask, helper, local(2026, 4, 6), "declined", reason="taal", reminders=2)  # April
    assert q.declines(MARCH) == {"by_reason": [("geen_tijd", 2), ("taal", 1)], "reminders": 4, "escalations": 1}


def test_hulp_to_leer_follows_known_citizens_from_a_hulpvraag_to_learning(ctx):
    course = entry("course", "c-pc")
    helper = entry("digihelper", "dh-a")
    request(local(2026, 3, 2), "hulpvraag", citizen="a")
    request(local(2026, 4, 20), "leervraag", citizen="a")  # a: learns later
    request(local(2026, 2, 1), "leervraag", citizen="b")
    request(local(2026, 3, 3), "hulpvraag", citizen="b")  # b: learned before, not after
    request(local(2026, 3, 4), "hulpvraag", citizen="c")
    c_again = request(local(2026, 3, 20), "hulpvraag", citizen="c")
    referral(c_again, course, local(2026, 3, 21), "accepted")  # c: twice, then a course; counted once
    request(local(2026, 1, 5), "hulpvraag", citizen="d")
    request(local(2026, 3, 5), "hulpvraag", citizen="d")  # d: also before the period, counted once
    request(local(2026, 3, 6), "hulpvraag")  # no contact details: not followed
    request(local(2026, 3, 7), "leervraag", citizen="e")  # e: only learning
    closed = request(local(2026, 3, 8), "hulpvraag", citizen="f")
    for outcome in ("zelfstandig", "geholpen", "deels"):
        referral(closed, helper, local(2026, 3, 8), "closed", closed=local(2026, 3, 9), outcome=outcome)
    learn = request(local(2026, 3, 8), "leervraag")
    referral(learn, course, local(2026, 3, 8), "closed", closed=local(2026, 3, 9), outcome="zelfstandig")
    assert q.hulp_to_leer(MARCH) == {"citizens": 5, "followed_by_learning": 2, "zelfstandig": 1, "closed": 3,
                                     "zelfstandig_share": pytest.approx(1 / 3)}
    # Learning later than the period still counts; a later period does not see March's hulpvragen.
    assert q.hulp_to_leer(q.Filters(date(2026, 4, 1), date(2026, 4, 30)))["citizens"] == 0


def test_hulp_to_leer_with_a_filter_keeps_the_same_meaning(ctx):
    request(local(2026, 3, 2), "hulpvraag", "bankieren", citizen="a")
    request(local(2026, 3, 9), "leervraag", "computer", citizen="a")
    request(local(2026, 3, 3), "hulpvraag", "computer", citizen="b")
    narrowed = q.hulp_to_leer(q.Filters(MARCH.start, MARCH.end, theme="bankieren"))
    assert (narrowed["citizens"], narrowed["followed_by_learning"]) == (1, 1)


def test_catalogue_load_shows_open_cases_capacity_and_stale_entries(ctx):
    now = datetime(2026, 6, 15, 10)
    org = entry("organisation", "org-a", "Bib", verified=date(2025, 6, 15))  # 12 months: stale
    ann = entry("digihelper", "dh-ann", "Ann", organisation=org, verified=date(2025, 6, 16), max_open_cases=4)
    entry("course", "c-pc", "Pc", verified=None, capacity=10)
    entry("digihelper", "dh-old", "Old", verified=date(2026, 1, 1), active=False)
    ask = request(local(2026, 6, 1))
    for status in ("proposed", "in_progress", "closed", "declined"):
        referral(ask, ann, local(2026, 6, 2), status)
    assert q.catalogue_load(now) == [
        {"type": "digihelper", "code": "dh-ann", "name": "Ann", "organisation": "Bib", "open": 2, "capacity": 4,
         "last_verified": date(2025, 6, 16), "stale": False},
        {"type": "course", "code": "c-pc", "name": "Pc", "organisation": None, "open": 0, "capacity": 10,
         "last_verified": None, "stale": True},
        {"type": "organisation", "code": "org-a", "name": "Bib", "organisation": None, "open": 0, "capacity": None,
         "last_verified": date(2025, 6, 15), "stale": True}]
