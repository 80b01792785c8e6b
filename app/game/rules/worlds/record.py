"""On the record: a private credit score moved by money, a short-lived platform score, and a
court blacklist of debtors who refuse to pay. What the sources document."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.game.rules.acts import Attempt, Effect, History, Situation
from app.game.rules.tracks import BLACKLIST, DEBT, FILE, PLATFORM, PRIVATE, WELLBEING
from app.game.rules.worlds import NOT_PAYING, PAYING, World

PRIVATE_DELTAS = {
    "buy": 0,
    "bill-on-time": 8,
    "bill-late": -15,
    "debt-pay": 5,
    "debt-skip": -20,
    "gaming": -8,
}
COURT_TO_SESAME = -25  # from July 2015 the court shared its list with Sesame Credit
LUXURY_PRICE = 100
PLATFORM_LIFETIME = timedelta(minutes=5)
SESAME_DATING = 650  # the private score that brings the dating badge
SESAME_VISA = 750  # and the visa fast track


def platform_active(started_at: datetime | None, now: datetime) -> bool:
    """Say whether the platform score still exists: it is withdrawn soon after launch."""
    return started_at is None or now < started_at + PLATFORM_LIFETIME


@dataclass(frozen=True)
class Record(World):
    def effects(
        self, attempt: Attempt, history: History, standings: Mapping[str, int], reason: str,
        situation: Situation,
    ) -> list[Effect]:  # fmt: skip
        action = attempt.action
        found = []
        if action in PRIVATE_DELTAS:
            delta = PRIVATE_DELTAS[action]
            note = reason if action != "buy" else f"{reason}: an ordinary purchase"
            found.append(Effect("private", delta, note))
            if situation.platform_active:
                found.append(Effect("platform", delta, note))
        if action == "debt-skip" and not standings["blacklist"]:
            found.append(
                Effect("blacklist", 1, "Listed as a dishonest person subject to enforcement")
            )
            found.append(Effect("private", COURT_TO_SESAME, "The court shared its blacklist"))
        if action == "debt-pay" and standings["blacklist"] and standings["debt"] == 1:
            found.append(Effect("blacklist", -1, "Debt paid: removed from the court blacklist"))
        return found

    def consequences(self, standings: Mapping[str, int]) -> tuple[str, ...]:
        found: tuple[str, ...] = ()
        if standings["blacklist"]:
            found += ("court-blacklist",)
        if standings["private"] >= SESAME_VISA:
            found += ("sesame-visa", "sesame-dating")
        elif standings["private"] >= SESAME_DATING:
            found += ("sesame-dating",)
        return found

    def part_key(self, name: str, standings: Mapping[str, int]) -> str | None:
        """The record has no tier to show before what is in force: that part is the same for
        everyone. Its records show every standing."""
        return "" if name == "now" else None

    def banned(self, standings: Mapping[str, int]) -> bool:
        """The court list bars flights and fast trains."""
        return bool(standings["blacklist"])

    def locked(self, attempt: Attempt, standings: Mapping[str, int]) -> str | None:
        if standings["blacklist"] and attempt.price >= LUXURY_PRICE:
            return (
                "Luxury spending is banned while you are on the court blacklist "
                f"(the game draws the line at ¥{LUXURY_PRICE})."
            )
        return None

    def meter_effects(self, attempt: Attempt, meters_now: Mapping[str, int]) -> list[Effect]:
        if attempt.action == "report":
            return [Effect("trust", -3, "A neighbour was reported")]
        if attempt.action == "debt-skip":
            return [Effect("visibility", 3, "A name added to the court blacklist")]
        return super().meter_effects(attempt, meters_now)


RECORD = Record(
    "record",
    "On the record",
    (PRIVATE, PLATFORM, BLACKLIST, WELLBEING, DEBT, FILE),
    "private",
    rewarded=PAYING,  # what the record documents: the private score weighs paying
    punished=NOT_PAYING,
    cards=("private", "platform", "pboc-licence", "tencent-alibaba"),
    act_cards=(("debt-skip", "court-sesame"),),
    status_label="Court list",
    meter_acts=frozenset({"complain", "report", "debt-skip"}),
)
