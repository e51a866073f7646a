"""Public pages of control: the map for a date, the changes between two dates, territory."""

import datetime
import json

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from updates.models import DayCount, Place, Update

from . import charts
from .models import EARLIEST_DAY, AreaLayer, Basis, ControlObservation, ControlPeriod, Status
from .services import area_stats, changes_between
from .services.changes import changes_with_sources

WEEK = datetime.timedelta(days=7)
DAY = datetime.timedelta(days=1)
# The earliest day the date controls offer; older dates are refused with a 400.
EARLIEST = EARLIEST_DAY
LATEST = datetime.date(9998, 12, 31)
UPDATES_BESIDE_CHANGES = 50
URL_SLUG = "place-slug-placeholder"
# A year of a busy front is thousands of changed places: they come a page at a time.
PLACES_PER_PAGE = 200


class BadDate(ValueError):
    pass


def parse_day(value: str | None, *, name: str) -> datetime.date | None:
    """An ISO date from a query parameter; None when absent; BadDate naming the field."""
    if value is None or not value.strip():
        return None
    try:
        day = datetime.date.fromisoformat(value.strip())
    except ValueError as error:
        raise BadDate(
            _("“%(name)s” must be a date written YYYY-MM-DD, not “%(value)s”.")
            % {"name": name, "value": value[:40]}
        ) from error
    if not EARLIEST <= day <= LATEST:
        raise BadDate(_("“%(name)s” is out of range.") % {"name": name})
    return day


def day_from_path(year: int, month: str, day: str) -> datetime.date:
    try:
        found = datetime.date(int(year), int(month), int(day))
    except ValueError as error:
        raise Http404(_("There is no such day.")) from error
    if not EARLIEST <= found <= LATEST:
        raise Http404(_("There is no map for that day."))
    return found


def shifted(day: datetime.date, delta: datetime.timedelta) -> datetime.date:
    """``day + delta``, kept within the dates the pages offer (never an OverflowError)."""
    try:
        return min(max(day + delta, EARLIEST), LATEST)
    except OverflowError:
        return EARLIEST if delta < datetime.timedelta(0) else LATEST


def places_observed_on(day: datetime.date):
    """Places with an accepted observation dated ``day``: the only ones that can change then.

    Narrowing ``changes_between`` to them keeps a day's changes cheap however large the
    record is.
    """
    return Place.objects.filter(
        pk__in=ControlObservation.objects.public().filter(observed_on=day).values("place_id")
    )


def bad_request(request, message: str):
    return render(request, "control/bad_request.html", {"message": message}, status=400)


def map_url(day: datetime.date) -> str:
    return reverse(
        "control:map_day",
        kwargs={"year": day.year, "month": f"{day.month:02d}", "day": f"{day.day:02d}"},
    )


def changes_url(start: datetime.date, end: datetime.date) -> str:
    return f"{reverse('control:changes')}?from={start:%Y-%m-%d}&to={end:%Y-%m-%d}"


@require_safe
def map_today(request):
    """``/map/``: today's map; ``?date=`` (the date form without script) goes to its permalink."""
    if "date" in request.GET:
        try:
            day = parse_day(request.GET["date"], name="date")
        except BadDate as error:
            return bad_request(request, str(error))
        if day is not None:
            return redirect(map_url(day))
    return _map_page(request, timezone.localdate(), is_today=True)


@require_safe
def map_day(request, year, month, day):
    return _map_page(request, day_from_path(year, month, day), is_today=False)


def _map_page(request, day: datetime.date, *, is_today: bool):
    updates = list(Update.objects.published().filter(reported_on=day).for_listing())
    changes = changes_between(start=day - DAY, end=day, places=places_observed_on(day))
    statuses = [{"value": value, "label": label} for value, label in Status.choices]
    context = {
        "day": day,
        "is_today": is_today,
        "permalink": map_url(day),
        "data_url": reverse("control:map_data", kwargs={"date": day.isoformat()}),
        "previous_day": day - DAY,
        "next_day": day + DAY,
        "previous_week": day - WEEK,
        "next_week": day + WEEK,
        "previous_day_url": map_url(day - DAY),
        "next_day_url": map_url(day + DAY),
        "previous_week_url": map_url(day - WEEK),
        "next_week_url": map_url(day + WEEK),
        "compare_url": changes_url(day - WEEK, day),
        "updates": updates,
        "changes": changes,
        "day_areas": [area for area in changes.areas if area.layers],
        "statuses": statuses,
        "map_labels": {
            "status": {value: str(label) for value, label in Status.choices},
            "basis": {value: str(label) for value, label in Basis.choices},
            "observed_on": _("observed on"),
            "valid_on": _("layer of"),
        },
    }
    return render(request, "control/map.html", context)


