"""
The markdownx editor's two endpoints, mounted staff-only.

django-markdownx's own views answer anonymous users, trust the client's Content-Type
and keep the client's extension; these replacements keep its URL names and JSON shape
(so its JavaScript works unchanged) but check the user and the bytes.
"""

import re
from functools import wraps
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from PIL import Image

from .markdown import markdown_images, render_markdown
from .models import MapImage, Update
from .uploads import verify_image

UPLOAD_FOLDER = "uploads"
# What upload_image stores: a random hex name with the detected format's extension.
_STORED_NAME = re.compile(r"[0-9a-f]{32}\.(png|jpg|webp)")


def staff_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return JsonResponse({"error": _("Editors only: log in to the admin.")}, status=403)
        return view(request, *args, **kwargs)

    return wrapper


def any_permission(*permissions: str):
    """Staff holding at least one of ``permissions``: ``is_staff`` alone is not enough."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not any(request.user.has_perm(permission) for permission in permissions):
                return JsonResponse({"error": _("Your account may not edit updates.")}, status=403)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


@require_POST
@staff_only
@any_permission("updates.add_update", "updates.change_update")
def markdownify(request):
    try:
        html = render_markdown(request.POST.get("content", ""))
    except ValidationError as exc:
        # The preview pane shows the refusal in place of the text it cannot render.
        return HttpResponse(
            f'<p class="errornote">{escape(" ".join(exc.messages))}</p>', status=413
        )
    return HttpResponse(html)


@require_POST
@staff_only
@any_permission("updates.add_mapimage", "updates.change_update")
def upload_image(request):
    upload = request.FILES.get("image")
    if upload is None:
        return JsonResponse({"image": [_("No file was uploaded.")]}, status=400)
    try:
        verified = verify_image(upload)
    except ValidationError as exc:
        return JsonResponse({"image": exc.messages}, status=400)
    name = default_storage.save(f"{UPLOAD_FOLDER}/{verified.content.name}", verified.content)
    url = default_storage.url(name)
    alt = alt_from_file_name(upload.name or "")
    return JsonResponse({"image_code": f"![{alt}]({url})", "url": url})


# Camera and screenshot names, and a bare "map", say nothing about the picture.
_MEANINGLESS = re.compile(
    r"^(img|dsc|dscn|pxl|screenshot|scan|untitled)\b"
    r"|^(map|maps|kaart|image|photo|foto|picture|file|drop|upload)( ?\d+)?$",
    re.I,
)


def alt_from_file_name(file_name: str) -> str:
    """A first alt text from the dropped file's name ("bakhmut-front.png" -> "bakhmut front")."""
    stem = PurePosixPath(file_name.replace("\\", "/")).stem
    words = re.sub(r"[\W_]+", " ", stem).strip()
    if _MEANINGLESS.match(words) or len(re.findall(r"[^\W\d_]{3,}", words)) < 1:
        return ""
    return words[:120].replace("[", "").replace("]", "")


def dropped_images_attach(*, update: Update) -> list[MapImage]:
    """Make every image dropped into ``update``'s text one of its map images.

    The editor's drop stores a file under uploads/ and writes ``![alt](url)`` into the
    Markdown; saving the update makes that file a MapImage of the update (alt text from
    the Markdown, or from the title), so it is in the gallery, the counts and the API
    like every other map: one image system.
    """
    prefix = f"{settings.MEDIA_URL}{UPLOAD_FOLDER}/"
    wanted: dict[str, str] = {}
    for src, alt in markdown_images(update.body):
        name = src.removeprefix(prefix)
        if src.startswith(prefix) and _STORED_NAME.fullmatch(name):
            wanted.setdefault(f"{UPLOAD_FOLDER}/{name}", alt)
    if not wanted:
        return []
    present = set(update.images.filter(image__in=list(wanted)).values_list("image", flat=True))
    position = update.images.count()
    created = []
    for name, alt in wanted.items():
        if name in present or not default_storage.exists(name):
            continue
        image = MapImage(
            update=update,
            image=name,
            alt_text=(alt or _("Map for “%(title)s”") % {"title": update.title})[:300],
            position=position,
        )
        with default_storage.open(name, "rb") as handle, Image.open(handle) as opened:
            image.width, image.height = opened.size
        image.save()
        position += 1
        created.append(image)
    return created
