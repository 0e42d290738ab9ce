# pyright: strict
"""Working days in Finland: Monday to Friday, minus the public holidays of `holidays.Finland`.

The package (0.109) counts Christmas Eve and Midsummer Eve among Finland's public holidays
(category "public", the default), so no option is needed for those "de facto" days off; its
other categories ("unofficial": flag days, "workday") are not days off and are not used.
Holidays that fall on a weekend change nothing (a weekend day is not a working day anyway).

Counting follows the Social Welfare Act's deadlines: the day the matter arrives is not
counted; the first working day after it is day 1.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays

MAX_DAYS = 3660  # no deadline in the service runs further than ten years


@lru_cache(maxsize=1)
def _finland() -> holidays.HolidayBase:
    """Finland's public holidays; further years are added as they are asked about."""
    return holidays.Finland(years=range(2020, 2041))


@lru_cache(maxsize=8192)
def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Finnish public holiday."""
    return day.weekday() < 5 and day not in _finland()


@lru_cache(maxsize=65536)
def add_working_days(start: date, n: int) -> date:
    """The `n`th working day after `start` (`start` itself not counted); `n` = 0 gives
    `start`. A negative `n` counts backwards the same way."""
    if not -MAX_DAYS <= n <= MAX_DAYS:
        raise ValueError(f"working days out of range: {n}")
    step = timedelta(days=1 if n >= 0 else -1)
    day, left = start, abs(n)
    while left:
        day += step
        if is_working_day(day):
            left -= 1
    return day


def working_days_between(a: date, b: date) -> int:
    """Working days after `a` up to and including `b` (so `add_working_days(a, n)` gives `n`
    back); negative when `b` is before `a`."""
    if b < a:
        return -working_days_between(b, a)
    if (b - a).days > MAX_DAYS:
        raise ValueError("dates too far apart")
    return sum(is_working_day(a + timedelta(days=i)) for i in range(1, (b - a).days + 1))


def add_months(start: date, months: int) -> date:
    """The same day `months` calendar months later, or the month's last day when it has no such
    day (31 January + 1 month = 28 or 29 February)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    next_month = date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - timedelta(days=1)).day
    return date(year, month, min(start.day, last_day))
