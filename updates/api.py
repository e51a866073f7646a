"""
The read-only data API (django-ninja): JSON under /api/, OpenAPI schema at
/api/openapi.json and its docs page at /api/docs.
"""

import datetime

from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, FilterSchema, NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.openapi.docs import Swagger
from ninja.pagination import paginate

from .api_paging import BoundedPagination, CursorPagination, Keyed, Serialized
from .geojson import geojson_response, places_geojson_text
from .hooks import registry
from .links import http_url
from .models import DayCount, MapImage, Place, Source, Update
from .paging import UPDATES
from .search import COUNT_CAP, MAX_QUERY_CHARS, search_query_normalize, search_updates
from .text import shown

# With filters the kept counts do not answer (language; place and dates), ``count`` counts
# this far and stops.
FILTERED_COUNT_CAP = 1000

api = NinjaAPI(
    title="Frontline data API",
    version="1.0",
    description="Published front-line updates, places and sources. Read-only.",
    urls_namespace="api",
    # Swagger UI from the site's static files ("ninja" in INSTALLED_APPS), and no badge
    # fetched from an outside validator.
    docs=Swagger(settings={"validatorUrl": None}),
)


class PlaceRef(Schema):
    slug: str
    name: str
    map_number: int | None = None


class ImageOut(Schema):
    url: str | None
    thumbnail_url: str | None
    original_reference: str
    missing: bool
    alt_text: str
    caption: str
    depicted_date: datetime.date | None
    width: int | None
    height: int | None


class SourceRef(Schema):
    slug: str
    name: str
    kind: str
    url: str


class QuotedPostOut(Schema):
    author: str
    handle: str
    date: datetime.date | None
    url: str
    text: str
    language: str


class UpdateOut(Schema):
    id: int
    url: str
    date: datetime.date
    title: str
    summary: str = Field("", description="One line: what changed.")
    language: str
    verification: str
    published_at: datetime.datetime
    updated_at: datetime.datetime
    places: list[PlaceRef]
    images: list[ImageOut]
    sources: list[SourceRef]


class UpdateDetailOut(UpdateOut):
    body_markdown: str
    body_html: str
    quoted_posts: list[QuotedPostOut]


class PlaceOut(Schema):
    slug: str
    name: str
    url: str
    aliases: list[str]
    kind: str
    region: str | None
    country: str
    lat: float | None
    lon: float | None
    precision: str
    update_count: int
    # Filled in by the control app when it is installed (status on ?date=, default today).
    status: str | None = None
    status_since: datetime.date | None = None
    status_basis: str | None = None


class ErrorOut(Schema):
    detail: str


class SourceOut(Schema):
    slug: str
    name: str
    url: str
    kind: str
    language: str
    author: str
    publisher: str
    date: datetime.date | None
    page: str
    update_count: int


class UpdateFilters(FilterSchema):
    date: datetime.date | None = Field(None, description="Updates reporting on this day.")
    from_: datetime.date | None = Field(None, alias="from", description="On or after this day.")
    to: datetime.date | None = Field(None, description="On or before this day.")
    place: str | None = Field(None, description="Slug of a place the update names.")
    language: str | None = Field(None, description="Language code of the update, e.g. nl.")
    q: str | None = Field(
        None,
        description=(
            "Search words (any spelling of place names); the first "
            f"{MAX_QUERY_CHARS} characters count. With q, count stops at {COUNT_CAP + 1}."
        ),
    )


def absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def image_out(request, image: MapImage) -> dict:
    return {
        "url": None if image.is_missing else absolute(request, image.image.url),
        "thumbnail_url": absolute(request, image.thumbnail.url) if image.thumbnail else None,
        "original_reference": image.original_reference,
        "missing": image.is_missing,
        "alt_text": image.alt_text,
        "caption": image.caption,
        "depicted_date": image.depicts_on,
        "width": image.width,
        "height": image.height,
    }


def update_out(request, update: Update) -> dict:
    return {
        "id": update.pk,
        "url": absolute(request, update.get_absolute_url()),
        "date": update.reported_on,
        "title": update.title,
        "summary": update.summary,
        "language": update.language,
        "verification": update.verification,
        "published_at": update.published_at,
        "updated_at": update.updated_at,
        "places": [
            {"slug": link.place.slug, "name": link.place.name, "map_number": link.map_number}
            for link in update.place_links.all()
        ],
        "images": [image_out(request, image) for image in update.images.all()],
        "sources": [
            {"slug": s.slug, "name": s.name, "kind": s.kind, "url": http_url(s.url)}
            for s in update.sources.all()
        ],
    }


