"""The instructor's economy lever, and the chart of the four class meters over a round."""

from flask import abort, flash, redirect, request, url_for
from flask_wtf import FlaskForm

from app.classroom import bp
from app.classroom.access import own_classroom
from app.game.reads import lookups
from app.game.reads.lookups import current_round
from app.game.rules import meters
from app.game.services import economy
from app.web.access import instructor_required
from app.web.charts import MeterChart, step_chart


@bp.post("/<int:classroom_id>/growth")
@instructor_required
def growth(classroom_id: int):
    classroom = own_classroom(classroom_id)
    level = request.form.get("level", "")
    if not FlaskForm().validate_on_submit() or level not in meters.GROWTH_LEVELS:
        abort(400, "Choose a boom, steady growth or a slowdown.")
    economy.set_growth(current_round(classroom.id).id, level)
    flash(f"The economy: {meters.GROWTH_LEVELS[level].label.lower()}.", "success")
    page = ".monitor" if request.form.get("back") == "monitor" else ".show"
    return redirect(url_for(page, classroom_id=classroom.id), 303)


def meter_chart(round_) -> MeterChart:
    """Lay out every class meter over the round, to its end (or now, while it runs)."""
    labels = {key: meter.track.label for key, meter in meters.METERS.items()}
    return step_chart(economy.history(round_), labels, round_.ended_at or lookups.now())


@bp.app_template_global()
def growth_level(round_id: int) -> meters.GrowthLevel:
    """Return the economy lever's level for a round, read from its growth meter."""
    return meters.growth_level(lookups.meter_values(round_id)["growth"])


bp.add_app_template_global(meters.GROWTH_LEVELS, "growth_levels")
