from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.i18n import set_language

from updates import editor
from updates.api import api
from updates.sitemaps import sitemaps

urlpatterns = [
    path("admin/", admin.site.urls),
    # django-markdownx's endpoints, replaced by staff-only, verifying views under its names.
    path("markdownx/markdownify/", editor.markdownify, name="markdownx_markdownify"),
    path("markdownx/upload/", editor.upload_image, name="markdownx_upload"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", api.urls),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("", include("control.urls")),
    path("", include("updates.urls")),
]

handler404 = "updates.views.page_not_found"
handler500 = "frontline.outage.server_error"  # a database outage is a 503

if settings.FRONTLINE_SERVE_MEDIA:
    # Small deployments serve uploads from the app itself; larger ones set
    # FRONTLINE_SERVE_MEDIA=false and let the web server or the storage's CDN do it.
    from frontline.media import serve_media

    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media)]
