"""
The import service: documents on disk -> updates, places, sources and map images.

Each file is imported in its own transaction: a bad file writes nothing and the others
still import. A second run over the same files changes nothing; an edited file updates
its records; an update an editor changed in the admin is left alone (a conflict) unless
``overwrite`` is given.
"""

import datetime
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..counts import counts_batch, published_content_changed
from ..hooks import ImportedSection, registry
from ..markdown import render_markdown, validate_markdown_length
from ..models import (
    PlaceMention,
    Update,
    validate_reported_on,
)
from ..search import refresh_search_vectors
from ..text import unique_slug
from .article import parse_article
from .document_places import described, document_places, linked_once
from .documents import Document, DocumentError, Section
from .files import DOCUMENT_SUFFIXES, Manifests, files_collect, read_document
from .manifest import MANIFEST_NAME, ManifestEntry
from .markdown_log import looks_like_log, parse_markdown_log
from .places import (
    Gazetteer,
    ResolvedPlace,
    UncertainMention,
    load_gazetteer,
)
from .reconcile import Written, post_values, relations_create, relations_reconcile
from .records import ImageRead, cited_source, document_source, image_read, places_record, relied_on
from .reports import FileReport, ImportReport
from .review import place_mentions_build
from .rows import objects_insert, objects_update
from .summary import summary_refresh

TITLE_CHARS = 90


