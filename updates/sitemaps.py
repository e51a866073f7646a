import datetime
from dataclasses import dataclass
from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import http_date

from .models import DayCount, Place, PlaceCount, Update

# The sitemap protocol's ceiling of URLs per file.
PROTOCOL_MAX_URLS = 50_000


@dataclass
class DaysPage:
    object_list: object


class DayRangePaginator:
    """
    Pages of updates as runs of whole days, cut from the kept day counts so that each holds
    at most ``limit`` updates (a day with more is a page of its own, up to the protocol's
    50,000). Each page is then one range scan of the date index, where numbered pages
    counted the table for the index and skipped rows with OFFSET for every page after it.
    """

    def __init__(self, queryset, limit: int):
        self.queryset = queryset
        self.ranges: list[tuple[datetime.date, datetime.date]] = []
        first = last = None
        held = 0
        for day, count in DayCount.objects.order_by("day").values_list("day", "update_count"):
            if first is not None and held + count > limit:
                self.ranges.append((first, last))
                first, held = None, 0
            first = first or day
            last, held = day, held + count
        if first is not None:
            self.ranges.append((first, last))

    @property
    def num_pages(self) -> int:
        return max(len(self.ranges), 1)  # the index always lists the first page

    def page(self, number) -> DaysPage:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number == 1 and not self.ranges:
            return DaysPage(self.queryset.none())
        if not 1 <= number <= len(self.ranges):
            raise EmptyPage("That page contains no results")
        rows = self.queryset.filter(reported_on__range=self.ranges[number - 1])
        return DaysPage(rows.order_by("reported_on", "pk")[:PROTOCOL_MAX_URLS])


class UpdateSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 1000  # a page costs the same at any size; the index lists a page per 1,000

    def items(self):
        return Update.objects.published().only("reported_on", "slug", "updated_at")

    @cached_property
    def paginator(self):
        return DayRangePaginator(self.items(), self.limit)

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


@x_robots_tag
def sitemap_section(request, section):
    """
    One page of a section, as Django's sitemap view writes it but without its template:
    thousands of entries through the template engine took most of a second.
    """
    if section not in sitemaps:
        raise Http404(f"No sitemap available for section: {section!r}")
    site = sitemaps[section]()
    try:
        urls = site.get_urls(
            page=request.GET.get("p", 1), site=get_current_site(request), protocol=request.scheme
        )
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such page of the sitemap.") from None
    body = "".join(map(_entry, urls))
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
        'schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        f"{body}\n</urlset>\n",
        content_type="application/xml",
    )
    latest = getattr(site, "latest_lastmod", None)
    if latest is not None:
        if not isinstance(latest, datetime.datetime):
            latest = datetime.datetime.combine(latest, datetime.time.min, tzinfo=datetime.UTC)
        response["Last-Modified"] = http_date(latest.timestamp())
    return response


def _entry(url: dict) -> str:
    lastmod = url["lastmod"]
    if isinstance(lastmod, datetime.datetime) and timezone.is_aware(lastmod):
        lastmod = timezone.localtime(lastmod)
    return "".join(
        [
            f"<url><loc>{escape(url['location'])}</loc>",
            f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>" if lastmod else "",
            f"<changefreq>{url['changefreq']}</changefreq>" if url["changefreq"] else "",
            f"<priority>{url['priority']}</priority>" if url["priority"] else "",
            "</url>",
        ]
    )
