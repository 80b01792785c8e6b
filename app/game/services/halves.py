"""A split class: half the students play each world at the same time, in two linked classes."""

from sqlalchemy import select

from app.extensions import db
from app.game import rules
from app.game.ledger import Refused, write_transaction
from app.game.reads.lookups import current_round
from app.game.rules.codes import new_join_code
from app.game.services.players import add_round
from app.models import Classroom

COPIED = ("owner_id", "banned_words", "show_names", "show_blacklist", "joining_open", "time_zone")


def other_world(world: str) -> rules.World:
    """Return the world the other half plays: the first one that is not this one."""
    return next(w for key, w in rules.WORLDS.items() if key != world)


def split_class(classroom_id: int) -> Classroom:
    """Open the class's other half: a twin with its own code whose first round plays the other
    world; both classes name each other, so their debriefs compare the two worlds."""
    world = other_world(current_round(classroom_id).world)
    with write_transaction() as session:
        classroom = session.get(Classroom, classroom_id, with_for_update=True)
        if classroom.twin_id:
            raise Refused("This class is already split in two halves.", 409)
        code = new_join_code()
        while session.scalar(select(Classroom.id).where(Classroom.join_code == code)):
            code = new_join_code()
        twin = Classroom(
            name=f"{classroom.name[:60]} · {world.name}"[:80],
            join_code=code,
            twin_id=classroom.id,
            **{field: getattr(classroom, field) for field in COPIED},
        )
        session.add(twin)
        session.flush()
        classroom.twin_id = twin.id
        add_round(session, twin.id, 1, world.key, "lobby")
    return twin


def twin_of(classroom: Classroom) -> Classroom | None:
    """Return the other half of a split class, if there is one."""
    return db.session.get(Classroom, classroom.twin_id) if classroom.twin_id else None
