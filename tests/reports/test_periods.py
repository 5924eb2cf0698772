"""The period filter: named periods in Brussels, custom dates, and the Dutch refusals."""
from datetime import UTC, date, datetime

import pytest

from triage.reports.periods import PeriodError, parse_month, resolve, today_in_brussels

TODAY = date(2026, 5, 20)


@pytest.mark.parametrize("key, start, end", [
    ("deze-maand", date(2026, 5, 1), TODAY),
    ("vorige-maand", date(2026, 4, 1), date(2026, 4, 30)),
    ("kwartaal", date(2026, 4, 1), TODAY),
    ("jaar", date(2026, 1, 1), TODAY),
    ("", date(2026, 5, 1), TODAY),
])
def test_named_periods(key, start, end):
    period = resolve(key, today=TODAY)
    assert (period.start, period.end) == (start, end)


def test_last_month_in_january_is_december():
    period = resolve("vorige-maand", today=date(2026, 1, 5))
    assert (period.start, period.end) == (date(2025, 12, 1), date(2025, 12, 31))


def test_custom_dates_in_both_spellings():
    assert resolve("aangepast", "2026-02-01", "28/02/2026", TODAY).days == 28
    # Dates without a period choice mean a custom period.
    assert resolve("", "2026-02-01", "2026-02-10", TODAY).key == "aangepast"


@pytest.mark.parametrize("start, end, message", [
    ("", "2026-02-01", "Vul de datum 'van' in"),
    ("2026-02-30", "2026-03-01", "geen geldige datum"),
    ("gisteren", "2026-03-01", "geen geldige datum"),
    ("2026-03-01", "2026-02-01", "vóór de datum 'van'"),
    ("2020-01-01", "2026-01-01", "hoogstens 3 jaar"),
])
def test_bad_custom_periods_are_refused_in_dutch(start, end, message):
    with pytest.raises(PeriodError, match=message):
        resolve("aangepast", start, end, TODAY)


def test_unknown_period_name_is_refused():
    with pytest.raises(PeriodError, match="Kies een periode"):
        resolve("eeuw", today=TODAY)


def test_three_years_is_allowed():
    assert resolve("aangepast", "2023-05-21", "2026-05-20", TODAY).days == 1096


def test_today_is_brussels_not_utc():
    # 22:30 UTC on 31 March is already 1 April in Brussels (summer time).
    assert today_in_brussels(datetime(2026, 3, 31, 22, 30, tzinfo=UTC)) == date(2026, 4, 1)


def test_months():
    assert parse_month("2026-02", TODAY) == (date(2026, 2, 1), date(2026, 2, 28))
    assert parse_month("", TODAY) == (date(2026, 4, 1), date(2026, 4, 30))
    for bad in ("2026-13", "april", "2027-01"):
        with pytest.raises(PeriodError):
            parse_month(bad, TODAY)
