"""
A re-import meets an update editors have worked on: keep their work, say where they differ.

What the importer wrote is marked (``imported`` on place links, map images and quoted
posts; ``import_sources`` and ``import_digest`` for sources and files). A changed document
replaces only that; what an editor added by hand — places, sources, quoted posts, map
images, files uploaded for images the document only names — stays, and every place the
two disagree becomes a conflict line in the report.
"""

from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import transaction

from ..links import is_http_url
from ..models import (
    MapImage,
    Place,
    QuotedPost,
    Source,
    Update,
    UpdatePlace,
    is_placeholder_alt,
)
from .inserts import rows_insert


@dataclass
class Written:
    """What the document says about one update, ready to be linked to it."""

    update: Update
    places: list[tuple[Place, int | None]]  # in the order the text names them
    numbered: list[Place]  # the places with a map number: what the maps show
    images: list  # service._Image
    posts: list[dict]
    sources: list[Source]


def relations_create(*, written: list[Written]) -> None:
    """Links of new updates, in a fixed number of queries."""
    links, posts, source_links, missing, shown = [], [], {}, [], []
    for item in written:
        update = item.update
        for position, (place, number) in enumerate(item.places):
            links.append(
                {
                    "update_id": update.pk,
                    "place_id": place.pk,
                    "map_number": number,
                    "position": position,
                    "imported": True,
                }
            )
        for position, values in enumerate(item.posts):
            posts.append(QuotedPost(update=update, position=position, imported=True, **values))
        for source in item.sources:
            # Once, though a text may cite its own source.
            source_links[update.pk, source.pk] = {"update_id": update.pk, "source_id": source.pk}
        for position, image in enumerate(item.images):
            if image.content is not None:
                map_image = _new_image(update, image, position)
                map_image.save()  # stores the file and makes the thumbnail
                map_image.places.set(item.numbered)
            else:
                missing.append({"update_id": update.pk, **_image_values(image, position)})
                shown.append(item.numbered)
    rows_insert(UpdatePlace, links)
    QuotedPost.objects.bulk_create(posts, batch_size=1000)
    rows_insert(Update.sources.through, list(source_links.values()))
    # The updates are new: their images are told apart by their positions.
    image_ids = rows_insert(MapImage, missing, key=["update_id", "position"])
    rows_insert(
        MapImage.places.through,
        [
            {"mapimage_id": image_id, "place_id": place.pk}
            for image_id, places in zip(image_ids, shown, strict=True)
            for place in places
        ],
    )


def relations_reconcile(
    *,
    item: Written,
    previous_sources: list[int],
    previous_places: list[int],
    conflicts: list[str],
):
    """Bring a re-imported update's links in line with its document, keeping editors' work."""
    update = item.update
    label = f"“{update.title}” (id {update.pk})"
    _reconcile_places(update, item.places, set(previous_places), label, conflicts)
    _reconcile_images(update, item, label, conflicts)
    QuotedPost.objects.filter(update=update, imported=True).delete()
    QuotedPost.objects.bulk_create(
        [
            QuotedPost(update=update, position=position, imported=True, **values)
            for position, values in enumerate(item.posts)
        ]
    )
    wanted = {s.pk for s in item.sources}
    dropped = set(previous_sources) - wanted
    update.sources.remove(*dropped)
    update.sources.add(*wanted)


