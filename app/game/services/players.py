"""Rounds, citizens and players: creating them and finding a player's current citizen.

A player's acts, and the instructor's awards and fines, are in acts.py.
"""

import secrets

from flask import current_app
from sqlalchemy import bindparam, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.extensions import db
from app.game import ledger, rules
from app.game.content.catalogue import catalogue
from app.game.ledger import write_transaction
from app.game.reads.lookups import CitizenRow, citizen_row, current_round, newest_round_id
from app.game.rules import society
from app.models import Citizen, Classroom, Round, Standing, User, utcnow

OPEN_CODE = "OPEN00"  # reserved: "0" is not in the join-code alphabet
_CITIZENS, _ROUNDS = Citizen.__table__, Round.__table__


CURRENT_CITIZEN = select(*_CITIZENS.c).where(
    _CITIZENS.c.user_id == bindparam("user"),
    _CITIZENS.c.round_id == newest_round_id(bindparam("classroom")),
)


def open_round() -> Round:
    """Return the running round of the open classroom that hosts solo play, creating it once."""
    classroom = db.session.scalar(select(Classroom).where(Classroom.is_open))
    if classroom is None:
        try:
            with write_transaction() as session:
                classroom = Classroom(name="Solo play", join_code=OPEN_CODE, is_open=True)
                session.add(classroom)
                session.flush()
                round_ = add_round(session, classroom.id, 1, rules.DEFAULT_WORLD, "running")
                add_town(session, round_, current_app.config["SOLO_NEIGHBOURS"])
        except IntegrityError:
            pass  # another request created it first
        classroom = db.session.scalar(select(Classroom).where(Classroom.is_open))
    return current_round(classroom.id)


def add_town(session: Session, round_: Round, count: int) -> None:
    """Give solo play a town of simulated neighbours, so that friends, reports, the blacklist
    and the class meters have someone to work with."""
    if count:
        temperaments = list(catalogue().temperaments)
        add_citizens(
            session, round_, society.simulated_people(round_.seed, set(), count, temperaments)
        )
        round_.simulated_at = round_.started_at


def add_round(session: Session, classroom_id: int, number: int, world: str, status: str) -> Round:
    """Create a round with its class meters at their baselines."""
    now = utcnow()
    running = status == "running"
    round_ = Round(
        classroom_id=classroom_id,
        number=number,
        world=world,
        status=status,
        started_at=now if running else None,
        growth_at=now if running else None,
        seed=secrets.randbelow(2**31),
    )
    session.add(round_)
    session.flush()
    ledger.add_meters(session, round_.id)
    return round_


def add_citizen(session: Session, round_: Round, user: User, display_name: str) -> Citizen:
    """Create a citizen with every track of the round's world at its baseline."""
    add_citizens(session, round_, [(user.id, display_name)])
    return session.scalars(
        select(Citizen).where(Citizen.round_id == round_.id, Citizen.user_id == user.id)
    ).one()


def add_citizens(session: Session, round_: Round, people: list[tuple]) -> None:
    """Create many citizens at once, every track of the round's world at its baseline: people
    are (account, name) pairs, or (None, name, temperament) for simulated citizens."""
    if not people:
        return
    now = utcnow()
    ids = session.scalars(
        insert(Citizen).returning(Citizen.id, sort_by_parameter_order=True),
        [
            {
                "round_id": round_.id,
                "user_id": person[0],
                "display_name": person[1],
                "temperament": person[2] if len(person) > 2 else None,
                "created_at": now,
            }
            for person in people
        ],
    ).all()
    tracks = rules.world_for(round_.world).tracks
    session.execute(
        insert(Standing),
        [
            {"citizen_id": citizen_id, "track": t.key, "baseline": t.baseline, "value": t.baseline}
            for citizen_id in ids
            for t in tracks
        ],
    )


def register_player(username: str, password_hash: str) -> User:
    """Create a player account with a citizen in the open round; raise IntegrityError if taken."""
    round_ = open_round()
    with write_transaction() as session:
        user = User(
            username=username, password_hash=password_hash, classroom_id=round_.classroom_id
        )
        session.add(user)
        session.flush()
        add_citizen(session, round_, user, username)
    return user


def current_citizen(user, known=None) -> CitizenRow | None:
    """Return the user's citizen in their classroom's current round (solo play joins lazily).

    The citizen is read as a row: the pages only read it, and every write goes by its id.
    `known` is that citizen when it was already read (with the signed-in account).
    """
    if user.classroom_id is None:
        return None
    citizen = known or (
        db.session.connection()
        .execute(CURRENT_CITIZEN, {"classroom": user.classroom_id, "user": user.id})
        .first()
    )
    if citizen is None:
        round_ = current_round(user.classroom_id)
        if round_.classroom_id == open_round().classroom_id:
            with write_transaction() as session:
                citizen = add_citizen(session, round_, user, user.username)
    return citizen_row(citizen) if citizen is not None else None
