"""The two forms of the true-or-myth check are parallel and do not give their answers away."""

import tomllib
from collections import Counter

import pytest

from app.game.content.catalogue import CONTENT, catalogue


def raw_statements() -> list[dict]:
    with (CONTENT / "checks.toml").open("rb") as handle:
        return tomllib.load(handle)["statement"]


@pytest.mark.parametrize("form", ["A", "B"])
def test_each_form_has_six_true_statements_and_six_myths(form):
    mine = [s for s in catalogue().statements.values() if s.form == form]
    assert len(mine) == 12
    assert sum(s.true for s in mine) == 6


@pytest.mark.parametrize("form", ["A", "B"])
def test_wording_and_salience_do_not_give_the_answer_away(form):
    """True statements and myths have the same mix of sweeping and hedged wording, and of
    alarming and mundane claims, so neither "absolute = myth" nor "shocking = myth" works."""
    rows = [s for s in raw_statements() if s["form"] == form]
    mix = {
        truth: Counter((s["wording"], s["salience"]) for s in rows if s["true"] is truth)
        for truth in (True, False)
    }
    assert mix[True] == mix[False]
    assert mix[True][("sweeping", "mundane")] + mix[True][("sweeping", "alarming")] == 3


@pytest.mark.parametrize("form", ["A", "B"])
def test_two_transfer_statements_per_form_one_true_one_myth(form):
    transfer = [s for s in catalogue().statements.values() if s.form == form and s.transfer]
    assert sorted(s.true for s in transfer) == [False, True]


# What each transfer statement is about, in words no card may use.
TRANSFER_TOPICS = {
    "a-school-fees": "school fee",
    "a-bank-history": "lender",
    "b-executives": "corporate",
    "b-people-only": "business",
}


def test_transfer_statements_are_on_topics_no_card_covers():
    statements = catalogue().statements
    assert {k for k, s in statements.items() if s.transfer} == set(TRANSFER_TOPICS)
    cards = " ".join(f"{c.title} {c.what} {c.note}" for c in catalogue().mechanics.values())
    for key, topic in TRANSFER_TOPICS.items():
        assert topic in (statements[key].text + statements[key].explanation).lower() or any(
            topic in s.supports.lower() for s in statements[key].sources
        ), key
        assert topic not in cards.lower(), key


def test_every_statement_cites_sources_and_explains_its_answer():
    for statement in catalogue().statements.values():
        assert statement.sources, statement.id
        word = "True." if statement.true else "Myth"
        assert statement.explanation.startswith(word), statement.id


def test_the_forms_do_not_repeat_a_statement():
    texts = [s.text for s in catalogue().statements.values()]
    assert len(set(texts)) == len(texts) == 24


@pytest.mark.parametrize("user_id", [1, 2])
def test_the_order_on_the_page_gives_nothing_away(user_id):
    """The file lists true statements first; the page mixes them: no half is one kind."""
    from app.game.reads.checks import statements_for

    for phase in ("before", "after"):
        shown = statements_for(user_id, phase)
        assert 2 <= sum(s.true for s in shown[:6]) <= 4
        assert [s.id for s in shown] == [s.id for s in statements_for(user_id + 2, phase)]
