from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Place, Update


class UpdateSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Update.objects.published().order_by("-reported_on", "pk")

    def lastmod(self, obj):
        return obj.updated_at


class PlaceSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6
    limit = 5000

    def items(self):
        return (
            Place.objects.filter(update_links__update__in=Update.objects.published())
            .annotate(last_update=Max("update_links__update__updated_at"))
            .order_by("name")
        )

    def lastmod(self, obj):
        return obj.last_update


class StaticViewSitemap(Sitemap):
    priority = 0.5
    changefreq = "daily"

    def items(self):
        return ["updates:home", "updates:update_list", "updates:place_list", "updates:map_gallery"]

    def location(self, item):
        return reverse(item)


sitemaps = {"pages": StaticViewSitemap, "updates": UpdateSitemap, "places": PlaceSitemap}
