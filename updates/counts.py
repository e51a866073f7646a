"""
Kept counts of published updates per place, per source and per day, the most active
places of recent weeks, and the cache version.

Lists of places and sources (pages, API, GeoJSON, sitemap) read ``PlaceCount`` and
``SourceCount`` instead of counting 500,000 links per request; the calendar, the archives,
the sitemap's pages and the API's count read ``DayCount`` instead of grouping the updates
table; the home page reads ``ActivePlace``. This module is the one place that keeps them
right: ``published_content_changed`` recomputes the counts of just the places, sources and
days a write touched (indexed queries), the active places when a touched day lies in their
window, and moves the page-cache version on.

Writes through the ORM (admin saves, inlines, deletes, cascades, shell) reach it through
the receivers at the bottom; bulk writers (the importer, ``generate_demo_data``) call it
themselves, since bulk operations send no signals.
"""

import datetime
import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Count, Max
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from .caching import content_changed
from .models import (
    ActivePlace,
    DayCount,
    MapImage,
    Place,
    PlaceAlias,
    PlaceCount,
    QuotedPost,
    Source,
    SourceCount,
    Update,
    UpdatePlace,
)

SourceLink = Update.sources.through
ShownPlace = MapImage.places.through


def maps_awaiting_by_place(place_ids: set[int]) -> dict[int, int]:
    """Per place: the maps not yet uploaded of the published updates that name it, and
    those shown to show it (each map once)."""
    published = Update.objects.published()
    pairs = set(
        UpdatePlace.objects.filter(place_id__in=place_ids, update__in=published)
        .filter(update__images__image="")
        .values_list("place_id", "update__images")
        .order_by()
    )
    pairs.update(
        ShownPlace.objects.filter(
            place_id__in=place_ids, mapimage__image="", mapimage__update__in=published
        )
        .values_list("place_id", "mapimage_id")
        .order_by()
    )
    counts: dict[int, int] = {}
    for place_id, _ in pairs:
        counts[place_id] = counts.get(place_id, 0) + 1
    return counts


def place_counts_refresh(place_ids: Iterable[int]) -> None:
    place_ids = set(place_ids)
    if not place_ids:
        return
    place_ids &= set(Place.objects.filter(pk__in=place_ids).values_list("pk", flat=True))
    rows = {
        row["place_id"]: row
        for row in UpdatePlace.objects.filter(
            place_id__in=place_ids, update__in=Update.objects.published()
        )
        .values("place_id")
        .annotate(n=Count("update_id", distinct=True), last=Max("update__reported_on"))
        .order_by()
    }
    awaiting = maps_awaiting_by_place(place_ids)
    PlaceCount.objects.bulk_create(
        [
            PlaceCount(
                place_id=pk,
                update_count=rows[pk]["n"] if pk in rows else 0,
                last_update=rows[pk]["last"] if pk in rows else None,
                maps_awaiting=awaiting.get(pk, 0),
            )
            for pk in place_ids
        ],
        update_conflicts=True,
        unique_fields=["place"],
        update_fields=["update_count", "last_update", "maps_awaiting"],
    )


def source_counts_refresh(source_ids: Iterable[int]) -> None:
    source_ids = set(source_ids)
    if not source_ids:
        return
    source_ids &= set(Source.objects.filter(pk__in=source_ids).values_list("pk", flat=True))
    counts = dict(
        SourceLink.objects.filter(source_id__in=source_ids, update__in=Update.objects.published())
        .values("source_id")
        .annotate(n=Count("update_id", distinct=True))
        .values_list("source_id", "n")
        .order_by()
    )
    SourceCount.objects.bulk_create(
        [SourceCount(source_id=pk, update_count=counts.get(pk, 0)) for pk in source_ids],
        update_conflicts=True,
        unique_fields=["source"],
        update_fields=["update_count"],
    )


