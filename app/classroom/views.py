"""Instructors' classes and rounds: create, rename, run, reset, read the archive, purge."""

from functools import lru_cache

import segno
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from markupsafe import Markup

from app.classroom import address, bp
from app.classroom.access import own_classroom, own_round
from app.classroom.forms import (
    ClassroomForm,
    DisplayForm,
    JoiningForm,
    PurgeForm,
    RenameForm,
    ResetForm,
    SimulatedForm,
    StatusForm,
    WordsForm,
    ZoneForm,
)
from app.game import rules
from app.game.reads import lookups, queries, roster, society
from app.game.reads.lookups import current_round
from app.game.services import halves, rounds
from app.links import public_url
from app.web.access import instructor_required
from app.web.forms import errors_of
from app.web.refusals import Refused


def join_url(classroom) -> str | None:
    """Return the link students open, or None when this server's address is not known."""
    return public_url("auth.join_code", code=classroom.join_code)


@lru_cache(maxsize=64)
def qr_svg(url: str | None) -> Markup:
    """Return the QR code of a URL as inline SVG (nothing without a URL)."""
    if url is None:
        return Markup("")
    svg = segno.make(url, error="m").svg_inline(scale=8, dark="#111", light="#fff", omitsize=True)
    # segno draws the URL as modules of a path; no user text reaches the markup.
    labelled = svg.replace("<svg ", '<svg role="img" aria-label="QR code to join" ', 1)
    return Markup(labelled)  # nosec B704


@bp.get("/")
@instructor_required
def index():
    classrooms = lookups.classrooms_of(current_user.id)
    return render_template("classroom/index.html", classrooms=classrooms, form=ClassroomForm())


@bp.post("/")
@instructor_required
def create():
    form = ClassroomForm()
    if not form.validate_on_submit():
        classrooms = lookups.classrooms_of(current_user.id)
        return render_template("classroom/index.html", classrooms=classrooms, form=form), 400
    classroom = rounds.create_classroom(
        current_user, form.name.data.strip(), form.world.data, form.time_zone.data
    )
    flash(f"{classroom.name} is open. Its join code is {classroom.join_code}.", "success")
    return redirect(url_for(".show", classroom_id=classroom.id), 303)


@bp.get("/<int:classroom_id>")
@instructor_required
def show(classroom_id: int):
    classroom = own_classroom(classroom_id)
    history = lookups.rounds_of(classroom.id)[::-1]
    current = history[0]
    url = join_url(classroom)
    twin = halves.twin_of(classroom)
    players, simulated = society.head_count(current.id)
    return render_template(
        "classroom/show.html",
        classroom=classroom,
        current=current,
        twin=twin,
        twin_world=current_round(twin.id).world if twin else None,
        other_world=halves.other_world(current.world).key,
        history=history,
        join_url=url,
        qr=qr_svg(url),
        unreachable=address.is_loopback(url),
        lan_url=address.lan_url(address.port_of(url)) if address.is_loopback(url) else None,
        zone=ZoneForm(time_zone=classroom.time_zone),
        joining=JoiningForm(open="no" if classroom.joining_open else "yes"),
        rename=RenameForm(name=classroom.name),
        display=DisplayForm(obj=classroom),
        words=WordsForm(words=classroom.banned_words),
        status=StatusForm(),
        reset=ResetForm(round_id=current.id, world=current.world),
        players=players,
        simulated=simulated,
        add_simulated=SimulatedForm(),
        transitions=rounds.TRANSITIONS,
        worlds=rules.WORLDS,
    )


@bp.post("/<int:classroom_id>/rename")
@instructor_required
def rename(classroom_id: int):
    classroom = own_classroom(classroom_id)
    form = RenameForm()
    if not form.validate_on_submit():
        abort(400, "A class name is 1–80 characters.")
    rounds.rename_classroom(classroom.id, form.name.data.strip())
    flash("Renamed.", "success")
    return redirect(url_for(".show", classroom_id=classroom.id), 303)


