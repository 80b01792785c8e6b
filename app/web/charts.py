"""SVG charts laid out on the server: a track over a player's events, the class meters over a
round."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.game import rules

WIDTH, HEIGHT, LEFT = 400, 220, 0


@dataclass(frozen=True)
class Band:
    y: float
    height: float
    label: str
    key: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    points: str
    last_x: float
    last_y: float
    bands: tuple[Band, ...]
    summary: str


def _y(value: float, track: rules.Track) -> float:
    return round(HEIGHT - (value - track.low) / (track.high - track.low) * HEIGHT, 1)


MAX_POINTS = 240  # more than the chart has pixels to show them apart


def envelope(values: list[int]) -> list[int]:
    """Thin a long series for drawing: each stretch keeps its lowest and highest value, in the
    order they came, so no peak or trough is lost."""
    if len(values) <= MAX_POINTS:
        return values
    size = -(-len(values) // (MAX_POINTS // 2))
    kept = [values[0]]
    for start in range(1, len(values) - 1, size):
        stretch = values[start : min(start + size, len(values) - 1)]
        low, high = stretch.index(min(stretch)), stretch.index(max(stretch))
        kept += [stretch[i] for i in sorted({low, high})]
    return [*kept, values[-1]]


def line_chart(values: list[int], track: rules.Track, tiers=()) -> Chart:
    """Lay out values (one per event) across the chart, with a band for each tier."""
    drawn = envelope(values) if len(values) > 1 else values * 2  # one value: a flat line
    step = (WIDTH - LEFT) / (len(drawn) - 1)
    coords = [(round(LEFT + i * step, 1), _y(v, track)) for i, v in enumerate(drawn)]
    bands = tuple(
        Band(
            y=_y(min(tier.high + 1, track.high), track),
            height=round(_y(tier.low, track) - _y(min(tier.high + 1, track.high), track), 1),
            label=f"{tier.name} {tier.low}–{tier.high}",
            key=tier.key,
        )
        for tier in tiers
    )
    summary = (
        f"{track.label} over {len(values) - 1} changes: started at {values[0]}, "
        f"lowest {min(values)}, highest {max(values)}, now {values[-1]}."
    )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        points=" ".join(f"{x},{y}" for x, y in coords),
        last_x=coords[-1][0],
        last_y=coords[-1][1],
        bands=bands,
        summary=summary,
    )


# colour and dash both tell the lines apart, so the chart reads in greyscale print too
STYLE = {
    "unrest": ("#e26d5a", ""),
    "visibility": ("#e2b65a", "10 5"),
    "growth": ("#7ee08a", "3 4"),
    "trust": ("#7ec8e0", "14 4 3 4"),
}


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    colour: str
    dash: str
    points: str
    summary: str


@dataclass(frozen=True)
class MeterChart:
    width: int
    height: int
    minutes: int
    lines: tuple[Line, ...]


def step_chart(found: dict, labels: dict[str, str], end: datetime) -> MeterChart:
    """Lay out each meter's points (each with .at and .value) up to end as a step line on one
    0–100 scale; labels name the meters."""
    start = min(points[0].at for points in found.values())
    end = max([end, *(points[-1].at for points in found.values())])
    span = max((end - start).total_seconds(), 1.0)

    def x(at: datetime) -> float:
        return round((at - start).total_seconds() / span * WIDTH, 1)

    def y(value: int) -> float:
        return round(HEIGHT - value / 100 * HEIGHT, 1)

    lines = [_step_line(key, labels[key], points, x, y) for key, points in found.items()]
    return MeterChart(WIDTH, HEIGHT, int(span // 60), tuple(lines))


def _step_line(key: str, label: str, points: Sequence, x, y) -> Line:
    coords = []
    for i, point in enumerate(points):
        if i:
            coords.append((x(point.at), y(points[i - 1].value)))  # hold, then step
        coords.append((x(point.at), y(point.value)))
    coords.append((WIDTH, y(points[-1].value)))
    values = [p.value for p in points]
    summary = (
        f"{label}: started at {values[0]}, lowest {min(values)}, highest {max(values)}, "
        f"ended at {values[-1]}"
    )
    colour, dash = STYLE.get(key, ("#cccccc", ""))
    return Line(key, label, colour, dash, " ".join(f"{a},{b}" for a, b in coords), summary)