def _reconcile_places(update, places, previous: set[int], label, conflicts) -> None:
    existing = {link.place_id: link for link in update.place_links.select_related("place")}
    wanted: dict[int, tuple[Place, int | None, int]] = {}
    for position, (place, number) in enumerate(places):
        wanted.setdefault(place.pk, (place, number, position))
    UpdatePlace.objects.filter(
        pk__in=[link.pk for pid, link in existing.items() if link.imported and pid not in wanted]
    ).delete()
    new = []
    for place_id, (place, number, position) in wanted.items():
        link = existing.get(place_id)
        if link is None and place_id in previous:
            # The last import linked it and an editor took the link away: it stays away.
            conflicts.append(
                f"{label}: the document names {place.name}, but an editor removed that "
                "link; kept it removed"
            )
        elif link is None:
            new.append(
                UpdatePlace(
                    update=update, place=place, map_number=number, position=position, imported=True
                )
            )
        elif link.imported:
            if (link.map_number, link.position) != (number, position):
                link.map_number, link.position = number, position
                link.save(update_fields=["map_number", "position"])
        elif number and link.map_number and link.map_number != number:
            conflicts.append(
                f"{label}: the document numbers {place.name} ({number}) on its map, an "
                f"editor numbered it ({link.map_number}); kept the editor's number"
            )
    UpdatePlace.objects.bulk_create(new)


def _reconcile_images(update, item: Written, label, conflicts) -> None:
    current = {
        image.original_reference: image
        for image in update.images.filter(imported=True).exclude(original_reference="")
    }
    seen = set()
    for position, image in enumerate(item.images):
        reference = image.ref.reference
        existing = current.get(reference)
        if existing is None or existing.pk in seen:
            map_image = _new_image(update, image, position)
            map_image.save()
            map_image.places.set(item.numbered)
            continue
        seen.add(existing.pk)
        changed = _fill_blanks(existing, image, position)
        if image.content is not None:
            if existing.is_missing or (
                existing.import_digest and existing.import_digest != image.digest
            ):
                # No file yet, or the importer's own file, changed in the folder: replace.
                _forget_files(existing)
                existing.image = image.content
                existing.import_digest = image.digest
                changed = True
            elif not existing.import_digest and image.digest not in ("missing", ""):
                conflicts.append(
                    f"{label}: an editor uploaded the file of {reference}; the document's "
                    "folder has a file for it too — kept the editor's"
                )
        if changed:
            existing.save()
    for leftover in current.values():
        if leftover.pk in seen:
            continue
        if leftover.image and not leftover.import_digest:
            conflicts.append(
                f"{label}: {leftover.original_reference} is no longer in the document, but an "
                "editor uploaded its file; kept it"
            )
            continue
        _forget_files(leftover)
        leftover.delete()


def _fill_blanks(existing: MapImage, image, position: int) -> bool:
    """The document's texts fill what is empty; an editor's alt text or caption stays."""
    changed = existing.position != position
    existing.position = position
    for field, value in [
        ("alt_text", "" if is_placeholder_alt(image.ref.alt_text) else image.ref.alt_text[:300]),
        ("caption", image.ref.caption[:500]),
        ("depicts_on", image.ref.depicts_on),
    ]:
        if value and not getattr(existing, field):
            setattr(existing, field, value)
            changed = True
    return changed


def _new_image(update: Update, image, position: int) -> MapImage:
    return MapImage(update=update, **_image_values(image, position))


def _image_values(image, position: int) -> dict:
    alt = image.ref.alt_text
    if is_placeholder_alt(alt, image.ref.reference):
        alt = ""  # "Alt text" from a template: left empty for an editor to write
    values = {
        "original_reference": image.ref.reference,
        "alt_text": alt[:300],
        "caption": image.ref.caption[:500],
        "depicts_on": image.ref.depicts_on,
        "position": position,
        "imported": True,
    }
    if image.content is not None:
        values["image"] = image.content
        values["import_digest"] = image.digest
    return values


def _forget_files(map_image: MapImage) -> None:
    """Delete the importer's files of ``map_image`` once (and only if) the import commits."""
    names = [f.name for f in (map_image.image, map_image.thumbnail) if f]
    if names:
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


def post_values(post, warnings: list[str]) -> dict:
    values = vars(post)
    if post.url and not is_http_url(post.url):
        warnings.append(f"a quoted post's link {post.url[:80]!r} is not http(s); dropped")
        values = {**values, "url": ""}
    return values
