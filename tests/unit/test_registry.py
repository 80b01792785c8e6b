"""Worlds and acts are declarations: a third world and a new act need nothing else. No app."""

from datetime import datetime

import pytest

from app.game import rules
from app.game.rules import acts, worlds
from tests.worlds import GARDEN, REPUTATION, RUMOUR, declared_garden, registered_rumour

NOW = datetime(2026, 1, 1, 12, 0, 0)
rumour = pytest.fixture(registered_rumour)
garden = pytest.fixture(declared_garden)


def base(world: rules.World, **values) -> dict[str, int]:
    return {track.key: track.baseline for track in world.tracks} | values


def test_a_third_world_decides_acts_by_its_own_rules(rumour):
    assert rules.world_for("rumour") is RUMOUR and rules.TRACKS["reputation"] == REPUTATION
    shared = rules.apply(RUMOUR, rules.Attempt("share", "x", points=12), base(RUMOUR),
                         rules.History(), NOW)  # fmt: skip
    assert [(e.track, e.delta) for e in shared.effects] == [
        ("reputation", 20),
        ("wellbeing", -2),
        ("file", 1),
    ]
    complained = rules.apply(RUMOUR, rules.Attempt("complain", "y", channel="online"),
                             base(RUMOUR), rules.History(), NOW)  # fmt: skip
    assert ("reputation", -40) in [(e.track, e.delta) for e in complained.effects]
    assert RUMOUR.consequences(base(RUMOUR, reputation=400)) == ("loan-deposit",)
    assert RUMOUR.tier(base(RUMOUR)) is None and RUMOUR.slowed(base(RUMOUR)) == {}
    assert RUMOUR.conformity(["share", "complain", "visit"]) == 0.5


def test_an_act_that_needs_a_track_the_world_lacks_is_impossible_there(rumour):
    outcome = rules.apply(RUMOUR, rules.Attempt("debt-pay"), base(RUMOUR), rules.History(), NOW)
    assert outcome.refusal == "impossible" and outcome.message == "You have no court-ordered debts."


def test_a_withdrawn_world_is_gone_with_its_own_tracks_only():
    rules.register(RUMOUR)
    assert set(rules.WORLDS) == {"video", "record", "rumour"} and "reputation" in rules.TRACKS
    worlds.withdraw("rumour")
    assert set(rules.WORLDS) == {"video", "record"}
    assert "reputation" not in rules.TRACKS and "file" in rules.TRACKS


def test_a_world_without_wellbeing_or_the_file_is_refused():
    bare = rules.World("bare", "Bare", (REPUTATION,), "reputation")
    with pytest.raises(ValueError, match="wellbeing and the file"):
        rules.register(bare)
    assert "bare" not in rules.WORLDS


def test_a_track_key_means_the_same_track_in_every_world():
    other = rules.Track("score", "Another score", 0, 0, 10)
    clash = rules.World("clash", "Clash", (other, rules.WELLBEING, rules.FILE), "score")
    with pytest.raises(ValueError, match="differs"):
        rules.register(clash)
    with pytest.raises(ValueError, match="registered twice"):
        rules.register(rules.VIDEO)


def test_a_new_daily_act_is_one_declaration_in_every_world(garden):
    assert rules.on_page("life")[-1] == "garden"
    for world in (rules.VIDEO, rules.RECORD):
        outcome = rules.apply(world, rules.Attempt("garden"), base(world), rules.History(), NOW)
        assert [(e.track, e.delta, e.reason) for e in outcome.effects] == [
            ("wellbeing", 4, "Tended the garden")
        ]
        waiting = rules.apply(world, rules.Attempt("garden"), base(world),
                              rules.History(last_done=NOW), NOW)  # fmt: skip
        assert waiting.refusal == "cooldown" and waiting.retry_after == GARDEN.cooldown
    assert rules.VIDEO.cards_for(["garden"])[-1] == "gaming"


def test_an_act_is_declared_once_on_a_known_page(garden):
    with pytest.raises(ValueError, match="declared twice"):
        rules.declare(GARDEN)
    with pytest.raises(ValueError, match="unknown page"):
        rules.declare(rules.Act("nap", "Nap", 5, "bedroom", "Napped"))
    assert "nap" not in rules.ACTS


def test_a_cooldown_group_has_room_for_the_act_service():
    crowd = [rules.Act(f"bill-{i}", "Pay", 5, "life", "Paid", group="bill") for i in range(3)]
    with pytest.raises(ValueError, match="share its cooldown"):
        rules.declare(*crowd)
    for act in crowd:
        acts.ACTS.pop(act.key, None)
    assert rules.cooldown_group("bill-on-time") == ("bill-on-time", "bill-late")


def test_a_report_marks_its_target_as_a_rules_output():
    outcome = rules.apply(rules.RECORD, rules.Attempt("report", "Bo"), base(rules.RECORD),
                          rules.History(), NOW)  # fmt: skip
    assert [(e.track, e.delta) for e in outcome.on_target] == [("file", -1)]
    befriend = rules.apply(rules.VIDEO, rules.Attempt("befriend", "Bo"), base(rules.VIDEO),
                           rules.History(), NOW)  # fmt: skip
    assert befriend.on_target == ()
