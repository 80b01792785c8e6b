"""What every player page shares: the citizen, the check gate, the life, and rendering."""

from collections.abc import Mapping
from functools import cached_property, wraps

from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user

from app.game import rules
from app.game.content.catalogue import catalogue
from app.game.reads import checks, cooldowns, lookups, queries
from app.game.services import joining, players, society
from app.game.services.rounds import state_sentence
from app.web import marks
from app.web.forms import KEY_PATTERN, ActionForm


def citizen_required(view):
    """Load the logged-in player's citizen into g, or send them to log in."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return removed_device() or redirect(url_for("auth.login", next=request.path))
        if current_user.is_instructor:
            return redirect(url_for("classroom.index"))
        citizen = players.current_citizen(current_user, current_user.citizen)
        if citizen is None:
            flash("You are not in a class now. Join one with its code.", "notice")
            return redirect(url_for("auth.join"))
        if citizen.kicked_at is not None:
            return removed(citizen)
        g.citizen = citizen
        if moved_on(citizen) and (request.method != "GET" or of_one_round()):
            return redirect(url_for("play.dashboard"), 303)
        return view(*args, **kwargs)

    return wrapped


def of_one_round() -> bool:
    """Say whether the page belongs to the round it was opened in: the debrief and its steps.
    Opened after the class moved on, such a page leads into the new round instead."""
    if request.endpoint == "play.check":
        return (request.view_args or {}).get("phase") == "after"
    return request.endpoint in ("play.debrief_page", "play.guess")


def moved_on(citizen) -> bool:
    """Say (once, with a line for the player) whether the class moved on to a new round since
    this device last saw a page; the session keeps the round it saw."""
    seen = session.get("round")
    if seen == citizen.round_id:
        return False
    session["round"] = citizen.round_id
    old = lookups.round_of(seen) if isinstance(seen, int) else None
    new = lookups.round_of(citizen.round_id)
    if old is None or old.classroom_id != new.classroom_id or old.number >= new.number:
        return False
    flash(
        f"The class has moved on: {state_sentence(new)}. "
        f"Your {old.name} debrief stays in your history.",
        "notice",
    )
    return True


def removed_device():
    """Tell a device signed out by its player's removal why, while that round lasts (or None):
    a student has no password, and the login page would only puzzle them."""
    citizen = joining.removed_now(marks.device_citizens())
    return removed(citizen) if citizen else None


def removed(citizen):
    """Tell a removed player so, and mark their device: it cannot rejoin this round."""
    marks.remember(citizen.id)
    round_ = lookups.round_of(citizen.round_id)
    classroom = lookups.classroom_of(round_.classroom_id)
    html = render_template("play/removed.html", round=round_, classroom=classroom)
    return html, 403


def checked(view):
    """Ask for the short true-or-myth check before the first action."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if session.get("checked") != g.citizen.id:  # remembered in the signed session
            if not checks.has_answered(g.citizen.id, "before"):
                flash("Before you act: a short check of what you already believe.", "notice")
                return redirect(url_for("play.check", phase="before"), 303)
            session["checked"] = g.citizen.id
        return view(*args, **kwargs)

    return wrapped


def checked_player(view):
    """A page where the player acts: logged in, with a citizen, after the check."""
    return citizen_required(checked(view))


def current_life() -> queries.Life:
    """Return the player's life, loaded once per request."""
    if "life" not in g:
        life = queries.life_of(g.citizen)
        # the simulated society acts as time passes: a page that finds its acts due writes them
        if society.catch_up_if_due(life.round):
            life = queries.life_of(g.citizen)
        g.life = life
    return g.life


def page(template: str, status: int = 200, alert: str | None = None, life=None, **context):
    """Render a player page with a life (the player's own unless given) and its cooldowns."""
    life = life or current_life()
    context.setdefault("form", ActionForm())
    html = render_template(
        template,
        life=life,
        act_message=act_message(),
        cooldowns=Cooldowns(life),
        alert=alert,
        content=catalogue(),
        actions=rules.ACTS,
        **context,
    )
    return html, status


class Cooldowns(Mapping):
    """The seconds left before each act, read from the ledger when a page first shows one:
    the dashboard and the history show none, and skip the read."""

    def __init__(self, life: queries.Life):
        self.life = life

    @cached_property
    def found(self) -> dict[str, int]:
        return cooldowns.cooldowns(self.life, lookups.now(), current_app.config["PACE"])

    def __getitem__(self, action: str) -> int:
        return self.found[action]

    def __iter__(self):
        return iter(self.found)

    def __len__(self) -> int:
        return len(self.found)


def act_message() -> tuple[str, str] | None:
    """Say what the act the player was just sent back from did, as the ledger has it.

    An act redirects to its page with its one-time key; the message is read back from the
    events of that key, so it shows what was written, and the session is not touched.
    """
    key = request.args.get("done", "")
    if not KEY_PATTERN.fullmatch(key):
        return None
    written = queries.act_effects(g.citizen.id, key)
    if not written:
        return None
    if request.args.get("again"):
        return "That action was already applied; it was not counted twice.", "notice"
    return describe(written), "success"


def describe(written: list[rules.Effect]) -> str:
    """Say in words what an action did to the tracks the player can see."""
    shown = [e for e in written if not rules.TRACKS[e.track].hidden]
    if not shown:
        return "Done."
    parts = [f"{rules.TRACKS[e.track].label} {e.delta:+d}" for e in shown if e.delta]
    return f"{shown[0].reason}." + (" " + ", ".join(parts) + "." if parts else "")
