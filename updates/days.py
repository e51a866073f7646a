"""
The days with updates, from the kept day counts: a month's calendar and the bounds of
the periods around a date. Nothing here reads the updates table.
"""

import calendar
import datetime

from .models import DayCount


def month_after(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=31)).replace(day=1)


def period_start(day: datetime.date | None, period: str) -> datetime.date | None:
    if day is None:
        return None
    return day.replace(month=1, day=1) if period == "year" else day.replace(day=1)


def month_calendar(day: datetime.date) -> dict:
    """The month of ``day`` as weeks of days, each day with its count (kept day counts)."""
    first = day.replace(day=1)
    following = month_after(first)
    counts = dict(
        DayCount.objects.filter(day__gte=first, day__lt=following).values_list(
            "day", "update_count"
        )
    )
    weeks = [
        [{"date": d, "in_month": d.month == first.month, "count": counts.get(d, 0)} for d in week]
        for week in calendar.Calendar().monthdatescalendar(first.year, first.month)
    ]
    return {
        "month": first,
        "weeks": weeks,
        "previous": DayCount.objects.previous(first),
        "next": DayCount.objects.next(following),
    }
