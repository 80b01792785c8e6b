"""The check's signal-detection scores, pinned to worked examples done by hand.

Every sheet has 6 true statements (the signal) and 6 myths (the noise). With the log-linear
correction H = (hits + 0.5) / 7 and F = (false alarms + 0.5) / 7. The z values below are read
from a normal table: z(5.5/7 = 0.7857) = 0.7916, z(6.5/7 = 0.9286) = 1.4652,
z(4.5/7 = 0.6429) = 0.3661, and z(1 − p) = −z(p).
"""

import pytest

from app.game.rules.detection import (
    Answer,
    Sheet,
    area,
    criterion,
    d_prime,
    group,
    rating,
    reading,
    roc,
    sheet,
)

TOL = 1e-3


def answers(hits: int, false_alarms: int, confidence: int = 0) -> list[Answer]:
    """A sheet of 6 true statements and 6 myths with the given hits and false alarms."""
    signal = [Answer(True, i < hits, confidence) for i in range(6)]
    noise = [Answer(False, i < false_alarms, confidence) for i in range(6)]
    return signal + noise


def test_counts_and_raw_rates():
    counts = sheet(answers(hits=4, false_alarms=1))
    assert counts == Sheet(hits=4, misses=2, false_alarms=1, correct_rejections=5)
    assert counts.hit_rate == pytest.approx(4 / 6)
    assert counts.false_alarm_rate == pytest.approx(1 / 6)


def test_a_good_sheet():
    # H = 5.5/7, F = 1.5/7: d′ = 0.7916 − (−0.7916) = 1.5832; c = −(0.7916 − 0.7916)/2 = 0
    counts = sheet(answers(hits=5, false_alarms=1))
    assert d_prime(counts) == pytest.approx(1.5832, abs=TOL)
    assert criterion(counts) == pytest.approx(0.0, abs=TOL)


def test_an_uneven_sheet():
    # H = 4.5/7, F = 1.5/7: d′ = 0.3661 + 0.7916 = 1.1577; c = −(0.3661 − 0.7916)/2 = 0.2128
    counts = sheet(answers(hits=4, false_alarms=1))
    assert d_prime(counts) == pytest.approx(1.1577, abs=TOL)
    assert criterion(counts) == pytest.approx(0.2128, abs=TOL)


def test_all_true_is_no_discrimination_and_a_lean_to_true():
    # H = F = 6.5/7 (uncorrected: 1 and 1, d′ = ∞ − ∞): d′ = 0; c = −1.4652
    counts = sheet(answers(hits=6, false_alarms=6))
    assert d_prime(counts) == pytest.approx(0.0, abs=TOL)
    assert criterion(counts) == pytest.approx(-1.4652, abs=TOL)


def test_all_myth_is_no_discrimination_and_a_lean_to_myth():
    # H = F = 0.5/7: d′ = 0; c = +1.4652. Calling everything a myth is not learning.
    counts = sheet(answers(hits=0, false_alarms=0))
    assert d_prime(counts) == pytest.approx(0.0, abs=TOL)
    assert criterion(counts) == pytest.approx(1.4652, abs=TOL)


def test_a_perfect_sheet_is_finite():
    # H = 6.5/7, F = 0.5/7 (uncorrected: z(1) − z(0) = ∞): d′ = 1.4652 × 2 = 2.9304; c = 0
    counts = sheet(answers(hits=6, false_alarms=0))
    assert d_prime(counts) == pytest.approx(2.9304, abs=TOL)
    assert criterion(counts) == pytest.approx(0.0, abs=TOL)


def test_no_figures_without_both_kinds_of_statement():
    only_true = sheet([Answer(True, True)])
    assert d_prime(only_true) is None and criterion(only_true) is None
    assert only_true.false_alarm_rate is None
    assert roc([Answer(True, True, 3)]) is None


def test_ratings_run_from_sure_myth_to_sure_true():
    assert [rating(Answer(True, True, c)) for c in (3, 2, 1)] == [6, 5, 4]
    assert [rating(Answer(True, False, c)) for c in (1, 2, 3)] == [3, 2, 1]


def test_roc_and_its_area_by_hand():
    # True statements rated 6 (true, sure) and 3 (myth, guessing); myths rated 4 (true,
    # guessing) and 1 (myth, sure). Thresholds 6…1 give (F, H): (0, .5) (0, .5) (.5, .5)
    # (.5, 1) (.5, 1) (1, 1). Area: .5 × .5 + .5 × 1 = .75, the share of (true, myth) pairs
    # the true one outranks (3 of 4).
    sheet_ = [
        Answer(True, True, 3),
        Answer(True, False, 1),
        Answer(False, True, 1),
        Answer(False, False, 3),
    ]
    points = roc(sheet_)
    assert points == [(0, 0), (0, 0.5), (0, 0.5), (0.5, 0.5), (0.5, 1), (0.5, 1), (1, 1)]
    assert area(points) == pytest.approx(0.75)


def test_roc_of_a_perfect_and_of_a_blind_class():
    assert area(roc(answers(6, 0, confidence=3))) == pytest.approx(1.0)
    assert area(roc(answers(6, 6, confidence=3))) == pytest.approx(0.5)


def test_a_group_averages_players_and_says_how_many():
    figures = group([sheet(answers(6, 0)), sheet(answers(6, 6))])
    assert figures.players == 2
    assert figures.hit_rate == pytest.approx(1.0)
    assert figures.false_alarm_rate == pytest.approx(0.5)
    assert figures.d_prime == pytest.approx(2.9304 / 2, abs=TOL)
    assert figures.criterion == pytest.approx(-1.4652 / 2, abs=TOL)
    assert group([]).players == 0 and group([]).d_prime is None


def test_plain_words():
    assert "well" in reading(2.9, 0.0) and "neither" in reading(2.9, 0.0)
    assert "coin toss" in reading(0.0, 1.46) and "myths" in reading(0.0, 1.46)
    assert "believing" in reading(0.0, -1.46)
    assert reading(None, None) == "Not enough answers to tell."
