"""
Who holds what, when: control observations of places, and dated area layers.

The one rule for "status of a place on a date" lives in
``ControlObservationQuerySet.deciding`` (and, ``Place``-side, in ``with_status``);
every page, feed and API goes through it.
"""

import datetime
from collections.abc import Iterator

from django.db import connection, models
from django.db.models import Case, F, IntegerField, OuterRef, Q, Subquery, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from updates.models import Place, Source, Update
from updates.models.common import PlainText, refuse_day_outside

# Ukraine's independence: the first day control data may be on, and the map's first day.
EARLIEST_DAY = datetime.date(1991, 8, 24)


def control_day_range() -> tuple[datetime.date, datetime.date]:
    """
    The days an observation or an area layer may be on: independence to tomorrow. Nobody
    observes the future, and a typo such as 9999-12-31 would sit past the end of the
    calendar the map, the territory chart and the kept periods count on.
    """
    return EARLIEST_DAY, timezone.localdate() + datetime.timedelta(days=1)


def validate_control_day(value: datetime.date | None) -> None:
    refuse_day_outside(
        value,
        control_day_range(),
        _("%(date)s is outside the days control data may be on: %(earliest)s to %(latest)s."),
    )


class Status(models.TextChoices):
    UKRAINE = "ukraine", _("Ukrainian control")
    RUSSIA = "russia", _("Russian control")
    CONTESTED = "contested", _("Contested")
    UNKNOWN = "unknown", _("Unknown")


class Basis(models.TextChoices):
    """Who says so, weakest first: the order is the same-day tie-break."""

    CLAIMED = "claimed", _("Claimed by a side")
    ASSESSED = "assessed", _("Assessed by an analyst")
    CONFIRMED = "confirmed", _("Confirmed by the editors")


BASIS_RANK = {Basis.CLAIMED: 1, Basis.ASSESSED: 2, Basis.CONFIRMED: 3}


