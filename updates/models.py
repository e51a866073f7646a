import datetime
import hashlib
import re
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField

from .links import validate_http_url
from .markdown import render_markdown, validate_markdown_length
from .text import normalize_name


def reported_date_range() -> tuple[datetime.date, datetime.date]:
    """The days an update may report on: the war's start (or FRONTLINE_EARLIEST_DATE)
    to tomorrow, so a typo cannot put an update at the top of the site for years."""
    earliest = datetime.date.fromisoformat(str(settings.FRONTLINE_EARLIEST_DATE))
    return earliest, timezone.localdate() + datetime.timedelta(days=1)


def validate_reported_on(value: datetime.date | None) -> None:
    if value is None:
        return
    earliest, latest = reported_date_range()
    if not earliest <= value <= latest:
        raise ValidationError(
            _("%(date)s is outside the dates an update may report on: %(earliest)s to %(latest)s.")
            % {
                "date": value.isoformat(),
                "earliest": date_format(earliest),
                "latest": date_format(latest),
            },
            code="date_out_of_range",
        )


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    DUTCH = "nl", _("Dutch")
    UKRAINIAN = "uk", _("Ukrainian")
    RUSSIAN = "ru", _("Russian")
    GERMAN = "de", _("German")
    FRENCH = "fr", _("French")


# Language of an update -> PostgreSQL text search configuration.
SEARCH_CONFIGS = {Language.ENGLISH: "english", Language.DUTCH: "dutch"}


class SourceQuerySet(models.QuerySet):
    def public(self) -> "SourceQuerySet":
        """Sources the public may see: those a published update cites (drafts do not count)."""
        return self.filter(kept_count__update_count__gt=0)

    def with_update_counts(self) -> "SourceQuerySet":
        """Annotate ``update_count``: the published updates citing each source (kept count)."""
        return self.annotate(update_count=Coalesce(models.F("kept_count__update_count"), 0))


