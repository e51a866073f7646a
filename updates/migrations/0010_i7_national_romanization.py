"""
Existing places get the national romanization (Avdiyivka -> Avdiivka) and the facts of the
new gazetteer (KATOTTG code, coordinate precision). A renamed place keeps its old name as
an alias and its old slug as a redirect.
"""

import gzip
import json
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

import updates.importing

DATA = Path(updates.importing.__file__).parent / "data" / "gazetteer.json.gz"


def forwards(apps, schema_editor):
    from updates.text import normalize_name

    Place = apps.get_model("updates", "Place")
    PlaceAlias = apps.get_model("updates", "PlaceAlias")
    PlaceSlug = apps.get_model("updates", "PlaceSlug")
    places = list(Place.objects.filter(geonames_id__isnull=False))
    if not places or not DATA.exists():
        return
    with gzip.open(DATA, "rb") as handle:
        rows = json.loads(handle.read())["places"]
    by_geonames = {row[11]: row for row in rows if row[11]}
    taken = set(Place.objects.values_list("slug", flat=True))
    codes = set(Place.objects.exclude(katottg_code=None).values_list("katottg_code", flat=True))
    for place in places:
        row = by_geonames.get(place.geonames_id)
        if row is None:
            continue
        ref, name = row[0], row[1]
        if ref.startswith("katottg:") and ref[8:] not in codes:
            place.katottg_code = ref[8:]
            codes.add(place.katottg_code)
        place.precision = row[9] or "exact"
        if name != place.name:
            PlaceAlias.objects.get_or_create(
                place=place, name=place.name[:200], defaults={"name_key": normalize_name(place.name)}
            )
            place.name, place.name_key = name, normalize_name(name)
            base = slugify(name) or "place"
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            if slug != place.slug:
                PlaceSlug.objects.update_or_create(slug=place.slug, defaults={"place": place})
                taken.add(slug)
                place.slug = slug
        place.save()


class Migration(migrations.Migration):
    dependencies = [("updates", "0009_i7_place_precision_slugs_mentions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
