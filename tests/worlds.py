"""A small third world and a new daily act, declared the way the game declares its own."""

from collections.abc import Mapping
from dataclasses import dataclass

from app.game import rules
from app.game.rules import acts, worlds

REPUTATION = rules.Track("reputation", "Neighbourhood reputation", 500, 0, 1000)


@dataclass(frozen=True)
class Rumour(rules.World):
    """Gossip decides: sharing pleases the neighbours, complaining offends them."""

    def effects(self, attempt, history, standings, reason, situation):
        delta = {"share": 20, "complain": -40, "visit": 10}.get(attempt.action, 0)
        return [rules.Effect("reputation", delta, reason)] if delta else []

    def consequences(self, standings: Mapping[str, int]) -> tuple[str, ...]:
        return ("loan-deposit",) if standings["reputation"] < 480 else ()


RUMOUR = Rumour(
    "rumour",
    "The village rumour mill",
    (REPUTATION, rules.WELLBEING, rules.FILE),
    "reputation",
    rewarded=frozenset({"share"}),
    punished=frozenset({"complain"}),
    status_label="Gossip",
)
GARDEN = rules.Act(
    "garden", "Tend the garden", 25, "life", "Tended the garden", wellbeing=4, card="gaming"
)


def registered_rumour():
    """Register the third world for one test, and withdraw it after."""
    rules.register(RUMOUR)
    try:
        yield RUMOUR
    finally:
        worlds.withdraw(RUMOUR.key)


def declared_garden():
    """Declare the new daily act for one test, and withdraw it after."""
    rules.declare(GARDEN)
    try:
        yield GARDEN
    finally:
        acts.withdraw(GARDEN.key)
