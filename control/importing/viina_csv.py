"""
VIINA territorial-control tables: one row per GeoNames place, one ``ctr_YYYYMMDDHHMMSS``
column per timestamp with ``UA`` / ``RU`` / ``CONTESTED``.

Pure and streaming: rows are read one at a time from an open text file and reduced to
the days the status changes, so a 33,000 × 1,000 table never sits in memory.
"""

import csv
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TextIO

from updates.text import CONTROL_CHARACTER

PLACE_COLUMNS = (
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "longitude",
    "latitude",
    "feature_code",
)
TIMESTAMP = re.compile(r"^ctr_(\d{8})(\d{6})?$")
# Place.geonames_id is a PositiveIntegerField: PostgreSQL's integer.
MAX_GEONAMES_ID = 2_147_483_647
# Place.name's length; GeoNames' longest names are a third of it.
MAX_NAME = 200
VALUES = {"UA": "ukraine", "RU": "russia", "CONTESTED": "contested"}
EXPORT_VALUES = {status: code for code, status in VALUES.items()}


class ViinaError(Exception):
    def __init__(self, message: str, *, line: int | None = None):
        super().__init__(message)
        self.message = f"line {line}: {message}" if line else message


@dataclass
class ViinaRow:
    line: int
    geonames_id: int | None
    name: str
    asciiname: str
    alternatenames: list[str]
    longitude: float | None
    latitude: float | None
    feature_code: str
    # The days the status changes (the first known day included), oldest first.
    changes: list[tuple[datetime.date, str]] = field(default_factory=list)


@dataclass
class ViinaHeader:
    dates: list[datetime.date]  # one per timestamp column (several columns may share a day)
    columns: list[int]  # their positions

    @property
    def first(self) -> datetime.date:
        return min(self.dates)

    @property
    def last(self) -> datetime.date:
        return max(self.dates)


def looks_like_viina(first_line: str) -> bool:
    names = [c.strip().lower() for c in first_line.strip().lstrip("\ufeff").split(",")]
    return names[: len(PLACE_COLUMNS)] == list(PLACE_COLUMNS) and any(
        TIMESTAMP.match(n) for n in names[len(PLACE_COLUMNS) :]
    )


def parse_header(names: list[str]) -> ViinaHeader:
    names = [n.strip().lstrip("\ufeff") for n in names]
    if [n.lower() for n in names[: len(PLACE_COLUMNS)]] != list(PLACE_COLUMNS):
        raise ViinaError(
            f"not a VIINA control table: the first columns must be {', '.join(PLACE_COLUMNS)}",
            line=1,
        )
    dates, columns = [], []
    for position, name in enumerate(names[len(PLACE_COLUMNS) :], len(PLACE_COLUMNS)):
        match = TIMESTAMP.match(name)
        if not match:
            raise ViinaError(f"column {name!r} is not ctr_YYYYMMDDHHMMSS", line=1)
        try:
            stamp = "".join(match.groups(default="000000"))
            dates.append(datetime.datetime.strptime(stamp, "%Y%m%d%H%M%S").date())
        except ValueError as exc:
            raise ViinaError(f"column {name!r} does not hold a valid date", line=1) from exc
        columns.append(position)
    if not columns:
        raise ViinaError("no ctr_YYYYMMDDHHMMSS columns", line=1)
    if dates != sorted(dates):
        raise ViinaError("the ctr_ columns are not in time order", line=1)
    return ViinaHeader(dates=dates, columns=columns)


def _float(value: str, what: str, line: int, limit: float) -> float | None:
    if not value.strip():
        return None
    try:
        number = float(value)
    except ValueError as exc:
        raise ViinaError(f"{what} {value[:40]!r} is not a number", line=line) from exc
    if not -limit <= number <= limit:  # also NaN
        raise ViinaError(
            f"{what} {value[:40]!r} is not between -{limit:g} and {limit:g}", line=line
        )
    return number


