"""The teacher's kit content and the economy in the meters model."""

import pytest

from app.game.content import kit
from app.game.content.catalogue import ContentError
from app.game.rules import meters


def test_the_kit_loads_with_both_plans_and_listed_reasons():
    loaded = kit.kit()
    assert [plan.id for plan in loaded.plans] == ["one-lesson", "two-lessons", "split-class"]
    assert len(loaded.plans[1].lessons) == 2
    assert kit.reason("role-play: spreading rumours").fits(-10)
    assert not kit.reason("role-play: spreading rumours").fits(10)
    assert kit.reason("correction: undo an earlier change").fits(-5)
    assert kit.reason("You are lazy") is None


def test_a_lesson_that_does_not_take_45_minutes_is_refused():
    with pytest.raises(ContentError, match="40 min"):
        kit._lesson({"title": "Short", "step": [{"minutes": 40, "what": "x", "detail": "y"}]})
    with pytest.raises(ContentError, match="unknown kind"):
        kit._reason({"text": "role-play: x", "kind": "penalty"})


def test_growth_calms_unrest_and_a_slowdown_stirs_it():
    calm = meters.growth_effect({"growth": 90, "unrest": 40}, minutes=2)
    assert (calm.track, calm.delta) == ("unrest", -6)
    stir = meters.growth_effect({"growth": 10, "unrest": 40}, minutes=3)
    assert (stir.track, stir.delta, stir.reason) == ("unrest", 6, "A slowdown over 3 min")
    assert meters.growth_effect({"growth": 10, "unrest": 100}, minutes=3) is None
    assert meters.growth_effect({"growth": 25, "unrest": 40}, minutes=1) is None  # flat


def test_the_lever_moves_growth_to_its_level():
    change = meters.growth_change({"growth": 60}, "boom")
    assert (change.track, change.delta, change.reason) == ("growth", 30, "The economy booms")
    assert meters.growth_change({"growth": 10}, "slowdown") is None
    assert meters.growth_level(58).key == "steady" and meters.growth_level(85).key == "boom"
