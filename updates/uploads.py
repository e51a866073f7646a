"""
Verification of uploaded images: the one pipeline every image passes through (the
editor's drop, the map-image form, the importer).

The browser's Content-Type and the file's extension are claims, not facts: Pillow
opens the bytes, and only PNG, JPEG and WebP that decode cleanly are accepted. The
stored name takes the extension of the format Pillow detected.

What is stored is not the upload but a re-encoding of its pixels: EXIF (GPS position,
camera, author), XMP, IPTC, comments, text chunks and ICC profiles are all dropped, so
the public file says nothing the picture does not show. The EXIF orientation is applied
to the pixels first, and colours in another profile are converted to sRGB.
"""

import uuid
import warnings
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps

ACCEPTED_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
# Encoder options: high quality, no metadata (nothing is passed but pixels).
SAVE_OPTIONS = {
    "PNG": {"optimize": True},
    "JPEG": {"quality": 92, "optimize": True},
    "WEBP": {"quality": 90, "method": 4},
}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class VerifiedImage:
    content: ContentFile
    format: str
    width: int
    height: int


def verify_image(upload) -> VerifiedImage:
    """Return the upload as a verified image, or raise ValidationError saying why not."""
    max_bytes = settings.FRONTLINE_MAX_IMAGE_BYTES
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s bytes; the limit is %(limit)s bytes.")
            % {"size": upload.size, "limit": max_bytes},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(_("The file is larger than %(limit)s bytes.") % {"limit": max_bytes})
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")

    max_pixels = settings.FRONTLINE_MAX_IMAGE_PIXELS
    previous_limit = Image.MAX_IMAGE_PIXELS
    try:
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that; a decompression
        # bomb must be an error at any size past the limit.
        Image.MAX_IMAGE_PIXELS = max_pixels
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:
                image_format = image.format
                width, height = image.size
                if image_format not in ACCEPTED_FORMATS:
                    raise ValidationError(
                        _("%(format)s images are not accepted: upload PNG, JPEG or WebP.")
                        % {"format": image_format or _("This kind of")},
                        code="format",
                    )
                if width * height > max_pixels:
                    raise ValidationError(
                        _("The image is %(w)s×%(h)s pixels; the limit is %(limit)s pixels.")
                        % {"w": width, "h": height, "limit": max_pixels},
                        code="too_many_pixels",
                    )
                image.verify()
            # verify() leaves the image unusable; decoding the pixels catches truncated data.
            with Image.open(BytesIO(data)) as image:
                image.load()
                data = _without_metadata(image, image_format)
                width, height = _size(data)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            _("The image has too many pixels (limit %(limit)s).") % {"limit": max_pixels},
            code="too_many_pixels",
        ) from exc
    except Exception as exc:  # Pillow raises many types for undecodable data.
        raise ValidationError(
            _("The file is not a readable PNG, JPEG or WebP image."), code="invalid"
        ) from exc
    finally:
        Image.MAX_IMAGE_PIXELS = previous_limit

    extension = ACCEPTED_FORMATS[image_format]
    content = ContentFile(data, name=f"{uuid.uuid4().hex}.{extension}")
    return VerifiedImage(content=content, format=image_format, width=width, height=height)


def _without_metadata(image: Image.Image, image_format: str) -> bytes:
    """The pixels of ``image``, upright and in sRGB, encoded again with no metadata."""
    icc = image.info.get("icc_profile")
    upright = ImageOps.exif_transpose(image)
    if icc and upright.mode in ("RGB", "RGBA"):
        try:
            source = ImageCms.ImageCmsProfile(BytesIO(icc))
            upright = ImageCms.profileToProfile(upright, source, _SRGB, outputMode=upright.mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: keep the pixels as they are
    clean = upright.copy()
    # Only what the pixels need survives: a palette image's transparent index.
    clean.info = {k: v for k, v in upright.info.items() if k == "transparency"}
    if image_format == "JPEG" and clean.mode not in ("RGB", "L", "CMYK"):
        clean = clean.convert("RGB")
    buffer = BytesIO()
    clean.save(buffer, image_format, **SAVE_OPTIONS[image_format])
    return buffer.getvalue()


def _size(data: bytes) -> tuple[int, int]:
    with Image.open(BytesIO(data)) as image:
        return image.size
