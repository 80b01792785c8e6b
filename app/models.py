"""Typed models: accounts, classrooms, rounds, citizens, standings and the append-only ledger."""

from datetime import UTC, datetime

from flask_login import UserMixin
from sqlalchemy import (
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Return the current UTC time, naive, as every column stores it."""
    return datetime.now(UTC).replace(tzinfo=None)


def event_key(citizen_id: int, key: str, part: int | str = 0) -> str:
    """Return the idempotency key of one event of an act (its first event is part 0)."""
    return f"{citizen_id}:{key}:{part}"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class User(UserMixin, Base):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(24), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="player")
    classroom_id: Mapped[int | None] = mapped_column(ForeignKey("classroom.id"))
    resume_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Part of every session and remember cookie: logging out or removal bumps it, and with it
    # every cookie issued before stops working (see app/auth/account.py).
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")

    @property
    def is_instructor(self) -> bool:
        return self.role == "instructor"

    def get_id(self) -> str:
        return f"{self.id}.{self.session_version}"


class Classroom(Base):
    __tablename__ = "classroom"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    join_code: Mapped[str] = mapped_column(String(8), unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", use_alter=True))
    is_open: Mapped[bool] = mapped_column(default=False)
    banned_words: Mapped[str] = mapped_column(Text, default="")
    # the projector shows "A citizen" unless the instructor chooses to show pseudonyms
    show_names: Mapped[bool] = mapped_column(default=False, server_default=false())
    show_blacklist: Mapped[bool] = mapped_column(default=False)
    joining_open: Mapped[bool] = mapped_column(default=True, server_default=true())
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    # A split class: the other half of the same class, playing the other world at the same time
    twin_id: Mapped[int | None] = mapped_column(ForeignKey("classroom.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Round(Base):
    __tablename__ = "round"
    __table_args__ = (UniqueConstraint("classroom_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id"))
    number: Mapped[int]
    world: Mapped[str] = mapped_column(String(16), default="video")
    status: Mapped[str] = mapped_column(String(16), default="lobby")
    revision: Mapped[int] = mapped_column(default=0)  # bumped by every change but events
    crackdown: Mapped[int] = mapped_column(default=0)
    debrief_open: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    growth_at: Mapped[datetime | None]  # economic growth is settled up to this time
    seed: Mapped[int] = mapped_column(default=0)  # the simulated society's: same seed, same acts
    simulated_at: Mapped[datetime | None]  # the simulated society has acted up to this time
    ended_at: Mapped[datetime | None]
    purged_at: Mapped[datetime | None]

    @property
    def name(self) -> str:
        return f"Round {self.number}"


class Citizen(Base):
    __tablename__ = "citizen"
    __table_args__ = (
        UniqueConstraint("round_id", "user_id"),
        UniqueConstraint("round_id", "display_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))  # None: simulated
    display_name: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    kicked_at: Mapped[datetime | None]
    temperament: Mapped[str | None] = mapped_column(String(16))  # a simulated citizen's


class Standing(Base):
    """A citizen's current value on one track: a cached sum of the ledger."""

    __tablename__ = "standing"
    __table_args__ = (UniqueConstraint("citizen_id", "track"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"))
    track: Mapped[str] = mapped_column(String(24))
    baseline: Mapped[int]
    value: Mapped[int]


class Event(Base):
    """One entry of the append-only ledger; a correction is a new event."""

    __tablename__ = "event"
    __table_args__ = (
        Index("ix_event_citizen_action", "citizen_id", "action", "created_at"),
        # how often a citizen acted on one item (an act's repeat count, the feed's counts)
        Index("ix_event_citizen_item", "citizen_id", "action", "item", "track"),
        Index("ix_event_citizen", "citizen_id", "id"),
        Index("ix_event_citizen_track", "citizen_id", "track", "id"),
        Index("ix_event_round", "round_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"))
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"))
    track: Mapped[str] = mapped_column(String(24))
    action: Mapped[str] = mapped_column(String(24))
    item: Mapped[str | None] = mapped_column(String(64))
    delta: Mapped[int]
    actor: Mapped[str] = mapped_column(String(16), default="system")
    reason: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(String(280))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    idempotency_key: Mapped[str | None] = mapped_column(String(100), unique=True)


class Invite(Base):
    """A one-time link that creates an instructor account."""

    __tablename__ = "invite"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None]


class Friendship(Base):
    """A citizen counts another as a friend (the ledger keeps every befriend and unfriend)."""

    __tablename__ = "friendship"
    __table_args__ = (UniqueConstraint("citizen_id", "friend_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"))
    friend_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RoundMeter(Base):
    """A class meter of one round (unrest, visibility, growth, trust): a cached sum."""

    __tablename__ = "round_meter"
    __table_args__ = (UniqueConstraint("round_id", "meter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"))
    meter: Mapped[str] = mapped_column(String(24))
    baseline: Mapped[int]
    value: Mapped[int]


class MeterEvent(Base):
    """The append-only ledger of the class meters."""

    __tablename__ = "meter_event"
    __table_args__ = (Index("ix_meter_event_round", "round_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"))
    meter: Mapped[str] = mapped_column(String(24))
    delta: Mapped[int]
    actor: Mapped[str] = mapped_column(String(16), default="system")
    reason: Mapped[str] = mapped_column(String(200))
    headline: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Guess(Base):
    """What a player guessed their hidden file holds, before seeing it."""

    __tablename__ = "guess"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), unique=True)
    choice: Mapped[str] = mapped_column(String(24))
    text: Mapped[str | None] = mapped_column(String(280))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CheckAnswer(Base):
    """One answer of the short true-or-myth check, before play or at the debrief."""

    __tablename__ = "check_answer"
    __table_args__ = (UniqueConstraint("citizen_id", "phase", "statement"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"))
    phase: Mapped[str] = mapped_column(String(8))  # "before" or "after"
    statement: Mapped[str] = mapped_column(String(40))
    answer: Mapped[bool]
    correct: Mapped[bool]
    # 1 guessing, 2 think so, 3 sure; 0 for answers given before the check asked
    confidence: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CheckSkip(Base):
    """A player chose to skip the check after play and go straight to the cards."""

    __tablename__ = "check_skip"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RateLimit(Base):
    """A throttle's count for one key (an address on one route) until its window ends."""

    __tablename__ = "rate_limit"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    count: Mapped[int]
    expires_at: Mapped[float] = mapped_column(index=True)  # seconds since the epoch
