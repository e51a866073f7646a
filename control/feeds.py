"""A feed of accepted control observations: who holds what, newest first."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ControlObservation

FEED_SIZE = 50


class ControlChangesFeed(Feed):
    description = _("Accepted control observations: which place is held by whom, since when.")
    description_template = "control/feed_item.html"

    def title(self):
        return _("%(site)s: control changes") % {"site": settings.FRONTLINE_SITE_NAME}

    def link(self):
        return reverse("control:changes")

    def items(self):
        return (
            ControlObservation.objects.public()
            .for_display()
            .order_by("-observed_on", "-created_at")[:FEED_SIZE]
        )

    def item_title(self, item):
        return (
            f"{item.observed_on:%Y-%m-%d} — {item.place.name}: {item.get_status_display()} "
            f"({item.get_basis_display()})"
        )

    def item_link(self, item):
        return f"{item.place.get_absolute_url()}#observation-{item.pk}"

    def item_pubdate(self, item):
        return timezone.make_aware(
            datetime.datetime.combine(item.observed_on, datetime.time(12)), datetime.UTC
        )

    def item_updateddate(self, item):
        return item.updated_at

    def item_guid(self, item):
        return f"frontline-control-{item.pk}"

    item_guid_is_permalink = False
