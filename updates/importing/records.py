"""
The records a document becomes besides its updates: its own source, the sources it
cites, its map images (verified, or recorded as missing) and its places.
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from ..models import (
    Place,
    PlaceAlias,
    Source,
)
from ..text import normalize_name, unique_slug
from ..uploads import verify_image
from .documents import Document, ImageRef
from .manifest import ManifestEntry
from .places import (
    PlaceCandidate,
    ResolvedPlace,
)
from .reports import FileReport


@dataclass
class ImageRead:
    ref: ImageRef
    content: object | None  # a verified ContentFile, or None when missing
    digest: str


def document_source(path: Path, text: str, document: Document, manifest: ManifestEntry) -> Source:
    kind = manifest.kind or ("blog" if document.kind == "log" else "news")
    name = manifest.source_name or manifest.publisher or document.title or path.stem
    values = {
        "name": name[:200],
        "kind": kind,
        "url": manifest.url,
        "language": document.language,
        "author": document.author[:200],
        "publisher": manifest.publisher[:200],
        "published_on": manifest.published_on,
        "content_hash": hashlib.sha256(text.encode()).hexdigest(),
        "boilerplate": "\n".join(document.boilerplate),
    }
    source = Source.objects.filter(file_name=path.name).first()
    if source is None:
        taken = set(
            Source.objects.filter(slug__startswith=slugify(name)[:50]).values_list(
                "slug", flat=True
            )
        )
        return Source.objects.create(file_name=path.name, slug=unique_slug(name, taken), **values)
    changed = [k for k, v in values.items() if getattr(source, k) != v]
    if changed:
        for k in changed:
            setattr(source, k, values[k])
        source.save()
    return source


# A citation of a known source: the text links to its site, or comes back to it.
CITATION_MENTIONS = 2


def relied_on(known, document: Document) -> bool:
    """Whether the document relies on ``known`` rather than naming it in passing.

    "…, schrijft de New York Times" once in an article is the article's own reporting
    about what a paper wrote: the article (and its publisher) is the source, and a
    record pointing at the paper's home page would say nothing. A source the text links
    to, or returns to (quotes, cites again), is one the update relies on.
    """
    text = "\n".join(section.body for section in document.sections)
    domain = urlsplit(known.url).hostname or ""
    domain = domain.removeprefix("www.")
    if domain and re.search(rf"https?://(?:[\w-]+\.)*{re.escape(domain)}\b", text, re.I):
        return True
    spans = {m.span() for pattern in known.patterns for m in pattern.finditer(text)}
    return len(spans) >= CITATION_MENTIONS


def cited_source(known) -> Source:
    source = Source.objects.filter(name=known.name).first()
    if source is None:
        taken = set(Source.objects.values_list("slug", flat=True))
        source = Source.objects.create(
            name=known.name, slug=unique_slug(known.name, taken), kind=known.kind, url=known.url
        )
    return source


def image_read(
    folder: Path,
    root: Path,
    ref: ImageRef,
    report: FileReport,
    dry_run: bool,
    folders: dict[Path, Path] | None = None,
) -> ImageRead:
    """Look for the image next to the document; never outside its folder.

    ``folders`` keeps the folders resolved so far, for the images of one document.
    """
    reference = ref.reference
    where = f"line {ref.line}: {reference}"
    if re.match(r"^[a-z][a-z0-9+.-]*:", reference, re.I) or reference.startswith(("/", "\\", "//")):
        report.warnings.append(f"{where}: not a path inside the document's folder; not read")
        report.missing_images.append(reference)
        return ImageRead(ref, None, "outside")
    candidate = folder / reference
    try:
        resolved = _resolved(candidate, {} if folders is None else folders)
    except RuntimeError:  # a loop of links
        resolved = None
    except OSError as exc:  # a name too long for the file system, a folder it may not read
        report.warnings.append(f"{where}: cannot be read ({exc.strerror}); recorded as missing")
        report.missing_images.append(reference)
        return ImageRead(ref, None, "unreadable")
    if resolved is None or not resolved.is_relative_to(root):
        report.warnings.append(f"{where}: leads out of the document's folder; not read")
        report.missing_images.append(reference)
        return ImageRead(ref, None, "outside")
    try:
        if not resolved.is_file():
            report.missing_images.append(reference)
            return ImageRead(ref, None, "missing")
        with resolved.open("rb") as handle:
            from django.core.files import File

            verified = verify_image(File(handle, name=resolved.name))
    except ValidationError as exc:
        report.warnings.append(f"{where}: {' '.join(exc.messages)}; recorded as missing")
        report.missing_images.append(reference)
        return ImageRead(ref, None, "invalid")
    except OSError as exc:  # a name too long for the file system, a file it may not read
        report.warnings.append(f"{where}: cannot be read ({exc.strerror}); recorded as missing")
        report.missing_images.append(reference)
        return ImageRead(ref, None, "unreadable")
    digest = hashlib.sha256(verified.content.read()).hexdigest()
    verified.content.seek(0)
    return ImageRead(ref, None if dry_run else verified.content, digest)


def _resolved(path: Path, folders: dict[Path, Path]) -> Path:
    """``path.resolve()``, its folder resolved once: a log names thousands of images in a
    few folders, and resolving walks every folder from the root."""
    if path.name in ("", ".", ".."):
        return path.resolve()
    folder = folders.get(path.parent)
    if folder is None:
        folder = folders[path.parent] = path.parent.resolve()
    inside = folder / path.name
    # A link is resolved in full (its target, a loop); anything else is where it is.
    return path.resolve() if inside.is_symlink() else inside


def places_record(section_places: list[list[ResolvedPlace]]) -> dict[str, Place]:
    """Every place the document names, found or created in a fixed number of queries."""
    wanted: dict[str, ResolvedPlace] = {}
    for resolved in section_places:
        for place in resolved:
            wanted.setdefault(place.identity, place)
    if not wanted:
        return {}
    candidates = [p.candidate for p in wanted.values() if p.candidate]
    by_geonames = {
        p.geonames_id: p
        for p in Place.objects.filter(
            geonames_id__in=[c.geonames_id for c in candidates if c.geonames_id]
        )
    }
    by_code = {
        p.katottg_code: p
        for p in Place.objects.filter(
            katottg_code__in=[c.katottg_code for c in candidates if c.katottg_code]
        )
    }
    # Regions first, so that a region the text names and a settlement's parent are one row.
    regions = regions_record({c.region for c in candidates if c.region})
    keys = {normalize_name(p.candidate.name if p.candidate else p.written) for p in wanted.values()}
    by_key: dict[str, Place] = {}
    for place in Place.objects.filter(
        name_key__in=keys, geonames_id__isnull=True, katottg_code__isnull=True
    ):
        by_key.setdefault(place.name_key, place)
    for alias in PlaceAlias.objects.filter(
        name_key__in=keys, place__geonames_id__isnull=True, place__katottg_code__isnull=True
    ).select_related("place"):
        by_key.setdefault(alias.name_key, alias.place)

    result: dict[str, Place] = {}
    new: list[tuple[Place, ResolvedPlace]] = []
    taken_slugs = set(Place.objects.values_list("slug", flat=True))
    for identity, resolved in wanted.items():
        candidate: PlaceCandidate | None = resolved.candidate
        name = candidate.name if candidate else resolved.written
        place = (
            by_code.get(candidate.katottg_code) if candidate and candidate.katottg_code else None
        )
        if place is None and candidate and candidate.geonames_id:
            place = by_geonames.get(candidate.geonames_id)
        if place is None and not (candidate and (candidate.geonames_id or candidate.katottg_code)):
            place = by_key.get(normalize_name(name))
        if place is None:
            place = Place(
                name=name,
                slug=unique_slug(name, taken_slugs),
                kind=candidate.kind if candidate else Place.Kind.SETTLEMENT,
                country=candidate.country if candidate else "",
                latitude=candidate.latitude if candidate else None,
                longitude=candidate.longitude if candidate else None,
                population=(candidate.population or None) if candidate else None,
                geonames_id=candidate.geonames_id if candidate else None,
                katottg_code=(candidate.katottg_code or None) if candidate else None,
                precision=candidate.precision if candidate else Place.Precision.EXACT,
                parent=regions.get(candidate.region)
                if candidate and candidate.region != name
                else None,
                name_key=normalize_name(name),
            )
            taken_slugs.add(place.slug)
            new.append((place, resolved))
            by_key[place.name_key] = place
        result[identity] = place
    Place.objects.bulk_create([p for p, _ in new], batch_size=500)

    aliases = []
    for place, resolved in new:
        names = set(resolved.candidate.aliases if resolved.candidate else ())
        names.add(resolved.written)
        for alias in sorted(names - {place.name}):
            aliases.append(
                PlaceAlias(place=place, name=alias[:200], name_key=normalize_name(alias))
            )
    # Spellings met in this document for places already on record ("Koersk" for Kursk).
    new_ids = {p.pk for p, _ in new}
    for identity, resolved in wanted.items():
        place = result[identity]
        if place.pk not in new_ids and normalize_name(resolved.written) != place.name_key:
            aliases.append(
                PlaceAlias(
                    place=place,
                    name=resolved.written[:200],
                    name_key=normalize_name(resolved.written),
                )
            )
    PlaceAlias.objects.bulk_create(aliases, batch_size=1000, ignore_conflicts=True)
    return result


def regions_record(names: set[str]) -> dict[str, Place]:
    if not names:
        return {}
    keys = {normalize_name(n): n for n in names}
    found = {p.name_key: p for p in Place.objects.filter(name_key__in=keys, kind=Place.Kind.REGION)}
    taken = set(Place.objects.values_list("slug", flat=True))
    missing = []
    for key, name in keys.items():
        if key not in found:
            region = Place(
                name=name, slug=unique_slug(name, taken), kind=Place.Kind.REGION, name_key=key
            )
            taken.add(region.slug)
            missing.append(region)
            found[key] = region
    Place.objects.bulk_create(missing)
    return {name: found[key] for key, name in keys.items()}
