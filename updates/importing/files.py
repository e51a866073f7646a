"""
Which files an import run reads, and how: the folders' files (never a link out of the
folder), each folder's manifest (read once a run), and a document's text.
"""

from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

from ..hooks import registry
from ..text import CONTROL_CHARACTER
from .documents import DocumentError
from .manifest import MANIFEST_NAME, Manifest, load_manifest
from .reports import FileReport, ImportReport

DOCUMENT_SUFFIXES = {".txt", ".md", ".markdown"}


class Manifests:
    """Each folder's manifest, read once a run (not once per file: 5,000 reads of one big one)."""

    def __init__(self):
        self.read: dict[Path, Manifest | DocumentError] = {}

    def of(self, folder: Path) -> Manifest:
        if folder not in self.read:
            try:
                self.read[folder] = load_manifest(folder)
            except DocumentError as exc:
                self.read[folder] = exc
        manifest = self.read[folder]
        if isinstance(manifest, DocumentError):
            raise manifest
        return manifest


def files_collect(
    *, paths: Iterable[Path], report: ImportReport, manifests: Manifests
) -> list[tuple[Path, Path]]:
    """The files under ``paths`` a run reads, each with the folder its images must stay in."""
    found: list[tuple[Path, Path]] = []
    for given in paths:
        given = Path(given)
        if given.is_dir():
            root = given.resolve()
            _check_manifest_names(given, report, manifests)
            for child in sorted(given.iterdir()):
                if child.name == MANIFEST_NAME or child.name.startswith("."):
                    continue
                suffixes = DOCUMENT_SUFFIXES | registry.suffixes
                if child.is_file() and child.suffix.lower() in suffixes:
                    if not child.resolve().is_relative_to(root):
                        report.files.append(
                            FileReport(
                                str(child),
                                error="a link that leads out of the folder; not followed",
                            )
                        )
                        continue
                    found.append((child, root))
        elif given.is_file():
            found.append((given, given.resolve().parent))
        else:
            report.files.append(FileReport(str(given), error="no such file or folder"))
    return found


def _check_manifest_names(folder: Path, report: ImportReport, manifests: Manifests) -> None:
    """A manifest entry for a file the folder lacks (a typo?) gives its facts to nothing."""
    try:
        manifest = manifests.of(folder)
    except DocumentError:
        return  # each of the folder's files reports the broken manifest
    present = {child.name for child in folder.iterdir()}
    for name in sorted(manifest.names - present):
        problem = manifest.broken.get(name)
        report.warnings.append(
            f"{folder / MANIFEST_NAME}: [“{name[:80]}”] names no file in the folder; "
            "its facts were not used" + (f" (and {problem})" if problem else "")
        )


def read_document(path: Path) -> str:
    """The text of ``path``, or DocumentError saying why it cannot be read as a document."""
    limit = settings.FRONTLINE_IMPORT_MAX_BYTES
    size = path.stat().st_size
    if size > limit:
        raise DocumentError(f"the file is {size} bytes; documents may be at most {limit} bytes")
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError("the file is empty", line=1)
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise DocumentError("binary data (a NUL byte): not a text document", line=line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DocumentError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded)", line=line
        ) from exc
    if control := CONTROL_CHARACTER.search(text):
        # Stored, it would make every feed that shows the update fail (XML allows none).
        raise DocumentError(
            f"a control character (U+{ord(control.group()):04X}): not a text document",
            line=text.count("\n", 0, control.start()) + 1,
        )
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
