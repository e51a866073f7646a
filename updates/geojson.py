"""
The map's GeoJSON of places (``/api/places.geojson``), written as text.

Five thousand places make 1.5 MB of JSON. Built as a dict per feature and encoded by
``json.dumps``, the answer spent three quarters of its time in Python: the dicts, then the
encoder walking them. Here each feature is one formatted string whose texts are escaped by
the json module's own C escaper, and each app's extra properties are encoded once per
distinct dict; the output is the same JSON, byte for byte.
"""

import datetime
import gzip
import json
from json.encoder import encode_basestring
from operator import itemgetter

from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from .hooks import registry
from .models import Place


def _extra(properties: dict) -> str:
    """``properties`` as the members of a JSON object, with a leading comma ("" if none)."""
    if not properties:
        return ""
    return "," + json.dumps(properties, separators=(",", ":"), ensure_ascii=False)[1:-1]


def places_geojson_text(*, on: datetime.date | None, listed) -> str:
    """
    A FeatureCollection of the located places ``listed`` (a Q) on ``on``: one query for the
    places, one per installed app for its properties.
    """
    rows = (
        Place.objects.filter(listed, latitude__isnull=False, longitude__isnull=False)
        # Read in id order, which the join's indexes give (sorting 5,000 names by the
        # database's collation was half the query), then sorted by name here: neighbours
        # in name share slugs and links, and gzip keeps the answer 8% smaller that way.
        .order_by("pk")
        .values_list(
            "pk", "slug", "name", "kind", "precision", "latitude", "longitude",
            "kept_count__update_count", "kept_count__last_update",
        )
    )  # fmt: skip
    extras = [extension.properties_by_place(on=on) for extension in registry.place_extensions]
    # Page links relative to this site; reverse() once, then fill in each slug.
    link = reverse("updates:place_detail", kwargs={"slug": "SLUG"}).replace("SLUG", "{}")
    # Apps hand out shared dicts (one "no status" for most places): each is encoded once.
    # A dict is kept with its text, so its id() cannot be reused by another while we run.
    encoded: dict[int, tuple[dict, str]] = {}

    def extra(pk: int) -> str:
        text = ""
        for properties_of in extras:
            properties = properties_of(pk)
            seen = encoded.get(id(properties))
            if seen is None or seen[0] is not properties:
                seen = encoded[id(properties)] = (properties, _extra(properties))
            text += seen[1]
        return text

    text = encode_basestring
    features = []
    for pk, slug, name, kind, precision, latitude, longitude, count, last in sorted(
        rows, key=itemgetter(2, 0)
    ):
        quoted = text(slug)
        features.append(
            f'{{"type":"Feature","id":{quoted},"geometry":{{"type":"Point",'
            f'"coordinates":[{round(longitude, 5)!r},{round(latitude, 5)!r}]}},'
            f'"properties":{{"name":{text(name)},"slug":{quoted},"kind":{text(kind)},'
            f'"precision":{text(precision)},"url":{text(link.format(slug))},'
            f'"update_count":{count or 0},'
            f'"last_update":{text(last.isoformat()) if last else "null"}'
            f"{extra(pk) if extras else ''}}}}}"
        )
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"


# gzip's level 6 (Django's) spent 19 ms on the 1.5 MB of 5,000 places, level 4 spends 10 ms
# for 185 KB instead of 175 KB: the answer is compressed here, and the middleware leaves it.
GZIP_LEVEL = 4
GZIP_FROM_BYTES = 64 * 1024


def geojson_response(request, text: str) -> HttpResponse:
    body = text.encode()
    response = HttpResponse(content_type="application/geo+json")
    patch_vary_headers(response, ("Accept-Encoding",))
    if len(body) >= GZIP_FROM_BYTES and "gzip" in request.headers.get("Accept-Encoding", ""):
        body = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
        response["Content-Encoding"] = "gzip"
    response.content = body
    return response
