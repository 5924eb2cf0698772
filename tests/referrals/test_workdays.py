"""Working days in Brussels: weekends and Belgian public holidays, Easter computed."""
from datetime import UTC, date, datetime, timedelta

import pytest

from triage.referrals.workdays import (
    BRUSSELS,
    add_working_days,
    easter_sunday,
    is_working_day,
    public_holidays,
    working_days_between,
)


def brussels(*args) -> datetime:
    """A Brussels wall-clock time as naive UTC, the way the database stores it."""
    return datetime(*args, tzinfo=BRUSSELS).astimezone(UTC).replace(tzinfo=None)


def test_the_2026_holidays_with_the_moving_ones_from_easter():
    holidays = public_holidays(2026)
    assert len(holidays) == 10
    assert holidays[date(2026, 4, 6)] == "Paasmaandag"
    assert holidays[date(2026, 5, 14)] == "Onze-Lieve-Heer-Hemelvaart"
    assert holidays[date(2026, 5, 25)] == "Pinkstermaandag"
    for fixed in ((1, 1), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25)):
        assert date(2026, *fixed) in holidays


@pytest.mark.parametrize("year, easter", [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)),
                                          (2026, date(2026, 4, 5)), (2027, date(2027, 3, 28)),
                                          (2038, date(2038, 4, 25))])
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter


def test_weekends_and_holidays_are_not_working_days():
    assert is_working_day(date(2026, 4, 3))  # Good Friday is no Belgian public holiday
    assert not is_working_day(date(2026, 4, 4)) and not is_working_day(date(2026, 4, 5))
    assert not is_working_day(date(2026, 4, 6))
    assert not is_working_day(date(2026, 11, 11))


def test_two_working_days_from_a_friday_skip_the_weekend():
    assert add_working_days(brussels(2026, 11, 27, 15, 0), 2) == brussels(2026, 12, 1, 15, 0)


def test_two_working_days_from_the_friday_before_easter_skip_easter_monday():
    assert add_working_days(brussels(2026, 4, 3, 15, 0), 2) == brussels(2026, 4, 8, 15, 0)


def test_the_time_of_day_stays_in_brussels_across_the_change_to_summer_time():
    start = brussels(2026, 3, 27, 15, 0)  # Friday, 14:00 UTC
    end = add_working_days(start, 2)  # Tuesday 31 March, 13:00 UTC
    assert end == datetime(2026, 3, 31, 13, 0)
    assert working_days_between(start, end) == 2
    assert working_days_between(start, end - timedelta(minutes=1)) == 1


def test_aware_times_stay_aware():
    start = datetime(2026, 11, 27, 15, 0, tzinfo=BRUSSELS)
    assert add_working_days(start, 1) == datetime(2026, 11, 30, 15, 0, tzinfo=BRUSSELS)


def test_working_days_between_counts_whole_working_days():
    friday = brussels(2026, 4, 3, 15, 0)
    assert working_days_between(friday, brussels(2026, 4, 6, 23, 0)) == 0  # weekend + Easter Monday
    assert working_days_between(friday, brussels(2026, 4, 7, 14, 59)) == 0
    assert working_days_between(friday, brussels(2026, 4, 7, 15, 0)) == 1
    assert working_days_between(friday, brussels(2026, 4, 8, 15, 0)) == 2
    assert working_days_between(brussels(2026, 4, 8, 15, 0), friday) == 0


def test_working_days_between_is_the_inverse_of_add_working_days():
    start = brussels(2026, 4, 2, 10, 30)
    moment = start
    while moment < start + timedelta(days=30):
        n = working_days_between(start, moment)
        assert add_working_days(start, n) <= moment < add_working_days(start, n + 1), moment
        moment += timedelta(hours=5, minutes=7)


def test_a_start_in_the_weekend_counts_from_the_next_working_day():
    saturday = brussels(2026, 11, 28, 10, 0)
    assert add_working_days(saturday, 1) == brussels(2026, 11, 30, 10, 0)
    assert working_days_between(saturday, brussels(2026, 11, 30, 9, 0)) == 0
    assert working_days_between(saturday, brussels(2026, 11, 30, 10, 0)) == 1
