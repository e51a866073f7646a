"""
How the API's lists page: by cursor where the list has a fixed order (updates, newest
first), by limit/offset where it does not (ranked search results, places and sources by
name). Every list has a ceiling per page: no request can ask for the whole table.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, PaginationBase

from .paging import BadCursor, Keyset, keyset_page

DEFAULT_LIMIT = 20
MAX_LIMIT = 200
MAX_OFFSET = 10_000


class BoundedPagination(LimitOffsetPagination):
    """limit/offset with ceilings the OpenAPI schema states; larger values are a 422."""

    class Input(Schema):
        limit: int = Field(
            DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page, 1 to {MAX_LIMIT}."
        )
        offset: int = Field(
            0,
            ge=0,
            le=MAX_OFFSET,
            description=f"Items to skip, at most {MAX_OFFSET:,}; narrow older data with from/to.",
        )

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


class Serialized:
    """A queryset that paginates lazily and serializes only the page it is sliced to."""

    def __init__(self, queryset, serialize):
        self.queryset = queryset
        self.serialize = serialize

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        return [self.serialize(obj) for obj in self.queryset[item]]


class Keyed(Serialized):
    """
    A list in a fixed order (``keyset``) that pages by cursor; ``count`` is given by the
    view (from kept counts), never computed by counting the rows.
    """

    def __init__(self, queryset, serialize, *, keyset: Keyset, count):
        super().__init__(queryset, serialize)
        self.keyset = keyset
        self._count = count

    def count(self):
        return self._count()


class CursorPagination(PaginationBase):
    """
    ``next``/``previous`` are links to the neighbouring pages (``before``/``after``
    cursors) or null; ``offset`` pages only lists without a fixed order (search).
    """

    class Input(Schema):
        limit: int = Field(
            DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page, 1 to {MAX_LIMIT}."
        )
        before: str | None = Field(
            None, description="Cursor from `next`: the page after it (older updates)."
        )
        after: str | None = Field(
            None, description="Cursor from `previous`: the page before it (newer updates)."
        )
        offset: int = Field(
            0,
            ge=0,
            le=MAX_OFFSET,
            description=(
                f"Items to skip, at most {MAX_OFFSET:,}: for search results (with q), which "
                "are ranked, not dated; other lists follow `next`."
            ),
        )

    class Output(Schema):
        items: list[Any]
        count: int
        next: str | None
        previous: str | None

    def paginate_queryset(self, queryset, pagination: Input, request: HttpRequest, **params):
        limit = pagination.limit
        if isinstance(queryset, Keyed) and not pagination.offset:
            try:
                page = keyset_page(
                    queryset.queryset,
                    queryset.keyset,
                    size=limit,
                    before=pagination.before,
                    after=pagination.after,
                )
            except BadCursor as error:
                raise HttpError(
                    400, f"before/after: not a cursor of this list (expected {error})"
                ) from None
            return {
                "items": [queryset.serialize(row) for row in page.object_list],
                "count": queryset.count(),
                "next": _link(request, before=page.next_cursor),
                "previous": _link(request, after=page.previous_cursor),
            }
        offset = pagination.offset
        items = queryset[offset : offset + limit]
        count = queryset.count()
        more = offset + limit < min(count, MAX_OFFSET + limit)
        return {
            "items": items,
            "count": count,
            "next": _link(request, offset=offset + limit) if more else None,
            "previous": _link(request, offset=max(offset - limit, 0)) if offset else None,
        }


def _link(request: HttpRequest, **change) -> str | None:
    """This request's URL with another page: its filters and limit kept."""
    if all(value is None for value in change.values()):
        return None
    query = request.GET.copy()
    for name in ("before", "after", "offset"):
        query.pop(name, None)
    for name, value in change.items():
        if value:
            query[name] = value
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}".rstrip("?"))
