"""The instructor's economy lever, and the chart of the four class meters over a round."""

from dataclasses import dataclass

from flask import abort, flash, redirect, request, url_for
from flask_wtf import FlaskForm

from app.classroom import bp
from app.classroom.access import instructor_required, own_classroom
from app.classroom.views import refused
from app.extensions import db
from app.game import economy, meter_writes, meters
from app.game.services import Refused, current_round
from app.models import Round, utcnow

WIDTH, HEIGHT = 400, 220
# colour and dash both tell the lines apart, so the chart reads in greyscale print too
STYLE = {
    "unrest": ("#e26d5a", ""),
    "visibility": ("#e2b65a", "10 5"),
    "growth": ("#7ee08a", "3 4"),
    "trust": ("#7ec8e0", "14 4 3 4"),
}


@bp.post("/<int:classroom_id>/growth")
@instructor_required
def growth(classroom_id: int):
    classroom = own_classroom(classroom_id)
    level = request.form.get("level", "")
    if not FlaskForm().validate_on_submit() or level not in meters.GROWTH_LEVELS:
        abort(400, "Choose a boom, steady growth or a slowdown.")
    try:
        economy.set_growth(current_round(classroom.id).id, level)
    except Refused as error:
        return refused(error, classroom)
    flash(f"The economy: {meters.GROWTH_LEVELS[level].label.lower()}.", "success")
    page = ".monitor" if request.form.get("back") == "monitor" else ".show"
    return redirect(url_for(page, classroom_id=classroom.id), 303)


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    colour: str
    dash: str
    points: str
    summary: str


@dataclass(frozen=True)
class MeterChart:
    width: int
    height: int
    minutes: int
    lines: tuple[Line, ...]


def meter_chart(round_: Round) -> MeterChart:
    """Lay out every class meter over the round as a step line on one 0–100 scale."""
    found = economy.history(round_)
    start = min(points[0].at for points in found.values())
    ends = [points[-1].at for points in found.values()]
    end = max([round_.ended_at or utcnow(), *ends])
    span = max((end - start).total_seconds(), 1.0)

    def x(at) -> float:
        return round((at - start).total_seconds() / span * WIDTH, 1)

    def y(value: int) -> float:
        return round(HEIGHT - value / 100 * HEIGHT, 1)

    lines = []
    for key, points in found.items():
        coords = []
        for i, point in enumerate(points):
            if i:
                coords.append((x(point.at), y(points[i - 1].value)))  # hold, then step
            coords.append((x(point.at), y(point.value)))
        coords.append((WIDTH, y(points[-1].value)))
        values = [p.value for p in points]
        label = meters.METERS[key].track.label
        summary = (
            f"{label}: started at {values[0]}, lowest {min(values)}, highest {max(values)}, "
            f"ended at {values[-1]}"
        )
        colour, dash = STYLE.get(key, ("#cccccc", ""))
        points_text = " ".join(f"{a},{b}" for a, b in coords)
        lines.append(Line(key, label, colour, dash, points_text, summary))
    return MeterChart(WIDTH, HEIGHT, int(span // 60), tuple(lines))


@bp.app_template_global()
def growth_level(round_id: int) -> meters.GrowthLevel:
    """Return the economy lever's level for a round, read from its growth meter."""
    return meters.growth_level(meter_writes.values(db.session, round_id)["growth"])


bp.add_app_template_global(meters.GROWTH_LEVELS, "growth_levels")
