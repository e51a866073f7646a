"""
``manifest.toml`` next to the documents: the facts a text does not state, keyed by file name.

    ["002_10eba3b55aa9963e.txt"]
    date = 2022-04-03
    publisher = "Daily Star"
"""

import datetime
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..links import is_http_url
from ..text import CONTROL_CHARACTER
from .documents import DocumentError

MANIFEST_NAME = "manifest.toml"
SOURCE_KINDS = {"news", "blog", "social", "osint_map", "official", "analysis"}


@dataclass(frozen=True)
class ManifestEntry:
    title: str = ""
    date: datetime.date | None = None
    url: str = ""
    publisher: str = ""
    author: str = ""
    language: str = ""
    kind: str = ""
    source_name: str = ""
    published_on: datetime.date | None = None
    note: str = ""
    # For area layers (.geojson): the layer kind, e.g. "occupied" (checked by its reader).
    layer_kind: str = ""


FIELDS = set(ManifestEntry.__dataclass_fields__)
DATE_FIELDS = {"date", "published_on"}
# The longest value each text fact may have: the length of the field it ends up in.
MAX_LENGTHS = {"url": 500, "title": 250, "note": 2000, "language": 8}
DEFAULT_MAX_LENGTH = 200


def _as_date(value, key: str, file_name: str) -> datetime.date | None:
    if (
        value is None
        or isinstance(value, datetime.date)
        and not isinstance(value, datetime.datetime)
    ):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise DocumentError(f"[{file_name}] {key} = {value!r} is not a date (write 2022-04-03)")


def _as_text(value, key: str, file_name: str) -> str:
    if not isinstance(value, str):
        raise DocumentError(
            f"[{file_name}] {key} must be text in quotes, not {type(value).__name__}"
        )
    if control := CONTROL_CHARACTER.search(value):
        raise DocumentError(
            f"[{file_name}] {key} holds a control character (U+{ord(control.group()):04X})"
        )
    limit = MAX_LENGTHS.get(key, DEFAULT_MAX_LENGTH)
    if len(value) > limit:
        raise DocumentError(
            f"[{file_name}] {key} is {len(value)} characters; at most {limit} are kept"
        )
    return value.strip()


@dataclass
class Manifest:
    """The facts of a folder's files; an entry with a malformed value is that file's error."""

    entries: dict[str, ManifestEntry] = field(default_factory=dict)
    broken: dict[str, str] = field(default_factory=dict)  # file name -> what is wrong

    def entry(self, file_name: str) -> ManifestEntry:
        if file_name in self.broken:
            raise DocumentError(self.broken[file_name])
        return self.entries.get(file_name, ManifestEntry())

    @property
    def names(self) -> set[str]:
        return set(self.entries) | set(self.broken)


def load_manifest(folder: Path) -> Manifest:
    """
    The manifest of ``folder`` (empty when there is none). DocumentError when the whole
    file cannot be read (not UTF-8, not TOML); a malformed entry is kept as that entry's
    error, so that the folder's other files still import.
    """
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return Manifest()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{MANIFEST_NAME} is not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise DocumentError(f"{MANIFEST_NAME} is not valid TOML: {exc}") from exc
    except RecursionError as exc:
        raise DocumentError(f"{MANIFEST_NAME} nests tables or arrays too deeply") from exc
    manifest = Manifest()
    for file_name, values in data.items():
        try:
            manifest.entries[file_name] = _entry(file_name, values)
        except DocumentError as exc:
            manifest.broken[file_name] = str(exc)
    return manifest


def _entry(file_name: str, values) -> ManifestEntry:
    if not isinstance(values, dict):
        raise DocumentError(f"“{file_name}” must be a table of facts")
    unknown = set(values) - FIELDS
    if unknown:
        raise DocumentError(
            f"[{file_name}] has unknown keys {sorted(unknown)}; known keys are {sorted(FIELDS)}"
        )
    values = dict(values)
    for key in DATE_FIELDS:
        values[key] = _as_date(values.get(key), key, file_name)
    for key in FIELDS - DATE_FIELDS:
        values[key] = _as_text(values.get(key, ""), key, file_name)
    if values["url"] and not is_http_url(values["url"]):
        raise DocumentError(
            f"[{file_name}] url = {values['url'][:80]!r} is not a web "
            "address starting with http:// or https://"
        )
    if values["kind"] and values["kind"] not in SOURCE_KINDS:
        raise DocumentError(f"[{file_name}] kind must be one of {sorted(SOURCE_KINDS)}")
    return ManifestEntry(**values)
