"""Classroom and round lifecycle: create, join, run, reset (archive), purge."""

from sqlalchemy import delete, select, update

from app.game import ledger, rules
from app.game.ledger import Refused, write_transaction
from app.game.reads.lookups import current_round
from app.game.rules import meters
from app.game.rules.codes import new_join_code
from app.game.services.joining import suggest_pseudonym
from app.game.services.players import add_citizens, add_round
from app.models import (
    CheckAnswer,
    Citizen,
    Classroom,
    Event,
    Friendship,
    Guess,
    MeterEvent,
    Round,
    Standing,
    User,
    utcnow,
)

TRANSITIONS = {
    "start": ({"lobby"}, "running"),
    "pause": ({"running"}, "paused"),
    "resume": ({"paused"}, "running"),
    "end": ({"lobby", "running", "paused"}, "ended"),
}
STATES = {"lobby": "waiting to start", "running": "running", "paused": "paused", "ended": "ended"}
COMMAND_WORDS = {"start": "start", "pause": "be paused", "resume": "resume", "end": "end"}


def state_sentence(round_: Round) -> str:
    """Say where a round is, as a person would: "Round 2 is waiting to start"."""
    if round_.status == "ended":
        return f"{round_.name} has ended"
    return f"{round_.name} is {STATES.get(round_.status, round_.status)}"


def create_classroom(
    owner: User, name: str, world: str = rules.DEFAULT_WORLD, time_zone: str = "UTC"
) -> Classroom:
    """Open a classroom with a fresh join code and its first round in the lobby."""
    rules.world_for(world)
    with write_transaction() as session:
        code = new_join_code()
        while session.scalar(select(Classroom.id).where(Classroom.join_code == code)):
            code = new_join_code()
        classroom = Classroom(name=name, join_code=code, owner_id=owner.id, time_zone=time_zone)
        session.add(classroom)
        session.flush()
        add_round(session, classroom.id, 1, world, "lobby")
    return classroom


def rename_classroom(classroom_id: int, name: str) -> None:
    with write_transaction() as session:
        session.get(Classroom, classroom_id).name = name
        _bump(session, classroom_id)


def set_display(classroom_id: int, show_names: bool, show_blacklist: bool) -> None:
    """Choose what the projector shows: pseudonyms in the ticker, the public blacklist."""
    with write_transaction() as session:
        classroom = session.get(Classroom, classroom_id)
        classroom.show_names, classroom.show_blacklist = show_names, show_blacklist
        _bump(session, classroom_id)


def set_joining(classroom_id: int, joining_open: bool) -> None:
    """Open or close a class to new players (members carry on either way)."""
    with write_transaction() as session:
        session.get(Classroom, classroom_id).joining_open = joining_open
        _bump(session, classroom_id)


def set_time_zone(classroom_id: int, time_zone: str) -> None:
    """Set the zone the class's times are shown in (the caller checks the name)."""
    with write_transaction() as session:
        session.get(Classroom, classroom_id).time_zone = time_zone
        _bump(session, classroom_id)


def set_banned_words(classroom_id: int, words: str) -> None:
    with write_transaction() as session:
        session.get(Classroom, classroom_id).banned_words = words


def _bump(session, classroom_id: int) -> None:
    """Mark the classroom's current round as changed, so live pages refresh."""
    session.execute(
        update(Round)
        .where(Round.id == current_round(classroom_id).id)
        .values(revision=Round.revision + 1)
    )


def change_status(round_id: int, command: str) -> Round:
    """Move a round through lobby → running ⇄ paused → ended."""
    allowed, target = TRANSITIONS.get(command, (set(), ""))
    with write_transaction() as session:
        round_ = session.get(Round, round_id)
        if round_.status not in allowed:
            raise Refused(
                f"{state_sentence(round_)}; it cannot {COMMAND_WORDS.get(command, command)} now."
            )
        now = utcnow()
        if round_.status == "running":
            ledger.settle_growth(session, round_, now)
        round_.status = target
        round_.revision += 1
        if target == "running":
            round_.started_at = round_.started_at or now
            round_.growth_at = now  # paused time brings no growth
            if round_.simulated_at is not None:
                round_.simulated_at = now  # a simulated society sleeps through a pause
        if target == "ended":
            round_.ended_at = now
            round_.debrief_open = True
    return round_