def day_counts_refresh(days: Iterable[datetime.date | None]) -> None:
    """Recount the published updates of these days; then the active places if it matters."""
    days = {day for day in days if day is not None}
    if not days:
        return
    published = Update.objects.published().filter(reported_on__in=days)
    counts = dict(
        published.values("reported_on")
        .annotate(n=Count("pk"))
        .values_list("reported_on", "n")
        .order_by()
    )
    awaiting = dict(
        MapImage.objects.filter(update__in=published, image="")
        .values("update__reported_on")
        .annotate(n=Count("pk"))
        .values_list("update__reported_on", "n")
        .order_by()
    )
    DayCount.objects.filter(day__in=days - counts.keys()).delete()
    DayCount.objects.bulk_create(
        [
            DayCount(day=day, update_count=n, maps_awaiting=awaiting.get(day, 0))
            for day, n in counts.items()
        ],
        update_conflicts=True,
        unique_fields=["day"],
        update_fields=["update_count", "maps_awaiting"],
    )
    latest = DayCount.objects.latest_day()
    # A day before the window cannot change the list; the latest day moving always touches
    # a day inside the window (the new latest, or the old one now emptied).
    if latest is None or max(days) >= latest - datetime.timedelta(weeks=ActivePlace.WEEKS):
        active_places_refresh(latest)


