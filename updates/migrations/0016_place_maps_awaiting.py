from django.db import migrations, models


def count_maps_awaiting(apps, schema_editor):
    """The new kept count, for the places already counted (as updates/counts.py keeps it)."""
    from django.db.models import Q
    from django.utils import timezone

    PlaceCount = apps.get_model("updates", "PlaceCount")
    UpdatePlace = apps.get_model("updates", "UpdatePlace")
    MapImage = apps.get_model("updates", "MapImage")
    published = Q(status="published", reported_on__isnull=False, published_at__lte=timezone.now())
    Update = apps.get_model("updates", "Update")
    published_ids = Update.objects.filter(published).values("pk")
    pairs = set(
        UpdatePlace.objects.filter(update__in=published_ids, update__images__image="")
        .values_list("place_id", "update__images")
        .order_by()
    )
    pairs.update(
        MapImage.places.through.objects.filter(
            mapimage__image="", mapimage__update__in=published_ids
        )
        .values_list("place_id", "mapimage_id")
        .order_by()
    )
    counts: dict[int, int] = {}
    for place_id, _ in pairs:
        counts[place_id] = counts.get(place_id, 0) + 1
    kept = list(PlaceCount.objects.filter(place_id__in=counts))
    for row in kept:
        row.maps_awaiting = counts[row.place_id]
    PlaceCount.objects.bulk_update(kept, ["maps_awaiting"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("updates", "0015_name_order_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="placecount",
            name="maps_awaiting",
            field=models.PositiveIntegerField(default=0, verbose_name="maps not yet uploaded"),
        ),
        migrations.RunPython(count_maps_awaiting, migrations.RunPython.noop),
    ]
