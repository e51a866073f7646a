"""Updates: the dated, sourced entries of the log, the places they name and the posts they quote."""

import hashlib

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField

from ..links import validate_http_url
from ..markdown import render_markdown, validate_markdown_length
from .common import Language, PlainText, validate_reported_on
from .places import Place
from .sources import Source


class UpdateQuerySet(models.QuerySet):
    def published(self) -> "UpdateQuerySet":
        """The updates the public may see: the one place this rule lives."""
        return self.filter(
            status=Update.Status.PUBLISHED,
            reported_on__isnull=False,
            published_at__lte=timezone.now(),
        )

    def for_listing(self) -> "UpdateQuerySet":
        """Everything a list of updates shows, in a fixed number of queries."""
        return self.prefetch_related(
            models.Prefetch("place_links", queryset=UpdatePlace.objects.select_related("place")),
            "images",
        )

    def for_feed(self) -> "UpdateQuerySet":
        """What a feed item shows: its places' names (no images, no other place fields)."""
        return self.defer("search_vector").prefetch_related(
            models.Prefetch(
                "place_links",
                queryset=UpdatePlace.objects.select_related("place").only(
                    "update_id", "map_number", "place__name"
                ),
            )
        )

    def for_detail(self) -> "UpdateQuerySet":
        return self.for_listing().prefetch_related("sources", "quoted_posts")

    def naming(self, place) -> "UpdateQuerySet":
        """The updates that name ``place``, shaped so that any page of them reads few rows."""
        from ..paging import linked_updates

        return linked_updates(self, link_model=UpdatePlace, field="place_id", value=place.pk)

    def citing(self, source) -> "UpdateQuerySet":
        """The updates that cite ``source`` (shaped as ``naming``)."""
        from ..paging import linked_updates

        return linked_updates(
            self, link_model=Update.sources.through, field="source_id", value=source.pk
        )


