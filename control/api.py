"""
Control data in the read-only API (mounted on updates' NinjaAPI under /api/ by
``control.hooks``): observations, VIINA-layout CSV, changes between two dates, area stats.
Only public (accepted) observations are ever served.
"""

import csv
import datetime
import io
from urllib.parse import quote

from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from updates.api import ErrorOut, absolute, parse_date_param
from updates.api_paging import BoundedPagination, Serialized
from updates.models import Place
from updates.text import shown

from .models import AreaKind, Basis, ControlObservation, Status
from .services import area_stats, changes_between
from .services.viina import viina_export_csv, viina_export_rows

_SLUG = "place-slug-placeholder"

router = Router(tags=["control"])

MAX_SPAN_DAYS = 3660
# A year of changes is thousands of places: they come in pages of at most this many.
CHANGES_LIMIT = 500


class SourceRef(Schema):
    slug: str
    name: str
    url: str


class UpdateRef(Schema):
    id: int
    title: str
    url: str
    date: datetime.date | None


class ObservationOut(Schema):
    place: str
    place_name: str
    date: datetime.date
    status: str
    basis: str
    claimed_by: str
    note: str
    sources: list[SourceRef]
    update: UpdateRef | None


class PlaceChangeOut(Schema):
    slug: str
    name: str
    url: str
    from_status: str | None
    to_status: str
    date: datetime.date
    basis: str
    claimed_by: str
    sources: list[SourceRef]
    update: UpdateRef | None


class AreaChangeOut(Schema):
    kind: str
    label: str
    gained_km2: float
    lost_km2: float
    net_km2: float
    start_km2: float | None
    end_km2: float | None
    layers: int


class ChangesOut(Schema):
    from_: datetime.date = Field(..., alias="from")  # "from" is a Python keyword
    to: datetime.date
    count: int = Field(..., description="Places that changed in all (``places`` is one page).")
    next: str | None = Field(None, description="The next page of places, if any.")
    places: list[PlaceChangeOut]
    areas: list[AreaChangeOut]


class Span(Schema):
    from_: str | None = Field(None, alias="from", description="First day, YYYY-MM-DD.")
    to: str | None = Field(None, description="Last day, YYYY-MM-DD.")


class ChangesPage(Schema):
    limit: int = Field(
        CHANGES_LIMIT, ge=1, le=CHANGES_LIMIT, description=f"Places per page, 1 to {CHANGES_LIMIT}."
    )
    offset: int = Field(0, ge=0, le=10_000_000, description="Places to skip.")


class AreaPoint(Schema):
    date: datetime.date
    area_km2: float


class AreaSeries(Schema):
    kind: str
    label: str
    points: list[AreaPoint]


class AreaPeriod(Schema):
    period: datetime.date
    kind: str
    gained_km2: float
    lost_km2: float


class AreaStatsOut(Schema):
    series: list[AreaSeries]
    weekly: list[AreaPeriod]
    monthly: list[AreaPeriod]


def _span(span: Span, *, default_days: int = 30):
    end_date = parse_date_param("to", span.to) or timezone.localdate()
    start_date = parse_date_param("from", span.from_)
    if start_date is None:
        # The default span, cut at the calendar's first day (``to=0001-01-01`` is a date).
        days = min(default_days, (end_date - datetime.date.min).days)
        start_date = end_date - datetime.timedelta(days=days)
    if start_date > end_date:
        raise HttpError(400, f"from ({start_date}) is after to ({end_date})")
    if (end_date - start_date).days > MAX_SPAN_DAYS:
        raise HttpError(400, f"from and to may be at most {MAX_SPAN_DAYS} days apart")
    return start_date, end_date


def _choice(name: str, value: str | None, choices) -> str | None:
    if value in (None, ""):
        return None
    if value not in choices.values:
        raise HttpError(400, f"{name}: {shown(value)} is not one of {', '.join(choices.values)}")
    return value


def _places(slugs: str | None):
    if not slugs:
        return None
    wanted = [s.strip() for s in slugs.split(",") if s.strip()]
    if len(wanted) > 1000:
        raise HttpError(400, "places: at most 1000 slugs")
    return Place.objects.filter(slug__in=wanted)


def _sources(request, observation) -> list[dict]:
    return [
        {"slug": s.slug, "name": s.name, "url": absolute(request, s.get_absolute_url())}
        for s in observation.sources.all()
    ]


def _update(request, observation) -> dict | None:
    update = observation.update
    if update is None or not update.is_published or update.reported_on is None:
        return None
    return {
        "id": update.pk,
        "title": update.title,
        "url": absolute(request, update.get_absolute_url()),
        "date": update.reported_on,
    }


