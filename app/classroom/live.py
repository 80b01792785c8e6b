"""The live pages: the instructor's monitor and the class projector, and their fragments."""

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from markupsafe import Markup

from app.classroom import bp
from app.classroom.access import own_citizen, own_classroom
from app.classroom.forms import AdjustForm, PseudonymForm
from app.classroom.views import join_url, qr_svg
from app.game import ledger, rules
from app.game.reads import lookups, roster
from app.game.reads.lookups import current_round
from app.game.rules import meters
from app.game.services import awards, joining, society
from app.web.access import instructor_required
from app.web.forms import errors_of
from app.web.refusals import Refused


def live(template: str, fragment: str, classroom, monitor: bool = False, **context):
    """Render a live page, or only its fragment; answer 304 when nothing changed. The monitor
    lists every citizen with their last act; the projector names them only as they arrive."""
    round_ = current_round(classroom.id)
    if ledger.growth_due(round_, lookups.now()):
        ledger.settle(round_.id)
        round_ = current_round(classroom.id)
    if society.catch_up_if_due(round_):
        round_ = current_round(classroom.id)
    tag = roster.live_tag(round_)
    is_fragment = request.args.get("fragment") == "1"
    # Weak tags: a compressed and a plain copy of a fragment are the same to a poller, and
    # compression leaves a weak tag as it is (it renames a strong one).
    if is_fragment and request.if_none_match.contains_weak(tag):
        response = make_response("", 304)
        response.set_etag(tag, weak=True)
        return response
    snapshot = roster.snapshot(round_, monitor, rows=monitor or round_.status == "lobby")
    world = rules.world_for(round_.world)
    html = render_template(
        fragment if is_fragment else template,
        classroom=classroom,
        round=round_,
        snapshot=snapshot,
        now=lookups.now(),
        tag=tag,
        world=world,
        worlds=rules.WORLDS,
        meters=meters.METERS,
        track_choices=[
            (t.key, t.label) for t in world.tracks if t.key in (world.primary, rules.WELLBEING.key)
        ],
        **context,
    )
    response = make_response(html)
    response.set_etag(tag, weak=True)
    # live.js sends the ETag itself: the page need not be stored to be answered 304.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/<int:classroom_id>/monitor")
@instructor_required
def monitor(classroom_id: int):
    classroom = own_classroom(classroom_id)
    return live(
        "classroom/monitor.html",
        "classroom/_monitor.html",
        classroom,
        monitor=True,
        adjust=AdjustForm(),
        rename=PseudonymForm(),
    )


@bp.get("/<int:classroom_id>/projector")
@instructor_required
def projector(classroom_id: int):
    classroom = own_classroom(classroom_id)
    url = join_url(classroom)
    return live(
        "classroom/projector.html",
        "classroom/_projector.html",
        classroom,
        join_url=url,
        qr=qr_svg(url),
    )


def back_to_monitor(classroom):
    return redirect(url_for(".monitor", classroom_id=classroom.id), 303)


@bp.post("/<int:classroom_id>/citizens/<int:citizen_id>/rename")
@instructor_required
def rename_citizen(classroom_id: int, citizen_id: int):
    classroom = own_classroom(classroom_id)
    citizen = own_citizen(classroom, citizen_id)
    form = PseudonymForm()
    if not form.validate_on_submit():
        abort(400, "A pseudonym is 2–24 characters.")
    old = citizen.display_name
    joining.rename_citizen(citizen.id, form.name.data.strip())
    shown = Markup("<bdi>{}</bdi> is now <bdi>{}</bdi>.")  # the name as cleaned and stored
    flash(shown.format(old, citizen.display_name), "success")
    return back_to_monitor(classroom)


@bp.post("/<int:classroom_id>/citizens/<int:citizen_id>/adjust")
@instructor_required
def adjust(classroom_id: int, citizen_id: int):
    classroom = own_classroom(classroom_id)
    citizen = own_citizen(classroom, citizen_id)
    form = AdjustForm()
    if not form.validate_on_submit():
        raise Refused(errors_of(form), 400)
    note = (form.note.data or "").strip()
    reason = f"{'Award' if form.delta.data >= 0 else 'Fine'}: {form.reason.data}"
    reason += f" — {note}" if note else ""
    applied = awards.adjust(citizen.id, form.track.data, form.delta.data, reason, form.key.data)
    if applied.replayed:
        flash("That award was already applied; it was not counted twice.", "notice")
    else:
        done = Markup("<bdi>{}</bdi>: {:+d}. <bdi>{}</bdi>")
        flash(done.format(citizen.display_name, applied.effects[0].delta, reason), "success")
    return back_to_monitor(classroom)
