"""Score the true-or-myth check as signal detection: telling true from myth, apart from a lean.

A true statement is the signal, a myth the noise. A hit is a true statement judged true, a
false alarm a myth judged true. Discrimination (d′) says how well someone tells them apart;
the criterion (c) says how readily they answer "true" at all: negative c leans to "true",
positive c to "myth". A class that answers "myth" to everything gains no d′, only c.
"""

from dataclasses import dataclass
from itertools import pairwise
from statistics import NormalDist, mean

_Z = NormalDist().inv_cdf

# A confidence level and its weight; an answer becomes a 1–6 rating of how sure the player is
# that the statement is true: 6 = "true, sure" … 1 = "myth, sure".
CONFIDENCE = {3: "Sure", 2: "I think so", 1: "Guessing"}


@dataclass(frozen=True)
class Answer:
    is_true: bool  # what the statement is
    said_true: bool  # what the player answered
    confidence: int = 0  # 1 guessing, 2 think so, 3 sure; 0 when not asked


@dataclass(frozen=True)
class Sheet:
    """The counts of one answer sheet (or of many pooled)."""

    hits: int
    misses: int
    false_alarms: int
    correct_rejections: int

    @property
    def signal(self) -> int:
        return self.hits + self.misses

    @property
    def noise(self) -> int:
        return self.false_alarms + self.correct_rejections

    @property
    def hit_rate(self) -> float | None:
        return self.hits / self.signal if self.signal else None

    @property
    def false_alarm_rate(self) -> float | None:
        return self.false_alarms / self.noise if self.noise else None

    @property
    def true_right(self) -> int:
        return self.hits

    @property
    def myth_right(self) -> int:
        return self.correct_rejections


def sheet(answers: list[Answer]) -> Sheet:
    """Count hits, misses, false alarms and correct rejections."""
    return Sheet(
        hits=sum(a.is_true and a.said_true for a in answers),
        misses=sum(a.is_true and not a.said_true for a in answers),
        false_alarms=sum(not a.is_true and a.said_true for a in answers),
        correct_rejections=sum(not a.is_true and not a.said_true for a in answers),
    )


def corrected_rates(counts: Sheet) -> tuple[float, float]:
    """Return the hit and false-alarm rates with the log-linear correction (Hautus 1995):
    add 0.5 to hits and false alarms and 1 to each count, so no rate is 0 or 1."""
    return (
        (counts.hits + 0.5) / (counts.signal + 1),
        (counts.false_alarms + 0.5) / (counts.noise + 1),
    )


def d_prime(counts: Sheet) -> float | None:
    """Return discrimination d′ = z(H) − z(F), or None without both kinds of statement."""
    if not counts.signal or not counts.noise:
        return None
    hit, false_alarm = corrected_rates(counts)
    return _Z(hit) - _Z(false_alarm)


def criterion(counts: Sheet) -> float | None:
    """Return the criterion c = −(z(H) + z(F)) / 2; above 0 leans to "myth"."""
    if not counts.signal or not counts.noise:
        return None
    hit, false_alarm = corrected_rates(counts)
    return -(_Z(hit) + _Z(false_alarm)) / 2


def rating(answer: Answer) -> int:
    """Return the answer as a 1–6 rating that the statement is true."""
    level = answer.confidence or 1
    return 3 + level if answer.said_true else 4 - level


def roc(answers: list[Answer]) -> list[tuple[float, float]] | None:
    """Return the ROC: (false-alarm rate, hit rate) when "true" means a rating of at least k,
    for k from 6 down to 1, from (0, 0) to (1, 1); None without both kinds of statement."""
    signal = [rating(a) for a in answers if a.is_true]
    noise = [rating(a) for a in answers if not a.is_true]
    if not signal or not noise:
        return None
    points = [(0.0, 0.0)]
    for k in range(6, 0, -1):
        points.append(
            (sum(r >= k for r in noise) / len(noise), sum(r >= k for r in signal) / len(signal))
        )
    return points


def area(points: list[tuple[float, float]]) -> float:
    """Return the area under an ROC by the trapezoid rule: 0.5 is chance, 1 is perfect."""
    return sum((x1 - x0) * (y0 + y1) / 2 for (x0, y0), (x1, y1) in pairwise(points))


@dataclass(frozen=True)
class Figures:
    """What a group's answer sheets show, and how many players they rest on."""

    players: int
    hit_rate: float | None
    false_alarm_rate: float | None
    d_prime: float | None
    criterion: float | None


def group(sheets: list[Sheet]) -> Figures:
    """Average each player's rates, d′ and c over a group (each player counts once)."""

    def average(values):
        values = [v for v in values if v is not None]
        return mean(values) if values else None

    return Figures(
        players=len(sheets),
        hit_rate=average(s.hit_rate for s in sheets),
        false_alarm_rate=average(s.false_alarm_rate for s in sheets),
        d_prime=average(d_prime(s) for s in sheets),
        criterion=average(criterion(s) for s in sheets),
    )


def reading(d: float | None, c: float | None) -> str:
    """Say in plain words what a d′ and a c mean."""
    if d is None or c is None:
        return "Not enough answers to tell."
    if d >= 1.5:
        telling = "You told true statements from myths well"
    elif d >= 0.5:
        telling = "You told true statements from myths somewhat better than chance"
    elif d > -0.5:
        telling = "You told true statements from myths about as well as a coin toss"
    else:
        telling = "You mixed true statements and myths up more often than not"
    if c > 0.3:
        lean = "you leaned towards calling things myths, true ones included."
    elif c < -0.3:
        lean = "you leaned towards believing statements, myths included."
    else:
        lean = "you leaned neither way."
    return f"{telling}, and {lean}"
