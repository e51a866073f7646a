"""Sources: who an update is on the word of, and their kept count of published updates."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..links import validate_http_url
from .common import Language, PlainText


class SourceQuerySet(models.QuerySet):
    def public(self) -> "SourceQuerySet":
        """Sources the public may see: those a published update cites (drafts do not count)."""
        return self.filter(kept_count__update_count__gt=0)

    def with_update_counts(self) -> "SourceQuerySet":
        """Annotate ``update_count``: the published updates citing each source (kept count)."""
        return self.annotate(update_count=Coalesce(models.F("kept_count__update_count"), 0))


class Source(PlainText):
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
        indexes = [
            models.Index(fields=["kind"], name="source_kind_idx"),
            # The sources page's order: each page one range of it (updates/paging.py).
            models.Index(fields=["name", "id"], name="source_name_id_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("updates:source_detail", kwargs={"slug": self.slug})


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
