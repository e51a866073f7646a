"""
Pages of long lists by keyset, never by OFFSET, and never a count of the whole table.

A list has a fixed order given by a ``Keyset``: the fields it is sorted on, the last one
unique. A page is the rows just past a cursor, the key of a row already shown: ``before``
continues towards the end of the list (older updates), ``after`` goes back towards its
start (newer ones). Any page is then one range scan of an index, where OFFSET read and
threw away every row it skipped; deep pages cost what the first one costs.

Search results, ranked by a statement of their own, page by number instead, with
``CountlessPaginator``: it fetches one item more than a page shows to know whether another
page follows, with no ``COUNT(*)``; templates show "Page n" (``num_pages`` is None).
"""

import datetime
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _


class BadCursor(ValueError):
    """A ``before``/``after`` value that is not a key of this list."""


@dataclass(frozen=True)
class Keyset:
    """
    The order of a list: ``order_by()`` terms ("-reported_on", "-pk"), the type of each
    (parsed from the cursor) and how to read them from a row.
    """

    fields: tuple[str, ...]
    types: tuple[type, ...]
    key: Callable[[Any], tuple]

    def order(self, *, reverse: bool = False) -> list[str]:
        if not reverse:
            return list(self.fields)
        return [f[1:] if f.startswith("-") else f"-{f}" for f in self.fields]

    def past(self, values: tuple, *, reverse: bool = False) -> Q:
        """
        Rows strictly past ``values`` in this order (before them, with ``reverse``).
        The first field's bound is repeated on its own so the database starts its index
        scan there: an OR alone made PostgreSQL walk the index from its end.
        """
        terms = []
        for i, field in enumerate(self.fields):
            name, descending = field.lstrip("-"), field.startswith("-")
            equal = {f.lstrip("-"): v for f, v in zip(self.fields[:i], values[:i], strict=True)}
            beyond = "lt" if descending != reverse else "gt"
            terms.append(Q(**equal, **{f"{name}__{beyond}": values[i]}))
        first, descending = self.fields[0].lstrip("-"), self.fields[0].startswith("-")
        start = Q(**{f"{first}__{'lte' if descending != reverse else 'gte'}": values[0]})
        return start & reduce(or_, terms)

    def encode(self, row) -> str:
        return ",".join(
            value.isoformat() if isinstance(value, datetime.date) else str(value)
            for value in self.key(row)
        )

    def decode(self, text: str) -> tuple:
        # From the right: only a list's first field may be text, and text may hold commas.
        parts = text.rsplit(",", len(self.types) - 1)
        if len(parts) != len(self.types):
            raise BadCursor(self.shape)
        try:
            return tuple(
                datetime.date.fromisoformat(part) if kind is datetime.date else kind(part)
                for kind, part in zip(self.types, parts, strict=True)
            )
        except (ValueError, OverflowError):
            raise BadCursor(self.shape) from None

    @property
    def shape(self) -> str:
        names = {datetime.date: "YYYY-MM-DD", int: "number", str: "name"}
        return ",".join(names.get(kind, kind.__name__) for kind in self.types)


# Updates, newest first: every list of updates pages on this key.
UPDATES = Keyset(("-reported_on", "-pk"), (datetime.date, int), lambda u: (u.reported_on, u.pk))
# Places and sources, by name (the pages' order, served by an index on name and id).
BY_NAME = Keyset(("name", "pk"), (str, int), lambda row: (row.name, row.pk))


@dataclass
class KeysetPage:
    """One page of a keyset list, with the cursors of the pages on either side."""

    object_list: list
    next_cursor: str | None  # older: ?before=
    previous_cursor: str | None  # newer: ?after=

    def has_next(self) -> bool:
        return self.next_cursor is not None

    def has_previous(self) -> bool:
        return self.previous_cursor is not None

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    @property
    def next_query(self) -> str:
        return urlencode({"before": self.next_cursor}) if self.next_cursor else ""

    @property
    def previous_query(self) -> str:
        return urlencode({"after": self.previous_cursor}) if self.previous_cursor else ""


