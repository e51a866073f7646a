"""
Pages of long lists without counting the whole table.

``CountlessPaginator`` fetches one item more than a page shows to know whether another
page follows; no ``COUNT(*)`` over 100,000 rows per request. Templates show "Page n"
(``num_pages`` is None) instead of "Page n of N".
"""

import datetime

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Max, Min


class CountlessPage(Page):
    def __init__(self, object_list, number, paginator, *, more: bool):
        super().__init__(object_list, number, paginator)
        self._more = more

    def has_next(self):
        return self._more

    def has_other_pages(self):
        return self._more or self.number > 1

    def end_index(self):
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0


class CountlessPaginator(Paginator):
    MAX_PAGE = 10_000

    def validate_number(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger("That page number is not an integer") from exc
        if number < 1 or number > self.MAX_PAGE:
            raise EmptyPage("That page number is out of range")
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        items = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not items and (number > 1 or not self.allow_empty_first_page):
            raise EmptyPage("That page contains no results")
        return CountlessPage(items[: self.per_page], number, self, more=len(items) > self.per_page)

    def get_page(self, number):
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            return self.page(1)

    @property
    def count(self):
        return None

    @property
    def num_pages(self):
        return None


def years_with_updates(queryset) -> list[datetime.date]:
    """
    The years that have updates, newest first: the first and last day come from the date
    index, then one cheap existence probe per year between them, in a single query.
    """
    bounds = queryset.order_by().aggregate(first=Min("reported_on"), last=Max("reported_on"))
    if bounds["first"] is None:
        return []
    from django.db.models import Exists, Value

    if bounds["last"].year - bounds["first"].year > 100:  # odd data: let the database list them
        return list(queryset.order_by().dates("reported_on", "year", order="DESC"))
    years = range(bounds["last"].year, bounds["first"].year - 1, -1)
    probes = {
        f"y{year}": Exists(
            queryset.order_by().filter(
                reported_on__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
            )
        )
        for year in years
    }
    row = queryset.model.objects.annotate(**probes, one=Value(1)).values(*probes)[:1]
    found = next(iter(row), None) or {}
    return [datetime.date(year, 1, 1) for year in years if found.get(f"y{year}")]


# A place or source named more often than this pages through its newest this-many.
LINKED_CAP = 20_000


def naming_place(queryset, place_id: int):
    """
    ``queryset`` narrowed to the updates that name a place, through the link index first:
    as a literal id list the planner knows how few a quiet place has (as a join it walked
    every update by date looking for them).
    """
    from .models import UpdatePlace

    ids = (
        UpdatePlace.objects.filter(place_id=place_id)
        .order_by("-update_id")
        .values_list("update_id", flat=True)
    )
    return queryset.filter(pk__in=list(ids[:LINKED_CAP]))


def citing_source(queryset, source_id: int):
    """``queryset`` narrowed to the updates that cite a source (same reasoning)."""
    from .models import Update

    links = Update.sources.through.objects.filter(source_id=source_id).order_by("-update_id")
    return queryset.filter(pk__in=list(links.values_list("update_id", flat=True)[:LINKED_CAP]))
