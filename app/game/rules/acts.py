"""Acts: each is one declaration, whatever world it is done in. Pure: no Flask, no database.

A declaration says what the act is called, which page offers it, whom it is aimed at, how it
feels (wellbeing), how the ledger words it and what it writes into the hidden file. What it
does to the scores is each world's part (see worlds/).
"""

from dataclasses import dataclass
from datetime import datetime
from math import ceil

PAGES = ("feed", "shop", "complain", "life", "citizens")
MAX_GROUP = 4  # acts sharing one cooldown: the act service reads them with fixed parameters


@dataclass(frozen=True)
class Effect:
    track: str
    delta: int
    reason: str


@dataclass(frozen=True)
class Act:
    key: str
    label: str  # what the act is called
    cooldown: int  # seconds, at normal internet speed
    page: str  # the page that offers it, one of PAGES
    done: str  # the ledger's words: may use {title}, {origin}, {channel}
    wellbeing: int = 0
    button: str = ""  # the button's words where they differ from the label
    group: str = ""  # acts of one group share a cooldown
    card: str = ""  # the myth-or-record card that explains it (default: the key)
    aimed: bool = False  # aimed at another citizen of the round
    bond: str = ""  # "add" or "remove": makes or ends a friendship with the citizen aimed at
    projected: str = ""  # the projector's words for an aimed act: it never names the target
    on_target: Effect | None = None  # what the act writes on the citizen it is aimed at
    target_event: str = ""  # the ledger's action for that write
    file_line: str = ""  # written into the hidden file: the act is political
    file_weight: int = 1  # negative: a black mark, heavier in a crackdown
    needs: str = ""  # a track that must be above zero (a debt to pay or skip)
    moves: tuple[tuple[str, int], ...] = ()  # tracks it moves in every world (a debt paid)
    repeats_earn_less: bool = False  # the same item done again is worth less
    slow_wellbeing: int | None = None  # the wellbeing when a travel ban slows the act

    @property
    def political(self) -> bool:
        return bool(self.file_line)

    @property
    def mechanic(self) -> str:
        return self.card or self.key

    @property
    def part(self) -> str:
        """The page part that offers it: one per cooldown group, else one per act."""
        return self.group or self.key


ACTS: dict[str, Act] = {}


def declare(*acts: Act) -> None:
    """Add acts to the registry; a key may be declared once."""
    for act in acts:
        if act.key in ACTS:
            raise ValueError(f"act {act.key!r} is declared twice")
        if act.page not in PAGES:
            raise ValueError(f"act {act.key!r}: unknown page {act.page!r}")
        ACTS[act.key] = act
        if len(cooldown_group(act.key)) > MAX_GROUP:
            del ACTS[act.key]
            raise ValueError(f"act {act.key!r}: more than {MAX_GROUP} acts share its cooldown")


def withdraw(key: str) -> None:
    """Remove an act from the registry (a test's own act, once it is done)."""
    del ACTS[key]


def on_page(page: str) -> tuple[str, ...]:
    """Return the acts a page offers, in the order they were declared."""
    return tuple(key for key, act in ACTS.items() if act.page == page)


def cooldown_group(action: str) -> tuple[str, ...]:
    """Return the actions that share a cooldown with this one."""
    group = ACTS[action].group
    if not group:
        return (action,)
    return tuple(key for key, act in ACTS.items() if act.group == group)


def cooldown_for(action: str, factor: float = 1) -> int:
    """Return the seconds between two actions of a kind: slower when the internet is slowed."""
    return ceil(ACTS[action].cooldown * factor)


@dataclass(frozen=True)
class Attempt:
    """What a citizen tries to do, with the facts of the item the rules need."""

    action: str
    title: str = ""
    points: int = 0
    origin: str = ""
    channel: str = ""
    price: int = 0


@dataclass(frozen=True)
class History:
    """What the ledger says about this citizen and this action."""

    last_done: datetime | None = None
    item_count: int = 0


