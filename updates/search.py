"""
Search over published updates: titles, bodies and the places they name, in any spelling.

PostgreSQL gets full-text search in each update's language (a stored, GIN-indexed
``search_vector``), websearch syntax, ranking and highlighted snippets, and trigram
similarity on place names for typos. SQLite gets a simpler fallback with the same
result shape, so the page and the API do not care which database runs.
"""

import re

from django.db import connection
from django.db.models import Case, CharField, F, Q, QuerySet, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import SEARCH_CONFIGS, Place, Update
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


def search_places(query: str) -> QuerySet:
    """Places whose name or alias contains the query, or (PostgreSQL) resembles it."""
    key = normalize_name(query)
    if not key:
        return Place.objects.none()
    matches = Q(pk__in=Place.objects.containing(query).values("pk"))
    if is_postgresql() and len(key) >= 4:
        from django.contrib.postgres.search import TrigramSimilarity

        similar = (
            Place.objects.annotate(similarity=TrigramSimilarity("aliases__name_key", key))
            .filter(similarity__gte=TRIGRAM_THRESHOLD)
            .values("pk")
        )
        similar_names = (
            Place.objects.annotate(similarity=TrigramSimilarity("name_key", key))
            .filter(similarity__gte=TRIGRAM_THRESHOLD)
            .values("pk")
        )
        matches |= Q(pk__in=similar) | Q(pk__in=similar_names)
    return Place.objects.filter(matches).order_by("name")


def _query_places(query: str) -> QuerySet:
    """Places named by the whole query or by one of its longer words."""
    words = [w for w in re.split(r"\s+", query) if len(normalize_name(w)) >= 4]
    condition = Q(pk__in=search_places(query).values("pk"))
    for word in words[:5]:
        condition |= Q(pk__in=search_places(word).values("pk"))
    return Place.objects.filter(condition)


def search_updates(query: str, queryset: QuerySet | None = None) -> QuerySet:
    """Published updates matching ``query``, best first; callers add their prefetching."""
    base = queryset if queryset is not None else Update.objects.published()
    by_place = Q(
        pk__in=Update.objects.filter(place_links__place__in=_query_places(query)).values("pk")
    )
    if is_postgresql():
        return _postgresql_search(base, query, by_place)
    return _fallback_search(base, query, by_place)


def _postgresql_search(base: QuerySet, query: str, by_place: Q) -> QuerySet:
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

    # One constant query (OR of the languages) so the GIN index serves it.
    ts_query = SearchQuery(query, search_type="websearch", config="simple")
    for config in SEARCH_CONFIGS.values():
        ts_query |= SearchQuery(query, search_type="websearch", config=config)
    return (
        base.filter(Q(search_vector=ts_query) | by_place)
        .annotate(
            rank=SearchRank(F("search_vector"), ts_query),
            headline=SearchHeadline(
                "body",
                ts_query,
                config=search_config_expression(),
                start_sel=_START,
                stop_sel=_STOP,
                max_words=35,
                min_words=15,
            ),
        )
        .order_by(F("rank").desc(nulls_last=True), "-reported_on", "-pk")
    )


def _fallback_search(base: QuerySet, query: str, by_place: Q) -> QuerySet:
    words = [w for w in re.split(r"\s+", query.replace('"', " ")) if w and not w.startswith("-")]
    text_match = Q()
    for word in words[:8]:
        text_match &= Q(title__icontains=word) | Q(body__icontains=word)
    return base.filter(text_match | by_place).distinct().order_by("-reported_on", "-pk")


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
    excerpt = plain[start : start + SNIPPET_CHARS]
    excerpt = pattern.sub(lambda m: f"{_START}{m.group(0)}{_STOP}", excerpt)
    return ("…" if start else "") + excerpt + ("…" if start + SNIPPET_CHARS < len(plain) else "")
