"""Thumbnails for map images, made once when the image is saved, never per request."""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

THUMBNAIL_SIZE = (480, 480)


def refresh_thumbnail(map_image) -> None:
    """Make (or drop) the thumbnail of ``map_image`` to match its image field."""
    if not map_image.image:
        if map_image.thumbnail:
            map_image.thumbnail.delete(save=False)
        return
    expected = f"{PurePosixPath(map_image.image.name).stem}.webp"
    uploaded_now = not getattr(map_image.image, "_committed", True)
    if (
        map_image.thumbnail
        and not uploaded_now
        and PurePosixPath(map_image.thumbnail.name).name.startswith(expected[:-5])
    ):
        return
    map_image.image.open("rb")
    map_image.image.seek(0)
    with Image.open(map_image.image) as source:
        source = ImageOps.exif_transpose(source)
        source.thumbnail(THUMBNAIL_SIZE)
        if source.mode not in ("RGB", "RGBA"):
            source = source.convert("RGBA")
        buffer = BytesIO()
        source.save(buffer, "WEBP", quality=82)
    map_image.image.seek(0)
    map_image.thumbnail.save(expected, ContentFile(buffer.getvalue()), save=False)
