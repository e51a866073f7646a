"""
Search over published updates: titles, bodies and the places they name, in any spelling.

PostgreSQL gets full-text search in each update's language (a stored, GIN-indexed
``search_vector``), websearch syntax, ranking and highlighted snippets, and trigram
similarity on place names for typos. SQLite gets a simpler fallback with the same
result shape, so the page and the API do not care which database runs.
"""

import re

from django.db import connection
from django.db.models import Case, CharField, Q, QuerySet, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import SEARCH_CONFIGS, Place, PlaceAlias, Update, UpdatePlace
from .text import normalize_name

# Marks the database puts around matches; the snippet is escaped, then they become <mark>.
_START, _STOP = "\x02", "\x03"
TRIGRAM_THRESHOLD = 0.35
SNIPPET_CHARS = 220


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def search_config_expression():
    """The text search configuration of each row, from its language."""
    return Case(
        *[When(language=code, then=Value(config)) for code, config in SEARCH_CONFIGS.items()],
        default=Value("simple"),
        output_field=CharField(),
    )


def search_vector_expression():
    from django.contrib.postgres.search import SearchVector

    config = search_config_expression()
    return SearchVector("title", weight="A", config=config) + SearchVector(
        "body", weight="B", config=config
    )


def refresh_search_vectors(queryset: QuerySet) -> None:
    """Recompute the stored search vectors of ``queryset`` (PostgreSQL only)."""
    if is_postgresql():
        queryset.update(search_vector=search_vector_expression())


# One rule for the page and the API: how long a query may be, and what it may contain.
MAX_QUERY_CHARS = 200
MAX_PLACE_WORDS = 5
MAX_QUERY_PLACES = 100
# Updates linked to the matched places that one search considers.
PLACE_LINK_CAP = 20_000
# Searches count their results up to here; beyond it, pages say "more than".
COUNT_CAP = 300
# ts_headline reads the body up to here: its work is bounded whatever an update holds.
HEADLINE_SOURCE_CHARS = 8000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def search_query_normalize(raw: str | None) -> str:
    """
    The query as search uses it: control characters (NUL included) dropped, white space
    folded, at most MAX_QUERY_CHARS characters, cut at a word boundary.
    """
    text = re.sub(r"\s+", " ", _CONTROL.sub(" ", raw or "")).strip()
    if len(text) > MAX_QUERY_CHARS:
        cut = text[: MAX_QUERY_CHARS + 1]
        text = cut[: cut.rfind(" ")] if " " in cut else text[:MAX_QUERY_CHARS]
    return text.strip()


def _place_keys(query: str) -> list[str]:
    """The whole query and its longer words, as place lookup keys."""
    keys = [normalize_name(query)]
    for word in re.split(r"\s+", query.replace('"', " ")):
        key = normalize_name(word.lstrip("-"))
        if len(key) >= 4 and key not in keys:
            keys.append(key)
        if len(keys) > MAX_PLACE_WORDS:
            break
    return [key for key in keys if key]


def _name_condition(keys: list[str]) -> Q:
    """Name keys equal to, containing, or (PostgreSQL, through the trigram index) like a key."""
    from django.db.models.lookups import GreaterThanOrEqual

    condition = Q(pk__in=[])
    for key in keys:
        condition |= Q(name_key=key)
        if len(key) >= 3:
            condition |= Q(name_key__contains=key)
        if is_postgresql() and len(key) >= 4:
            from django.contrib.postgres.search import TrigramSimilarity

            condition |= Q(name_key__trigram_similar=key) & Q(
                GreaterThanOrEqual(TrigramSimilarity("name_key", key), TRIGRAM_THRESHOLD)
            )
    return condition


def search_place_ids(query: str) -> list[int]:
    """The few places the query names: by name or alias, in any spelling. Two indexed queries."""
    keys = _place_keys(query)
    if not keys:
        return []
    condition = _name_condition(keys)
    ids = set(Place.objects.filter(condition).values_list("pk", flat=True)[:MAX_QUERY_PLACES])
    ids |= set(
        PlaceAlias.objects.filter(condition)
        .values_list("place_id", flat=True)
        .distinct()[:MAX_QUERY_PLACES]
    )
    return sorted(ids)[:MAX_QUERY_PLACES]


def search_places(query: str) -> QuerySet:
    """Places whose name or alias contains the query, or (PostgreSQL) resembles it."""
    return Place.objects.filter(pk__in=search_place_ids(query)).order_by("name")


def _text_query(query: str):
    from django.contrib.postgres.search import SearchQuery

    # One constant query (OR of the languages) so the GIN index serves it.
    ts_query = SearchQuery(query, search_type="websearch", config="simple")
    for config in SEARCH_CONFIGS.values():
        ts_query |= SearchQuery(query, search_type="websearch", config=config)
    return ts_query


