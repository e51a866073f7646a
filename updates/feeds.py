from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Place, Update

FEED_SIZE = 30


class LatestUpdatesFeed(Feed):
    description = _("The latest front-line updates, newest first.")
    description_template = "updates/feed_item.html"

    def title(self):
        return _("%(site)s: latest updates") % {"site": settings.FRONTLINE_SITE_NAME}

    def link(self):
        return reverse("updates:home")

    def items(self):
        return (
            Update.objects.published()
            .for_feed()
            .order_by("-reported_on", "-published_at")[:FEED_SIZE]
        )

    def item_title(self, item):
        return f"{item.reported_on:%Y-%m-%d} — {item.title}"

    def item_pubdate(self, item):
        # When it was published: a feed item's date, the one feed readers sort and notify by
        # (the day it reports on is in its title).
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_guid(self, item):
        return f"frontline-update-{item.pk}"

    item_guid_is_permalink = False


class LatestUpdatesAtomFeed(LatestUpdatesFeed):
    feed_type = Atom1Feed
    subtitle = LatestUpdatesFeed.description


class PlaceUpdatesFeed(LatestUpdatesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Place.objects.public(), slug=slug)

    def title(self, obj):
        return _("%(site)s: updates about %(place)s") % {
            "site": settings.FRONTLINE_SITE_NAME,
            "place": obj.name,
        }

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return _("Front-line updates that name %(place)s.") % {"place": obj.name}

    def items(self, obj):
        return (
            Update.objects.published()
            .naming(obj)
            .for_feed()
            .order_by("-reported_on", "-published_at")[:FEED_SIZE]
        )
