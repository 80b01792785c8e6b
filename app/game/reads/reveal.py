"""What the debrief reveals: the hidden file, the cards and consequences met, the class's view."""

from sqlalchemy import func, select

from app.extensions import db
from app.game import rules
from app.game.content.catalogue import Tagged, catalogue
from app.game.reads import class_checks
from app.game.reads.queries import series
from app.models import Citizen, Event, Round, Standing

# What every player meets at the end: the claim about 2020, what came instead, Chinese
# respondents' views, and scores at home.
CLOSING_CARDS = ("mandatory-2020", "law-2020", "surveys", "classroom-points")


def hidden_file(citizen_id: int) -> list[Event]:
    """Return every line written into a citizen's hidden file, oldest first."""
    return list(
        db.session.scalars(
            select(Event)
            .where(Event.citizen_id == citizen_id, Event.track == rules.FILE.key)
            .order_by(Event.id)
        )
    )


def outcome(file: list[Event]) -> str:
    loyalty = sum(1 for e in file if e.delta > 0)
    flags = sum(-e.delta for e in file if e.delta < 0)
    return rules.promotion(loyalty, flags)


def cards_met(citizen_id: int, world: rules.World) -> list[Tagged]:
    """Return the myth-or-record cards of every mechanic the player met."""
    actions = db.session.scalars(
        select(Event.action).where(Event.citizen_id == citizen_id).distinct()
    ).all()
    keys = world.cards_for(actions) + CLOSING_CARDS  # the file has its card beside the file
    mechanics = catalogue().mechanics
    return [mechanics[k] for k in dict.fromkeys(keys)]


def debrief_open(round_: Round) -> bool:
    return round_.debrief_open or round_.status == "ended"


def round_summary(round_: Round) -> dict:
    """Summarise one round for the class debrief: means, conformity, checks, each on the
    players still in the round (a removed player counts in none of them). Players and means
    count simulated citizens too, and say how many there are; conformity is the players'."""
    world = rules.world_for(round_.world)
    means = db.session.execute(
        select(
            func.count(),
            func.avg(_track(world.primary)),
            func.avg(_track("wellbeing")),
            func.count(Citizen.temperament),
        )
        .select_from(Citizen)
        .where(Citizen.round_id == round_.id, Citizen.kicked_at.is_(None))
    ).one()
    acts = db.session.execute(
        select(Event.citizen_id, Event.created_at, Event.action)
        .join(Citizen, Citizen.id == Event.citizen_id)
        .where(Event.round_id == round_.id, Event.actor == "system", Citizen.kicked_at.is_(None))
        .distinct()
    ).all()
    return {
        "round": round_,
        "world": world,
        "players": means[0],
        "simulated": means[3],
        "mean_score": round(means[1] or 0),
        "mean_wellbeing": round(means[2] or 0),
        "conformity": world.conformity([action for _, _, action in acts]),
        "actors": len({citizen for citizen, _, _ in acts}),
        "checks": class_checks.round_checks(round_),
    }


def _track(track: str):
    return (
        select(Standing.value)
        .where(Standing.citizen_id == Citizen.id, Standing.track == track)
        .scalar_subquery()
    )


def consequences_met(citizen_id: int, world: rules.World) -> list[Tagged]:
    """Return the rewards and penalties the player lived under at some point of the round."""
    found = catalogue().consequences
    keys = world.consequences_met(lambda track: series(citizen_id, track))
    return [found[key] for key in keys]
