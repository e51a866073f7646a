"""
Work that spans models: keyword-only ``<entity>_<action>`` functions. Only these write.
"""

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
    "AreaChange",
    "Changes",
    "PlaceChange",
    "area_changes_between",
    "changes_between",
    "observations_accept",
    "observations_reject",
    "statuses_on",
]
