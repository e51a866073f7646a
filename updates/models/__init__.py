"""The models of the updates app, one module per concept."""

from .common import SEARCH_CONFIGS, Language, reported_date_range, validate_reported_on
from .images import (
    PLACEHOLDER_ALTS,
    MapImage,
    MapImageQuerySet,
    is_placeholder_alt,
    map_image_upload_to,
)
from .places import ActivePlace, Place, PlaceAlias, PlaceCount, PlaceQuerySet, Precision
from .review import PlaceMention, PlaceMentionQuerySet, PlaceSlug
from .sources import Source, SourceCount, SourceQuerySet
from .updates import DayCount, QuotedPost, Update, UpdatePlace, UpdateQuerySet

__all__ = [
    "SEARCH_CONFIGS", "Language", "reported_date_range", "validate_reported_on",
    "PLACEHOLDER_ALTS", "MapImage", "MapImageQuerySet", "is_placeholder_alt", "map_image_upload_to",
    "ActivePlace", "Place", "PlaceAlias", "PlaceCount", "PlaceQuerySet", "Precision",
    "PlaceMention", "PlaceMentionQuerySet", "PlaceSlug",
    "Source", "SourceCount", "SourceQuerySet",
    "DayCount", "QuotedPost", "Update", "UpdatePlace", "UpdateQuerySet",
]  # fmt: skip
