"""Places: the gazetteer entries updates name, their aliases and kept counts."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ..text import normalize_name
from .common import PlainText, slug_url


class PlaceQuerySet(models.QuerySet):
    def public(self) -> "PlaceQuerySet":
        """Places the public may see: those a published update names (drafts do not count)."""
        return self.filter(kept_count__update_count__gt=0)

    def with_pages(self) -> "PlaceQuerySet":
        """
        Places with a public page: those a published update names, and those an installed
        app gives one (control: a place with an accepted observation has a timeline).
        Lists stay with ``public()``; this only decides whether a page answers.
        """
        from ..hooks import registry

        condition = Q(kept_count__update_count__gt=0)
        for extension in registry.place_extensions:
            condition |= extension.has_page()
        return self.filter(condition)

    def with_update_counts(self) -> "PlaceQuerySet":
        """Annotate ``update_count`` and ``last_update`` over published updates (kept counts)."""
        return self.annotate(
            update_count=Coalesce(models.F("kept_count__update_count"), 0),
            last_update=models.F("kept_count__last_update"),
        )

    def matching(self, name: str) -> "PlaceQuerySet":
        """Places whose name or any alias is ``name``, in any case, accent or script."""
        key = normalize_name(name)
        return self.filter(Q(name_key=key) | Q(aliases__name_key=key)).distinct()

    def containing(self, text: str) -> "PlaceQuerySet":
        """Places whose name or any alias contains ``text`` (same normalization)."""
        key = normalize_name(text)
        return self.filter(
            Q(name_key__contains=key) | Q(aliases__name_key__contains=key)
        ).distinct()


class Precision(models.TextChoices):
    EXACT = "exact", _("Exact")
    APPROXIMATE = "approximate", _("Approximate")


class Place(PlainText):
    Precision = Precision

    class Kind(models.TextChoices):
        SETTLEMENT = "settlement", _("Settlement")
        REGION = "region", _("Region")
        COUNTRY = "country", _("Country")
        RIVER = "river", _("River")
        ROAD = "road", _("Road")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SETTLEMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2 code, e.g. UA.")
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    geonames_id = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True, unique=True)
    katottg_code = models.CharField(
        _("KATOTTG code"),
        max_length=19,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Ukraine's official codifier of settlements, e.g. UA14160010010073615."),
    )
    precision = models.CharField(
        _("coordinate precision"),
        max_length=12,
        choices=Precision.choices,
        default=Precision.EXACT,
        help_text=_("Approximate: e.g. the centre of the place's hromada, not its own position."),
    )
    name_key = models.CharField(_("lookup key"), max_length=200, editable=False, db_index=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="place_coordinates_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "name"], name="place_kind_name_idx"),
            # The places page's order: each page one range of it (updates/paging.py).
            models.Index(fields=["name", "id"], name="place_name_id_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = normalize_name(self.name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        old_slug = (
            Place.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            if self.pk
            else None
        )
        super().save(*args, **kwargs)
        if old_slug and old_slug != self.slug:
            # The old address keeps working: /places/<old>/ redirects here.
            from .review import PlaceSlug

            PlaceSlug.objects.filter(slug=self.slug).delete()
            PlaceSlug.objects.update_or_create(slug=old_slug, defaults={"place": self})

    def get_absolute_url(self):
        return slug_url("updates:place_detail", self.slug)

    @property
    def is_located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class PlaceAlias(PlainText):
    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(_("language"), max_length=8, blank=True)
    name_key = models.CharField(_("lookup key"), max_length=200, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(fields=["place", "name"], name="unique_place_alias"),
        ]
        indexes = [models.Index(fields=["name_key"], name="placealias_name_key_idx")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = normalize_name(self.name)
        super().save(*args, **kwargs)


class PlaceCount(models.Model):
    """
    Kept, not recomputed: a place's published updates, and its maps not yet uploaded (the
    maps of those updates and the maps that show it; maintained by updates/counts.py).
    """

    place = models.OneToOneField(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="kept_count"
    )
    update_count = models.PositiveIntegerField(_("published updates"), default=0)
    last_update = models.DateField(_("latest update"), null=True, blank=True)
    maps_awaiting = models.PositiveIntegerField(_("maps not yet uploaded"), default=0)

    class Meta:
        verbose_name = _("place count")
        verbose_name_plural = _("place counts")
        indexes = [models.Index(fields=["update_count"], name="placecount_update_count_idx")]

    def __str__(self):
        return f"{self.place_id}: {self.update_count}"


class ActivePlace(models.Model):
    """
    Kept, not recomputed: the places named most often by the published updates of the
    ``WEEKS`` weeks up to the latest one, the first ``KEPT`` of them (the home page's list;
    maintained by updates/counts.py whenever a write touches a day in that window).
    """

    WEEKS = 8
    KEPT = 10

    place = models.OneToOneField(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="recent_activity"
    )
    update_count = models.PositiveIntegerField(_("recent updates"))

    class Meta:
        ordering = ["-update_count", "place__name"]
        verbose_name = _("active place")
        verbose_name_plural = _("active places")

    def __str__(self):
        return f"{self.place_id}: {self.update_count}"