@api.get(
    "/updates/",
    response=list[UpdateOut],
    tags=["updates"],
    description=(
        "Published updates, newest first. Follow `next` for older pages (a cursor: any "
        "page costs what the first one does). `count` is every matching update, from kept "
        "counts; with `language`, or `place` together with dates, it stops at "
        f"{FILTERED_COUNT_CAP + 1:,}; with `q`, at {COUNT_CAP + 1}."
    ),
)
@paginate(CursorPagination)
def list_updates(request, filters: Query[UpdateFilters]):
    """Published updates, newest first, a page at a time."""
    updates = Update.objects.published()
    days = DayCount.objects.all()
    if filters.date:
        updates = updates.filter(reported_on=filters.date)
        days = days.filter(day=filters.date)
    if filters.from_:
        updates = updates.filter(reported_on__gte=filters.from_)
        days = days.filter(day__gte=filters.from_)
    if filters.to:
        updates = updates.filter(reported_on__lte=filters.to)
        days = days.filter(day__lte=filters.to)
    query = search_query_normalize(filters.q)
    if query:  # ranked, not dated: paged by offset, counted by search itself
        if filters.place:
            updates = updates.filter(place_links__place__slug=filters.place)
        if filters.language:
            updates = updates.filter(language=filters.language)
        narrowed = filters.date or filters.from_ or filters.to or filters.place or filters.language
        results = search_updates(query, updates, detail=True, whole=not narrowed)
        return Serialized(results, lambda update: update_out(request, update))
    place = None
    if filters.place:
        place = Place.objects.with_update_counts().filter(slug=filters.place).first()
        updates = updates.naming(place) if place else updates.none()
    if filters.language:
        updates = updates.filter(language=filters.language)

    def count() -> int:
        if filters.place and place is None:
            return 0
        dated = filters.date or filters.from_ or filters.to
        if filters.language or (place and dated):
            return updates.order_by()[: FILTERED_COUNT_CAP + 1].count()
        return place.update_count if place else days.total()

    return Keyed(
        updates.for_detail(),
        lambda update: update_out(request, update),
        keyset=UPDATES,
        count=count,
    )


@api.get("/updates/{int:update_id}/", response=UpdateDetailOut, tags=["updates"])
def get_update(request, update_id: int):
    """One published update with its Markdown source and sanitized HTML."""
    update = get_object_or_404(Update.objects.published().for_detail(), pk=update_id)
    data = update_out(request, update)
    data.update(
        body_markdown=update.body,
        body_html=update.body_html,
        quoted_posts=[
            {
                "author": post.author_name,
                "handle": post.handle,
                "date": post.posted_on,
                "url": http_url(post.url),
                "text": post.text,
                "language": post.language,
            }
            for post in update.quoted_posts.all()
        ],
    )
    return data


def published_places(on: datetime.date | None = None, places=None):
    """
    Places the public may see, with their kept counts: those named by published updates
    (drafts never count) and, with control installed, those with a status on ``on``.
    """
    places = (places if places is not None else Place.objects.all()).with_update_counts()
    for extension in registry.place_extensions:
        places = extension.annotate(places, on=on)
    return places.filter(listed_on(on))


def listed_on(on: datetime.date | None) -> Q:
    """The places lists show on ``on``: named by a published update, or listed by an app."""
    listed = Q(kept_count__update_count__gt=0)
    for extension in registry.place_extensions:
        listed |= extension.listed_on(on=on)
    return listed


def extra_properties(place: Place) -> dict:
    extra: dict = {}
    for extension in registry.place_extensions:
        extra.update(extension.properties(place))
    return extra


def parse_date_param(name: str, value: str | None) -> datetime.date | None:
    """A YYYY-MM-DD query parameter; a 400 naming it when malformed."""
    if value is None or not value.strip():
        return None
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise HttpError(400, f"{name}: {shown(value)} is not a date; write YYYY-MM-DD") from None


def place_out(request, place: Place) -> dict:
    return {
        "slug": place.slug,
        "name": place.name,
        "url": absolute(request, place.get_absolute_url()),
        "aliases": [alias.name for alias in place.aliases.all()],
        "kind": place.kind,
        "region": place.parent.name if place.parent else None,
        "country": place.country,
        "lat": place.latitude,
        "lon": place.longitude,
        "precision": place.precision,
        "update_count": place.update_count,
        **extra_properties(place),
    }


@api.get("/places/", response={200: list[PlaceOut], 400: ErrorOut}, tags=["places"])
@paginate(BoundedPagination)
def list_places(request, q: str | None = None, date: str | None = None):
    """
    Places, optionally those matching a name in any spelling (Koersk finds Kursk);
    ``status`` fields as on ``date`` (default today).
    """
    on = parse_date_param("date", date)
    places = published_places(
        on, Place.objects.select_related("parent").prefetch_related("aliases")
    )
    query = search_query_normalize(q)
    if query:
        places = places.filter(pk__in=Place.objects.containing(query).values("pk"))
    return Serialized(places.order_by("name", "pk"), lambda place: place_out(request, place))


@api.get("/places.geojson", tags=["places"], response={200: dict, 400: ErrorOut})
def places_geojson(request, date: str | None = None):
    """
    A GeoJSON FeatureCollection of the located places named by published updates (and,
    with control installed, of those with a control status), with each place's ``status``,
    ``status_since`` and ``status_basis`` on ``date`` (YYYY-MM-DD, default today).
    """
    on = parse_date_param("date", date)
    return geojson_response(request, places_geojson_text(on=on, listed=listed_on(on)))


@api.get("/sources/", response=list[SourceOut], tags=["sources"])
@paginate(BoundedPagination)
def list_sources(request):
    """Sources cited by published updates (a source only drafts cite is not public)."""
    sources = Source.objects.public().with_update_counts().order_by("name", "pk")
    return Serialized(
        sources,
        lambda s: {
            "slug": s.slug,
            "name": s.name,
            "url": http_url(s.url),
            "kind": s.kind,
            "language": s.language,
            "author": s.author,
            "publisher": s.publisher,
            "date": s.published_on,
            "page": absolute(request, s.get_absolute_url()),
            "update_count": s.update_count,
        },
    )
