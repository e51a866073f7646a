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
from .periods import control_periods_deferred, control_periods_refresh

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
    "control_periods_deferred",
    "control_periods_refresh",
    "observations_accept",
    "observations_reject",
    "statuses_on",
]
