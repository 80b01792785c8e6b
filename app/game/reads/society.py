"""How a round's simulated society fared beside its players, and how many citizens it has."""

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from app.extensions import db
from app.game import rules
from app.game.content.catalogue import TAGS, catalogue
from app.models import Citizen, Event, Round, Standing

PLAYERS = "Players"
PLAYERS_SUMMARY = "The people playing the round, each with an account."


@dataclass(frozen=True)
class Fared:
    """How one group of a round's citizens ended up: the players, or one temperament."""

    name: str
    summary: str
    citizens: int
    score: int | None  # the means over the group; None for an empty group
    wellbeing: int | None
    file: float | None
    conformity: float | None = None  # the share of judged acts the world's scores reward
    tag: str | None = None  # a temperament's reality tag; the players have none

    @property
    def tag_label(self) -> str | None:
        return TAGS[self.tag] if self.tag else None


def head_count(round_id: int) -> tuple[int, int]:
    """Return how many players and how many simulated citizens a round has (removed included)."""
    simulated = Citizen.temperament.is_not(None)
    players, people = db.session.execute(
        select(func.count().filter(~simulated), func.count().filter(simulated)).where(
            Citizen.round_id == round_id
        )
    ).one()
    return players, people


def fared(round_: Round) -> list[Fared]:
    """Return how the players and each temperament fared in a round, from the standings: the
    number of citizens, their mean score, wellbeing and hidden file, and how much they
    conformed (removed citizens count in none). Empty for a round without simulated citizens."""
    world = rules.world_for(round_.world)
    score, well, file = aliased(Standing), aliased(Standing), aliased(Standing)
    rows = db.session.execute(
        select(
            Citizen.temperament,
            func.count(),
            func.avg(score.value),
            func.avg(well.value),
            func.avg(file.value),
        )
        .join(score, and_(score.citizen_id == Citizen.id, score.track == world.primary))
        .join(well, and_(well.citizen_id == Citizen.id, well.track == rules.WELLBEING.key))
        .join(file, and_(file.citizen_id == Citizen.id, file.track == rules.FILE.key))
        .where(Citizen.round_id == round_.id, Citizen.kicked_at.is_(None))
        .group_by(Citizen.temperament)
    ).all()
    groups = {temperament: row for temperament, *row in rows}
    if not any(temperament is not None for temperament in groups):
        return []
    conformity = {t: world.conformity(acts) for t, acts in _acts(round_.id).items()}
    known = catalogue().temperaments
    order = [t for t in known if t in groups] + sorted(t for t in groups if t and t not in known)
    found = [_group(PLAYERS, PLAYERS_SUMMARY, groups.get(None), conformity.get(None))]
    for key in order:
        temperament = known.get(key)  # None: the content has changed since; its id stands
        name, summary = (temperament.name, temperament.summary) if temperament else (key, "")
        found.append(_group(name, summary, groups[key], conformity.get(key), "invented"))
    return found


def _acts(round_id: int) -> dict[str | None, list[str]]:
    """Return the acts of a round's citizens by temperament (None: the players'), each act
    once however many tracks it moved; not what others did to them, nor the instructor."""
    simulated = Citizen.temperament.is_not(None)
    own = or_(
        and_(~simulated, Event.actor == "system"), and_(simulated, Event.actor == "simulated")
    )
    rows = db.session.execute(
        select(Citizen.temperament, Event.citizen_id, Event.created_at, Event.action)
        .join(Citizen, Citizen.id == Event.citizen_id)
        .where(Event.round_id == round_id, Citizen.kicked_at.is_(None), own)
        .distinct()
    )
    found: dict[str | None, list[str]] = {}
    for temperament, _, _, action in rows:
        found.setdefault(temperament, []).append(action)
    return found


def _group(name: str, summary: str, row, conformity=None, tag: str | None = None) -> Fared:
    if row is None:
        return Fared(name, summary, 0, None, None, None, conformity, tag)
    count, score, wellbeing, file = row
    return Fared(
        name,
        summary,
        count,
        round(float(score)),
        round(float(wellbeing)),
        round(float(file), 1),
        conformity,
        tag,
    )


def temperaments_of(round_id: int) -> dict[int, str]:
    """Return the temperament's name of each of a round's simulated citizens, by citizen id."""
    known = catalogue().temperaments
    rows = db.session.execute(
        select(Citizen.id, Citizen.temperament).where(
            Citizen.round_id == round_id, Citizen.temperament.is_not(None)
        )
    )
    return {citizen: known[t].name if t in known else t for citizen, t in rows}
