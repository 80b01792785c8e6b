"""Give a benchmark class's current round a simulated society: python -m bench.seed_society
CLASSROOM_ID COUNT (with the benchmark's environment)."""

import sys

from app import create_app
from app.game.reads.lookups import current_round
from app.game.services import society


def main() -> None:
    classroom_id, count = int(sys.argv[1]), int(sys.argv[2])
    app = create_app({"RATELIMIT_ENABLED": False})
    with app.app_context():
        society.add_simulated(current_round(classroom_id).id, count)


if __name__ == "__main__":
    main()