@router.get(
    "/control/",
    response={200: list[ObservationOut], 400: ErrorOut},
    summary="Control observations",
)
@paginate(BoundedPagination)
def list_observations(
    request,
    span: Query[Span],
    place: str | None = None,
    status: str | None = None,
    basis: str | None = None,
):
    """
    Accepted control observations, newest first. ``from``/``to`` (YYYY-MM-DD) bound the
    day; ``place`` is a place slug (or several, comma-separated).
    """
    start = parse_date_param("from", span.from_)
    end = parse_date_param("to", span.to)
    observations = ControlObservation.objects.public().for_display()
    if start:
        observations = observations.filter(observed_on__gte=start)
    if end:
        observations = observations.filter(observed_on__lte=end)
    places = _places(place)
    if places is not None:
        observations = observations.filter(place__in=places)
    if _choice("status", status, Status):
        observations = observations.filter(status=status)
    if _choice("basis", basis, Basis):
        observations = observations.filter(basis=basis)
    observations = observations.order_by("-observed_on", "place__name", "-pk")
    return Serialized(
        observations,
        lambda o: {
            "place": o.place.slug,
            "place_name": o.place.name,
            "date": o.observed_on,
            "status": o.status,
            "basis": o.basis,
            "claimed_by": o.claimed_by,
            "note": o.note,
            "sources": _sources(request, o),
            "update": _update(request, o),
        },
    )


@router.get("/control.csv", response={200: str, 400: ErrorOut}, summary="Control table (VIINA)")
def control_csv(request, span: Query[Span], places: str | None = None):
    """
    Status of each place in the VIINA layout (``geonameid,name,…,ctr_YYYYMMDDHHMMSS…``,
    values UA/RU/CONTESTED): one column for ``from`` and one per later day up to ``to`` on
    which a status changes. ``places``: comma-separated slugs (default: every place).
    """
    start, end = _span(span, default_days=365)
    rows = viina_export_rows(start=start, end=end, places=_places(places))
    response = StreamingHttpResponse(viina_export_csv(rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="control-{start}-{end}.csv"'
    return response


@router.get(
    "/changes/", response={200: ChangesOut, 400: ErrorOut}, summary="Changes", by_alias=True
)
def changes(request, span: Query[Span], page: Query[ChangesPage], places: str | None = None):
    """
    What changed between ``from`` and ``to`` (YYYY-MM-DD; default the last 30 days):
    places whose status changed, with the observation's sources and update (``limit``
    per page, newest first; ``next`` links the following page), and km² gained and lost
    per area-layer kind.
    """
    start, end = _span(span)
    result = changes_between(start=start, end=end, places=_places(places))
    shown = result.places[page.offset : page.offset + page.limit]
    following = None
    if page.offset + page.limit < len(result.places):
        query = request.GET.copy()
        query["offset"] = str(page.offset + page.limit)
        following = absolute(request, f"{request.path}?{query.urlencode()}")
    # One reverse() for thousands of places: the place URL differs only by its slug.
    place_url = absolute(request, reverse("updates:place_detail", kwargs={"slug": _SLUG}))
    return {
        "from": start,
        "to": end,
        "count": len(result.places),
        "next": following,
        "places": [
            {
                "slug": c.place.slug,
                "name": c.place.name,
                "url": place_url.replace(_SLUG, quote(c.place.slug)),
                "from_status": c.from_status,
                "to_status": c.to_status,
                "date": c.date,
                "basis": c.observation.basis,
                "claimed_by": c.observation.claimed_by,
                "sources": _sources(request, c.observation),
                "update": _update(request, c.observation),
            }
            for c in shown
        ],
        "areas": [
            {
                "kind": a.kind,
                "label": str(a.label),
                "gained_km2": round(a.gained_km2, 3),
                "lost_km2": round(a.lost_km2, 3),
                "net_km2": round(a.net_km2, 3),
                "start_km2": None if a.start_km2 is None else round(a.start_km2, 3),
                "end_km2": None if a.end_km2 is None else round(a.end_km2, 3),
                "layers": a.layers,
            }
            for a in result.areas
        ],
    }


def _stats(span: Span):
    start = parse_date_param("from", span.from_)
    end = parse_date_param("to", span.to)
    if start and end and start > end:
        raise HttpError(400, f"from ({start}) is after to ({end})")
    return area_stats(start=start, end=end)


@router.get("/control/areas.json", response={200: AreaStatsOut, 400: ErrorOut}, summary="Area")
def areas_json(request, span: Query[Span]):
    """
    Area of each layer kind over time (one point per layer) and km² gained and lost per
    week (starting Monday) and per month, from the stored layers.
    """
    stats = _stats(span)
    return {
        "series": [
            {
                "kind": kind,
                "label": str(AreaKind(kind).label),
                "points": [{"date": d, "area_km2": round(a, 3)} for d, a in stats.series[kind]],
            }
            for kind in stats.kinds
        ],
        "weekly": stats.weekly,
        "monthly": stats.monthly,
    }


@router.get("/control/areas.csv", response={200: str, 400: ErrorOut}, summary="Area (CSV)")
def areas_csv(request, span: Query[Span], period: str = "week"):
    """The same figures as CSV: ``period`` = ``layer`` (area per layer), ``week`` or ``month``."""
    if period not in ("layer", "week", "month"):
        raise HttpError(400, "period: must be layer, week or month")
    stats = _stats(span)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if period == "layer":
        writer.writerow(["date", "kind", "area_km2"])
        rows = sorted((d, kind, round(a, 3)) for kind in stats.kinds for d, a in stats.series[kind])
        writer.writerows(rows)
    else:
        writer.writerow([period, "kind", "gained_km2", "lost_km2"])
        for row in stats.weekly if period == "week" else stats.monthly:
            writer.writerow([row["period"], row["kind"], row["gained_km2"], row["lost_km2"]])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="areas-{period}.csv"'
    return response
