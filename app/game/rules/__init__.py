"""Pure game rules: tracks and tiers, acts, worlds, the decision, the class meters.

No Flask and no database: every function here takes values and returns values. The two
worlds of the game are registered here; a test may register a world or declare an act of
its own (and withdraw it after).
"""

from app.game.rules.acts import (
    ACTS,
    ALONE,
    Act,
    Attempt,
    Effect,
    History,
    Outcome,
    Situation,
    cooldown_for,
    cooldown_group,
    declare,
    on_page,
    ordinal,
    promotion,
    reason_for,
)
from app.game.rules.decide import apply, seconds_left
from app.game.rules.tracks import (
    BLACKLIST,
    DEBT,
    FILE,
    PLATFORM,
    PRIVATE,
    SCORE,
    TIERS,
    WELLBEING,
    Tier,
    Track,
    neighbours,
    tier_for,
)
from app.game.rules.worlds import TRACKS, WORLDS, World, register, world_for
from app.game.rules.worlds.record import LUXURY_PRICE, PLATFORM_LIFETIME, RECORD, platform_active
from app.game.rules.worlds.video import CHANNEL_PENALTY, VIDEO, media_penalty, share_points

register(VIDEO)
register(RECORD)
DEFAULT_WORLD = VIDEO.key  # solo play, and a new class unless the instructor picks another

__all__ = [
    "ACTS", "ALONE", "BLACKLIST", "CHANNEL_PENALTY", "DEBT", "DEFAULT_WORLD", "FILE",
    "LUXURY_PRICE", "PLATFORM", "PLATFORM_LIFETIME", "PRIVATE", "RECORD", "SCORE", "TIERS",
    "TRACKS", "VIDEO", "WELLBEING", "WORLDS", "Act", "Attempt", "Effect", "History", "Outcome",
    "Situation", "Tier", "Track", "World", "apply", "cooldown_for", "cooldown_group", "declare",
    "media_penalty", "neighbours", "on_page", "ordinal", "platform_active", "promotion",
    "reason_for", "register", "seconds_left", "share_points", "tier_for", "world_for",
]  # fmt: skip
