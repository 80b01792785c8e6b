"""The simulated society of a round: adding its citizens, and catching its acts up with time.

Simulated citizens act through the same rules and the same write path as players; their
events carry the actor "simulated". The society moves as the round's time passes: a request
that finds ticks due writes them in one short transaction. The round's `simulated_at` says up
to when the society has acted; a transaction claims the next ticks by moving it forward with a
compare-and-set, so two workers or two app servers never write the same tick, and each act
also carries a one-time key per citizen and tick.
"""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from app.extensions import db
from app.game import ledger, rules
from app.game.content.catalogue import catalogue
from app.game.ledger import Refused, write_transaction
from app.game.reads import queries
from app.game.rules import society
from app.game.services import acts
from app.game.services.players import add_citizens
from app.models import Citizen, Friendship, Round, utcnow


def add_simulated(round_id: int, count: int) -> int:
    """Add simulated citizens to a round, temperaments in turn; return how many it now has."""
    temperaments = list(catalogue().temperaments)
    with write_transaction() as session:
        round_ = session.get(Round, round_id)
        if round_.status == "ended":
            raise Refused("The round has ended: start a new one to add simulated citizens.", 409)
        names = set(
            session.scalars(select(Citizen.display_name).where(Citizen.round_id == round_id))
        )
        there = session.scalar(
            select(db.func.count()).where(
                Citizen.round_id == round_id, Citizen.temperament.is_not(None)
            )
        )
        if count < 0 or there + count > society.MAX_SIMULATED:
            raise Refused(f"A round holds at most {society.MAX_SIMULATED} simulated citizens.", 400)
        try:
            people = society.simulated_people(round_.seed, names, count, temperaments, there)
        except ValueError as error:
            raise Refused(f"{str(error).capitalize()}.", 409) from None
        add_citizens(session, round_, people)
        round_.simulated_at = round_.simulated_at or utcnow()  # the society lives from now on
        return there + count


def tick_time(round_: Round, tick: int) -> datetime:
    return round_.started_at + timedelta(seconds=society.TICK * tick)


def on_requests() -> bool:
    """Say whether requests move the society (else `flask society run` does)."""
    return current_app.config["SOCIETY_ON_REQUESTS"]


def catch_up_if_due(round_: Round) -> bool:
    """Catch a round's society up when requests move it and ticks are due; say whether it
    wrote anything (the caller then reads the round again)."""
    return bool(on_requests() and due(round_, utcnow()) and catch_up(round_.id))


def running_societies() -> list[int]:
    """Return the running rounds that have a simulated society."""
    return list(
        db.session.scalars(
            select(Round.id).where(Round.status == "running", Round.simulated_at.is_not(None))
        )
    )


def due(round_: Round, now: datetime) -> range:
    """Return the ticks of a running round's society that are due and not yet written (none
    for a round without one: its `simulated_at` is set when its first simulated citizen
    arrives)."""
    if round_.status != "running" or round_.started_at is None or round_.simulated_at is None:
        return range(0)
    done = max(round_.simulated_at, round_.started_at)
    first = int((done - round_.started_at).total_seconds() // society.TICK) + 1
    last = int((now - round_.started_at).total_seconds() // society.TICK)
    first = max(first, last - society.MAX_BACKLOG + 1)  # a long quiet spell is slept through
    return range(first, min(last, first + society.MAX_TICKS - 1) + 1)


def catch_up(round_id: int, now: datetime | None = None) -> int:
    """Write the simulated acts a round owes up to now; return how many were written."""
    now = now or utcnow()
    round_ = db.session.get(Round, round_id)
    if round_ is None or not due(round_, now):
        return 0
    written = 0
    with write_transaction() as session:
        round_ = session.get(Round, round_id)
        ticks = due(round_, now)
        if not ticks:
            return 0
        claimed = session.execute(
            update(Round)
            .where(Round.id == round_id, Round.simulated_at == round_.simulated_at)
            .values(simulated_at=tick_time(round_, ticks[-1]))
        )
        if claimed.rowcount != 1:
            return 0  # another worker or server claimed these ticks first
        people = _simulated(session, round_id)
        for tick in ticks:
            for citizen in people:
                written += _act(session, round_, citizen, tick)
    return written


def _simulated(session, round_id: int) -> list[Citizen]:
    return list(
        session.scalars(
            select(Citizen)
            .where(
                Citizen.round_id == round_id,
                Citizen.temperament.is_not(None),
                Citizen.kicked_at.is_(None),
            )
            .order_by(Citizen.id)
        )
    )


def _act(session, round_: Round, citizen: Citizen, tick: int) -> int:
    """Let one simulated citizen act at one tick, through the rules; 1 if it wrote an act."""
    temperament = catalogue().temperaments.get(citizen.temperament)
    if temperament is None:
        return 0
    rng = society.generator(round_.seed, citizen.display_name, tick)
    if not society.acts_now(temperament, rng, current_app.config["PACE"]):
        return 0  # most citizens sit most ticks out: what they would notice is not read
    world = rules.world_for(round_.world)
    standings = queries.standings_of(citizen.id, session)
    moment = society.Moment(
        crackdown=round_.crackdown,
        meters=ledger.values(session, round_.id),
        score=standings[world.primary],
        baseline=world.track(world.primary).baseline,
        friends_mean=acts.friends_mean(session, citizen.id, world.primary),
    )
    action = society.choose_act(temperament, rng, moment, set(rules.ACTS))
    if action is None:
        return 0
    attempt, item, target = _attempt(session, rng, round_, citizen, action)
    if attempt is None:
        return 0
    try:
        applied = acts.perform_in(
            session,
            citizen.id,
            attempt,
            item,
            f"sim-{tick}",
            target_id=target,
            now=tick_time(round_, tick),
            actor="simulated",
        )
    except Refused:
        return 0  # the rules said no (a cooldown, a debt paid): the citizen waits
    return 0 if applied.replayed else 1


def _attempt(session, rng, round_: Round, citizen: Citizen, action: str):
    """Return what a simulated citizen attempts: the act, its item, and whom it aims at."""
    content = catalogue()
    if action == "share":
        article = society.pick(rng, sorted(content.articles.values(), key=lambda a: a.id))
        return rules.Attempt("share", article.headline, points=article.points), article.id, None
    if action == "buy":
        media = society.pick(rng, sorted(content.media.values(), key=lambda m: m.id))
        attempt = rules.Attempt("buy", media.title, origin=media.origin, price=media.price)
        return attempt, media.id, None
    if action == "complain":
        topic = society.pick(rng, sorted(content.topics))
        channel = society.pick(rng, sorted(content.channels))
        title = content.topics[topic].title
        return rules.Attempt("complain", title, channel=channel), topic, None
    if rules.ACTS[action].aimed:
        others = _others(session, round_.id, citizen.id, rules.ACTS[action].bond)
        target = society.pick(rng, others)
        if target is None:
            return None, None, None
        return rules.Attempt(action), str(target), target
    return rules.Attempt(action), None, None


def _others(session, round_id: int, citizen_id: int, bond: str) -> list[int]:
    """Return the citizens an aimed act could be aimed at: friends to unfriend, others else."""
    friends = set(
        session.scalars(select(Friendship.friend_id).where(Friendship.citizen_id == citizen_id))
    )
    everyone = session.scalars(
        select(Citizen.id)
        .where(Citizen.round_id == round_id, Citizen.id != citizen_id, Citizen.kicked_at.is_(None))
        .order_by(Citizen.id)
    ).all()
    if bond == "remove":
        return [c for c in everyone if c in friends]
    if bond == "add":
        return [c for c in everyone if c not in friends]
    return list(everyone)
