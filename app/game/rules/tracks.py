"""Tracks and tiers: what a citizen's standings are measured on. Pure: no Flask, no database."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Track:
    key: str
    label: str
    baseline: int
    low: int
    high: int
    hidden: bool = False  # never shown to the player before the debrief

    def clamp_delta(self, value: int, delta: int) -> int:
        """Return the part of delta that keeps value within the track's range."""
        return min(max(value + delta, self.low), self.high) - value


SCORE = Track("score", "Citizen Score", 600, 350, 950)
WELLBEING = Track("wellbeing", "Wellbeing", 50, 0, 100)
PRIVATE = Track("private", "Private credit score", 600, 350, 950)
PLATFORM = Track("platform", "Platform credit score", 600, 300, 850)
BLACKLIST = Track("blacklist", "Court blacklist", 0, 0, 1)
DEBT = Track("debt", "Court-ordered debts", 1, 0, 5)
FILE = Track("file", "Personnel file", 0, -100, 100, hidden=True)


@dataclass(frozen=True)
class Tier:
    key: str
    name: str
    low: int
    high: int
    cooldown_factor: int
    consequences: tuple[str, ...]


TIERS: tuple[Tier, ...] = (
    Tier(
        "untrustworthy",
        "Untrustworthy",
        350,
        549,
        3,
        ("slowed-internet-3", "travel-ban", "civil-service-closed", "public-blacklist"),
    ),
    Tier("watched", "Watched", 550, 599, 2, ("slowed-internet-2", "loan-deposit")),
    Tier("ordinary", "Ordinary", 600, 649, 1, ()),
    Tier("trusted", "Trusted", 650, 699, 1, ("deposit-free-rentals", "dating-badge")),
    Tier("model", "Model citizen", 700, 950, 1, ("visa-fast-track", "priority-services")),
)


def tier_for(score: int) -> Tier:
    """Return the tier a citizen score falls in."""
    for tier in TIERS:
        if tier.low <= score <= tier.high:
            return tier
    raise ValueError(f"score {score} is outside {SCORE.low}–{SCORE.high}")


def neighbours(tier: Tier) -> tuple[Tier | None, Tier | None]:
    """Return the tiers just below and just above."""
    index = TIERS.index(tier)
    below = TIERS[index - 1] if index > 0 else None
    above = TIERS[index + 1] if index + 1 < len(TIERS) else None
    return below, above
