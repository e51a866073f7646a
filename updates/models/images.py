"""Map images: the pictures an update shows, uploaded or still missing."""

import re
from pathlib import PurePosixPath

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .common import PlainText
from .places import Place
from .updates import Update

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


class MapImage(PlainText):
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
        indexes = [
            # The maps readers see may be few among many missing ones: found without a scan.
            models.Index(
                fields=["update", "position"], condition=~Q(image=""), name="mapimage_uploaded_idx"
            ),
        ]

    def __str__(self):
        return self.alt_text or self.original_reference or self.image.name

    def save(self, *args, **kwargs):
        from ..thumbnails import refresh_thumbnail

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
