"""The decision: what an attempt does in a world, or why it is refused. Pure."""

from collections.abc import Mapping
from datetime import datetime, timedelta
from math import ceil

from app.game.rules.acts import (
    ACTS,
    ALONE,
    Attempt,
    Effect,
    History,
    Outcome,
    Situation,
    cooldown_for,
    file_effect,
    reason_for,
)
from app.game.rules.worlds import TRACKS, World


def seconds_left(last_done: datetime | None, cooldown: int, now: datetime) -> int:
    """Return the whole seconds until an action may be done again (0 when ready)."""
    if last_done is None:
        return 0
    remaining = (last_done + timedelta(seconds=cooldown) - now).total_seconds()
    return max(0, ceil(remaining))


def raw_effects(
    world: World, attempt: Attempt, history: History, standings: Mapping[str, int], s: Situation
) -> list[Effect]:
    """Return the unclamped effects of an attempt, in the order they apply."""
    act = ACTS[attempt.action]
    reason = reason_for(attempt, history)
    found = world.effects(attempt, history, standings, reason, s)
    found += [Effect(track, delta, reason) for track, delta in act.moves]
    if act.slow_wellbeing is not None and attempt.action in world.slowed(standings):
        found.append(Effect("wellbeing", act.slow_wellbeing, f"{reason} the slow way"))
    elif act.wellbeing:
        found.append(Effect("wellbeing", act.wellbeing, reason))
    marked = file_effect(attempt, s.crackdown)
    return found + [marked] if marked else found


def apply(
    world: World,
    attempt: Attempt,
    standings: Mapping[str, int],
    history: History,
    now: datetime,
    situation: Situation = ALONE,
) -> Outcome:
    """Decide what an attempt does: refused (locked, cooling down, impossible) or its effects."""
    act = ACTS[attempt.action]
    locked = world.locked(attempt, standings)
    if locked:
        return Outcome(refusal="locked", message=locked)
    if act.needs and not standings.get(act.needs):
        label = TRACKS[act.needs].label.lower() if act.needs in TRACKS else act.needs
        return Outcome(refusal="impossible", message=f"You have no {label}.")
    factor = world.act_factor(standings, attempt.action)
    wait = seconds_left(
        history.last_done, cooldown_for(attempt.action, factor * situation.pace), now
    )
    if wait:
        return Outcome(
            refusal="cooldown",
            retry_after=wait,
            message=_wait_message(world, standings, attempt.action, wait),
        )
    values = dict(standings)
    effects: list[Effect] = []
    for effect in raw_effects(world, attempt, history, standings, situation):
        effects.append(_clamped(world, values, effect))
    for effect in world.after(values, situation):
        effects.append(_clamped(world, values, effect))
    aimed = (act.on_target,) if act.on_target else ()
    return Outcome(effects=tuple(effects), on_target=aimed)


def _wait_message(world: World, standings: Mapping[str, int], action: str, wait: int) -> str:
    if action in world.slowed(standings):
        return f"The slow way home takes time. Try again in {wait} s."
    if world.cooldown_factor(standings) > 1:
        return f"Your internet is slow. Try again in {wait} s."
    return f"Not so fast. Try again in {wait} s."


def _clamped(world: World, values: dict[str, int], effect: Effect) -> Effect:
    delta = world.track(effect.track).clamp_delta(values[effect.track], effect.delta)
    values[effect.track] += delta
    return Effect(effect.track, delta, effect.reason)