def documents_import(
    *,
    paths: Iterable[Path],
    dry_run: bool = False,
    publish: bool = True,
    overwrite: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import every document under ``paths`` (files or folders)."""
    report = ImportReport(dry_run=dry_run)
    gazetteer = None
    manifests = Manifests()
    for path, root in files_collect(paths=paths, report=report, manifests=manifests):
        try:
            manifest = manifests.of(path.parent).entry(path.name)
        except DocumentError as exc:
            report.files.append(
                FileReport(str(path), error=f"{path.parent / MANIFEST_NAME}: {exc}")
            )
            continue
        except Exception as exc:  # noqa: BLE001 - one bad manifest must not stop the run
            report.files.append(
                FileReport(str(path), error=f"{path.parent / MANIFEST_NAME}: {_unexpected(exc)}")
            )
            continue
        # Formats other apps read (area layers, control tables) are theirs to import.
        reader = registry.reader_for(path)
        if reader is not None:
            try:
                file_report = reader.import_file(
                    path=path,
                    manifest=manifest,
                    dry_run=dry_run,
                    progress=progress,
                    overwrite=overwrite,
                )
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
                file_report = FileReport(str(path), error=_unexpected(exc))
            report.files.append(file_report)
            continue
        if path.suffix.lower() not in DOCUMENT_SUFFIXES:
            refusal = registry.refusal(path)
            error = "no importer recognizes this file's content" + (
                f": {refusal}" if refusal else ""
            )
            report.files.append(FileReport(str(path), error=error))
            continue
        if gazetteer is None:
            gazetteer = load_gazetteer()
        report.files.append(
            document_import(
                path=path,
                root=root,
                manifest=manifest,
                gazetteer=gazetteer,
                dry_run=dry_run,
                publish=publish,
                overwrite=overwrite,
                progress=progress,
            )
        )
    return report


def parse_document(text: str, *, language: str = "") -> Document:
    """Recognize the kind of document and parse it (pure: no database)."""
    if looks_like_log(text):
        return parse_markdown_log(text, language=language)
    prose = [line for line in text.splitlines() if len(re.findall(r"[^\W\d_]{2,}", line)) >= 6]
    if not prose:
        raise DocumentError(
            "unrecognized format: neither a Markdown log with dated “## …” sections "
            "nor an article with sentences of prose",
            line=1,
        )
    return parse_article(text, language=language)


def document_import(
    *,
    path: Path,
    root: Path,
    manifest: ManifestEntry,
    gazetteer: Gazetteer,
    dry_run: bool = False,
    publish: bool = True,
    overwrite: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> FileReport:
    report = FileReport(str(path))
    try:
        text = read_document(path)
        document = parse_document(text, language=manifest.language)
        _apply_manifest(document, manifest)
        _date_from_file_name(document, path, report)
        _check_sections(document)
        with transaction.atomic(), counts_batch():
            _write(
                path=path,
                root=root,
                text=text,
                document=document,
                manifest=manifest,
                gazetteer=gazetteer,
                report=report,
                publish=publish,
                overwrite=overwrite,
                dry_run=dry_run,
                progress=progress,
            )
            if dry_run:
                transaction.set_rollback(True)
    except DocumentError as exc:
        report.error = str(exc)
        report.created = report.updated = report.unchanged = 0
    except Exception as exc:  # noqa: BLE001 - any failure is this file's, never the run's
        # The file's transaction has rolled back; the next file starts clean.
        report.error = _unexpected(exc)
        report.created = report.updated = report.unchanged = 0
    return report


def _unexpected(exc: Exception) -> str:
    detail = " ".join(str(exc).split())[:300]
    return f"could not be imported ({type(exc).__name__}: {detail})"


def _check_sections(document: Document) -> None:
    """The rules an update's form applies, applied before anything is written."""
    for section in document.sections:
        try:
            validate_markdown_length(section.body)
            validate_reported_on(section.reported_on)
        except ValidationError as exc:
            raise DocumentError(" ".join(exc.messages), line=section.line) from exc


def _apply_manifest(document: Document, manifest: ManifestEntry) -> None:
    if manifest.author:
        document.author = manifest.author
    if document.kind == "article":
        section = document.sections[0]
        if manifest.title:
            section.title = document.title = manifest.title
        if manifest.date:
            section.reported_on = manifest.date


# "isw-2022-08-25.txt", "artikel_20220701.txt", "log 01-07-2022.md".
FILE_NAME_DATE = re.compile(
    r"(?<!\d)(?:(?P<y>20\d\d)-?(?P<m>[01]\d)-?(?P<d>[0-3]\d)|(?P<d2>[0-3]\d)-(?P<m2>[01]\d)-(?P<y2>20\d\d))(?!\d)"
)


def _date_from_file_name(document: Document, path: Path, report: FileReport) -> None:
    """An article whose text states no full date (and no manifest gave one) takes the date
    its file name holds, said in the report."""
    if document.kind != "article" or document.sections[0].reported_on is not None:
        return
    match = FILE_NAME_DATE.search(path.stem)
    if match is None:
        return
    year, month, day = (match.group(g) or match.group(f"{g}2") for g in ("y", "m", "d"))
    try:
        found = datetime.date(int(year), int(month), int(day))
        validate_reported_on(found)
    except (ValueError, ValidationError):
        return
    document.sections[0].reported_on = found
    report.warnings.append(f"line 1: no full date in the text; dated {found} from the file name")


def _fallback_title(section: Section) -> str:
    first = re.sub(r"^#+\s*", "", section.body.strip().split("\n", 1)[0])
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0].rstrip(".")
    if len(sentence) <= TITLE_CHARS:
        return sentence
    return sentence[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def _fingerprint(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()


def _write(
    *,
    path,
    root,
    text,
    document,
    manifest,
    gazetteer,
    report,
    publish,
    overwrite,
    dry_run,
    progress,
):
    file_name = path.name
    source = document_source(path, text, document, manifest)
    report.warnings.extend(document.warnings)
    cited = [cited_source(known) for known in gazetteer.sources if relied_on(known, document)]

    # Places first, for the whole document: anchors for ambiguous names come from all of it.
    section_places, uncertain = document_places(document, gazetteer, text)
    places = places_record(section_places)
    by_section: dict[int, list[UncertainMention]] = {}
    for mention in uncertain:
        report.uncertain.append(described(mention))
        by_section.setdefault(mention.section, []).append(mention)

    keys = _import_keys(file_name, document.sections)
    existing = {u.import_key: u for u in Update.objects.filter(import_key__in=keys)}
    total = len(document.sections)
    to_create: list[tuple[Update, Section, list[ResolvedPlace], list[ImageRead]]] = []
    to_refresh: list[tuple[Update, Section, list[ResolvedPlace], list[ImageRead]]] = []
    previous_sources: dict[int, list[int]] = {}
    previous_places: dict[int, list[int]] = {}
    unchanged: list[tuple[Update, Section, list[ResolvedPlace]]] = []
    folders: dict[Path, Path] = {}  # the image folders resolved so far

    for index, (section, key, resolved) in enumerate(
        zip(document.sections, keys, section_places, strict=True)
    ):
        if not section.title:
            section.title = _fallback_title(section)
        images = [
            image_read(path.parent, root, ref, report, dry_run, folders) for ref in section.images
        ]
        fingerprint = _fingerprint(
            section.title,
            section.body,
            section.reported_on,
            document.language,
            [(p.identity, p.map_number) for p in resolved],
            [(m.written, m.status, m.line) for m in by_section.get(index, [])],
            [
                (i.ref.reference, i.ref.alt_text, i.ref.caption, i.ref.depicts_on, i.digest)
                for i in images
            ],
            [vars(p) for p in section.quoted_posts],
            [s.pk for s in cited],
            source.pk,
        )
        update = existing.get(key)
        if section.reported_on is None:
            report.warnings.append(
                f"line {section.line}: no date found in the text or the manifest; "
                "imported as an undated draft"
            )
        if update is not None:
            if update.import_fingerprint == fingerprint:
                report.unchanged += 1
                unchanged.append((update, section, resolved))
                continue
            if update.content_fingerprint() != update.import_content_hash and not overwrite:
                report.conflicts.append(
                    f"“{update.title}” (id {update.pk}) was edited after import; "
                    "kept as it is (use --overwrite to replace it)"
                )
                continue
            report.updated += 1
        else:
            update = Update(import_key=key, status=Update.Status.DRAFT)
            if publish and section.reported_on is not None:
                update.status = Update.Status.PUBLISHED
            report.created += 1
        update.title = section.title[:250]
        update.summary = summary_refresh(
            summary=update.summary, old_body=update.body, new_body=section.body
        )
        update.body = section.body
        update.body_html = render_markdown(section.body)
        update.reported_on = section.reported_on
        update.language = document.language or Update._meta.get_field("language").default
        if update.reported_on is None:
            update.status = Update.Status.DRAFT
        if update.status == Update.Status.PUBLISHED and update.published_at is None:
            update.published_at = timezone.now()
        update.import_fingerprint = fingerprint
        update.updated_at = timezone.now()
        update.import_content_hash = update.content_fingerprint()
        if update.pk:
            previous_sources[update.pk] = list(update.import_sources)
            previous_places[update.pk] = list(update.import_places)
        update.import_sources = sorted({source.pk, *(s.pk for s in cited)})
        if update.pk:
            update.version += 1  # an editor's open form of the old text is now stale
        update.import_places = sorted({places[p.identity].pk for p in resolved})
        (to_refresh if update.pk else to_create).append((update, section, resolved, images))
        if progress:
            progress(index + 1, total)

    _assign_slugs([u for u, *_ in to_create + to_refresh])
    objects_insert([u for u, *_ in to_create], key=["import_key"])
    if to_refresh:
        refreshed = [u for u, *_ in to_refresh]
        objects_update(
            refreshed,
            ["title", "slug", "summary", "body", "body_html", "reported_on", "language", "status",
             "published_at", "import_fingerprint", "import_content_hash", "updated_at",
             "version", "import_sources", "import_places"],
        )  # fmt: skip
        PlaceMention.objects.filter(update_id__in=[u.pk for u in refreshed]).delete()

    def document_links(update, section, resolved, images) -> Written:
        return Written(
            update=update,
            places=linked_once([(places[p.identity], p.map_number) for p in resolved]),
            numbered=[places[p.identity] for p in resolved if p.map_number],
            images=images,
            posts=[post_values(post, report.warnings) for post in section.quoted_posts],
            sources=[source, *cited],
        )

    relations_create(written=[document_links(*row) for row in to_create])
    relations_reconcile(
        written=[document_links(*row) for row in to_refresh],
        previous_sources=previous_sources,
        previous_places=previous_places,
        conflicts=report.conflicts,
    )
    written = to_create + to_refresh
    section_index = {id(section): i for i, section in enumerate(document.sections)}
    mentions = []
    for update, section, _resolved, _images in written:
        index = section_index[id(section)]
        mentions += place_mentions_build(
            update=update,
            uncertain=by_section.get(index, []),
            places=places,
        )
    objects_insert(mentions)
    refresh_search_vectors(Update.objects.filter(pk__in=[u.pk for u, *_ in written]))
    published_content_changed(update_ids=[u.pk for u, *_ in written])  # bulk writes: no signals
    if registry.after_import:
        imported = [
            ImportedSection(
                update=update,
                body=section.body,
                reported_on=section.reported_on,
                language=document.language,
                places={
                    **{places[p.identity].name: places[p.identity] for p in resolved},
                    **{p.written: places[p.identity] for p in resolved},
                },
                sources=[source, *cited],
            )
            for update, section, resolved in [(u, s, r) for u, s, r, _ in written] + unchanged
        ]
        for listener in registry.after_import:
            listener(imported)


def _import_keys(file_name: str, sections: list[Section]) -> list[str]:
    keys, seen = [], {}
    for section in sections:
        base = f"{file_name}#{section.reported_on or 'undated'}"
        seen[base] = seen.get(base, 0) + 1
        keys.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return keys


def _assign_slugs(updates: list[Update]) -> None:
    dates = {u.reported_on for u in updates}
    taken: dict = {}
    for reported_on, slug, pk in Update.objects.filter(
        reported_on__in=[d for d in dates if d]
    ).values_list("reported_on", "slug", "pk"):
        taken.setdefault(reported_on, {})[slug] = pk
    for update in updates:
        day = taken.setdefault(update.reported_on, {})
        current = day.get(update.slug)
        if update.slug and current in (None, update.pk) and update.pk:
            day[update.slug] = update.pk
            continue
        update.slug = unique_slug(update.title, set(day), max_length=200)
        day[update.slug] = update.pk