def _feature(row: tuple, place_url: str) -> dict:
    status, basis, observed_on, name, slug, latitude, longitude = row
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(longitude, 5), round(latitude, 5)]},
        "properties": {
            "name": name,
            "url": place_url.replace(URL_SLUG, slug),
            "status": status,
            "basis": basis,
            "observed_on": observed_on.isoformat(),
        },
    }


@require_safe
def map_data(request, date):
    """Everything the map draws for a day, in one response and two queries.

    Located places with a status on the day (THE RULE, read from the kept periods:
    ``ControlPeriod.objects.in_force``, an indexed range lookup) as GeoJSON points, and
    the area layers in force. Layer geometry
    is stored validated GeoJSON text and is spliced in as it is, not parsed and
    re-serialized on every request.
    """
    try:
        day = parse_day(date, name="date")
    except BadDate as error:
        return HttpResponse(
            json.dumps({"detail": str(error)}), status=400, content_type="application/json"
        )
    # Plain rows from the kept periods (a period starts on its deciding observation's day).
    rows = (
        ControlPeriod.objects.in_force(on=day)
        .filter(place__latitude__isnull=False, place__longitude__isnull=False)
        .order_by("place__name")
        .values_list(
            "status",
            "basis",
            "since",
            "place__name",
            "place__slug",
            "place__latitude",
            "place__longitude",
        )
    )
    # One reverse() for thousands of places: the place URL differs only by its slug.
    place_url = reverse("updates:place_detail", kwargs={"slug": URL_SLUG})
    points = {
        "type": "FeatureCollection",
        "features": [_feature(row, place_url) for row in rows],
    }
    layer_parts = []
    for layer in AreaLayer.objects.in_force(on=day):
        meta = json.dumps(
            {
                "kind": layer.kind,
                "label": str(layer.get_kind_display()),
                "valid_on": layer.valid_on.isoformat(),
                "area_km2": round(layer.area_km2, 1),
            }
        )
        layer_parts.append(f'{meta[:-1]},"geometry":{layer.geometry}}}')
    head = json.dumps({"date": day.isoformat(), "places": points})
    body = f'{head[:-1]},"layers":[{",".join(layer_parts)}]}}'
    response = HttpResponse(body, content_type="application/json")
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def changes(request):
    """``/changes/?from=&to=``: what changed between two dates (a week up to today by default)."""
    try:
        start = parse_day(request.GET.get("from"), name="from")
        end = parse_day(request.GET.get("to"), name="to")
    except BadDate as error:
        return bad_request(request, str(error))
    end = end or (shifted(start, WEEK) if start else timezone.localdate())
    start = start or shifted(end, -WEEK)
    if start > end:
        start, end = end, start
    # A year is thousands of changes: sources are fetched for the page shown only.
    result = changes_between(start=start, end=end, with_sources=False)
    page = Paginator(result.places, PLACES_PER_PAGE).get_page(request.GET.get("page"))
    changes_with_sources(page.object_list)
    updates = Update.objects.published().filter(reported_on__gt=start, reported_on__lte=end)
    # Kept per day: a year is 20,000 updates that counting would read one by one.
    update_count = DayCount.objects.filter(day__gt=start, day__lte=end).total()
    context = {
        "start": start,
        "end": end,
        "changes": result,
        "page_obj": page,
        "place_count": len(result.places),
        "updates": list(updates.for_listing()[:UPDATES_BESIDE_CHANGES]),
        "update_count": update_count,
        "more_updates": update_count > UPDATES_BESIDE_CHANGES,
        "start_map_url": map_url(start),
        "end_map_url": map_url(end),
        # Changes are counted after ``from``: the period before ends on ``from`` itself.
        "earlier_url": changes_url(shifted(start, -((end - start) or WEEK)), start),
        "api_query": f"from={start:%Y-%m-%d}&to={end:%Y-%m-%d}",
    }
    return render(request, "control/changes.html", context)


@require_safe
def territory(request):
    """Area of each layer kind over time and km² gained/lost per week and month, as SVG."""
    stats = area_stats()
    context = {
        "stats": stats,
        "area_chart": charts.area_chart(stats),
        "weekly_chart": charts.change_chart(stats.weekly, stats.kinds),
        "monthly_chart": charts.change_chart(stats.monthly, stats.kinds, monthly=True, limit=120),
        "recent": charts.recent_change(stats, days=28),
    }
    return render(request, "control/territory.html", context)
