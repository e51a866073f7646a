"""Text helpers shared by the models, the importer and search."""

import re
import unicodedata
from functools import lru_cache

from django.utils.text import slugify

_APOSTROPHES = "'’ʼ`´‘"
# What no stored text may hold: PostgreSQL refuses NUL, XML 1.0 (the feeds) every other C0
# control character but tab, line feed and carriage return.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SEPARATORS = re.compile(r"[\s\-‐–—_.]+")


@lru_cache(maxsize=100_000)  # a text names the same places again and again
def normalize_name(value: str) -> str:
    """
    The lookup key of a place name: case-folded, accents and apostrophes removed,
    separators folded to one space.

    SQLite's LIKE ignores case for ASCII only, so "Курськ" and "КУРСЬК" would not match
    there; comparing these keys behaves the same on every database.
    """
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.translate({ord(ch): None for ch in _APOSTROPHES})
    return _SEPARATORS.sub(" ", stripped).strip()


def unique_slug(text: str, taken: set[str], *, max_length: int = 100) -> str:
    """A slug for ``text`` that is not in ``taken`` (adds -2, -3, ...)."""
    base = slugify(text, allow_unicode=False)[:max_length].strip("-") or "item"
    slug, n = base, 2
    while slug in taken:
        suffix = f"-{n}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return slug


def shown(value: str, limit: int = 40) -> str:
    """A reader's value quoted in an error message, cut short: a 10,000-character parameter
    is not echoed back whole."""
    return repr(value if len(value) <= limit else value[:limit] + "…")
