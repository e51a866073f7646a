"""Kept counts of published updates per place, per source and per day."""


def counts_rebuild() -> None:
    """Recompute every kept count from the updates (after bulk writes)."""
