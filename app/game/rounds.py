"""Classroom and round lifecycle: create, join, run, reset (archive), purge."""

import hashlib
import re
import secrets

from sqlalchemy import delete, func, select, update

from app.extensions import db
from app.game import rules
from app.game.services import Refused, add_citizen, current_round, write_transaction
from app.models import Citizen, Classroom, Event, Round, Standing, User, utcnow

JOIN_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B
JOIN_CODE = re.compile(rf"^[{JOIN_ALPHABET}]{{6}}$")
PSEUDONYM = re.compile(r"^[^\W_][\w .'-]{1,22}[^\W_]$")
BANNED = {"idiot", "stupid", "loser", "nazi", "hitler", "fuck", "shit", "bitch", "cunt", "dick"}
TRANSITIONS = {
    "start": ({"lobby"}, "running"),
    "pause": ({"running"}, "paused"),
    "resume": ({"paused"}, "running"),
    "end": ({"lobby", "running", "paused"}, "ended"),
}
ADJECTIVES = [
    "Quiet",
    "Brave",
    "Lucky",
    "Swift",
    "Gentle",
    "Bright",
    "Calm",
    "Clever",
    "Honest",
    "Patient",
    "Bold",
    "Careful",
    "Cheerful",
    "Modest",
    "Steady",
]
ANIMALS = [
    "Crane",
    "Panda",
    "Tiger",
    "Heron",
    "Otter",
    "Falcon",
    "Lynx",
    "Badger",
    "Carp",
    "Sparrow",
    "Yak",
    "Gecko",
    "Ibis",
    "Marten",
    "Magpie",
]


