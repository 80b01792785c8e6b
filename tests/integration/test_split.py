"""A split class: half the students play each world at the same time; the debrief compares."""

import re

from sqlalchemy import func, select

from app.extensions import db
from app.models import Classroom, Round
from tests.helpers import instructor_post, join, make_instructor
from tests.integration.test_worlds import open_class


def code_of(teacher, classroom_id: int) -> str:
    html = teacher.get(f"/classes/{classroom_id}").get_data(as_text=True)
    return re.search(r'class="code big">([^<]+)<', html).group(1)


def post_with_token(client, page: str, action: str):
    """Post to an action with a CSRF token from any form of a page the client may open."""
    html = client.get(page).get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    return client.post(action, data={"csrf_token": token})


def classes(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Classroom))


def test_splitting_opens_the_other_half_in_the_other_world(app):
    teacher = make_instructor(app)
    classroom_id, code = open_class(teacher, "video")
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/display", show_blacklist="y")
    response = instructor_post(teacher, page, f"{page}/split")
    assert response.status_code == 303
    with app.app_context():
        first = db.session.get(Classroom, classroom_id)
        twin = db.session.get(Classroom, first.twin_id)
        assert twin.twin_id == first.id and twin.owner_id == first.owner_id
        assert twin.join_code != first.join_code and twin.show_blacklist
        assert "On the record" in twin.name
        (round_,) = db.session.scalars(select(Round).where(Round.classroom_id == twin.id)).all()
        assert (round_.world, round_.status, round_.number) == ("record", "lobby", 1)
        twin_id, twin_code = twin.id, twin.join_code
    html = teacher.get(page).get_data(as_text=True)
    assert twin_code in html and "Split the class in two halves" not in html
    back = teacher.get(f"/classes/{twin_id}").get_data(as_text=True)
    assert code in back and "The viral video (2015)" in back

    before = classes(app)
    again = post_with_token(teacher, page, f"{page}/split")
    assert again.status_code == 409 and "already split" in again.get_data(as_text=True)
    assert teacher.post(f"/classes/{twin_id}/split", data={}).status_code == 400
    assert classes(app) == before


def test_a_split_needs_the_owner_and_a_form(app):
    teacher = make_instructor(app)
    classroom_id, _ = open_class(teacher, "video")
    other = make_instructor(app, "other")
    page = f"/classes/{classroom_id}"
    assert post_with_token(other, "/classes/", f"{page}/split").status_code == 404
    assert teacher.post(f"{page}/split", data={}).status_code == 400
    assert classes(app) == 1


def test_the_class_debrief_puts_both_halves_side_by_side(app):
    teacher = make_instructor(app)
    classroom_id, code = open_class(teacher, "video")
    page = f"/classes/{classroom_id}"
    instructor_post(teacher, page, f"{page}/split")
    with app.app_context():
        twin_id = db.session.get(Classroom, classroom_id).twin_id
    twin_page = f"/classes/{twin_id}"
    instructor_post(teacher, twin_page, f"{twin_page}/status", command="start")
    ada = join(app, code, "Ada")
    bo = join(app, code_of(teacher, twin_id), "Bo")
    ada.share()
    bo.do("bill-on-time")
    assert "Private credit score" in bo.client.get("/").get_data(as_text=True)
    assert "Citizen Score" in ada.client.get("/").get_data(as_text=True)
    debrief = teacher.get(f"{page}/debrief").get_data(as_text=True)
    rows = debrief.split('id="rounds-heading"')[1].split("</table>")[0]
    assert "The viral video (2015)" in rows and "On the record" in rows
    assert f'href="{twin_page}/debrief?round=1"' in rows
    worlds = debrief.split('id="worlds-heading"')[1].split("</table>")[0]
    assert "The viral video (2015)" in worlds and "On the record" in worlds
    twin_debrief = teacher.get(f"{twin_page}/debrief").get_data(as_text=True)
    assert f'href="{page}/debrief?round=1"' in twin_debrief
