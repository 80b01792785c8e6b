"""Joining a class: join codes, pseudonyms and their filter, resume codes."""

import secrets

from sqlalchemy import or_, select, update

from app.extensions import db
from app.game.ledger import Refused, write_transaction
from app.game.reads.lookups import CitizenRow, citizen_row, current_round, newest_round_id
from app.game.rules import names
from app.game.rules.codes import RESUME_CODE, digest, new_resume_code, normal_code
from app.game.rules.names import ADJECTIVES, ANIMALS
from app.game.services.players import add_citizen
from app.models import Citizen, Classroom, Round, User

TAKEN = "That name is taken in this class. Pick another."
BANNED = {"idiot", "stupid", "loser", "nazi", "hitler", "fuck", "shit", "bitch", "cunt", "dick"}


def suggest_pseudonym() -> str:
    return f"{secrets.choice(ADJECTIVES)} {secrets.choice(ANIMALS)}"


def check_pseudonym(
    classroom: Classroom, round_id: int, name: str, citizen_id: int | None = None
) -> str | None:
    """Return why a cleaned pseudonym cannot be used in this class, or None."""
    problem = names.problem(name)
    if problem:
        return problem
    if is_filtered(name, classroom.banned_words):
        return "That name is not allowed in this class. Pick another."
    taken = _name_taken(round_id, name, citizen_id)
    return TAKEN if taken else None


def is_filtered(name: str, extra: str) -> bool:
    """Say whether a name holds a filtered word, compared by look (whole words; long words
    anywhere)."""
    return names.holds_word(name, BANNED | {w for w in extra.split(",") if w.strip()})


def _name_taken(round_id: int, name: str, citizen_id: int | None = None) -> bool:
    """Say whether another citizen of the round has a name that looks the same."""
    others = db.session.execute(
        select(Citizen.id, Citizen.display_name).where(Citizen.round_id == round_id)
    )
    mine = names.looks(name)
    return any(other != citizen_id and mine & names.looks(shown) for other, shown in others)


def _claim_name(session, round_id: int, name: str, citizen_id: int | None = None) -> None:
    """Check again, holding the round's row, that no one took a look-alike name meanwhile."""
    session.execute(select(Round.id).where(Round.id == round_id).with_for_update())
    if _name_taken(round_id, name, citizen_id):
        raise Refused(TAKEN, 400)


class Removed(Refused):
    """The joining device's player was removed from this round."""

    def __init__(self, message: str, citizen_id: int):
        super().__init__(message, 403)
        self.citizen_id = citizen_id


def removed_from(round_id: int, citizen_ids: list[int], user_id: int | None) -> int | None:
    """Return the citizen a device's player (by its removal marks, or its account) was
    removed as from this round, if any."""
    device = Citizen.id.in_(citizen_ids)
    query = select(Citizen.id).where(
        Citizen.round_id == round_id,
        Citizen.kicked_at.is_not(None),
        or_(device, Citizen.user_id == user_id) if user_id else device,
    )
    return db.session.scalar(query.limit(1))


def removed_now(citizen_ids: list[int]) -> CitizenRow | None:
    """Return the citizen among these who is removed from their class's current round."""
    if not citizen_ids:
        return None
    found = db.session.scalar(
        select(Citizen)
        .join(Round, Round.id == Citizen.round_id)
        .where(
            Citizen.id.in_(citizen_ids),
            Citizen.kicked_at.is_not(None),
            Round.id == newest_round_id(Round.classroom_id),
        )
        .limit(1)
    )
    return citizen_row(found) if found else None


def join_class(
    classroom: Classroom,
    pseudonym: str,
    device_marks: list[int] | None = None,
    user_id: int | None = None,
) -> tuple[User, str]:
    """Create a student with a citizen in the current round; return them and a resume code.

    `device_marks` and `user_id` say who the joining device was: a device whose player was
    removed from this round joins again only when the instructor readmits that player.
    """
    round_ = current_round(classroom.id)
    if not classroom.joining_open:
        raise Refused("This class is not taking new players now. Ask your instructor.", 403)
    if round_.status == "ended":
        raise Refused("The class is between rounds. Wait for the instructor to open the next one.")
    removed = removed_from(round_.id, device_marks or [], user_id)
    if removed:
        raise Removed(
            f"Your instructor removed you from {round_.name} of this class; only they can let "
            "you back in.",
            removed,
        )
    pseudonym = names.clean(pseudonym)
    problem = check_pseudonym(classroom, round_.id, pseudonym)
    if problem:
        raise Refused(problem, 400)
    code = new_resume_code()
    with write_transaction() as session:
        _claim_name(session, round_.id, pseudonym)
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


def newest_citizen_id(user_id: int) -> int | None:
    """Return the id of a student's citizen in their newest round."""
    return db.session.scalar(
        select(Citizen.id).where(Citizen.user_id == user_id).order_by(Citizen.id.desc()).limit(1)
    )


def reissue_code(user_id: int) -> str:
    """Give a student a new resume code and return it; the old one stops working.

    Only the code's hash is stored, so a lost code cannot be looked up: it is replaced.
    """
    code = new_resume_code()
    with write_transaction() as session:
        session.get(User, user_id).resume_hash = digest(normal_code(code))
    return code


def is_current_code(user_id: int, code: str) -> bool:
    """Say whether a code is the student's current resume code."""
    stored = db.session.scalar(select(User.resume_hash).where(User.id == user_id))
    return stored is not None and secrets.compare_digest(stored, digest(normal_code(code)))


def resume(code: str) -> User | None:
    """Return the student a resume code belongs to."""
    cleaned = normal_code(code)
    if not RESUME_CODE.fullmatch(cleaned):
        return None
    return db.session.scalar(select(User).where(User.resume_hash == digest(cleaned)))


def rename_citizen(citizen_id: int, name: str) -> None:
    """Give a citizen a new pseudonym (the instructor's fix for an offensive one)."""
    citizen = db.session.get(Citizen, citizen_id)
    classroom = db.session.get(Classroom, db.session.get(Round, citizen.round_id).classroom_id)
    name = names.clean(name)
    problem = check_pseudonym(classroom, citizen.round_id, name, citizen_id)
    if problem:
        raise Refused(problem, 400)
    with write_transaction() as session:
        _claim_name(session, citizen.round_id, name, citizen_id)
        session.get(Citizen, citizen_id).display_name = name
        session.execute(
            update(Round).where(Round.id == citizen.round_id).values(revision=Round.revision + 1)
        )