@bp.post("/<int:classroom_id>/display")
@instructor_required
def display(classroom_id: int):
    classroom = own_classroom(classroom_id)
    form = DisplayForm()
    if not form.validate_on_submit():
        abort(400, "The display settings were not understood.")
    rounds.set_display(classroom.id, form.show_names.data, form.show_blacklist.data)
    flash("The projector will show the change within seconds.", "success")
    return redirect(url_for(".show", classroom_id=classroom.id), 303)


@bp.post("/<int:classroom_id>/words")
@instructor_required
def words(classroom_id: int):
    classroom = own_classroom(classroom_id)
    form = WordsForm()
    if not form.validate_on_submit():
        abort(400, "The word list is at most 2,000 characters.")
    rounds.set_banned_words(classroom.id, form.words.data or "")
    flash("The word filter is updated.", "success")
    return redirect(url_for(".show", classroom_id=classroom.id), 303)


@bp.post("/<int:classroom_id>/status")
@instructor_required
def status(classroom_id: int):
    classroom = own_classroom(classroom_id)
    form = StatusForm()
    if not form.validate_on_submit() or form.command.data not in rounds.TRANSITIONS:
        abort(400, "Unknown round command.")
    if form.command.data == "end" and form.confirm.data != "yes":
        return redirect(url_for(".confirm_end", classroom_id=classroom.id), 303)
    round_ = rounds.change_status(current_round(classroom.id).id, form.command.data)
    flash(DONE[form.command.data].format(round=round_.name), "success")
    return redirect(url_for(".show", classroom_id=classroom.id), 303)


DONE = {
    "start": "{round} has started.",
    "pause": "{round} is paused: actions wait until you resume it.",
    "resume": "{round} is running again.",
    "end": "{round} has ended. The players' debriefs are open.",
}


@bp.get("/<int:classroom_id>/end")
@instructor_required
def confirm_end(classroom_id: int):
    """Ask before ending the round: it cannot be undone (a form, no script needed)."""
    classroom = own_classroom(classroom_id)
    round_ = current_round(classroom.id)
    if round_.status not in rounds.TRANSITIONS["end"][0]:
        raise Refused(f"{rounds.state_sentence(round_)}.")
    return render_template(
        "classroom/confirm_end.html", classroom=classroom, round=round_, form=StatusForm()
    )


@bp.post("/<int:classroom_id>/reset")
@instructor_required
def reset(classroom_id: int):
    classroom = own_classroom(classroom_id)
    form = ResetForm()
    if not form.validate_on_submit():
        raise Refused(errors_of(form) or "The reset was not confirmed.", 400)
    new = rounds.reset_round(classroom.id, form.round_id.data, form.world.data)
    flash(f"Round {new.number - 1} is archived. {new.name} is waiting to start.", "success")
    return redirect(url_for(".show", classroom_id=classroom.id), 303)


@bp.get("/<int:classroom_id>/rounds/<int:number>")
@instructor_required
def round_page(classroom_id: int, number: int):
    classroom = own_classroom(classroom_id)
    round_ = own_round(classroom, number)
    rows = roster.roster(round_)
    events = lookups.latest_events(round_.id, 500)
    return render_template(
        "classroom/round.html",
        classroom=classroom,
        round=round_,
        rows=rows,
        names={row.citizen_id: row.name for row in rows},
        entries=queries.entries(events),
        purge=PurgeForm(),
        worlds=rules.WORLDS,
    )


@bp.post("/<int:classroom_id>/rounds/<int:number>/delete")
@instructor_required
def purge(classroom_id: int, number: int):
    classroom = own_classroom(classroom_id)
    round_ = own_round(classroom, number)
    form = PurgeForm()
    if not form.validate_on_submit():
        abort(400, "Type the round's name to confirm.")
    rounds.purge_round(round_.id, form.typed.data)
    flash(f"{round_.name}'s players and ledger are deleted for good.", "success")
    return redirect(url_for(".show", classroom_id=classroom.id), 303)