def set_crackdown(round_id: int, level: int) -> Round:
    """Crack down (penalties harsher, control visible) or ease off, during a running round."""
    with write_transaction() as session:
        round_ = session.get(Round, round_id)
        if round_.status not in ("running", "paused"):
            raise Refused(f"{state_sentence(round_)}; crack down or ease off while it runs.")
        level = max(0, min(meters.MAX_CRACKDOWN, level))
        if level == round_.crackdown:
            raise Refused("Nothing to change: that is the current level.")
        effect = meters.crackdown_effect(round_.crackdown, level)
        ledger.apply_effects(session, round_, utcnow(), lambda _v: [effect], "instructor")
        round_.crackdown = level
        round_.revision += 1
    return round_


def open_debrief(round_id: int) -> Round:
    """Let players see their debrief (it opens by itself when the round ends)."""
    with write_transaction() as session:
        round_ = session.get(Round, round_id)
        round_.debrief_open = True
        round_.revision += 1
    return round_


def reset_round(classroom_id: int, round_id: int, world: str) -> Round:
    """End and archive the current round, open the next, give every member a fresh citizen."""
    rules.world_for(world)
    with write_transaction() as session:
        old = current_round(classroom_id)
        if old.id != round_id:
            raise Refused(f"That round was already reset; the class is now in {old.name}.")
        if old.status != "ended":
            old.status, old.ended_at = "ended", utcnow()
        old.revision += 1
        new = add_round(session, classroom_id, old.number + 1, world, "lobby")
        names, removed = {}, set()
        for user_id, name, kicked_at in session.execute(
            select(Citizen.user_id, Citizen.display_name, Citizen.kicked_at).where(
                Citizen.round_id == old.id
            )
        ):
            names[user_id] = name
            if kicked_at is not None:
                removed.add(user_id)
        if removed:  # a removed player leaves the class; they may join the next round anew
            session.execute(update(User).where(User.id.in_(removed)).values(classroom_id=None))
        members = session.scalars(
            select(User.id).where(User.classroom_id == classroom_id).order_by(User.id)
        ).all()
        add_citizens(
            session,
            new,
            [(user_id, names.get(user_id) or suggest_pseudonym()) for user_id in members],
        )
    return new


def kick(citizen_id: int) -> None:
    """Remove a player from the round: they can no longer act, and their device cannot rejoin.

    The account and its resume code are kept, so that readmitting undoes the removal whole.
    """
    with write_transaction() as session:
        citizen = session.get(Citizen, citizen_id)
        if citizen.kicked_at is not None:
            raise Refused(f"{citizen.display_name} was already removed.")
        round_ = session.get(Round, citizen.round_id)
        if current_round(round_.classroom_id).id != round_.id:
            raise Refused(f"{round_.name} is over; its players can no longer be removed.")
        citizen.kicked_at = utcnow()
        _touch(session, citizen.round_id)


def readmit(citizen_id: int) -> None:
    """Undo a removal in the current round: the player acts again where they left off."""
    with write_transaction() as session:
        citizen = session.get(Citizen, citizen_id)
        round_ = session.get(Round, citizen.round_id)
        if citizen.kicked_at is None:
            raise Refused(f"{citizen.display_name} is not removed.")
        if current_round(round_.classroom_id).id != round_.id:
            raise Refused(f"{round_.name} is over; {citizen.display_name} can join the new one.")
        citizen.kicked_at = None
        session.get(User, citizen.user_id).classroom_id = round_.classroom_id
        _touch(session, round_.id)


def _touch(session, round_id: int) -> None:
    session.execute(update(Round).where(Round.id == round_id).values(revision=Round.revision + 1))


def purge_round(round_id: int, typed_name: str) -> None:
    """Delete an ended round's citizens, standings and ledger for good; the round stays listed."""
    with write_transaction() as session:
        round_ = session.get(Round, round_id)
        if typed_name.strip() != round_.name:
            raise Refused(f"Type the round's name exactly, “{round_.name}”, to delete it.", 400)
        if round_.status != "ended":
            raise Refused(f"{state_sentence(round_)}; only an ended round can be deleted.")
        if round_.purged_at is not None:
            raise Refused(f"{round_.name}'s data was already deleted.")
        citizens = select(Citizen.id).where(Citizen.round_id == round_id)
        session.execute(delete(Event).where(Event.round_id == round_id))
        session.execute(delete(MeterEvent).where(MeterEvent.round_id == round_id))
        for model in (Standing, CheckAnswer, Guess):
            session.execute(delete(model).where(model.citizen_id.in_(citizens)))
        session.execute(delete(Friendship).where(Friendship.citizen_id.in_(citizens)))
        session.execute(delete(Citizen).where(Citizen.round_id == round_id))
        round_.purged_at = utcnow()
        round_.revision += 1