def keyset_page(
    queryset,
    keyset: Keyset,
    *,
    size: int,
    before: str | None = None,
    after: str | None = None,
) -> KeysetPage:
    """
    The ``size`` rows of ``queryset`` past ``before`` (or just before ``after``; neither:
    the first rows) in the keyset's order; one query of ``size + 1`` rows. A cursor is the
    key of a row a reader was shown, so the far side of it is taken to hold rows.
    """
    if before and after:
        raise BadCursor("before or after, not both")
    text = before or after
    backwards = bool(after)
    rows = queryset.order_by(*keyset.order(reverse=backwards))
    if text:
        rows = rows.filter(keyset.past(keyset.decode(text), reverse=backwards))
    items = list(rows[: size + 1])
    more, items = len(items) > size, items[:size]
    if backwards:
        items.reverse()
    # Going back, the cursor's own row lies ahead; going on, it lies behind (if any).
    older, newer = (True, more) if backwards else (more, bool(text))
    return KeysetPage(
        object_list=items,
        next_cursor=keyset.encode(items[-1]) if older and items else None,
        previous_cursor=keyset.encode(items[0]) if newer and items else None,
    )


# Old ``?page=N`` links are answered up to here (OFFSET work, once per link: see below).
MAX_PAGE = 10_000


class OldPageLink(Exception):
    """A ``?page=N`` link from before keyset pages: it answers with a permanent redirect."""

    def __init__(self, query: str):
        super().__init__(query)
        self.query = query


def page_from_request(request, queryset, keyset: Keyset, *, size: int) -> KeysetPage:
    """
    The page a request asks for with ``?before=``/``?after=``. A ``?page=N`` link raises
    ``OldPageLink`` with the query of the same rows (one OFFSET query, answered once with a
    permanent redirect that caches keep); a page number that is not one is a 404.
    """
    number = request.GET.get("page")
    if number is not None:
        try:
            number = int(number)
        except ValueError:
            raise Http404("That page number is not an integer.") from None
        if not 1 <= number <= MAX_PAGE:
            raise Http404("That page number is out of range.")
        if number == 1:
            raise OldPageLink("")
        skip = (number - 1) * size
        rows = list(queryset.order_by(*keyset.order())[skip - 1 : skip + 1])
        if len(rows) < 2:
            raise Http404("That page contains no results.")
        raise OldPageLink(urlencode({"before": keyset.encode(rows[0])}))
    return keyset_page(
        queryset,
        keyset,
        size=size,
        before=request.GET.get("before"),
        after=request.GET.get("after"),
    )


def linked_updates(updates, *, link_model, field: str, value: int):
    """
    ``updates`` narrowed to those linked to one place or source (``link_model`` rows with
    ``field`` = ``value``), shaped so that a page of them reads few rows at any size.

    A page of 20 either walks about ``20 * total / linked`` updates in date order, each
    checked against the link index, or fetches the ``linked`` links first and sorts those
    updates. The cheaper of the two never reads more than about ``sqrt(20 * total)`` rows:
    a quiet place gets its links as a list (the planner, given a join, walked every update
    by date looking for them), a busy one the walk. One query of at most that many link
    ids decides, whichever way it goes.

    On PostgreSQL the list goes back as one array, not as an ``IN`` of a thousand
    parameters: quoting, sending and parsing those took more than the rest of a source's
    page (one source of 200 is cited by a thousand of 100,000 updates).
    """
    from .models import DayCount

    enough = math.isqrt(20 * DayCount.objects.total()) + 1
    links = link_model.objects.filter(**{field: value})
    ids = list(links.order_by().values_list("update_id", flat=True)[: enough + 1])
    if len(ids) > enough:
        return updates.filter(Exists(links.filter(update_id=OuterRef("pk"))))
    if connections[updates.db].vendor == "postgresql":
        return updates.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [ids]))  # noqa: S611
    return updates.filter(pk__in=ids)


class KeysetPagesMixin:
    """
    Lists that page by cursor (``?before=``/``?after=``, see paging.py): an old ``?page=N``
    link answers with a permanent redirect to the same rows, a malformed cursor with a 400.
    """

    keyset: Keyset = UPDATES

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except OldPageLink as link:
            # The list's own filters (the places page's ?q=) stay; the page number goes.
            kept = urlencode([(k, v) for k, v in request.GET.items() if k != "page"])
            query = "&".join(part for part in (kept, link.query) if part)
            return HttpResponsePermanentRedirect(f"{request.path}?{query}".rstrip("?"))
        except BadCursor as error:
            return bad_cursor(request, error)

    def page_of(self, queryset, size: int):
        return page_from_request(self.request, queryset, self.keyset, size=size)

    def paginate_queryset(self, queryset, page_size):
        page = self.page_of(queryset, page_size)
        return None, page, page.object_list, page.has_other_pages()


def bad_cursor(request, error: BadCursor):
    message = _("This page link was not understood: “before” and “after” take the form %(shape)s.")
    return render(
        request,
        "updates/bad_request.html",
        {"message": message % {"shape": str(error)}},
        status=400,
    )


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