@dataclass(frozen=True)
class Situation:
    """What else the rules weigh: friends, the instructor's crackdown, the platform score."""

    friends_mean: float | None = None
    crackdown: int = 0
    platform_active: bool = True
    pace: float = 1.0  # scales every cooldown (the game's PACE setting)


ALONE = Situation()


@dataclass(frozen=True)
class Outcome:
    effects: tuple[Effect, ...] = ()
    refusal: str | None = None  # "locked", "cooldown" or "impossible"
    message: str = ""
    retry_after: int = 0
    on_target: tuple[Effect, ...] = ()  # what the act writes on the citizen it is aimed at


def ordinal(n: int) -> str:
    """Return 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def reason_for(attempt: Attempt, history: History) -> str:
    """Say in the player's words what they did."""
    act = ACTS[attempt.action]
    reason = act.done.format(title=attempt.title, origin=attempt.origin, channel=attempt.channel)
    if act.repeats_earn_less and history.item_count:
        reason += f" for the {ordinal(history.item_count + 1)} time: repeats earn less"
    return reason


def file_effect(attempt: Attempt, crackdown: int) -> Effect | None:
    """Return what a political act writes into the hidden file (None for any other act)."""
    act = ACTS[attempt.action]
    if not act.political:
        return None
    weight = act.file_weight * (1 + crackdown) if act.file_weight < 0 else act.file_weight
    line = act.file_line.format(title=attempt.title, channel=attempt.channel)
    return Effect("file", weight, line)


declare(
    Act("share", "Share a Party article", 10, "feed", "Shared “{title}”", wellbeing=-2,
        repeats_earn_less=True, file_line="Circulated approved material. Attitude: correct."),
    Act("buy", "Buy foreign media", 15, "shop", "Bought {title} (from {origin})", wellbeing=6),
    Act("complain", "Complain", 20, "complain", "Complained about {title} ({channel})",
        wellbeing=5, file_weight=-1,
        file_line="Raised a complaint about {title} ({channel}). Attitude: to be watched."),
    Act("befriend", "Befriend a citizen", 10, "citizens", "Befriended {title}", wellbeing=3,
        button="Befriend", group="friends", card="friends", aimed=True, bond="add",
        projected="Befriended a neighbour"),
    Act("unfriend", "Unfriend a citizen", 10, "citizens", "Unfriended {title}", wellbeing=-2,
        button="Unfriend", group="friends", card="friends", aimed=True, bond="remove",
        projected="Unfriended a neighbour"),
    Act("bill-on-time", "Pay a bill on time", 30, "life", "Paid a bill on time",
        group="bill", card="bill"),
    Act("bill-late", "Pay a bill late", 30, "life", "Paid a bill late", group="bill", card="bill"),
    Act("debt-pay", "Pay the court-ordered debt", 30, "life", "Paid the court-ordered debt",
        group="debt", card="debt", needs="debt", moves=(("debt", -1),)),
    Act("debt-skip", "Skip the court-ordered debt", 30, "life", "Skipped the court-ordered debt",
        group="debt", card="debt", needs="debt"),
    Act("report", "Report a neighbour", 30, "citizens", "Reported {title}", wellbeing=-4,
        button="Report", aimed=True, projected="Reported a neighbour",
        on_target=Effect("file", -1, "Named in a neighbour's report. To be verified."),
        target_event="reported",
        file_line="Reported on a neighbour. Cooperative with the authorities."),
    Act("gaming", "Spend an evening gaming", 20, "life", "Spent an evening gaming", wellbeing=5),
    Act("visit", "Visit family", 30, "life", "Visited family", wellbeing=8, slow_wellbeing=3),
)  # fmt: skip


def promotion(loyalty: int, flags: int) -> str:
    """Decide the promotion the hidden file brings: flags weigh double."""
    standing = loyalty - 2 * flags
    if standing >= 2:
        return "promoted"
    if standing < 0:
        return "passed over"
    return "unchanged"
