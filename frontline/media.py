"""
Uploaded and imported images, when the site serves them itself (FRONTLINE_SERVE_MEDIA).

Only the raster formats the upload pipeline writes (updates/uploads.py) are served, each
with its own Content-Type, ``nosniff`` and a sandboxing policy, so a file that is not one
of them (an SVG, an HTML page, anything dropped into the folder by hand) can never run as
a page of this site. Deployments whose web server or storage serves media should do the
same (see the README).
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404
from django.utils.http import content_disposition_header
from django.views.static import serve

SAFE_MEDIA_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}


def serve_media(request, path: str):
    name = PurePosixPath(path).name
    content_type = SAFE_MEDIA_TYPES.get(PurePosixPath(path).suffix.lower())
    if content_type is None:
        raise Http404("Only PNG, JPEG and WebP images are served from media.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if response.status_code == 200:
        response["Content-Type"] = content_type
    response["Content-Disposition"] = content_disposition_header(False, name)
    response["X-Content-Type-Options"] = "nosniff"
    # Opened on its own, the file is an image in a sandbox, whatever its bytes say.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response