class Source(models.Model):
    class Kind(models.TextChoices):
        NEWS = "news", _("News site")
        BLOG = "blog", _("Blog / log")
        SOCIAL = "social", _("Social media post")
        OSINT_MAP = "osint_map", _("OSINT map")
        OFFICIAL = "official", _("Official statement")
        ANALYSIS = "analysis", _("Analysis / think tank")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    url = models.URLField(_("URL"), max_length=500, blank=True, validators=[validate_http_url])
    language = models.CharField(_("language"), max_length=8, choices=Language.choices, blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    file_name = models.CharField(
        _("imported file name"),
        max_length=255,
        blank=True,
        help_text=_("For imported documents: the file the update came from."),
    )
    content_hash = models.CharField(
        _("content hash"), max_length=64, blank=True, help_text=_("SHA-256 of the imported file.")
    )
    boilerplate = models.TextField(
        _("removed boilerplate"),
        blank=True,
        help_text=_("Text the importer removed from the document, kept for audit."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(
                fields=["file_name"],
                condition=~Q(file_name=""),
                name="unique_source_file_name",
            ),
        ]
        indexes = [models.Index(fields=["kind"], name="source_kind_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("updates:source_detail", kwargs={"slug": self.slug})


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
        from .hooks import registry

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


class Place(models.Model):
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
        indexes = [models.Index(fields=["kind", "name"], name="place_kind_name_idx")]

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
            PlaceSlug.objects.filter(slug=self.slug).delete()
            PlaceSlug.objects.update_or_create(slug=old_slug, defaults={"place": self})

    def get_absolute_url(self):
        return reverse("updates:place_detail", kwargs={"slug": self.slug})

    @property
    def is_located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class PlaceAlias(models.Model):
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

    def for_detail(self) -> "UpdateQuerySet":
        return self.for_listing().prefetch_related("sources", "quoted_posts")


class Update(models.Model):
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
        from .search import refresh_search_vectors

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


# Alt texts that describe nothing: Markdown templates' "Alt text", a bare "map"...
PLACEHOLDER_ALTS = {
    "alt", "alt text", "alttext", "alt tekst", "image", "img", "afbeelding", "picture",
    "photo", "foto", "map", "maps", "kaart", "screenshot", "description", "beschrijving",
    "text", "tekst", "untitled", "placeholder",
}  # fmt: skip


def is_placeholder_alt(text: str, reference: str = "") -> bool:
    """True when ``text`` says nothing about the picture (empty, a template's "Alt text",
    or just the file's own name)."""
    words = " ".join(re.sub(r"[\W_]+", " ", text or "").split()).casefold()
    if not words or words in PLACEHOLDER_ALTS:
        return True
    stem = PurePosixPath(reference or "").stem
    return bool(stem) and words == " ".join(re.sub(r"[\W_]+", " ", stem).split()).casefold()


class MapImageQuerySet(models.QuerySet):
    def published(self) -> "MapImageQuerySet":
        """The map images readers see: a file is there, and its update is published."""
        return self.filter(update__in=Update.objects.published()).exclude(image="")

    def awaiting_upload(self) -> "MapImageQuerySet":
        """Images of published updates the document names but nobody uploaded yet."""
        return self.filter(update__in=Update.objects.published(), image="")


def map_image_upload_to(instance, filename):
    return f"maps/{timezone.now():%Y/%m}/{filename}"


class MapImage(models.Model):
    update = models.ForeignKey(
        Update, verbose_name=_("update"), on_delete=models.CASCADE, related_name="images"
    )
    places = models.ManyToManyField(
        Place, verbose_name=_("places shown"), blank=True, related_name="images"
    )
    image = models.ImageField(
        _("image"),
        upload_to=map_image_upload_to,
        blank=True,
        width_field="width",
        height_field="height",
        help_text=_("PNG, JPEG or WebP. Empty while the file is missing."),
    )
    thumbnail = models.ImageField(_("thumbnail"), upload_to="thumbs/", blank=True, editable=False)
    original_reference = models.CharField(
        _("original reference"),
        max_length=500,
        blank=True,
        help_text=_("The path the source document used, e.g. 2023-02-Media/20230202a.png."),
    )
    alt_text = models.CharField(_("alt text"), max_length=300, blank=True)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    depicts_on = models.DateField(
        _("depicts"),
        null=True,
        blank=True,
        help_text=_("The date the map shows, when it differs from the update's date."),
    )
    width = models.PositiveIntegerField(_("width"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True, editable=False)
    position = models.PositiveIntegerField(_("position"), default=0)
    imported = models.BooleanField(_("imported"), default=False, editable=False)
    # SHA-256 of the file the importer stored; empty when an editor uploaded the file
    # (or none is there), so a re-import never replaces an editor's upload.
    import_digest = models.CharField(max_length=64, blank=True, editable=False)

    objects = MapImageQuerySet.as_manager()

    class Meta:
        ordering = ["update", "position", "id"]
        verbose_name = _("map image")
        verbose_name_plural = _("map images")
        constraints = [
            models.CheckConstraint(
                condition=~Q(image="") | ~Q(original_reference=""),
                name="mapimage_has_file_or_reference",
            ),
        ]

    def __str__(self):
        return self.alt_text or self.original_reference or self.image.name

    def save(self, *args, **kwargs):
        from .thumbnails import refresh_thumbnail

        refresh_thumbnail(self)
        super().save(*args, **kwargs)

    @property
    def is_missing(self) -> bool:
        return not self.image

    @property
    def reader_alt(self) -> str:
        """The alt text readers get: the editor's, else one made from what is known."""
        if not is_placeholder_alt(self.alt_text, self.original_reference):
            return self.alt_text
        if not is_placeholder_alt(self.caption):
            return self.caption
        day = self.depicts_on or self.update.reported_on
        if day:
            return _("Map for “%(title)s”, %(date)s") % {
                "title": self.update.title,
                "date": date_format(day),
            }
        return _("Map for “%(title)s”") % {"title": self.update.title}


class QuotedPost(models.Model):
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


class PlaceCount(models.Model):
    """Kept, not recomputed: a place's published updates (maintained by updates/counts.py)."""

    place = models.OneToOneField(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="kept_count"
    )
    update_count = models.PositiveIntegerField(_("published updates"), default=0)
    last_update = models.DateField(_("latest update"), null=True, blank=True)

    class Meta:
        verbose_name = _("place count")
        verbose_name_plural = _("place counts")
        indexes = [models.Index(fields=["update_count"], name="placecount_update_count_idx")]

    def __str__(self):
        return f"{self.place_id}: {self.update_count}"


class SourceCount(models.Model):
    """Kept, not recomputed: a source's published updates (maintained by updates/counts.py)."""

    source = models.OneToOneField(
        Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="kept_count"
    )
    update_count = models.PositiveIntegerField(_("published updates"), default=0)

    class Meta:
        verbose_name = _("source count")
        verbose_name_plural = _("source counts")
        indexes = [models.Index(fields=["update_count"], name="sourcecount_update_count_idx")]

    def __str__(self):
        return f"{self.source_id}: {self.update_count}"


from .place_review import PlaceMention, PlaceSlug  # noqa: E402, F401  (models of this app)
