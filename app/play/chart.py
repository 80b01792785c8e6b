"""An SVG line chart of a track over time, laid out on the server."""

from dataclasses import dataclass

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


def line_chart(values: list[int], track: rules.Track, tiers=()) -> Chart:
    """Lay out values (one per event) across the chart, with a band for each tier."""
    drawn = values if len(values) > 1 else values * 2  # one value: a flat line across
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
