"""The player's pages: dashboard, article feed, media shop, complaint desk, history."""

from collections.abc import Callable
from functools import wraps

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from app.game import queries, rules, services
from app.game.catalogue import catalogue
from app.models import utcnow
from app.play.chart import line_chart
from app.play.forms import ActionForm, ComplaintForm, one_time_key

bp = Blueprint("play", __name__)
bp.add_app_template_global(one_time_key)


def citizen_required(view):
    """Load the logged-in player's citizen into g, or send them to log in."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.path))
        if current_user.is_instructor:
            return redirect(url_for("classroom.index"))
        citizen = services.current_citizen(current_user)
        if citizen is None or citizen.kicked_at is not None:
            flash("You are not in a class now. Join one with its code.", "notice")
            return redirect(url_for("auth.join"))
        g.citizen = citizen
        return view(*args, **kwargs)

    return wrapped


def page(template: str, status: int = 200, alert: str | None = None, **context):
    """Render a player page with the citizen's life and cooldowns."""
    life = queries.life_of(g.citizen)
    context.setdefault("form", ActionForm())
    html = render_template(
        template,
        life=life,
        cooldowns=queries.cooldowns(g.citizen.id, life.tier, utcnow()),
        alert=alert,
        content=catalogue(),
        **context,
    )
    return html, status


def act(
    form: ActionForm,
    attempt: Callable[[], rules.Attempt],
    item: str | None,
    rerender: Callable,
    back: str,
    note: str | None = None,
):
    """Run an action through the service; redirect on success, re-render on refusal."""
    if not form.validate_on_submit():
        messages = [e for errors in form.errors.values() for e in errors]
        return rerender(400, " ".join(messages))
    try:
        applied = services.perform_action(g.citizen.id, attempt(), item, form.key.data, note)
    except services.Refused as refused:
        html, status = rerender(refused.status, refused.message)
        headers = {"Retry-After": str(refused.retry_after)} if refused.retry_after else {}
        return html, status, headers
    flash(describe(applied), "notice" if applied.replayed else "success")
    return redirect(url_for(back), 303)


def describe(applied: services.Applied) -> str:
    """Say in words what an action did to the player's tracks."""
    if applied.replayed:
        return "That action was already applied; it was not counted twice."
    parts = [f"{rules.VIDEO.track(e.track).label} {e.delta:+d}" for e in applied.effects]
    return f"{applied.effects[0].reason}. " + ", ".join(parts) + "."


@bp.get("/")
def dashboard():
    if not current_user.is_authenticated:
        return render_template("play/welcome.html")
    return dashboard_page()


@citizen_required
def dashboard_page(status: int = 200, alert: str | None = None):
    chart = line_chart(queries.series(g.citizen.id, rules.SCORE), rules.SCORE, rules.TIERS)
    recent = queries.recent_entries(g.citizen.id, 8)
    return page("play/dashboard.html", status, alert, chart=chart, recent=recent)


@bp.get("/feed")
@citizen_required
def feed():
    return feed_page()


def feed_page(status: int = 200, alert: str | None = None):
    return page("play/feed.html", status, alert, shares=queries.share_counts(g.citizen.id))


@bp.post("/feed/<article_id>/share")
@citizen_required
def share(article_id: str):
    article = catalogue().articles.get(article_id) or abort(404, "There is no such article.")
    attempt = rules.Attempt("share", title=article.headline, points=article.points)
    return act(ActionForm(), lambda: attempt, article.id, feed_page, ".feed")


@bp.get("/shop")
@citizen_required
def shop():
    return shop_page()


def shop_page(status: int = 200, alert: str | None = None):
    return page("play/shop.html", status, alert)


@bp.post("/shop/<media_id>/buy")
@citizen_required
def buy(media_id: str):
    media = catalogue().media.get(media_id) or abort(404, "The shop has no such item.")
    attempt = rules.Attempt("buy", title=media.title, origin=media.origin)
    return act(ActionForm(), lambda: attempt, media.id, shop_page, ".shop")


@bp.route("/complain", methods=["GET", "POST"])
@citizen_required
def complain():
    form = ComplaintForm()

    def complain_page(status: int = 200, alert: str | None = None):
        return page("play/complain.html", status, alert, form=form)

    if request.method == "GET":
        return complain_page()

    def attempt() -> rules.Attempt:
        topic = catalogue().topics[form.topic.data]
        return rules.Attempt("complain", title=topic.title, channel=form.channel.data)

    note = (form.text.data or "").strip() or None
    return act(form, attempt, form.topic.data, complain_page, ".complain", note)


@bp.post("/visit")
@citizen_required
def visit():
    return act(ActionForm(), lambda: rules.Attempt("visit"), None, dashboard_page, ".dashboard")


@bp.get("/history")
@citizen_required
def history():
    number = request.args.get("page", "1")
    if not number.isdigit() or not 1 <= int(number) <= 100_000:
        abort(400, "The page number must be a whole number from 1.")
    size = current_app.config["HISTORY_PAGE_SIZE"]
    events, pages = queries.history_page(g.citizen.id, int(number), size)
    if int(number) > pages:
        abort(404, "There is no such page in your history.")
    return page(
        "play/history.html", entries=queries.entries(events), number=int(number), pages=pages
    )
