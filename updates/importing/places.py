"""
Recognizing places in running text with a real gazetteer.

- ``gazetteer``: every settlement of Ukraine (KATOTTG) with GeoNames' positions and
  spellings, Russia's border oblasts, and the project's own data (``data/places.toml``).
- ``mentions``: where a text names places, and the hints it gives next to them.
- ``resolve``: one scored decision per mention; what stays uncertain is reported.
"""

from .gazetteer import (
    Gazetteer,
    KnownSource,
    Mention,
    PlaceCandidate,
    load_gazetteer,
)
from .mentions import find_mentions
from .resolve import (
    ResolvedPlace,
    UncertainMention,
    distance_km,
    resolve_document,
    resolve_mentions,
)
from .spellings import dutch_variants

__all__ = [
    "Gazetteer",
    "KnownSource",
    "Mention",
    "PlaceCandidate",
    "ResolvedPlace",
    "UncertainMention",
    "cited_sources",
    "distance_km",
    "dutch_variants",
    "find_mentions",
    "load_gazetteer",
    "resolve_document",
    "resolve_mentions",
]


def cited_sources(text: str, gazetteer: Gazetteer) -> list[KnownSource]:
    return [s for s in gazetteer.sources if any(p.search(text) for p in s.patterns)]
