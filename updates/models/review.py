"""
What keeps place links honest: old slugs of renamed places (they answer with a
redirect), and the mentions the importer could not link with confidence (an editor
picks the right candidate in the admin).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .places import Place
from .updates import Update


class PlaceSlug(models.Model):
    """A slug a place had before it was renamed: ``/places/<old>/`` redirects to it."""

    slug = models.SlugField(_("old slug"), max_length=200, unique=True)
    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="old_slugs"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("old slug")
        verbose_name_plural = _("old slugs")

    def __str__(self):
        return self.slug


class PlaceMentionQuerySet(models.QuerySet):
    def open(self) -> "PlaceMentionQuerySet":
        """Mentions no editor has settled yet."""
        return self.filter(resolved_place__isnull=True, dismissed=False)


class PlaceMention(models.Model):
    """A place name an import could not link, or linked with low confidence."""

    class Status(models.TextChoices):
        UNRESOLVED = "unresolved", _("Unresolved (not linked)")
        LOW = "low", _("Low confidence (linked)")

    update = models.ForeignKey(
        Update, verbose_name=_("update"), on_delete=models.CASCADE, related_name="place_mentions"
    )
    written = models.CharField(_("name as written"), max_length=200)
    line = models.PositiveIntegerField(_("line"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    candidates = models.JSONField(
        _("candidates"), default=list, blank=True, help_text=_("Gazetteer entries considered.")
    )
    linked_place = models.ForeignKey(
        Place,
        verbose_name=_("linked place"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_place = models.ForeignKey(
        Place,
        verbose_name=_("place picked by an editor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dismissed = models.BooleanField(_("not a place"), default=False)

    objects = PlaceMentionQuerySet.as_manager()

    class Meta:
        ordering = ["update", "line", "pk"]
        verbose_name = _("uncertain place mention")
        verbose_name_plural = _("uncertain place mentions")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["unresolved", "low"]), name="place_mention_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.written} (line {self.line})"
