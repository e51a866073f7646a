"""
Search over published updates: titles, bodies and the places they name, in any spelling.

PostgreSQL gets full-text search in each update's language (a stored, GIN-indexed
``search_vector``), websearch syntax, highlighted snippets, and trigram similarity on place
names for typos. Results are newest first, like every list of the log: an order the date
index serves, where ranking would score every match before showing the first page. SQLite
gets a simpler fallback with the same result shape, so the page and the API do not care
which database runs.
"""

import re

from django.db import connection, connections
from django.db.models import Case, CharField, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
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
# Searches count their results up to here; beyond it, pages say "more than". Counting
# costs rows read per match found: a phrase (checked row by row, about one row in fifteen
# matching "heavy fighting" in the demo data) read 4,500 rows to reach 300.
COUNT_CAP = 100
# How deep a search pages: the page stops where the API's offset ceiling does.
MAX_SEARCH_DEPTH = 10_000
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
    """
    Place lookup keys: the whole query when it is short enough to be one name, and its
    longer words. A word the query excludes (``-Sudzha``) names no place to add.
    """
    words = [word for word in query.replace('"', " ").split() if not word.startswith("-")]
    keys = [normalize_name(" ".join(words))] if len(words) <= MAX_PLACE_WORDS else []
    for word in words:
        key = normalize_name(word)
        if len(key) >= 4 and key not in keys:
            keys.append(key)
        if len(keys) > MAX_PLACE_WORDS:
            break
    return [key for key in keys if key]


def _name_condition(keys: list[str]) -> Q:
    """Name keys equal to or containing a key (the fallback where trigrams are missing)."""
    condition = Q(pk__in=[])
    for key in keys:
        condition |= Q(name_key=key)
        if len(key) >= 3:
            condition |= Q(name_key__contains=key)
    return condition


# Names equal to a key, containing it, or (trigrams) like it: a misspelling of a word of at
# least four letters that keeps its length within a quarter (so "hea" is not "heavy").
_KEY_MATCH = """
    {key} = query.key
    OR {key} LIKE query.pattern ESCAPE '\\'
    OR (query.fuzzy AND {key} %% query.key AND similarity({key}, query.key) >= %s
        AND 4 * length({key}) >= 3 * length(query.key)
        AND 4 * length(query.key) >= 3 * length({key}))
"""
_KEYS = "unnest(%s::text[], %s::text[], %s::boolean[]) query(key, pattern, fuzzy)"
_PLACE_LOOKUP = f"""
    SELECT place.id FROM {_KEYS}
    JOIN updates_place place ON {_KEY_MATCH.format(key="place.name_key")}
    UNION
    SELECT alias.place_id FROM {_KEYS}
    JOIN updates_placealias alias ON {_KEY_MATCH.format(key="alias.name_key")}
"""  # noqa: S608 (constant text; the keys are parameters)


def _place_lookup(keys: list[str]) -> RawSQL:
    """
    The ids of places named by ``keys``, on PostgreSQL. The keys are joined as a table, so
    each is a parameterized probe of the name indexes (btree and trigram): with the keys as
    literals ORed together, the planner read the small place table whole and computed
    trigram similarity for every row.
    """
    patterns = [
        "%" + re.sub(r"([\\%_])", r"\\\1", key) + "%" if len(key) >= 3 else None for key in keys
    ]
    fuzzy = [len(key) >= 4 for key in keys]
    lookup = [keys, patterns, fuzzy, TRIGRAM_THRESHOLD]
    return RawSQL(_PLACE_LOOKUP, [*lookup, *lookup])  # noqa: S611


def search_places(query: str) -> list[Place]:
    """
    The few places the query names, by name or alias in any spelling, ordered by name: one
    query, the name indexes probed once per key.
    """
    keys = _place_keys(query)
    if not keys:
        return []
    if is_postgresql():
        ids = _place_lookup(keys)
    else:
        condition = _name_condition(keys)
        named = Place.objects.filter(condition).order_by().values("pk")
        ids = named.union(PlaceAlias.objects.filter(condition).order_by().values("place_id"))
    places = Place.objects.filter(pk__in=ids).select_related("kept_count")
    places = places.only("name", "slug", "kept_count__update_count")
    return list(places.order_by("name", "pk")[:MAX_QUERY_PLACES])


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
    # Nothing left to find ("-kursk", '"'): no row, in SQL the page's statement can hold
    # (an empty IN list cannot be compiled into it).
    return condition if words else Q(pk__isnull=True)


def _sql(queryset: QuerySet) -> tuple[str, tuple]:
    """
    A queryset's SQL and parameters, to compose into a statement Django cannot say (a union
    of ordered, limited branches inside a subquery). Every value stays a parameter; the
    text around it is constant, hence the ``noqa: S608/S611`` where it is joined.
    """
    return queryset.query.get_compiler(using=queryset.db).as_sql()


