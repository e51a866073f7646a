"""
The markdownx editor's two endpoints, mounted staff-only.

django-markdownx's own views answer anonymous users, trust the client's Content-Type
and keep the client's extension; these replacements keep its URL names and JSON shape
(so its JavaScript works unchanged) but check the user and the bytes.
"""

from functools import wraps

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .markdown import render_markdown
from .uploads import verify_image

UPLOAD_FOLDER = "uploads"


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
    return HttpResponse(render_markdown(request.POST.get("content", "")))


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
    return JsonResponse({"image_code": f"![]({url})", "url": url})
