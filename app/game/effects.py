"""What each act does in each world: the effect tables and the decision. Pure, like rules.py."""

from collections.abc import Mapping
from datetime import datetime

from app.game.rules import (
    ACTIONS,
    CHANNEL_PENALTY,
    LUXURY_PRICE,
    Attempt,
    Effect,
    History,
    Outcome,
    Situation,
    World,
    act_factor,
    cooldown_factor,
    cooldown_for,
    media_penalty,
    ordinal,
    seconds_left,
    share_points,
    slowed_for,
)

WELLBEING = {
    "share": -2,
    "buy": 6,
    "complain": 5,
    "visit": 8,
    "befriend": 3,
    "unfriend": -2,
    "report": -4,
    "gaming": 5,
}
VIDEO_SCORE = {"report": 10, "bill-on-time": 3, "bill-late": -5, "debt-pay": 5, "debt-skip": -10}
RECORD_PRIVATE = {
    "buy": 0,
    "bill-on-time": 8,
    "bill-late": -15,
    "debt-pay": 5,
    "debt-skip": -20,
    "gaming": -8,
}
SLOW_VISIT_WELLBEING = 3  # the slow way home: the visit does less good
COURT_TO_SESAME = -25  # from July 2015 the court shared its list with Sesame Credit
ALONE = Situation()
FRIENDS_PULL = 0.1
FRIENDS_PULL_MAX = 15
DONE = {
    "visit": "Visited family",
    "bill-on-time": "Paid a bill on time",
    "bill-late": "Paid a bill late",
    "debt-pay": "Paid the court-ordered debt",
    "debt-skip": "Skipped the court-ordered debt",
    "gaming": "Spent an evening gaming",
}
FILE_LINES = {
    "share": "Circulated approved material. Attitude: correct.",
    "complain": "Raised a complaint about {title} ({channel}). Attitude: to be watched.",
    "report": "Reported on a neighbour. Cooperative with the authorities.",
}


def reason_for(attempt: Attempt, history: History) -> str:
    """Say in the player's words what they did."""
    action = attempt.action
    if action == "share":
        reason = f"Shared “{attempt.title}”"
        if history.item_count:
            reason += f" for the {ordinal(history.item_count + 1)} time: repeats earn less"
        return reason
    if action == "buy":
        return f"Bought {attempt.title} (from {attempt.origin})"
    if action == "complain":
        return f"Complained about {attempt.title} ({attempt.channel})"
    if action in ("befriend", "unfriend", "report"):
        verb = {"befriend": "Befriended", "unfriend": "Unfriended", "report": "Reported"}[action]
        return f"{verb} {attempt.title}"
    return DONE[action]


def friends_pull(score: int, friends_mean: float | None) -> int:
    """Return how far friends' scores pull a score toward their mean, never past it."""
    if friends_mean is None:
        return 0
    gap = friends_mean - score
    pull = max(-FRIENDS_PULL_MAX, min(FRIENDS_PULL_MAX, int(gap * FRIENDS_PULL)))
    return pull


def video_effects(attempt: Attempt, history: History, reason: str, s: Situation) -> list[Effect]:
    """The viral video's claims: one score that politics and friends move."""
    action, harsher = attempt.action, 1 + s.crackdown
    if action == "share":
        return [Effect("score", share_points(attempt.points, history.item_count), reason)]
    if action == "buy":
        return [Effect("score", media_penalty(attempt.origin) * harsher, reason)]
    if action == "complain":
        return [Effect("score", CHANNEL_PENALTY[attempt.channel] * harsher, reason)]
    delta = VIDEO_SCORE.get(action, 0)
    if not delta:
        return []
    return [Effect("score", delta * harsher if delta < 0 else delta, reason)]


def record_effects(
    attempt: Attempt, standings: Mapping[str, int], reason: str, s: Situation
) -> list[Effect]:
    """What is documented: a private score moved by money, a court blacklist, a withdrawn score."""
    action = attempt.action
    found = []
    if action in RECORD_PRIVATE:
        delta = RECORD_PRIVATE[action]
        note = reason if action != "buy" else f"{reason}: an ordinary purchase"
        found.append(Effect("private", delta, note))
        if s.platform_active:
            found.append(Effect("platform", delta, note))
    if action == "debt-skip" and not standings["blacklist"]:
        found.append(Effect("blacklist", 1, "Listed as a dishonest person subject to enforcement"))
        found.append(Effect("private", COURT_TO_SESAME, "The court shared its blacklist"))
    if action == "debt-pay" and standings["blacklist"] and standings["debt"] == 1:
        found.append(Effect("blacklist", -1, "Debt paid: removed from the court blacklist"))
    return found


def raw_effects(
    world: World, attempt: Attempt, history: History, standings: Mapping[str, int], s: Situation
) -> list[Effect]:
    """Return the unclamped effects of an attempt, in the order they apply."""
    reason = reason_for(attempt, history)
    if world.key == "video":
        found = video_effects(attempt, history, reason, s)
    else:
        found = record_effects(attempt, standings, reason, s)
    if attempt.action == "debt-pay":
        found.append(Effect("debt", -1, reason))
    if attempt.action in slowed_for(world, standings):
        found.append(Effect("wellbeing", SLOW_VISIT_WELLBEING, f"{reason} the slow way"))
    elif attempt.action in WELLBEING:
        found.append(Effect("wellbeing", WELLBEING[attempt.action], reason))
    if ACTIONS[attempt.action].political:
        weight = -(1 + s.crackdown) if attempt.action == "complain" else 1
        line = FILE_LINES[attempt.action].format(title=attempt.title, channel=attempt.channel)
        found.append(Effect("file", weight, line))
    return found


def with_friends(world: World, values: dict[str, int], s: Situation) -> list[Effect]:
    """In the viral video, friends' scores pull yours toward theirs after every act."""
    if world.key != "video":
        return []
    pull = friends_pull(values["score"], s.friends_mean)
    return [Effect("score", pull, "Your friends' scores pulled yours")] if pull else []


def apply(
    world: World,
    attempt: Attempt,
    standings: Mapping[str, int],
    history: History,
    now: datetime,
    situation: Situation = ALONE,
) -> Outcome:
    """Decide what an attempt does: refused (locked, cooling down, impossible) or its effects."""
    if world.key == "record" and standings["blacklist"] and attempt.price >= LUXURY_PRICE:
        return Outcome(
            refusal="locked",
            message="Luxury spending is banned while you are on the court blacklist "
            f"(the game draws the line at ¥{LUXURY_PRICE}).",
        )
    if attempt.action.startswith("debt-") and not standings["debt"]:
        return Outcome(refusal="impossible", message="You have no court-ordered debt.")
    factor = act_factor(world, standings, attempt.action)
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
    for effect in with_friends(world, values, situation):
        effects.append(_clamped(world, values, effect))
    return Outcome(effects=tuple(effects))


def _wait_message(world: World, standings: Mapping[str, int], action: str, wait: int) -> str:
    if action in slowed_for(world, standings):
        return f"The slow way home takes time. Try again in {wait} s."
    if cooldown_factor(world, standings) > 1:
        return f"Your internet is slow. Try again in {wait} s."
    return f"Not so fast. Try again in {wait} s."


def _clamped(world: World, values: dict[str, int], effect: Effect) -> Effect:
    delta = world.track(effect.track).clamp_delta(values[effect.track], effect.delta)
    values[effect.track] += delta
    return Effect(effect.track, delta, effect.reason)
