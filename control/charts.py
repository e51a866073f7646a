"""Server-rendered SVG charts of territory over time: plain numbers for a template to draw.

No chart library: each function turns ``area_stats`` figures into coordinates in a fixed
viewBox, and ``templates/control/includes/*_chart.svg.html`` draws them, so the charts need
no script and print as they show.
"""

import datetime
import math
from dataclasses import dataclass, field

from .models import AreaKind

WIDTH, HEIGHT = 800, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40
KIND_COLOURS = {
    AreaKind.OCCUPIED: "#b3261e",
    AreaKind.ASSESSED_ADVANCE: "#d9731a",
    AreaKind.CLAIMED: "#7b3fa0",
    AreaKind.CONTESTED: "#6b6b6b",
    AreaKind.LIBERATED: "#1f5fa8",
}
MAX_WEEKS = 52


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class Series:
    kind: str
    label: str
    colour: str
    points: str  # "x,y x,y ..." for <polyline>
    dots: list[tuple[float, float, str]]  # x, y, title


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str
    gained: bool


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    zero: float = HEIGHT - BOTTOM
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)
    empty: bool = True


def nice_step(span: float, count: int = 4) -> float:
    """The round step (1, 2 or 5 × 10ⁿ) nearest to dividing ``span`` into ``count`` parts."""
    if span <= 0:
        return 1.0
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    return min((factor * magnitude for factor in (1, 2, 5, 10)), key=lambda s: abs(s - raw))


def km2(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f")


def _y_scale(chart: Chart, low: float, high: float):
    step = nice_step(high - low)
    low = math.floor(low / step) * step
    high = max(math.ceil(high / step) * step, low + step)

    def y(value: float) -> float:
        return round(chart.bottom - (value - low) / (high - low) * (chart.bottom - chart.top), 1)

    value = low
    while value <= high + step / 2:
        chart.y_ticks.append(Tick(y(value), km2(value)))
        value += step
    return y


def _date_ticks(first: datetime.date, last: datetime.date, x) -> list[Tick]:
    months = (last.year - first.year) * 12 + last.month - first.month
    every = max(1, math.ceil(months / 6))
    ticks = []
    month = datetime.date(first.year, first.month, 1)
    index = 0
    while month <= last:
        if month >= first and index % every == 0:
            ticks.append(Tick(x(month), f"{month:%Y}" if every >= 12 else f"{month:%m/%Y}"))
        index += 1
        month = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return ticks


def area_chart(stats) -> Chart:
    """One line per layer kind: its area in km² on each layer's date."""
    chart = Chart()
    points = [(day, area) for kind in stats.kinds for day, area in stats.series[kind]]
    if not points:
        return chart
    chart.empty = False
    first = min(day for day, _a in points)
    last = max(day for day, _a in points)
    span = max((last - first).days, 1)

    def x(day: datetime.date) -> float:
        return round(chart.left + (day - first).days / span * (chart.right - chart.left), 1)

    areas = [area for _d, area in points]
    low, high = min(areas), max(areas)
    margin = (high - low) * 0.1 or high * 0.1 or 1
    y = _y_scale(chart, max(0.0, low - margin), high + margin)
    chart.zero = chart.bottom
    chart.x_ticks = _date_ticks(first, last, x)
    for kind in stats.kinds:
        label = str(AreaKind(kind).label)
        colour = KIND_COLOURS.get(kind, "#333")
        series = stats.series[kind]
        chart.series.append(
            Series(
                kind=kind,
                label=label,
                colour=colour,
                points=" ".join(f"{x(day)},{y(area)}" for day, area in series),
                dots=[
                    (x(day), y(area), f"{label}, {day:%Y-%m-%d}: {km2(area)} km²")
                    for day, area in series
                ],
            )
        )
        chart.legend.append((label, colour))
    return chart


def _next_period(period: datetime.date, *, monthly: bool) -> datetime.date:
    if monthly:
        return datetime.date(period.year + period.month // 12, period.month % 12 + 1, 1)
    return period + datetime.timedelta(days=7)


def continuous_periods(
    found: set[datetime.date], *, monthly: bool, limit: int
) -> list[datetime.date]:
    """Every week (or month) from the first to the last found, so quiet ones show as gaps."""
    if not found:
        return []
    last = max(found)
    periods = [min(found)]
    while periods[-1] < last:
        periods.append(_next_period(periods[-1], monthly=monthly))
    return periods[-limit:]


def change_chart(
    rows: list[dict], kinds: list[str], *, monthly: bool = False, limit: int = MAX_WEEKS
) -> Chart:
    """Bars per period and kind: km² gained above the axis, km² lost below it."""
    chart = Chart()
    periods = continuous_periods({row["period"] for row in rows}, monthly=monthly, limit=limit)
    if not periods:
        return chart
    chart.empty = False
    wanted = set(periods)
    rows = [row for row in rows if row["period"] in wanted]
    high = max([row["gained_km2"] for row in rows] + [1.0])
    low = -max([row["lost_km2"] for row in rows] + [0.0])
    y = _y_scale(chart, low, high)
    chart.zero = y(0)
    slot = (chart.right - chart.left) / len(periods)
    bar_width = max(slot * 0.8 / max(len(kinds), 1), 1.0)
    index = {period: i for i, period in enumerate(periods)}
    kind_index = {kind: i for i, kind in enumerate(kinds)}
    for row in rows:
        label = str(AreaKind(row["kind"]).label)
        colour = KIND_COLOURS.get(row["kind"], "#333")
        left = chart.left + index[row["period"]] * slot + slot * 0.1
        left += kind_index.get(row["kind"], 0) * bar_width
        for value, gained in ((row["gained_km2"], True), (-row["lost_km2"], False)):
            if not value:
                continue
            top, bottom = sorted((y(value), chart.zero))
            verb = "gained" if gained else "lost"
            chart.bars.append(
                Bar(
                    x=round(left, 1),
                    y=top,
                    width=round(bar_width, 1),
                    height=round(max(bottom - top, 0.5), 1),
                    colour=colour,
                    title=f"{label}, {row['period']:%Y-%m-%d}: {verb} {km2(abs(value))} km²",
                    gained=gained,
                )
            )
    every = max(1, math.ceil(len(periods) / 6))
    chart.x_ticks = [
        Tick(
            round(chart.left + i * slot + slot / 2, 1),
            f"{period:%m/%Y}" if monthly else f"{period:%d/%m/%y}",
        )
        for i, period in enumerate(periods)
        if i % every == 0
    ]
    chart.legend = [(str(AreaKind(k).label), KIND_COLOURS.get(k, "#333")) for k in kinds]
    return chart


@dataclass
class RecentChange:
    kind: str
    label: str
    gained_km2: float
    lost_km2: float
    start: datetime.date
    end: datetime.date

    @property
    def net_km2(self) -> float:
        return self.gained_km2 - self.lost_km2


def recent_change(stats, *, days: int = 28) -> list[RecentChange]:
    """Per kind, km² gained and lost by layers dated in the ``days`` up to the latest layer."""
    latest = max((day for kind in stats.kinds for day, _a in stats.series[kind]), default=None)
    if latest is None:
        return []
    start = latest - datetime.timedelta(days=days)
    result = []
    for kind in stats.kinds:
        gained = lost = 0.0
        for row in stats.weekly:
            # Weekly rows start on a Monday: a week counts when it ends after ``start``.
            if row["kind"] == kind and row["period"] + datetime.timedelta(days=6) > start:
                gained += row["gained_km2"]
                lost += row["lost_km2"]
        result.append(RecentChange(kind, str(AreaKind(kind).label), gained, lost, start, latest))
    return result