def _text_filter(query: str) -> Q:
    if is_postgresql():
        return Q(search_vector=_text_query(query))
    words = [w for w in re.split(r"\s+", query.replace('"', " ")) if w and not w.startswith("-")]
    condition = Q()
    for word in words[:8]:
        condition &= Q(title__icontains=word) | Q(body__icontains=word)
    return condition if words else Q(pk__in=[])


class SearchResults:
    """
    Published updates matching a query, newest first, fetched a page at a time.

    Two bounded queries per page (text matches through the full-text index, updates linked
    to the matching places through the link index), merged; headlines only for the page
    shown. ``count()`` stops at COUNT_CAP. Paginator and the API slice it like a queryset.
    """

    def __init__(self, query: str, base: QuerySet, *, detail: bool = False):
        self.query = query
        self.base = base.order_by()
        self.detail = detail
        self.place_ids = search_place_ids(query) if query else []
        self._count = None
        self._linked = None

    def _linked_update_ids(self) -> list[int]:
        """
        Updates naming the matched places, read from the link index first: as a literal
        list, the planner knows how many there are (as a subquery it guessed, and scanned
        all updates by date). Capped; a place named that often is in their text as well.
        """
        if self._linked is None:
            self._linked = list(
                UpdatePlace.objects.filter(place_id__in=self.place_ids)
                .order_by("-update_id")
                .values_list("update_id", flat=True)
                .distinct()[:PLACE_LINK_CAP]
            )
        return self._linked

    def _branches(self):
        text = self.base.filter(_text_filter(self.query))
        if not self.place_ids:
            return [text]
        return [text, self.base.filter(pk__in=self._linked_update_ids())]

    def count(self) -> int:
        if self._count is None:
            ids: set[int] = set()
            for branch in self._branches():
                ids.update(branch.values_list("pk", flat=True)[: COUNT_CAP + 1])
            self._count = min(len(ids), COUNT_CAP + 1)
        return self._count

    @property
    def capped(self) -> bool:
        return self.count() > COUNT_CAP

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop
        keys: set[tuple] = set()
        for branch in self._branches():
            rows = branch.order_by("-reported_on", "-pk").values_list("reported_on", "pk")
            keys.update(rows[:stop])
        ids = [pk for _, pk in sorted(keys, reverse=True)[start:stop]]
        if not ids:
            return []
        updates = Update.objects.filter(pk__in=ids)
        updates = updates.for_detail() if self.detail else updates.for_listing()
        if is_postgresql():
            updates = updates.annotate(headline=self._headline())
        by_id = {update.pk: update for update in updates}
        return [by_id[pk] for pk in ids if pk in by_id]

    def _headline(self):
        from django.contrib.postgres.search import SearchHeadline
        from django.db.models.functions import Left

        return SearchHeadline(
            Left("body", HEADLINE_SOURCE_CHARS),
            _text_query(self.query),
            config=search_config_expression(),
            start_sel=_START,
            stop_sel=_STOP,
            max_words=35,
            min_words=15,
        )


def search_updates(query: str, queryset: QuerySet | None = None, *, detail=False):
    """Published updates matching ``query`` (already normalized), newest first."""
    base = queryset if queryset is not None else Update.objects.published()
    return SearchResults(query, base, detail=detail)


def snippet(update: Update, query: str) -> str:
    """An escaped excerpt of the update with the matches marked, as safe HTML."""
    headline = getattr(update, "headline", None)
    if headline is None:
        headline = _python_headline(update.body, query)
    text = escape(headline.replace(_START, "\x00s").replace(_STOP, "\x00e"))
    return mark_safe(text.replace("\x00s", "<mark>").replace("\x00e", "</mark>"))  # noqa: S308


def _python_headline(body: str, query: str) -> str:
    words = [re.escape(w) for w in re.split(r"\W+", query) if len(w) >= 2]
    plain = re.sub(r"!\[[^\]]*\]\([^)]*\)|[#*_`>]+", "", body)
    plain = re.sub(r"\s+", " ", plain).strip()
    if not words:
        return plain[:SNIPPET_CHARS]
    pattern = re.compile("|".join(words), re.IGNORECASE)
    found = pattern.search(plain)
    start = max(0, (found.start() if found else 0) - 60)
    if start:  # begin and end on word boundaries, never in the middle of a word
        space = plain.find(" ", start)
        start = space + 1 if 0 <= space < (found.start() if found else len(plain)) else start
    stop = start + SNIPPET_CHARS
    if stop < len(plain):
        space = plain.rfind(" ", start, stop + 1)
        stop = space if space > start else stop
    excerpt = pattern.sub(lambda m: f"{_START}{m.group(0)}{_STOP}", plain[start:stop])
    return ("…" if start else "") + excerpt + ("…" if stop < len(plain) else "")
