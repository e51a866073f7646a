"""
Work that spans models: keyword-only ``<entity>_<action>`` functions. Only these write.
"""

from .areas import AreaStats, area_layer_delete, area_layer_save, area_stats
from .changes import (
    AreaChange,
    Changes,
    PlaceChange,
    area_changes_between,
    changes_between,
    statuses_on,
)
from .observations import observations_accept, observations_reject

__all__ = [
    "AreaStats",
    "area_layer_delete",
    "area_layer_save",
    "area_stats",
    "AreaChange",
    "Changes",
    "PlaceChange",
    "area_changes_between",
    "changes_between",
    "observations_accept",
    "observations_reject",
    "statuses_on",
]
