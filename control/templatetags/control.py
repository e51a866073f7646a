"""Control data on pages of the updates app: ``{% load control %}``.

Updates never import control; its templates load this library instead, so the dependency
keeps pointing one way. Every tag copes with a place or day that has no control data
(nothing on record renders nothing, or a short "no observation" line).
"""

import datetime

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..models import BASIS_RANK, AreaKind, Basis, ControlObservation, Status, with_status

register = template.Library()

STATUS_LABELS = dict(Status.choices)
BASIS_LABELS = dict(Basis.choices)


@register.filter
def status_label(value) -> str:
    return str(STATUS_LABELS.get(value, STATUS_LABELS[Status.UNKNOWN]))


@register.filter
def basis_label(value) -> str:
    return str(BASIS_LABELS.get(value, ""))


@register.filter
def status_chip(value, empty_label: str = ""):
    """A status as a chip (a filter, not an include: lists of changes can be long)."""
    if not value:
        return format_html(
            '<span class="status-chip status-none">{}</span>', empty_label or _("nothing on record")
        )
    return format_html('<span class="status-chip status-{}">{}</span>', value, status_label(value))


@register.filter
def area_kind_label(value) -> str:
    return str(dict(AreaKind.choices).get(value, value))


@register.inclusion_tag("control/includes/status_badge.html")
def control_status(place, on: datetime.date | None = None):
    """The place's status on ``on`` (today by default) by THE RULE: one query."""
    on = on or timezone.localdate()
    cache = getattr(place, "_control_status_cache", {})
    if on not in cache:
        row = (
            with_status(type(place).objects.filter(pk=place.pk), on=on)
            .values("control_status", "control_basis", "control_since")
            .first()
        )
        cache[on] = row or {}
        place._control_status_cache = cache
    row = cache[on]
    return {
        "status": row.get("control_status"),
        "basis": row.get("control_basis"),
        "since": row.get("control_since"),
    }


def _deciding_key(observation: ControlObservation):
    # The same-day order of THE RULE (ControlObservationQuerySet.deciding): the strongest
    # basis, then the most recently entered.
    return (BASIS_RANK.get(observation.basis, 0), observation.pk)


def timeline(observations: list[ControlObservation], *, today: datetime.date) -> dict:
    """Bands of colour (status runs) and points (observations) as percentages of the span."""
    if not observations:
        return {"segments": [], "points": [], "start": None, "end": None, "continues": False}
    by_day: dict[datetime.date, list[ControlObservation]] = {}
    for observation in observations:
        by_day.setdefault(observation.observed_on, []).append(observation)
    days = sorted(by_day)
    start = days[0]
    # The band runs on past the last observation (the status holds), by a third of the
    # observed span and at least two weeks, so that close observations stay apart.
    padding = max(datetime.timedelta(days=14), (days[-1] - start) / 3)
    end = max(min(today, days[-1] + padding), days[-1] + datetime.timedelta(days=1))
    span = (end - start).days or 1

    def position(day: datetime.date) -> float:
        return round((day - start).days / span * 100, 3)

    segments = []
    for index, day in enumerate(days):
        deciding = max(by_day[day], key=_deciding_key)
        until = days[index + 1] if index + 1 < len(days) else end
        if segments and segments[-1]["status"] == deciding.status:
            segments[-1]["until"] = until
            continue
        segments.append({"status": deciding.status, "since": day, "until": until})
    for segment in segments:
        segment["left"] = position(segment["since"])
        segment["width"] = round(position(segment["until"]) - segment["left"], 3)
    points = [{"observation": o, "left": position(o.observed_on)} for o in observations]
    return {
        "segments": segments,
        "points": points,
        "start": start,
        "end": end,
        "continues": end < today,
    }


@register.inclusion_tag("control/includes/timeline.html")
def control_timeline(place):
    """A place's control history: a band of colour over time and its observations."""
    observations = list(
        place.control_observations.public()
        .select_related("update")
        .prefetch_related("sources")
        .order_by("observed_on", "pk")
    )
    today = timezone.localdate()
    return {"place": place, "observations": observations, **timeline(observations, today=today)}


@register.inclusion_tag("control/includes/day_changes.html")
def control_day_changes(day: datetime.date):
    """Control changes that took effect on ``day`` (status on the day before → on the day)."""
    from ..services import changes_between

    if not isinstance(day, datetime.date):
        return {"changes": None}
    if isinstance(day, datetime.datetime):
        day = day.date()
    try:
        before = day - datetime.timedelta(days=1)
        week = day - datetime.timedelta(days=7)
    except OverflowError:  # the first days of the calendar have no day before
        return {"changes": None}
    url = reverse("control:changes")
    from ..views import places_observed_on

    changes = changes_between(start=before, end=day, places=places_observed_on(day))
    return {
        "day": day,
        "changes": changes,
        "day_areas": [area for area in changes.areas if area.layers],
        "compare_url": f"{url}?from={week:%Y-%m-%d}&to={day:%Y-%m-%d}",
        "map_url": reverse(
            "control:map_day",
            kwargs={"year": day.year, "month": f"{day.month:02d}", "day": f"{day.day:02d}"},
        ),
    }