def digest(secret: str) -> str:
    """Return the SHA-256 of a high-entropy secret (a resume code or an invite token)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(6))


def new_resume_code() -> str:
    raw = "".join(secrets.choice(JOIN_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def normal_code(code: str) -> str:
    """Upper-case a typed code and drop spaces and dashes."""
    return re.sub(r"[\s-]", "", code or "").upper()


def suggest_pseudonym() -> str:
    return f"{secrets.choice(ADJECTIVES)} {secrets.choice(ANIMALS)}"


def create_classroom(owner: User, name: str, world: str = "video") -> Classroom:
    """Open a classroom with a fresh join code and its first round in the lobby."""
    rules.world_for(world)
    with write_transaction() as session:
        code = new_join_code()
        while session.scalar(select(Classroom.id).where(Classroom.join_code == code)):
            code = new_join_code()
        classroom = Classroom(name=name, join_code=code, owner_id=owner.id)
        session.add(classroom)
        session.flush()
        session.add(Round(classroom_id=classroom.id, number=1, world=world, status="lobby"))
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
            raise Refused(f"{round_.name} is {round_.status}; it cannot {command} now.")
        round_.status = target
        round_.revision += 1
        if target == "ended":
            round_.ended_at = utcnow()
    return round_


def check_pseudonym(classroom: Classroom, round_id: int, name: str) -> str | None:
    """Return why a pseudonym cannot be used in this class, or None."""
    if not PSEUDONYM.match(name):
        return (
            "Use 3–24 letters, digits, spaces, dots or dashes, "
            "starting and ending with a letter or digit."
        )
    if is_filtered(name, classroom.banned_words):
        return "That name is not allowed in this class. Pick another."
    taken = _name_taken(round_id, name)
    return "That name is taken in this class. Pick another." if taken else None


def is_filtered(name: str, extra: str) -> bool:
    """Say whether a name holds a filtered word (whole words; long words anywhere)."""
    words = BANNED | {w.strip().lower() for w in extra.split(",") if w.strip()}
    parts = set(re.split(r"[\W_]+", name.lower()))
    folded = re.sub(r"[\W_]", "", name.lower())
    return bool(parts & words) or any(len(w) >= 5 and w in folded for w in words)


def _name_taken(round_id: int, name: str) -> bool:
    return bool(
        db.session.scalar(
            select(Citizen.id).where(
                Citizen.round_id == round_id, func.lower(Citizen.display_name) == name.lower()
            )
        )
    )


def join_class(classroom: Classroom, pseudonym: str) -> tuple[User, str]:
    """Create a student with a citizen in the current round; return them and a resume code."""
    round_ = current_round(classroom.id)
    if round_.status == "ended":
        raise Refused("The class is between rounds. Wait for the instructor to open the next one.")
    problem = check_pseudonym(classroom, round_.id, pseudonym)
    if problem:
        raise Refused(problem, 400)
    code = new_resume_code()
    with write_transaction() as session:
        user = User(
            username=f"s-{secrets.token_hex(8)}",
            classroom_id=classroom.id,
            resume_hash=digest(normal_code(code)),
        )
        session.add(user)
        session.flush()
        add_citizen(session, round_, user, pseudonym)
        round_.revision += 1
        session.add(round_)
    return user, code


def resume(code: str) -> User | None:
    """Return the student a resume code belongs to."""
    cleaned = normal_code(code)
    if not re.fullmatch(rf"[{JOIN_ALPHABET}]{{10}}", cleaned):
        return None
    return db.session.scalar(select(User).where(User.resume_hash == digest(cleaned)))


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
        new = Round(classroom_id=classroom_id, number=old.number + 1, world=world, status="lobby")
        session.add(new)
        session.flush()
        names = dict(
            session.execute(
                select(Citizen.user_id, Citizen.display_name).where(Citizen.round_id == old.id)
            ).all()
        )
        members = session.scalars(
            select(User).where(User.classroom_id == classroom_id).order_by(User.id)
        ).all()
        for user in members:
            add_citizen(session, new, user, names.get(user.id) or suggest_pseudonym())
    return new


def kick(citizen_id: int) -> None:
    """Remove a player from the class: they can no longer act, resume or return."""
    with write_transaction() as session:
        citizen = session.get(Citizen, citizen_id)
        if citizen.kicked_at is not None:
            raise Refused(f"{citizen.display_name} was already removed.")
        citizen.kicked_at = utcnow()
        user = session.get(User, citizen.user_id)
        user.classroom_id, user.resume_hash = None, None
        session.execute(
            update(Round).where(Round.id == citizen.round_id).values(revision=Round.revision + 1)
        )


def rename_citizen(citizen_id: int, name: str) -> None:
    """Give a citizen a new pseudonym (the instructor's fix for an offensive one)."""
    citizen = db.session.get(Citizen, citizen_id)
    classroom = db.session.get(Classroom, db.session.get(Round, citizen.round_id).classroom_id)
    problem = check_pseudonym(classroom, citizen.round_id, name)
    if problem:
        raise Refused(problem, 400)
    with write_transaction() as session:
        session.get(Citizen, citizen_id).display_name = name
        session.execute(
            update(Round).where(Round.id == citizen.round_id).values(revision=Round.revision + 1)
        )


def purge_round(round_id: int, typed_name: str) -> None:
    """Delete an ended round's citizens, standings and ledger for good; the round stays listed."""
    with write_transaction() as session:
        round_ = session.get(Round, round_id)
        if typed_name.strip() != round_.name:
            raise Refused(f"Type the round's name exactly, “{round_.name}”, to delete it.", 400)
        if round_.status != "ended":
            raise Refused(f"{round_.name} is {round_.status}; only an ended round can be deleted.")
        if round_.purged_at is not None:
            raise Refused(f"{round_.name}'s data was already deleted.")
        citizens = select(Citizen.id).where(Citizen.round_id == round_id)
        session.execute(delete(Event).where(Event.round_id == round_id))
        session.execute(delete(Standing).where(Standing.citizen_id.in_(citizens)))
        session.execute(delete(Citizen).where(Citizen.round_id == round_id))
        round_.purged_at = utcnow()
        round_.revision += 1
