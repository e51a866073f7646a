"""Control data for the page and browser tests: places, observations, area layers.

``front(n_places=...)`` makes a small front that can be grown, so that the query counts
of the map, changes and place pages can be compared at two sizes.
"""

import datetime
import json

from control.importing.geojson_layer import parse_geojson_layer
from control.models import AreaKind, AreaLayer, Basis, ControlObservation, Review, Status
from control.services import area_layer_save
from tests.conftest import make_place, make_source, make_update

FEB = datetime.date(2023, 2, 1)


def square(lon: float, lat: float, size: float) -> bytes:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]}).encode()


def add_layer(kind: str, valid_on: datetime.date, lon: float, lat: float, size: float):
    layer = AreaLayer(kind=kind, valid_on=valid_on, name=f"{kind} {valid_on}")
    return area_layer_save(layer=layer, geometry=parse_geojson_layer(square(lon, lat, size)))


def observe(place, day, status, basis=Basis.ASSESSED, **fields):
    sources = fields.pop("sources", ())
    observation = ControlObservation.objects.create(
        place=place,
        observed_on=day,
        status=status,
        basis=basis,
        review=fields.pop("review", Review.ACCEPTED),
        **fields,
    )
    if sources:
        observation.sources.set(sources)
    return observation


def front(n_places: int = 3) -> dict:
    """Places east of Bakhmut changing hands in February 2023, two area layers."""
    isw = make_source("ISW", url="https://example.org/isw")
    update = make_update(
        title="Krasna Hora taken",
        slug="krasna-hora-taken",
        reported_on=datetime.date(2023, 2, 13),
        body="Russia claimed control of Krasna Hora.",
    )
    places = []
    for index in range(n_places):
        place = make_place(
            f"Village {index:03d}",
            latitude=48.5 + index * 0.01,
            longitude=38.0 + index * 0.01,
        )
        observe(place, FEB, Status.UKRAINE, sources=[isw])
        observe(
            place,
            datetime.date(2023, 2, 13),
            Status.RUSSIA if index % 2 == 0 else Status.CONTESTED,
            Basis.CLAIMED if index % 3 == 0 else Basis.ASSESSED,
            claimed_by="Russian MoD" if index % 3 == 0 else "ISW",
            update=update,
            sources=[isw],
        )
        places.append(place)
    add_layer(AreaKind.OCCUPIED, FEB, 37.5, 48.0, 0.5)
    add_layer(AreaKind.OCCUPIED, datetime.date(2023, 2, 14), 37.5, 48.0, 0.6)
    return {"places": places, "update": update, "source": isw}
