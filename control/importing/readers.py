"""
The file kinds control reads for ``import_seeds``, registered with the updates importer
(``updates.hooks.registry``): GeoJSON area layers and VIINA control tables.
"""

import hashlib
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from updates.importing.manifest import ManifestEntry
from updates.importing.reports import FileReport
from updates.models import Source

from ..models import AreaKind, AreaLayer, validate_control_day
from .geojson_layer import LayerError, parse_geojson_layer


def _source_for(manifest: ManifestEntry, default: str) -> Source | None:
    name = manifest.source_name or manifest.publisher or default
    if not name:
        return None
    source = Source.objects.filter(name=name).first()
    if source is None:
        from updates.text import unique_slug

        taken = set(Source.objects.values_list("slug", flat=True))
        source = Source.objects.create(
            name=name[:200], slug=unique_slug(name, taken), kind="osint_map", url=manifest.url
        )
    return source


def _facts_fill(layer: AreaLayer, *, name: str, source: Source | None, report) -> None:
    """
    A changed file replaces its layer's geometry; the name and source an editor gave in the
    admin stay (the file fills them only when empty), and a disagreement is reported.
    """
    if not layer.name:
        layer.name = name
    elif name and name != layer.name:
        report.conflicts.append(
            f"name “{layer.name}” given in the admin kept (the file says “{name}”)"
        )
    if layer.source is None:
        layer.source = source
    elif source is not None and source != layer.source:
        report.conflicts.append(
            f"source “{layer.source}” given in the admin kept (the file says “{source}”)"
        )


class GeoJsonLayerReader:
    suffixes = frozenset({".geojson"})

    def accepts(self, path: Path) -> bool:
        return True

    def refusal(self, path: Path) -> str:
        return ""  # every .geojson is read; what is wrong with one is its import error

    def import_file(
        self, *, path: Path, manifest: ManifestEntry, dry_run: bool, progress, overwrite=False
    ):
        from ..services.areas import area_layer_max_bytes, area_layer_save

        report = FileReport(str(path))
        limit = area_layer_max_bytes()
        size = path.stat().st_size
        if size > limit:
            report.error = f"the file is {size:,} bytes; area layers may be at most {limit:,} bytes"
            return report
        try:
            layer_geometry = parse_geojson_layer(path.read_bytes(), max_bytes=limit)
        except LayerError as exc:
            report.error = f"not stored: {exc.message}"
            return report
        try:
            valid_on = manifest.date or layer_geometry.property_date()
            kind = manifest.layer_kind or layer_geometry.property_kind()
            name = (manifest.title or layer_geometry.property_name())[:200]
        except LayerError as exc:
            report.error = f"not stored: {exc.message}"
            return report
        if valid_on is None:
            report.error = "no date: give the layer a “date” property or a date in manifest.toml"
            return report
        try:
            validate_control_day(valid_on)
        except ValidationError as exc:
            report.error = f"not stored: {' '.join(exc.messages)}"
            return report
        if kind not in AreaKind.values:
            given = f"layer kind {kind[:60]!r} is not one of" if kind else "no layer kind: one of"
            report.error = (
                f"{given} {', '.join(AreaKind.values)}: set “kind” in the file's properties "
                "or layer_kind in manifest.toml"
            )
            return report
        digest = hashlib.sha256(layer_geometry.geojson.encode()).hexdigest()
        with transaction.atomic():
            layer = AreaLayer.objects.filter(kind=kind, valid_on=valid_on).first()
            if layer is not None and layer.content_hash == digest:
                report.unchanged = 1
                return report
            if layer is not None and layer.file_name != path.name and not overwrite:
                origin = (
                    f"imported from {layer.file_name}"
                    if layer.file_name
                    else "uploaded in the admin"
                )
                report.conflicts.append(
                    f"the {kind} layer of {valid_on} was {origin}; kept as it is "
                    "(use --overwrite to replace it)"
                )
                return report
            source = _source_for(manifest, "")
            if layer is None:
                layer = AreaLayer(kind=kind, valid_on=valid_on, name=name, source=source)
                report.created = 1
            else:
                _facts_fill(layer, name=name, source=source, report=report)
                report.updated = 1
            layer.file_name = path.name
            area_layer_save(layer=layer, geometry=layer_geometry)
            if dry_run:
                transaction.set_rollback(True)
        return report


class ViinaReader:
    suffixes = frozenset({".csv"})

    def accepts(self, path: Path) -> bool:
        from .viina_csv import looks_like_viina

        with path.open(encoding="utf-8-sig", errors="replace") as handle:
            return looks_like_viina(handle.readline(1 << 16))

    def refusal(self, path: Path) -> str:
        from .viina_csv import PLACE_COLUMNS

        with path.open("rb") as handle:
            first = handle.readline(1 << 16)
        if not first.strip():
            return "the first line is empty (a VIINA control table starts with its header)"
        try:
            first.decode("utf-8-sig")
        except UnicodeDecodeError:
            return "not UTF-8 text (a .csv file is read as a VIINA control table, in UTF-8)"
        return (
            "a .csv file is read as a VIINA control table, whose first line is "
            f"{','.join(PLACE_COLUMNS)} and then ctr_YYYYMMDDHHMMSS columns"
        )

    def import_file(
        self, *, path: Path, manifest: ManifestEntry, dry_run: bool, progress, overwrite=False
    ):
        from ..services.viina import viina_import
        from .viina_csv import ViinaError

        report = FileReport(str(path))
        try:
            result = viina_import(path=path, dry_run=dry_run, progress=progress)
        except ViinaError as exc:
            report.error = f"not stored: {exc.message}"
            return report
        except UnicodeDecodeError:
            report.error = "not stored: the file is not UTF-8 text"
            return report
        report.created = result.created
        report.updated = result.updated + result.deleted
        report.unchanged = result.unchanged_rows
        if result.places_created:
            report.warnings.append(
                f"{result.places_created} place(s) not on record were added from the table"
            )
        report.warnings.extend(result.warnings)
        report.conflicts.extend(result.conflicts)
        return report
