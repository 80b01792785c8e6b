"""The society's choices: seeded, bounded by rhythm, and moved by the round's situation. No app."""

from collections import Counter

from app.game import rules
from app.game.content.catalogue import catalogue
from app.game.rules import society

CALM = society.Moment(crackdown=0, meters={"visibility": 10, "unrest": 10, "growth": 60},
                      score=600, baseline=600)  # fmt: skip


def choices(temperament: str, moment: society.Moment, ticks: int = 4000) -> Counter:
    found = Counter()
    for tick in range(ticks):
        rng = society.generator(1, "Quiet Crane (simulated)", tick)
        act = society.choose(catalogue().temperaments[temperament], rng, moment, set(rules.ACTS), 1)
        found[act] += 1
    return found


def test_a_citizen_acts_about_once_per_rhythm():
    for temperament in catalogue().temperaments.values():
        acted = sum(n for act, n in choices(temperament.id, CALM).items() if act)
        expected = 4000 * society.TICK / temperament.rhythm
        assert 0.85 * expected < acted < 1.15 * expected, temperament.id


def test_the_same_seed_gives_the_same_choice_and_another_seed_others():
    one = [society.generator(5, "A", t).random() for t in range(50)]
    assert one == [society.generator(5, "A", t).random() for t in range(50)]
    assert one != [society.generator(6, "A", t).random() for t in range(50)]


def test_a_crackdown_makes_believers_report_and_share_more_and_quiet_ones_buy_less():
    crackdown = society.Moment(1, CALM.meters, 600, 600)
    calm, hard = choices("believer", CALM), choices("believer", crackdown)
    assert hard["report"] > calm["report"] * 1.2 and hard["share"] > calm["share"] * 1.2
    assert choices("quiet", crackdown)["buy"] < choices("quiet", CALM)["buy"] * 0.8


def test_loud_complainers_grow_louder_when_control_is_plain_to_see():
    seen = society.Moment(0, {**CALM.meters, "visibility": 60}, 600, 600)
    assert society.conditions(seen) == {"control"}
    share = lambda found: found["complain"] / sum(n for a, n in found.items() if a)  # noqa: E731
    assert share(choices("loud", seen)) > share(choices("loud", CALM))


def test_conditions_read_the_moment():
    low = society.Moment(0, {"visibility": 0, "unrest": 70, "growth": 10}, 550, 600, 520.0)
    assert society.conditions(low) == {"unrest", "slowdown", "low", "friends_lower"}
    assert society.conditions(CALM) == frozenset()


def test_simulated_people_are_marked_named_alike_for_a_seed_and_take_turns():
    people = society.simulated_people(9, set(), 12, ["a", "b", "c"])
    assert people == society.simulated_people(9, set(), 12, ["a", "b", "c"])
    assert all(name.endswith(society.MARK) and user is None for user, name, _ in people)
    assert [t for *_, t in people][:4] == ["a", "b", "c", "a"]
    assert len({name for _, name, _ in people}) == 12
