from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Place, PlaceCount, Update


class UpdateSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Update.objects.published().only("reported_on", "slug", "updated_at").order_by("pk")

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every item (100,000 rows for the index), and
        # no index serves the newest edit: the index omits it; each page has its own.
        return None

    def lastmod(self, obj):
        return obj.updated_at

    def location(self, obj):
        # One reverse() per page, not per entry (5,000 per page).
        if not hasattr(self, "_link"):
            self._link = reverse(
                "updates:update_detail",
                kwargs={"year": 1111, "month": "22", "day": "33", "slug": "SLUG"},
            )
        day = obj.reported_on
        return (
            self._link.replace("1111", f"{day.year:04d}", 1)
            .replace("/22/", f"/{day.month:02d}/", 1)
            .replace("/33/", f"/{day.day:02d}/", 1)
            .replace("SLUG", obj.slug, 1)
        )


class PlaceSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6
    limit = 5000

    def items(self):
        return Place.objects.public().with_update_counts().only("slug").order_by("pk")

    def get_latest_lastmod(self):
        return PlaceCount.objects.aggregate(latest=Max("last_update"))["latest"]

    def lastmod(self, obj):
        return obj.last_update  # the kept date of its latest published update

    def location(self, obj):
        if not hasattr(self, "_link"):
            self._link = reverse("updates:place_detail", kwargs={"slug": "SLUG"})
        return self._link.replace("SLUG", obj.slug, 1)


class StaticViewSitemap(Sitemap):
    priority = 0.5
    changefreq = "daily"

    def items(self):
        return ["updates:home", "updates:update_list", "updates:place_list", "updates:map_gallery"]

    def location(self, item):
        return reverse(item)


sitemaps = {"pages": StaticViewSitemap, "updates": UpdateSitemap, "places": PlaceSitemap}