class Review(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested (awaiting review)")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Origin(models.TextChoices):
    EDITOR = "editor", _("Added by an editor")
    TEXT = "text", _("Suggested from an update's text")
    VIINA = "viina", _("VIINA import")


def basis_rank() -> Case:
    """The basis as a number (confirmed 3 > assessed 2 > claimed 1), for ordering in SQL."""
    return Case(
        *(When(basis=basis, then=Value(rank)) for basis, rank in BASIS_RANK.items()),
        default=Value(0),
        output_field=IntegerField(),
    )


def rule_order() -> tuple:
    """Latest day first; same day: confirmed > assessed > claimed; then latest entered."""
    return ("-observed_on", basis_rank().desc(), "-pk")


def reversed_rule_order() -> tuple:
    return ("observed_on", basis_rank().asc(), "pk")


class ControlObservationQuerySet(models.QuerySet):
    def public(self) -> "ControlObservationQuerySet":
        """Observations readers may see: accepted ones. Suggested and rejected never are."""
        return self.filter(review=Review.ACCEPTED)

    def suggested(self) -> "ControlObservationQuerySet":
        return self.filter(review=Review.SUGGESTED)

    def deciding(self, *, on: datetime.date) -> "ControlObservationQuerySet":
        """
        THE RULE. For each place, the observation that decides its status on ``on``:
        the latest accepted observation on or before that date; on the same day confirmed
        outranks assessed outranks claimed; then the most recently entered one.

        One query for any number of places (DISTINCT ON on PostgreSQL, a ROW_NUMBER()
        window elsewhere). Chain ``.filter(place__in=...)`` before or after as needed.
        """
        public = self.public().filter(observed_on__lte=on)
        if connection.vendor == "postgresql":
            ids = public.order_by("place_id", *rule_order()).distinct("place_id").values("pk")
            return self.model.objects.filter(pk__in=ids)
        ranked = public.annotate(
            rule_rank=Window(RowNumber(), partition_by=[F("place_id")], order_by=rule_order())
        ).filter(rule_rank=1)
        return self.model.objects.filter(pk__in=ranked.values("pk"))

    def timelines(
        self, *, start: datetime.date, end: datetime.date, places=None, chunk: int = 1000
    ) -> Iterator[tuple[Place, list[tuple[datetime.date, str]]]]:
        """
        THE RULE for every day of [start, end] at once: for each place with a status in
        that span, its steps ``[(day, status), …]`` — the first its status on ``start``,
        then each later day's deciding observation (the same order as ``deciding``).
        Streams places in chunks; 2 queries plus 3 per ``chunk`` places.
        """
        public = self.public()
        if places is not None:
            public = public.filter(place__in=places)
        opening = {o.place_id: o.status for o in public.deciding(on=start)}
        inside = public.filter(observed_on__gt=start, observed_on__lte=end)
        ids = sorted({*opening, *inside.values_list("place_id", flat=True).distinct()})
        for offset in range(0, len(ids), chunk):
            some = ids[offset : offset + chunk]
            steps: dict[int, dict[datetime.date, str]] = {}
            for place_id, day, status in (
                inside.filter(place_id__in=some)
                .order_by("place_id", *reversed_rule_order())
                .values_list("place_id", "observed_on", "status")
            ):
                steps.setdefault(place_id, {})[day] = status  # the day's last one decides
            for place in Place.objects.filter(pk__in=some).prefetch_related("aliases"):
                timeline = [(start, opening[place.pk])] if place.pk in opening else []
                timeline += sorted(steps.get(place.pk, {}).items())
                yield place, timeline

    def in_force(self, *, on: datetime.date) -> "ControlObservationQuerySet":
        """
        The same observations as ``deciding(on=)``, read from the kept ``ControlPeriod``
        table (derived from THE RULE by ``control.services.periods``): an indexed range
        lookup instead of a per-place ranking, for the map, the changes and the API.
        """
        return self.filter(pk__in=ControlPeriod.objects.in_force(on=on).values("observation_id"))

    def for_display(self) -> "ControlObservationQuerySet":
        """Everything a list of observations shows, in a fixed number of queries."""
        return self.select_related("place", "update").prefetch_related("sources")


class ControlObservation(PlainText):
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        on_delete=models.CASCADE,
        related_name="control_observations",
    )
    observed_on = models.DateField(
        _("observed on"),
        help_text=_("The day the status holds from."),
        validators=[validate_control_day],
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    basis = models.CharField(
        _("basis"), max_length=10, choices=Basis.choices, default=Basis.CLAIMED
    )
    claimed_by = models.CharField(
        _("claimed / assessed by"),
        max_length=100,
        blank=True,
        help_text=_("E.g. Russian MoD, Ukrainian General Staff, ISW, DeepState, a milblogger."),
    )
    sources = models.ManyToManyField(
        Source, verbose_name=_("sources"), blank=True, related_name="control_observations"
    )
    update = models.ForeignKey(
        Update,
        verbose_name=_("update"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="control_observations",
        help_text=_("The update that reports it."),
    )
    note = models.TextField(_("note"), blank=True)
    review = models.CharField(
        _("review"), max_length=10, choices=Review.choices, default=Review.ACCEPTED
    )
    origin = models.CharField(
        _("origin"), max_length=10, choices=Origin.choices, default=Origin.EDITOR
    )
    sentence = models.TextField(
        _("sentence"), blank=True, help_text=_("For suggestions: the sentence it came from.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ControlObservationQuerySet.as_manager()

    class Meta:
        ordering = ["-observed_on", "-id"]
        get_latest_by = "observed_on"
        verbose_name = _("control observation")
        verbose_name_plural = _("control observations")
        constraints = [
            models.UniqueConstraint(
                fields=["update", "place", "observed_on"],
                condition=Q(update__isnull=False),
                name="unique_control_observation_per_update",
            ),
            models.UniqueConstraint(
                fields=["place", "observed_on"],
                condition=Q(origin="viina"),
                name="unique_viina_observation_per_day",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="control_observation_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(basis__in=Basis.values), name="control_observation_basis_valid"
            ),
            models.CheckConstraint(
                condition=Q(review__in=Review.values), name="control_observation_review_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["place", "observed_on"], name="control_place_date_idx"),
            # THE RULE's per-place lookups: public observations of one place up to a day.
            models.Index(
                fields=["place", "review", "observed_on"], name="control_place_review_date_idx"
            ),
            models.Index(fields=["review", "observed_on"], name="control_review_date_idx"),
        ]

    def __str__(self):
        return f"{self.place} — {self.get_status_display()} ({self.observed_on})"

    @property
    def is_public(self) -> bool:
        return self.review == Review.ACCEPTED


def with_status(places: models.QuerySet, *, on: datetime.date) -> models.QuerySet:
    """
    ``places`` annotated from THE RULE on ``on`` (read from the kept periods):
    ``control_status``, ``control_basis`` and ``control_since`` (the first day of the
    current unbroken run of that status). Still one query, an index lookup per place.
    """
    period = ControlPeriod.objects.in_force(on=on).filter(place_id=OuterRef("pk"))
    return places.annotate(
        control_status=Subquery(period.values("status")[:1]),
        control_basis=Subquery(period.values("basis")[:1]),
        control_since=Subquery(period.values("status_since")[:1]),
    )


# The open end of a place's current period: no date compares later.
OPEN_END = datetime.date.max


class ControlPeriodQuerySet(models.QuerySet):
    def in_force(self, *, on: datetime.date) -> "ControlPeriodQuerySet":
        """One period per place with a status on ``on``: since <= on < until."""
        return self.filter(since__lte=on, until__gt=on)


class ControlPeriod(models.Model):
    """
    Kept, derived: for each place, the span ``[since, until)`` over which one observation
    decides its status by THE RULE (``ControlObservationQuerySet.deciding``). Written only by
    ``control.services.periods.control_periods_refresh``; never edited by hand.
    """

    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="control_periods"
    )
    observation = models.ForeignKey(
        ControlObservation,
        verbose_name=_("deciding observation"),
        on_delete=models.CASCADE,
        related_name="control_periods",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    basis = models.CharField(_("basis"), max_length=10, choices=Basis.choices)
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), help_text=_("Exclusive; the far future when open."))
    status_since = models.DateField(
        _("status since"), help_text=_("The first day of the unbroken run of this status.")
    )

    objects = ControlPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["place", "since"]
        verbose_name = _("control period")
        verbose_name_plural = _("control periods")
        constraints = [
            models.UniqueConstraint(fields=["place", "since"], name="unique_control_period_start"),
            models.CheckConstraint(
                condition=Q(until__gt=F("since")), name="control_period_not_empty"
            ),
        ]
        indexes = [
            models.Index(fields=["since", "until"], name="control_period_since_idx"),
            models.Index(fields=["until", "since"], name="control_period_until_idx"),
            models.Index(fields=["place", "since", "until"], name="control_period_place_idx"),
        ]

    def __str__(self):
        return f"{self.place} — {self.status} [{self.since}, {self.until})"


class AreaKind(models.TextChoices):
    OCCUPIED = "occupied", _("Occupied territory")
    ASSESSED_ADVANCE = "assessed_advance", _("Assessed advance")
    CLAIMED = "claimed", _("Claimed control")
    CONTESTED = "contested", _("Contested / grey zone")
    LIBERATED = "liberated", _("Liberated")


class AreaLayerQuerySet(models.QuerySet):
    def without_geometry(self) -> "AreaLayerQuerySet":
        """Lists, charts and statistics never need the (large) geometry text."""
        return self.defer("geometry")

    def in_force(self, *, on: datetime.date) -> "AreaLayerQuerySet":
        """For each kind, the latest layer valid on or before ``on`` (one query)."""
        latest = (
            AreaLayer.objects.filter(kind=OuterRef("kind"), valid_on__lte=on)
            .order_by("-valid_on", "-pk")
            .values("pk")[:1]
        )
        return self.filter(valid_on__lte=on, pk=Subquery(latest)).order_by("kind")


class AreaLayer(PlainText):
    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices)
    valid_on = models.DateField(
        _("valid on"), help_text=_("The day the layer shows."), validators=[validate_control_day]
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="area_layers",
    )
    geometry = models.TextField(
        _("geometry (GeoJSON)"),
        help_text=_("A validated GeoJSON Polygon/MultiPolygon in WGS 84 longitude/latitude."),
    )
    area_km2 = models.FloatField(_("area (km²)"), default=0, editable=False)
    gained_km2 = models.FloatField(
        _("gained since previous (km²)"), null=True, blank=True, editable=False
    )
    lost_km2 = models.FloatField(
        _("lost since previous (km²)"), null=True, blank=True, editable=False
    )
    file_name = models.CharField(_("imported file name"), max_length=255, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AreaLayerQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_on", "kind"]
        get_latest_by = "valid_on"
        verbose_name = _("area layer")
        verbose_name_plural = _("area layers")
        constraints = [
            models.UniqueConstraint(fields=["kind", "valid_on"], name="unique_area_layer_per_day"),
            models.CheckConstraint(condition=Q(area_km2__gte=0), name="area_layer_area_positive"),
            models.CheckConstraint(
                condition=Q(kind__in=AreaKind.values), name="area_layer_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["kind", "valid_on"], name="area_layer_kind_date_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.valid_on}"