class Update(PlainText):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class Verification(models.TextChoices):
        CLAIMED = "claimed", _("Claimed")
        CONFIRMED = "confirmed", _("Confirmed")
        DISPUTED = "disputed", _("Disputed")

    reported_on = models.DateField(
        _("reported on"),
        null=True,
        blank=True,
        help_text=_("The day this update reports on. Empty only for undated drafts."),
        validators=[validate_reported_on],
    )
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One line: what changed. Lists show it instead of the opening of the text."),
    )
    body = MarkdownxField(
        _("body"), help_text=_("Markdown."), validators=[validate_markdown_length]
    )
    body_html = models.TextField(_("body (sanitized HTML)"), editable=False, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    verification = models.CharField(
        _("verification"),
        max_length=10,
        choices=Verification.choices,
        default=Verification.CLAIMED,
    )
    sources = models.ManyToManyField(
        Source, verbose_name=_("sources"), blank=True, related_name="updates"
    )
    places = models.ManyToManyField(
        Place,
        verbose_name=_("places"),
        through="UpdatePlace",
        blank=True,
        related_name="updates",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last edited at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # Optimistic locking: every save adds one; a form saved from an older version is
    # refused (see UpdateAdminForm) instead of silently overwriting another editor's work.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # The importer's bookkeeping: which section of which file this came from, and a
    # fingerprint of what it wrote, so that later edits in the admin are detected.
    import_key = models.CharField(_("import key"), max_length=300, blank=True, editable=False)
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    import_content_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The sources the last import linked, so a re-import removes only those, never an
    # editor's.
    import_sources = models.JSONField(default=list, blank=True, editable=False)
    # The places the last import linked, so a re-import does not bring back a link an
    # editor removed.
    import_places = models.JSONField(default=list, blank=True, editable=False)
    # Full-text search on PostgreSQL (GIN-indexed there); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = UpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_on", "-published_at", "-id"]
        get_latest_by = "reported_on"
        verbose_name = _("update")
        verbose_name_plural = _("updates")
        constraints = [
            models.UniqueConstraint(
                fields=["reported_on", "slug"], name="unique_update_slug_per_day"
            ),
            models.UniqueConstraint(
                fields=["import_key"], condition=~Q(import_key=""), name="unique_update_import_key"
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(reported_on__isnull=False, published_at__isnull=False),
                name="published_update_has_dates",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "reported_on"], name="update_status_date_idx"),
            models.Index(fields=["reported_on"], name="update_reported_on_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.pk is not None:
            self.version = (self.version or 0) + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "body_html",
                "published_at",
                "version",
            }
        super().save(*args, **kwargs)
        from ..search import refresh_search_vectors

        refresh_search_vectors(type(self).objects.filter(pk=self.pk))

    def get_absolute_url(self):
        return reverse(
            "updates:update_detail",
            kwargs={
                "year": self.reported_on.year,
                "month": f"{self.reported_on.month:02d}",
                "day": f"{self.reported_on.day:02d}",
                "slug": self.slug,
            },
        )

    def clean(self):
        super().clean()
        if self.status == self.Status.PUBLISHED and self.reported_on is None:
            raise ValidationError(
                {"reported_on": _("A published update needs the date it reports on.")},
                code="published_without_date",
            )

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_undated(self) -> bool:
        return self.reported_on is None

    @property
    def was_edited(self) -> bool:
        """Edited after it was first published (more than a minute later)."""
        return bool(
            self.published_at and (self.updated_at - self.published_at).total_seconds() > 60
        )

    def content_fingerprint(self) -> str:
        """What the importer compares to notice edits made in the admin."""
        payload = "\x1f".join([str(self.reported_on or ""), self.title, self.body, self.language])
        return hashlib.sha256(payload.encode()).hexdigest()


class UpdatePlace(models.Model):
    update = models.ForeignKey(
        Update, verbose_name=_("update"), on_delete=models.CASCADE, related_name="place_links"
    )
    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="update_links"
    )
    map_number = models.PositiveSmallIntegerField(
        _("map number"),
        null=True,
        blank=True,
        help_text=_(
            "The number the text gives the place on its map, e.g. 1 for “Krasna Hora (1)”."
        ),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    # Written by the importer (a re-import may change it) or by an editor (kept).
    imported = models.BooleanField(_("imported"), default=False, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("place named")
        verbose_name_plural = _("places named")
        constraints = [
            models.UniqueConstraint(fields=["update", "place"], name="unique_update_place"),
        ]
        indexes = [models.Index(fields=["place", "update"], name="updateplace_place_idx")]

    def __str__(self):
        if self.map_number:
            return f"{self.place} ({self.map_number})"
        return str(self.place)


class QuotedPost(PlainText):
    """A social-media post an update quotes (an embedded X/Twitter post, say)."""

    update = models.ForeignKey(
        Update, verbose_name=_("update"), on_delete=models.CASCADE, related_name="quoted_posts"
    )
    author_name = models.CharField(_("author"), max_length=200)
    handle = models.CharField(_("handle"), max_length=100, blank=True)
    posted_on = models.DateField(_("posted on"), null=True, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True, validators=[validate_http_url])
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    imported = models.BooleanField(_("imported"), default=False, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("quoted post")
        verbose_name_plural = _("quoted posts")

    def __str__(self):
        return f"{self.author_name} (@{self.handle})" if self.handle else self.author_name


class DayCountQuerySet(models.QuerySet):
    def total(self) -> int:
        """The published updates of the days in this queryset (one indexed sum)."""
        return self.aggregate(total=models.Sum("update_count"))["total"] or 0

    def maps_awaiting(self) -> int:
        """Their maps named by the documents but not uploaded yet."""
        return self.aggregate(total=models.Sum("maps_awaiting"))["total"] or 0

    def latest_day(self):
        """The latest day with a published update, or None."""
        return self.aggregate(day=models.Max("day"))["day"]

    def previous(self, day):
        """The latest day with updates before ``day``, or None."""
        return self.filter(day__lt=day).aggregate(day=models.Max("day"))["day"]

    def next(self, day):
        """The first day with updates on or after ``day``, or None."""
        return self.filter(day__gte=day).aggregate(day=models.Min("day"))["day"]


class DayCount(models.Model):
    """
    Kept, not recomputed: how many published updates report on a day, and how many of
    their maps await upload (maintained by updates/counts.py). Only days that have an
    update are kept, so the rows are the days with updates: the calendar, the archives'
    lists of years, months and days, the sitemap's pages, the API's count and the
    gallery's line about missing maps read them instead of counting the updates table.
    """

    day = models.DateField(_("day"), unique=True)
    update_count = models.PositiveIntegerField(_("published updates"))
    maps_awaiting = models.PositiveIntegerField(_("maps awaiting upload"), default=0)

    objects = DayCountQuerySet.as_manager()

    class Meta:
        ordering = ["day"]
        verbose_name = _("day count")
        verbose_name_plural = _("day counts")
        constraints = [
            models.CheckConstraint(condition=Q(update_count__gt=0), name="daycount_not_empty"),
        ]

    def __str__(self):
        return f"{self.day}: {self.update_count}"
