"""
A re-import meets an update editors have worked on: keep their work, say where they differ.

What the importer wrote is marked (``imported`` on place links, map images and quoted
posts; ``import_sources`` and ``import_digest`` for sources and files). A changed document
replaces only that; what an editor added by hand — places, sources, quoted posts, map
images, files uploaded for images the document only names — stays, and every place the
two disagree becomes a conflict line in the report.
"""

from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db import transaction

from ..counts import published_content_changed
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
from .rows import objects_update, rows_insert


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
    written: list[Written],
    previous_sources: dict[int, list[int]],
    previous_places: dict[int, list[int]],
    conflicts: list[str],
) -> None:
    """Bring re-imported updates' links in line with their documents, keeping editors' work.

    A fixed number of queries for any number of updates; only a map image whose file is
    stored (or whose thumbnail is made or dropped) is saved on its own.
    """
    if not written:
        return
    ids = [item.update.pk for item in written]
    links = _by_update(UpdatePlace.objects.filter(update_id__in=ids))
    images = _by_update(
        MapImage.objects.filter(update_id__in=ids, imported=True).exclude(original_reference="")
    )
    source_links = _by_update(Update.sources.through.objects.filter(update_id__in=ids))
    changes = _Changes()
    for item in written:
        update = item.update
        label = f"“{update.title}” (id {update.pk})"
        previous = set(previous_places.get(update.pk, []))
        _reconcile_places(item, links.get(update.pk, []), previous, label, conflicts, changes)
        _reconcile_images(item, images.get(update.pk, []), label, conflicts, changes)
        changes.posts += [
            QuotedPost(update=update, position=position, imported=True, **values)
            for position, values in enumerate(item.posts)
        ]
        wanted = {s.pk for s in item.sources}
        dropped = set(previous_sources.get(update.pk, [])) - wanted
        linked = {link.source_id: link.pk for link in source_links.get(update.pk, [])}
        changes.source_links_dropped += [linked[pk] for pk in dropped if pk in linked]
        missing = [pk for pk in wanted if pk not in linked]
        changes.source_links += [{"update_id": update.pk, "source_id": pk} for pk in missing]
        changes.sources |= dropped | set(missing)
    changes.write(ids)


def _by_update(queryset) -> dict[int, list]:
    """The rows of ``queryset`` by their update, in its order."""
    found: dict[int, list] = {}
    for row in queryset:
        found.setdefault(row.update_id, []).append(row)
    return found


@dataclass
class _Changes:
    """What reconciling the updates of a document writes, written all at once."""

    links_dropped: list[int] = field(default_factory=list)
    links_changed: list[UpdatePlace] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    images_changed: list[MapImage] = field(default_factory=list)
    images_dropped: list[int] = field(default_factory=list)
    posts: list[QuotedPost] = field(default_factory=list)
    source_links_dropped: list[int] = field(default_factory=list)
    source_links: list[dict] = field(default_factory=list)
    sources: set[int] = field(default_factory=set)

    def write(self, update_ids: list[int]) -> None:
        UpdatePlace.objects.filter(pk__in=self.links_dropped).delete()
        objects_update(self.links_changed, ["map_number", "position"])
        rows_insert(UpdatePlace, self.links)
        objects_update(self.images_changed, ["position", "alt_text", "caption", "depicts_on"])
        MapImage.objects.filter(pk__in=self.images_dropped).delete()
        QuotedPost.objects.filter(update_id__in=update_ids, imported=True).delete()
        QuotedPost.objects.bulk_create(self.posts, batch_size=1000)
        Update.sources.through.objects.filter(pk__in=self.source_links_dropped).delete()
        rows_insert(Update.sources.through, self.source_links)
        # Links written without signals: the counts of the sources they touched.
        published_content_changed(source_ids=self.sources)


def _reconcile_places(
    item: Written, links, previous: set[int], label, conflicts, changes: _Changes
) -> None:
    update = item.update
    existing = {link.place_id: link for link in links}
    wanted: dict[int, tuple[Place, int | None, int]] = {}
    for position, (place, number) in enumerate(item.places):
        wanted.setdefault(place.pk, (place, number, position))
    changes.links_dropped += [
        link.pk for pid, link in existing.items() if link.imported and pid not in wanted
    ]
    for place_id, (place, number, position) in wanted.items():
        link = existing.get(place_id)
        if link is None and place_id in previous:
            # The last import linked it and an editor took the link away: it stays away.
            conflicts.append(
                f"{label}: the document names {place.name}, but an editor removed that "
                "link; kept it removed"
            )
        elif link is None:
            changes.links.append(
                {
                    "update_id": update.pk,
                    "place_id": place.pk,
                    "map_number": number,
                    "position": position,
                    "imported": True,
                }
            )
        elif link.imported:
            if (link.map_number, link.position) != (number, position):
                link.map_number, link.position = number, position
                changes.links_changed.append(link)
        elif number and link.map_number and link.map_number != number:
            conflicts.append(
                f"{label}: the document numbers {place.name} ({number}) on its map, an "
                f"editor numbered it ({link.map_number}); kept the editor's number"
            )


def _reconcile_images(item: Written, images, label, conflicts, changes: _Changes) -> None:
    update = item.update
    current = {image.original_reference: image for image in images}
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
        stored = False
        if image.content is not None:
            if existing.is_missing or (
                existing.import_digest and existing.import_digest != image.digest
            ):
                # No file yet, or the importer's own file, changed in the folder: replace.
                _forget_files(existing)
                existing.image = image.content
                existing.import_digest = image.digest
                changed = stored = True
            elif not existing.import_digest and image.digest not in ("missing", ""):
                conflicts.append(
                    f"{label}: an editor uploaded the file of {reference}; the document's "
                    "folder has a file for it too — kept the editor's"
                )
        if changed and (stored or existing.image or existing.thumbnail):
            existing.save()  # stores the file, makes (or drops) the thumbnail
        elif changed:
            changes.images_changed.append(existing)  # only its texts and position
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
        changes.images_dropped.append(leftover.pk)


def _fill_blanks(existing: MapImage, image, position: int) -> bool:
    """The document's texts fill what is empty; an editor's alt text or caption stays."""
    changed = existing.position != position
    existing.position = position
    for name, value in [
        ("alt_text", "" if is_placeholder_alt(image.ref.alt_text) else image.ref.alt_text[:300]),
        ("caption", image.ref.caption[:500]),
        ("depicts_on", image.ref.depicts_on),
    ]:
        if value and not getattr(existing, name):
            setattr(existing, name, value)
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