class SearchResults:
    """
    Published updates matching a query, newest first, fetched a page at a time; the page
    and the API slice it like a queryset.

    Two branches, each its own indexed query: updates whose text matches (the full-text
    index, or the date index walked newest first when matches are common), and updates
    linked to the places the query names (the link index). Each branch stops at the end of
    the page asked for; their union is merged in the database. One statement brings the
    page's updates with their headlines and the count of all matches, capped at COUNT_CAP
    (a second pair of branches that stop at COUNT_CAP + 1 matches, in any order).
    """

    def __init__(self, query: str, base: QuerySet, *, detail=False, headlines=False, whole=False):
        self.query = query
        self.base = base.order_by()
        self.detail = detail
        self.headlines = headlines and is_postgresql()
        self.places = search_places(query)
        self._count = None
        # Searching all published updates, a place the query names that more than COUNT_CAP
        # of them name makes the count "more than COUNT_CAP": its kept count says so, and
        # the page is fetched without counting.
        if whole and any(_kept(place) > COUNT_CAP for place in self.places):
            self._count = COUNT_CAP + 1

    @property
    def place_ids(self) -> list[int]:
        return [place.pk for place in self.places]

    def _branches(self) -> list[QuerySet]:
        branches = [self.base.filter(_text_filter(self.query))]
        if self.places:
            linked = UpdatePlace.objects.filter(place_id__in=self.place_ids).values("update_id")
            branches.append(self.base.filter(pk__in=linked))
        return branches

    def _matches(self, *, limit: int, newest_first: bool) -> tuple[str, list]:
        """SQL for (id, reported_on) of the matches: each branch stops at ``limit`` rows."""
        parts, params = [], []
        for number, branch in enumerate(self._branches()):
            rows = branch.values_list("id", "reported_on")
            if newest_first:
                rows = rows.order_by("-reported_on", "-id")
            sql, branch_params = _sql(rows[:limit])
            parts.append(f"SELECT * FROM ({sql}) branch{number}")  # noqa: S608
            params.extend(branch_params)
        return " UNION ".join(parts), params

    def _count_sql(self) -> tuple[str, list]:
        sql, params = self._matches(limit=COUNT_CAP + 1, newest_first=False)
        return f"SELECT COUNT(*) FROM ({sql}) counted", params  # noqa: S608

    def count(self) -> int:
        """How many updates match, up to COUNT_CAP + 1 (past COUNT_CAP: "more than")."""
        if self._count is None:
            sql, params = self._count_sql()
            with connections[self.base.db].cursor() as cursor:
                cursor.execute(sql, params)
                self._count = cursor.fetchone()[0]
        return min(self._count, COUNT_CAP + 1)

    @property
    def count_cap(self) -> int:
        return COUNT_CAP

    @property
    def capped(self) -> bool:
        return self.count() > COUNT_CAP

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start = item.start or 0
        stop = MAX_SEARCH_DEPTH if item.stop is None else item.stop
        if stop <= start:
            return []
        matches, params = self._matches(limit=stop, newest_first=True)
        page = RawSQL(  # noqa: S611
            f"SELECT id FROM ({matches}) matches "  # noqa: S608
            "ORDER BY reported_on DESC, id DESC LIMIT %s OFFSET %s",
            (*params, stop - start, start),
        )
        updates = Update.objects.filter(pk__in=page).defer("search_vector")
        updates = updates.order_by("-reported_on", "-pk")
        updates = updates.for_detail() if self.detail else updates.for_listing()
        if self._count is None:
            count = RawSQL(*self._count_sql(), output_field=IntegerField())  # noqa: S611
            updates = updates.annotate(match_count=count)
        if self.headlines:
            updates = updates.annotate(headline=self._headline())
        rows = list(updates)
        if rows and self._count is None:
            self._count = rows[0].match_count
        elif not rows and start == 0:
            self._count = 0
        return rows

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


def _kept(place: Place) -> int:
    kept = getattr(place, "kept_count", None)  # none kept yet: no published update names it
    return kept.update_count if kept else 0


def search_updates(
    query: str, queryset: QuerySet | None = None, *, detail=False, headlines=False, whole=None
) -> SearchResults:
    """
    Published updates matching ``query`` (already normalized), newest first. ``headlines``:
    highlighted excerpts for the page shown (PostgreSQL; elsewhere ``snippet`` makes them).
    ``whole``: ``queryset`` is all published updates, narrowed by nothing (so the places'
    kept counts count its matches); without a queryset it is.
    """
    base = queryset if queryset is not None else Update.objects.published()
    whole = queryset is None if whole is None else whole
    return SearchResults(query, base, detail=detail, headlines=headlines, whole=whole)


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
