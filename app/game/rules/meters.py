"""The class as a whole: unrest, visibility, economic growth and trust. Pure."""

from collections.abc import Mapping
from dataclasses import dataclass

from app.game.rules.acts import Effect
from app.game.rules.tracks import Track


@dataclass(frozen=True)
class Meter:
    track: Track
    rising: tuple[tuple[int, str], ...] = ()  # thresholds crossed upwards, with a headline
    falling: tuple[tuple[int, str], ...] = ()  # thresholds crossed downwards


METERS: dict[str, Meter] = {
    m.track.key: m
    for m in (
        Meter(
            Track("unrest", "Unrest", 10, 0, 100),
            rising=(
                (30, "Complaints spread online"),
                (60, "A protest gathers in the square"),
                (85, "Strikes close the factories"),
            ),
        ),
        Meter(
            Track("visibility", "Visibility of control", 10, 0, 100),
            rising=(
                (50, "People notice the hand of control"),
                (80, "Control is everywhere to see: fear and anger grow"),
            ),
        ),
        Meter(
            Track("growth", "Economic growth", 60, 0, 100),
            rising=((80, "A boom: new jobs everywhere"),),
            falling=((30, "The economy slows: factories lay off workers"),),
        ),
        Meter(
            Track("trust", "Trust between neighbours", 70, 0, 100),
            falling=(
                (50, "Neighbours grow wary of each other"),
                (25, "Nobody speaks freely any more"),
            ),
        ),
    )
}
CHANNEL_UNREST = {"online": 2, "petition": 3, "protest": 5}
CRACKDOWN_VISIBILITY = 15
EASE_VISIBILITY = -10
MAX_CRACKDOWN = 2
SLOWDOWN = 30  # growth below this no longer calms unrest: it stirs it


@dataclass(frozen=True)
class GrowthLevel:
    key: str
    label: str
    value: int
    reason: str


# the instructor's economy lever; steady is the growth meter's baseline
GROWTH_LEVELS = {
    level.key: level
    for level in (
        GrowthLevel("boom", "Boom", 90, "The economy booms"),
        GrowthLevel("steady", "Steady", 60, "Growth steadies"),
        GrowthLevel("slowdown", "Slowdown", 10, "The economy slows down"),
    )
}


def complaint_effect(channel: str, meters: Mapping[str, int]) -> Effect:
    """Return what a complaint does to unrest: more when the hand of control is visible."""
    faster = 1 + meters["visibility"] // 50  # a visible hand of control feeds complaints
    reason = "A complaint" + (", and control is plain to see" if faster > 1 else "")
    return Effect("unrest", CHANNEL_UNREST[channel] * faster, reason)


def growth_effect(meters: Mapping[str, int], minutes: int) -> Effect | None:
    """Return how economic growth moves unrest over some minutes: growth calms, a slowdown stirs."""
    growth = meters["growth"]
    if growth < SLOWDOWN:
        stir = (SLOWDOWN - growth) // 10 * minutes
        if stir <= 0 or meters["unrest"] >= METERS["unrest"].track.high:
            return None
        return Effect("unrest", stir, f"A slowdown over {minutes} min")
    calm = growth // SLOWDOWN * minutes
    if meters["unrest"] <= 0:
        return None
    return Effect("unrest", -calm, f"Steady economic growth over {minutes} min")


def growth_change(meters: Mapping[str, int], level: str) -> Effect | None:
    """Return the move of the growth meter to a level of the lever (None if it is there)."""
    target = GROWTH_LEVELS[level]
    delta = target.value - meters["growth"]
    return Effect("growth", delta, target.reason) if delta else None


def growth_level(value: int) -> GrowthLevel:
    """Return the lever's level nearest to a growth value."""
    return min(GROWTH_LEVELS.values(), key=lambda level: abs(level.value - value))


def shaming_effect() -> Effect:
    """A public fine by the instructor makes control more visible."""
    return Effect("visibility", 2, "A public fine")


def crackdown_effect(level_before: int, level_after: int) -> Effect:
    """Return what a crackdown or an easing does to visibility."""
    if level_after > level_before:
        return Effect("visibility", CRACKDOWN_VISIBILITY, "The authorities crack down")
    return Effect("visibility", EASE_VISIBILITY, "The authorities ease off")


def clamp(meter: str, value: int, delta: int) -> int:
    """Return the part of delta that keeps a meter within its range."""
    return METERS[meter].track.clamp_delta(value, delta)


def headline(meter: str, before: int, after: int) -> str | None:
    """Return the headline of the threshold a change crossed, if any."""
    found = None
    for level, text in METERS[meter].rising:
        if before < level <= after:
            found = text
    for level, text in METERS[meter].falling:
        if after < level <= before:
            found = text
    return found
