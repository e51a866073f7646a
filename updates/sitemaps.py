from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Place, Update


class UpdateSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Update.objects.published().only("reported_on", "slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class PlaceSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6
    limit = 5000

    def items(self):
        return Place.objects.public().with_update_counts().only("slug").order_by("pk")

    def lastmod(self, obj):
        return obj.last_update  # the kept date of its latest published update


class StaticViewSitemap(Sitemap):
    priority = 0.5
    changefreq = "daily"

    def items(self):
        return ["updates:home", "updates:update_list", "updates:place_list", "updates:map_gallery"]

    def location(self, item):
        return reverse(item)


sitemaps = {"pages": StaticViewSitemap, "updates": UpdateSitemap, "places": PlaceSitemap}
