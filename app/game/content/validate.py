"""The rules the content must keep: every source cited, every rule's card and consequence
present. The catalogue refuses to load when one is broken."""

from typing import TYPE_CHECKING

from app.game import rules

if TYPE_CHECKING:
    from app.game.content.catalogue import Catalogue


class ContentError(ValueError):
    """The content files break a rule the game relies on."""


def cited_ids(loaded: "Catalogue") -> set[str]:
    """Return the id of every source that some card, consequence, fact or statement cites."""
    items = [*loaded.consequences.values(), *loaded.mechanics.values()]
    found = {s.id for item in items for s in item.cited}
    found |= {s.id for fact in loaded.facts for s in fact.sources}
    found |= {s.id for statement in loaded.statements.values() for s in statement.sources}
    return found


def check(loaded: "Catalogue") -> None:
    """Fail loudly when the content and the rules disagree."""
    unknown = set(loaded.channels) - set(rules.CHANNEL_PENALTY)
    if unknown:
        raise ContentError(f"channels without a rule: {sorted(unknown)}")
    for tier in rules.TIERS:
        missing = [c for c in tier.consequences if c not in loaded.consequences]
        if missing:
            raise ContentError(f"tier {tier.key}: unknown consequences {missing}")
    missing = [a.key for a in rules.ACTS.values() if a.mechanic not in loaded.mechanics]
    if missing:
        raise ContentError(f"actions without a mechanic card: {missing}")
    for world in rules.WORLDS.values():
        for standings in _corners(world):
            for key in world.consequences(standings):
                if key not in loaded.consequences:
                    raise ContentError(f"{world.key}: unknown consequence {key!r}")
    for temperament in loaded.temperaments.values():
        unknown = {act for act, _ in temperament.weights} - set(rules.ACTS)
        unknown |= {act for _, factors in temperament.when for act, _ in factors} - set(rules.ACTS)
        if unknown:
            raise ContentError(f"temperament {temperament.id}: unknown acts {sorted(unknown)}")
    for statement in loaded.statements.values():
        if not statement.sources:
            raise ContentError(f"statement {statement.id}: cites no source")
    unused = set(loaded.sources) - cited_ids(loaded)
    if unused:
        raise ContentError(f"sources cited by nothing: {sorted(unused)}")


def _corners(world: rules.World) -> list[dict[str, int]]:
    """Return standings at every end of every track, to reach every consequence."""
    found = []
    for track in world.tracks:
        for value in (track.low, track.high):
            standings = {t.key: t.baseline for t in world.tracks} | {track.key: value}
            found.append(standings)
    found.append({t.key: t.high for t in world.tracks})
    return found