def active_places_refresh(latest: datetime.date | None) -> None:
    """Keep the places named most often in the weeks up to ``latest`` (the latest day)."""
    if latest is None:
        ActivePlace.objects.all().delete()
        return
    since = latest - datetime.timedelta(weeks=ActivePlace.WEEKS)
    # The window's updates as a list: joined instead, the planner scanned every link.
    recent = list(
        Update.objects.published().filter(reported_on__gte=since).values_list("pk", flat=True)
    )
    top = list(
        UpdatePlace.objects.filter(update_id__in=recent)
        .values("place_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "place__name", "place_id")
        .values_list("place_id", "n")[: ActivePlace.KEPT]
    )
    # Rows are replaced by upsert, not deleted and inserted: two writers refreshing at
    # once must not both insert the same place.
    ActivePlace.objects.exclude(place_id__in=[pk for pk, _ in top]).delete()
    ActivePlace.objects.bulk_create(
        [ActivePlace(place_id=pk, update_count=n) for pk, n in top],
        update_conflicts=True,
        unique_fields=["place"],
        update_fields=["update_count"],
    )


def linked_keys(update_ids: Iterable[int]) -> tuple[set[int], set[int], set[datetime.date]]:
    """The places (named, or shown by their maps), sources and days these updates have now
    (call before a delete, and after)."""
    update_ids = list(update_ids)
    places = set(
        UpdatePlace.objects.filter(update_id__in=update_ids).values_list("place_id", flat=True)
    )
    # And the places their maps show: those count the maps awaiting upload too.
    places.update(
        ShownPlace.objects.filter(mapimage__update_id__in=update_ids).values_list(
            "place_id", flat=True
        )
    )
    sources = set(
        SourceLink.objects.filter(update_id__in=update_ids).values_list("source_id", flat=True)
    )
    days = set(
        Update.objects.filter(pk__in=update_ids, reported_on__isnull=False)
        .values_list("reported_on", flat=True)
        .distinct()
        .order_by()
    )
    return places, sources, days


_batch = threading.local()


@contextmanager
def counts_batch():
    """
    Collect what a bulk writer touches and recount once at the end (the importer wraps each
    file in it, the admin each form and action), instead of once per row it saves or its
    deletes cascade to.
    """
    if getattr(_batch, "keys", None) is not None:  # nested: the outer batch flushes
        yield
        return
    _batch.keys = (set(), set(), set(), set())
    try:
        yield
        updates, places, sources, days = _batch.keys
    finally:
        _batch.keys = None
    if not any((updates, places, sources, days)):
        return  # nothing public was written (an editor only looked)
    connection = transaction.get_connection()
    if connection.in_atomic_block and connection.needs_rollback:
        return  # a dry run (or a failed file): nothing it did will be kept
    published_content_changed(update_ids=updates, place_ids=places, source_ids=sources, days=days)


def published_content_changed(
    *,
    update_ids: Iterable[int] = (),
    place_ids: Iterable[int] = (),
    source_ids: Iterable[int] = (),
    days: Iterable[datetime.date | None] = (),
) -> None:
    """
    After any write to public content: fix the kept counts it touched; stale the cache.
    ``days`` are the days the written updates reported on before the write (a changed or
    deleted update's old day); their current days are looked up.
    """
    keys = getattr(_batch, "keys", None)
    if keys is not None:
        keys[0].update(update_ids)
        keys[1].update(place_ids)
        keys[2].update(source_ids)
        keys[3].update(days)
        return
    places, sources, current_days = linked_keys(update_ids)
    place_counts_refresh(places | set(place_ids))
    source_counts_refresh(sources | set(source_ids))
    day_counts_refresh(current_days | set(days))
    content_changed()


def counts_rebuild() -> None:
    """Recompute every kept count (after bulk writes of unknown extent)."""
    place_counts_refresh(Place.objects.values_list("pk", flat=True))
    source_counts_refresh(Source.objects.values_list("pk", flat=True))
    DayCount.objects.all().delete()
    day_counts_refresh(
        Update.objects.published().values_list("reported_on", flat=True).distinct().order_by()
    )
    content_changed()


# Receivers: ORM writes anywhere (admin, inlines, cascades, shell) keep counts right.


def _update_saving(sender, instance, raw=False, **kwargs):
    # The day it reported on before this save: a changed date empties a day of the calendar.
    if not raw and instance.pk is not None:
        instance._day_before_save = (
            Update.objects.filter(pk=instance.pk).values_list("reported_on", flat=True).first()
        )


def _update_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        published_content_changed(
            update_ids=[instance.pk], days=[getattr(instance, "_day_before_save", None)]
        )


def _update_deleting(sender, instance, **kwargs):
    # Links vanish in the cascade: remember them before, recount after.
    instance._linked_before_delete = linked_keys([instance.pk])


def _update_deleted(sender, instance, **kwargs):
    places, sources, days = getattr(instance, "_linked_before_delete", (set(), set(), set()))
    published_content_changed(place_ids=places, source_ids=sources, days=days)


def _link_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        # Its update's day too: the active places count the links of recent days.
        published_content_changed(place_ids=[instance.place_id], update_ids=[instance.update_id])


def _m2m_keeping(field: str, keyword: str):
    """A receiver for a many-to-many of public content (an update's sources, the places a
    map shows): the rows added, removed or cleared have their kept counts fixed."""
    remember = f"_{field}_before_clear"

    def changed(sender, instance, action, pk_set=None, reverse=False, **kwargs):
        if action not in {"post_add", "post_remove", "pre_clear", "post_clear"}:
            return
        if reverse:  # source.updates.add(...), place.images.add(...)
            published_content_changed(**{keyword: [instance.pk]})
        elif action == "pre_clear":
            setattr(instance, remember, set(getattr(instance, field).values_list("pk", flat=True)))
        else:
            before = getattr(instance, remember, set())
            published_content_changed(**{keyword: set(pk_set or ()) | before})

    return changed


_sources_changed = _m2m_keeping("sources", "source_ids")
# A map said to show other places: their counts of maps awaiting.
_shown_places_changed = _m2m_keeping("places", "place_ids")


def _map_deleting(sender, instance, **kwargs):
    # The places it shows lose their links in the cascade: remember them before.
    instance._shown_before_delete = set(instance.places.values_list("pk", flat=True))


def _map_changed(sender, instance, raw=False, **kwargs):
    if not raw:  # an upload, or a missing map named: the counts of maps awaiting
        shown = getattr(instance, "_shown_before_delete", None)
        if shown is None:
            shown = set(instance.places.values_list("pk", flat=True))
        published_content_changed(update_ids=[instance.update_id], place_ids=shown)


def _other_changed(sender, instance=None, raw=False, **kwargs):
    if not raw:
        content_changed()


def connect() -> None:
    pre_save.connect(_update_saving, sender=Update, dispatch_uid="counts_update_saving")
    post_save.connect(_update_saved, sender=Update, dispatch_uid="counts_update_saved")
    pre_delete.connect(_update_deleting, sender=Update, dispatch_uid="counts_update_deleting")
    post_delete.connect(_update_deleted, sender=Update, dispatch_uid="counts_update_deleted")
    for signal in (post_save, post_delete):
        signal.connect(_link_changed, sender=UpdatePlace, dispatch_uid=f"counts_link_{signal}")
        signal.connect(_map_changed, sender=MapImage, dispatch_uid=f"counts_map_{signal}")
        for model in (Place, PlaceAlias, Source, QuotedPost):
            signal.connect(_other_changed, sender=model, dispatch_uid=f"cache_{model}_{signal}")
    m2m_changed.connect(_sources_changed, sender=SourceLink, dispatch_uid="counts_sources")
    pre_delete.connect(_map_deleting, sender=MapImage, dispatch_uid="counts_map_deleting")
    m2m_changed.connect(_shown_places_changed, sender=ShownPlace, dispatch_uid="cache_mp")
