from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.i18n import set_language

from updates import editor
from updates.api import api
from updates.sitemaps import sitemap_section, sitemaps
from updates.views import language_switch

urlpatterns = [
    path("admin/", admin.site.urls),
    # django-markdownx's endpoints, replaced by staff-only, verifying views under its names.
    path("markdownx/markdownify/", editor.markdownify, name="markdownx_markdownify"),
    path("markdownx/upload/", editor.upload_image, name="markdownx_upload"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("i18n/switch/<str:code>/", language_switch, name="language_switch"),
    path("api/", api.urls),
    # A sitemap index, and one page per section (and per 5,000 entries) that it lists.
    path("sitemap.xml", sitemap_views.index, {"sitemaps": sitemaps}, name="sitemap"),
    path("sitemap-<section>.xml", sitemap_section, name="django.contrib.sitemaps.views.sitemap"),
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
