"""No upload path stores what a photo says about its author, camera or place."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, PngImagePlugin

from tests.test_admin import management, update_form
from updates.importing.service import documents_import
from updates.models import MapImage, Update

pytestmark = pytest.mark.django_db

SECRET = "Jane Photographer, Canon EOS R5"
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    f'syntax-ns#"><rdf:Description>{SECRET}</rdf:Description></rdf:RDF></x:xmpmeta>'
)


def photo(fmt: str) -> bytes:
    """A 40×20 picture whose EXIF says: rotate 90° clockwise, taken at a GPS position."""
    image = Image.new("RGB", (40, 20), (200, 30, 30))
    image.paste((20, 20, 220), (0, 0, 10, 20))  # a blue band on the left edge
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the viewer rotates 90° clockwise
    exif[0x013B] = SECRET  # Artist
    exif[0x0110] = "Canon EOS R5"  # Model
    exif[0x8825] = {1: "N", 2: (50.0, 27.0, 0.0), 3: "E", 4: (30.0, 31.0, 0.0)}  # GPS
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    options = {"exif": exif.tobytes(), "icc_profile": icc, "xmp": XMP.encode()}
    if fmt == "JPEG":
        options["comment"] = SECRET
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Author", SECRET)
        info.add_itxt("XML:com.adobe.xmp", XMP)
        options["pnginfo"] = info
        del options["xmp"]
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    data = buffer.getvalue()
    assert SECRET.encode() in data or fmt == "WEBP"
    return data


def assert_clean(path: Path) -> None:
    data = path.read_bytes()
    assert SECRET.encode() not in data and b"Canon" not in data and b"xmpmeta" not in data
    with Image.open(path) as stored:
        assert stored.size == (20, 40), "orientation applied to the pixels"
        assert not stored.getexif(), dict(stored.getexif())
        assert not {"icc_profile", "exif", "xmp", "comment", "Author"} & set(stored.info)
        assert not getattr(stored, "text", {})
        # The blue band, on the left before rotating, is now along the top.
        red, green, blue = stored.convert("RGB").getpixel((10, 2))
        assert blue > 150 and red < 100


FORMATS = ["JPEG", "PNG", "WEBP"]
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_editor_drop_stores_the_photo_without_metadata(editor_client, fmt):
    response = editor_client.post(
        "/markdownx/upload/",
        {"image": SimpleUploadedFile(f"p.{EXTENSIONS[fmt]}", photo(fmt))},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200, response.content
    url = response.json()["url"]
    assert_clean(Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL))


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_map_image_form_stores_the_photo_without_metadata(editor_client, fmt):
    data = update_form()
    data.update(management("images", 1))
    data["images-0-image"] = SimpleUploadedFile(f"p.{EXTENSIONS[fmt]}", photo(fmt))
    data["images-0-position"] = "0"
    response = editor_client.post("/admin/updates/update/add/", data)
    assert response.status_code == 302
    image = MapImage.objects.get()
    assert (image.width, image.height) == (20, 40)
    assert_clean(Path(image.image.path))


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_importer_stores_the_photo_without_metadata(tmp_path, fmt):
    (tmp_path / f"p.{EXTENSIONS[fmt]}").write_bytes(photo(fmt))
    (tmp_path / "log.md").write_text(
        f"# Log\n\n## Update 02/02/2023\n\nText.\n\n![Map](p.{EXTENSIONS[fmt]})\n"
    )
    assert documents_import(paths=[tmp_path]).ok
    image = Update.objects.get().images.get()
    assert_clean(Path(image.image.path))
