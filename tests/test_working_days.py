"""Working days over real Finnish holidays (the `holidays` package), as the Act counts them."""

from datetime import date, timedelta

import holidays
import pytest

from familywork_app.services.working_days import (
    add_months,
    add_working_days,
    is_working_day,
    working_days_between,
)


def test_received_before_christmas_the_assessment_starts_by_the_fifth_of_january():
    # Tue 22 Dec 2026 is not counted. Wed 23 = 1; Thu 24 (Christmas Eve), Fri 25 (Christmas
    # Day), the weekend and Fri 1 Jan (New Year's Day) are skipped: Mon 28 = 2, Tue 29 = 3,
    # Wed 30 = 4, Thu 31 = 5, Mon 4 Jan = 6, Tue 5 Jan = 7.
    received = date(2026, 12, 22)
    assert add_working_days(received, 7) == date(2027, 1, 5)
    assert working_days_between(received, date(2027, 1, 5)) == 7
    assert date(2027, 1, 5).weekday() == 1  # a Tuesday


def test_the_package_counts_christmas_eve_and_midsummer_eve_as_holidays():
    finland = holidays.Finland(years=[2026, 2027])
    for day in (date(2026, 12, 24), date(2026, 6, 19), date(2027, 1, 1), date(2027, 1, 6)):
        assert day in finland and not is_working_day(day)
    assert is_working_day(date(2026, 12, 23))
    assert not is_working_day(date(2026, 12, 26))  # a Saturday and a holiday


def test_the_day_of_receipt_is_not_counted_and_weekends_are_skipped():
    friday = date(2026, 11, 27)
    assert add_working_days(friday, 0) == friday
    assert add_working_days(friday, 1) == date(2026, 11, 30)  # the Monday
    assert add_working_days(date(2026, 11, 28), 1) == date(2026, 11, 30)  # from a Saturday
    assert working_days_between(friday, friday) == 0
    assert working_days_between(friday, date(2026, 11, 29)) == 0  # only the weekend


def test_counting_back_and_between_agree_with_adding():
    start = date(2026, 3, 30)  # a Monday; Easter 2026 falls that week
    assert is_working_day(start)
    for n in range(0, 40):
        end = add_working_days(start, n)
        assert working_days_between(start, end) == n
        assert add_working_days(end, -n) == start
    assert working_days_between(date(2027, 1, 5), date(2026, 12, 22)) == -7
    with pytest.raises(ValueError):
        add_working_days(start, 10_000)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    (
        (date(2026, 12, 22), 3, date(2027, 3, 22)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 10, 15), 14, date(2027, 12, 15)),
    ),
)
def test_add_months_keeps_the_day_or_takes_the_months_last(start, months, expected):
    assert add_months(start, months) == expected


def test_a_long_span_is_counted_by_weekdays_minus_weekday_holidays():
    start, end = date(2026, 12, 31), date(2027, 12, 31)
    weekdays = sum((start + timedelta(days=i)).weekday() < 5 for i in range(1, 366))
    on_weekdays = [d for d in holidays.Finland(years=2027) if d.weekday() < 5]
    assert working_days_between(start, end) == weekdays - len(on_weekdays)
