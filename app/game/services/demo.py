"""A demo class: simulated citizens living in a running round before any student has joined."""

from app.game import rules
from app.game.reads.lookups import current_round
from app.game.services import rounds, society
from app.models import Classroom, User

NAME = "Demo class"
CITIZENS = 30


def open_demo(owner: User) -> Classroom:
    """Open a class for an instructor whose first round runs with simulated citizens in it."""
    classroom = rounds.create_classroom(owner, NAME, rules.VIDEO.key)
    round_id = current_round(classroom.id).id
    society.add_simulated(round_id, CITIZENS)
    rounds.change_status(round_id, "start")
    return classroom
