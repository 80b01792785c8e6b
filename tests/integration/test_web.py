"""What every page shares: an icon, a description, and compressed text."""

import csv
import gzip
import io
import zlib

import brotli
import pytest

from tests.helpers import join
from tests.integration.test_live import counted, seed_players


def test_every_document_names_its_icon_and_describes_the_game(app, client, teacher, running):
    classroom_id, _ = running
    for html in [
        client.get("/login").get_data(as_text=True),
        teacher.get(f"/classes/{classroom_id}/projector").get_data(as_text=True),
    ]:
        assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
        assert '<meta name="description" content="Citizen Score: a classroom simulation' in html


@pytest.mark.parametrize("path", ["/static/favicon.svg", "/favicon.ico"])
def test_the_icon_is_served(client, path):
    with client.get(path) as response:
        assert response.status_code == 200
        assert response.mimetype == "image/svg+xml"
        assert response.get_data().startswith(b"<svg")


DECODE = {"br": brotli.decompress, "gzip": gzip.decompress, "deflate": zlib.decompress}


@pytest.mark.parametrize(
    "accept, page_as, file_as",
    [
        ("br", "br", "br"),  # what browsers send over HTTPS
        ("gzip, deflate", "gzip", "deflate"),  # over plain HTTP; files are streamed
    ],
)
def test_pages_and_styles_are_compressed_for_clients_that_accept_it(
    client, accept, page_as, file_as
):
    for path, encoding in [("/login", page_as), ("/static/css/site.css", file_as)]:
        plain = client.get(path)
        packed = client.get(path, headers={"Accept-Encoding": accept})
        assert plain.headers.get("Content-Encoding") is None
        assert packed.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in packed.headers["Vary"]
        assert len(packed.get_data()) < len(plain.get_data()) / 2
        body = DECODE[encoding](packed.get_data())
        plain.close()
        packed.close()
        if path == "/login":  # a fresh CSRF token each time: compare the page's shape
            assert body.decode().count("<input") == plain.get_data(as_text=True).count("<input")
        else:
            assert body == plain.get_data()


def test_a_compressed_projector_poll_still_answers_304_cheaply(app, teacher, running):
    classroom_id, code = running
    seed_players(app, classroom_id, 20)
    url = f"/classes/{classroom_id}/projector?fragment=1"
    headers = {"Accept-Encoding": "br"}
    first = teacher.get(url, headers=headers)
    assert first.headers["Content-Encoding"] == "br"
    assert "Complained about pollution" in brotli.decompress(first.get_data()).decode()
    with counted(app) as statements:
        same = teacher.get(url, headers=headers | {"If-None-Match": first.headers["ETag"]})
    assert same.status_code == 304 and len(statements) <= 5
    join(app, code, "Ada Crane").share()
    changed = teacher.get(url, headers=headers | {"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and changed.headers["ETag"] != first.headers["ETag"]


@pytest.mark.parametrize("export", ["standings.csv", "ledger.csv"])
def test_compressed_csv_exports_arrive_whole_as_attachments(app, teacher, running, export):
    classroom_id, _ = running
    seed_players(app, classroom_id, 30)
    url = f"/classes/{classroom_id}/rounds/1/{export}"
    plain = teacher.get(url)
    packed = teacher.get(url, headers={"Accept-Encoding": "br, gzip"})
    assert packed.status_code == 200 and packed.headers["Content-Encoding"] == "br"
    assert packed.headers["Content-Disposition"] == plain.headers["Content-Disposition"]
    assert packed.headers["Content-Disposition"].startswith("attachment;")
    text = brotli.decompress(packed.get_data()).decode()
    assert text == plain.get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) > 30
