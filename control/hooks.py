"""What control adds to ``updates`` through ``updates.hooks.registry`` (filled in at start-up)."""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from updates.hooks import registry

from .models import ControlObservation, ControlPeriod, with_status


class PlaceStatus:
    """``status``, ``status_since`` and ``status_basis`` of each place in the places API."""

    NONE = {"status": None, "status_since": None, "status_basis": None}

    def annotate(self, places, *, on: datetime.date | None):
        return with_status(places, on=on or timezone.localdate())

    def listed_on(self, *, on: datetime.date | None) -> Q:
        """Places with a status are on the map even when no update names them."""
        periods = ControlPeriod.objects.in_force(on=on or timezone.localdate())
        return Q(Exists(periods.filter(place_id=OuterRef("pk"))))

    def properties_by_place(self, *, on: datetime.date | None):
        periods = ControlPeriod.objects.in_force(on=on or timezone.localdate()).order_by()
        rows = periods.values_list("place_id", "status", "status_since", "basis")
        found = {
            pk: {"status": status, "status_since": since.isoformat(), "status_basis": basis}
            for pk, status, since, basis in rows
        }
        return lambda pk: found.get(pk, self.NONE)

    def has_page(self) -> Q:
        """A place with an accepted observation has a page (its control timeline)."""
        return Q(Exists(ControlObservation.objects.public().filter(place=OuterRef("pk"))))

    def properties(self, place) -> dict:
        since = getattr(place, "control_since", None)
        return {
            "status": getattr(place, "control_status", None),
            "status_since": since.isoformat() if since else None,
            "status_basis": getattr(place, "control_basis", None),
        }


def _suggest(sections) -> None:
    from .services.suggestions import suggestions_store

    suggestions_store(sections=sections)


def register() -> None:
    if any(isinstance(e, PlaceStatus) for e in registry.place_extensions):
        return
    registry.place_extensions.append(PlaceStatus())
    registry.after_import.append(_suggest)
    from .importing.readers import GeoJsonLayerReader, ViinaReader

    registry.readers.extend([GeoJsonLayerReader(), ViinaReader()])
    # The control routes join updates' API (one OpenAPI schema, one /api/docs).
    from updates.api import api

    from .api import router

    api.add_router("/", router)