def _geonames_id(value: str, line: int) -> int | None:
    if not value:
        return None
    digits = value.lstrip("0")  # at most 10 digits before int(): Python refuses 4,300
    if not (
        value.isascii()
        and value.isdigit()
        and len(digits) <= 10
        and 0 < int(value) <= MAX_GEONAMES_ID
    ):
        raise ViinaError(
            f"geonameid {value[:40]!r} is not a GeoNames id (1 to {MAX_GEONAMES_ID:,})", line=line
        )
    return int(value)


def read_viina(handle: TextIO) -> tuple[ViinaHeader, Iterator[ViinaRow]]:
    """The header, and an iterator over rows reduced to their changes (streamed)."""
    # strict: a quote that never closes is an error, not the rest of the file in one cell.
    reader = csv.reader(handle, strict=True)
    records = _records(reader)
    try:
        header = parse_header(next(records))
    except StopIteration as exc:
        raise ViinaError("the file is empty", line=1) from exc
    return header, _rows(records, header)


def _records(reader) -> Iterator[list[str]]:
    """The CSV's records; ViinaError with the line for CSV that cannot be read."""
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            detail = str(exc)
            if "field larger than field limit" in detail:
                detail = f"a cell longer than {csv.field_size_limit():,} characters"
            elif "unexpected end of data" in detail:
                detail = "a quoted cell that never closes"
            raise ViinaError(f"malformed CSV: {detail}", line=reader.line_num) from exc
        yield cells


def _rows(records: Iterator[list[str]], header: ViinaHeader) -> Iterator[ViinaRow]:
    width = header.columns[-1] + 1
    for line, cells in enumerate(records, 2):
        if not cells or not any(c.strip() for c in cells):
            continue
        if len(cells) != width:
            raise ViinaError(f"{len(cells)} columns where the header has {width}", line=line)
        place = cells[: len(PLACE_COLUMNS)]
        if control := CONTROL_CHARACTER.search("".join(place)):
            raise ViinaError(
                f"a control character (U+{ord(control.group()):04X}) in the place's columns: "
                "not a text table",
                line=line,
            )
        row = ViinaRow(
            line=line,
            geonames_id=_geonames_id(cells[0].strip(), line),
            name=cells[1].strip(),
            asciiname=cells[2].strip(),
            alternatenames=[a.strip() for a in cells[3].split(",") if a.strip()],
            longitude=_float(cells[4], "longitude", line, 180),
            latitude=_float(cells[5], "latitude", line, 90),
            feature_code=cells[6].strip(),
        )
        for what, name in (("name", row.name), ("asciiname", row.asciiname)):
            if len(name) > MAX_NAME:
                raise ViinaError(
                    f"{what} of {len(name):,} characters (at most {MAX_NAME})", line=line
                )
        if not row.name and not row.asciiname and row.geonames_id is None:
            raise ViinaError("a row with neither geonameid nor name", line=line)
        try:
            row.changes = _changes(cells, header)
        except ValueError as exc:
            raise ViinaError(
                f"value {exc.args[0]!r} is not UA, RU or CONTESTED", line=line
            ) from None
        yield row


def _changes(cells: list[str], header: ViinaHeader) -> list[tuple[datetime.date, str]]:
    changes: list[tuple[datetime.date, str]] = []
    previous_raw = None
    last_day = None
    for day, position in zip(header.dates, header.columns, strict=True):
        raw = cells[position]
        if raw == previous_raw and day != last_day:
            continue  # most cells repeat the one before: the fast path
        previous_raw = raw
        value = raw.strip().upper()
        if not value:
            continue
        status = VALUES.get(value)
        if status is None:
            raise ValueError(raw)
        if changes and changes[-1][0] == day:
            # Several timestamps on one day: the day's last one stands.
            changes.pop()
        if not changes or changes[-1][1] != status:
            changes.append((day, status))
        last_day = day
    return changes
