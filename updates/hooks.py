"""
Extension points that other apps fill in from their ``AppConfig.ready()``.

``updates`` never imports those apps; where it must ask a question only they can answer
("who reads this file?", "what else is there to say about this place?", "what happened
after these updates were imported?") it asks here.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from django.db.models import Q


class DocumentReader(Protocol):
    """Reads one kind of file that is not a Markdown log or an article."""

    suffixes: frozenset[str]

    def accepts(self, path: Path) -> bool: ...

    def refusal(self, path: Path) -> str:
        """Why ``accepts`` said no, for the import report ("the file is empty", …)."""

    def import_file(
        self, *, path: Path, manifest: Any, dry_run: bool, progress, overwrite: bool = False
    ) -> Any:
        """
        Import ``path``; return an ``updates.importing.reports.FileReport``. What editors
        changed in the admin stays (reported as a conflict) unless ``overwrite``.
        """


class PlaceExtension(Protocol):
    """Extra properties of places for ``/api/places/`` and ``/api/places.geojson``."""

    def annotate(self, places, *, on: datetime.date | None): ...

    def properties(self, place) -> dict: ...

    def properties_by_place(self, *, on: datetime.date | None) -> Callable[[int], dict]:
        """The same properties of every place on ``on`` from one query, looked up by id."""
        ...

    def listed_on(self, *, on: datetime.date | None) -> Q:
        """Places this app lists on ``on`` even when no published update names them."""
        ...

    def has_page(self) -> Q:
        """Places this app gives a public page even when no published update names them."""
        ...


@dataclass
class ImportedSection:
    """One update the importer just wrote, with what it knows about the text."""

    update: Any  # updates.models.Update
    body: str
    reported_on: datetime.date | None
    language: str
    places: dict[str, Any]  # each name as written in the text -> updates.models.Place
    sources: list[Any] = field(default_factory=list)


@dataclass
class Registry:
    readers: list[DocumentReader] = field(default_factory=list)
    place_extensions: list[PlaceExtension] = field(default_factory=list)
    after_import: list[Callable[[list[ImportedSection]], None]] = field(default_factory=list)

    def reader_for(self, path: Path) -> DocumentReader | None:
        for reader in self.readers:
            if path.suffix.lower() in reader.suffixes and reader.accepts(path):
                return reader
        return None

    def refusal(self, path: Path) -> str:
        """Why no reader of the file's suffix reads it ("" when none reads that suffix)."""
        return "; ".join(
            reader.refusal(path)
            for reader in self.readers
            if path.suffix.lower() in reader.suffixes
        )

    @property
    def suffixes(self) -> set[str]:
        return {suffix for reader in self.readers for suffix in reader.suffixes}


registry = Registry()
