"""The preview server serves its previews only, to its own address only (fast: no worker).

Paths reach the app decoded, as uvicorn hands them over (`%2e%2e` is `..` by then), so
the climbing cases are sent both through Starlette's TestClient and as raw ASGI scopes
holding exactly the path a hostile request would leave the server with.
"""

from __future__ import annotations

import asyncio
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    # Starlette 1.x would rather its TestClient ran on httpx2; httpx (dev) still works.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

from pipeline.project import Project
from pipeline.serve.app import create_app
from pipeline.serve.notes import Key, Notes
from pipeline.serve.previewer import Previewer
from pipeline.serve.safety import APP_POLICY, NOTE_POLICY, allowed_hosts, served_file

HOST = "127.0.0.1:8000"
STEM = "sample-note"


@pytest.fixture
def site(tmp_path: Path) -> dict[str, Path]:
    """A project with one note's preview files, and a secret beside the preview folder."""
    root = tmp_path / "desk"
    (root / "content").mkdir(parents=True)
    (root / "briefing.toml").touch()
    (root / "content" / f"{STEM}.yaml").write_text("slug: sample-note\n", encoding="utf-8")
    previews = root / "output" / "preview"
    folder = Key(STEM, "en").folder(previews)
    folder.mkdir(parents=True)
    (folder / f"{STEM}.html").write_text("<!doctype html><title>sample</title>", encoding="utf-8")
    (folder / "pdf-1.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    secret = tmp_path / "secret.html"
    secret.write_text("the desk's unpublished notes", encoding="utf-8")
    (root / "output" / "secret.html").write_text("beside the previews", encoding="utf-8")
    return {"root": root, "previews": previews, "folder": folder, "secret": secret}


def _previewer(root: Path) -> Previewer:
    project = Project(root, root / "briefing.toml")
    notes = Notes(project, (), ("en", "ru"))
    return Previewer(project, notes, project.output / "preview", soffice=None)


@pytest.fixture
def app(site):
    previewer = _previewer(site["root"])
    previewer.ensure = lambda key: None  # no worker in these tests: nothing renders
    return create_app(previewer, lambda: allowed_hosts("127.0.0.1", 8000))


@pytest.fixture
def client(app) -> TestClient:
    return TestClient(app, base_url=f"http://{HOST}")


def asgi_get(app, path: str, host: str = HOST) -> tuple[int, dict[str, str], bytes]:
    """One GET with `path` as the server would pass it on, decoded and unnormalised."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode("utf-8", "surrogateescape"),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", host.encode())],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    answer: dict = {"body": b""}

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
            answer["headers"] = {k.decode(): v.decode() for k, v in message["headers"]}
        else:
            answer["body"] += message.get("body", b"")

    asyncio.run(app(scope, receive, send))
    return answer["status"], answer["headers"], answer["body"]


def test_a_preview_file_is_served_with_the_notes_policy(client):
    response = client.get(f"/files/en/{STEM}/{STEM}.html")
    assert response.status_code == 200
    assert response.text.startswith("<!doctype html>")
    assert response.headers["content-security-policy"] == NOTE_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "attachment" not in response.headers.get("content-disposition", "")


def test_a_download_is_an_attachment_under_the_files_name(client):
    response = client.get(f"/files/en/{STEM}/{STEM}.html?v=3&download")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f"attachment; filename*=UTF-8''{STEM}.html"


CLIMBING = [
    "/files/../secret.html",
    "/files/../../secret.html",
    f"/files/en/{STEM}/../../../secret.html",
    f"/files/en/{STEM}/..",
    "/files/./en/sample-note/sample-note.html",
    "/files/en//sample-note/sample-note.html",
    "/files/%2e%2e/secret.html",
    "/files/..%2fsecret.html",
    "/files/..\\secret.html",
]


@pytest.mark.parametrize("path", CLIMBING)
def test_a_path_that_climbs_out_is_not_found(app, path):
    status, _headers, body = asgi_get(app, path)
    assert status == 404
    assert b"unpublished" not in body and b"beside" not in body


@pytest.mark.parametrize(
    "path", ["/files/%2e%2e/secret.html", "/files/%2E%2E/%2E%2E/secret.html", "/files/.%2e/x.html"]
)
def test_an_encoded_climb_is_not_found_through_the_client(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/files//etc/passwd", "/files/%2fetc%2fpasswd", "/files/"])
def test_an_absolute_path_or_the_bare_folder_is_not_found(app, client, site, path):
    assert client.get(path).status_code == 404
    assert asgi_get(app, path.replace("%2f", "/"))[0] == 404
    absolute = f"/files/{site['secret']}"  # /files//tmp/.../secret.html
    assert asgi_get(app, absolute)[0] == 404


def test_a_symlink_out_of_the_folder_is_not_found(client, site):
    folder = site["folder"]
    (folder / "out.html").symlink_to(site["secret"])
    (folder.parent / "elsewhere").symlink_to(site["secret"].parent, target_is_directory=True)
    assert client.get(f"/files/en/{STEM}/out.html").status_code == 404
    assert client.get(f"/files/en/elsewhere/{site['secret'].name}").status_code == 404


def test_a_symlink_inside_the_folder_is_not_followed_either(client, site):
    (site["folder"] / "again.html").symlink_to(site["folder"] / f"{STEM}.html")
    assert client.get(f"/files/en/{STEM}/again.html").status_code == 404


def test_no_folder_is_listed_and_no_other_kind_of_file_is_served(client, site):
    (site["folder"] / "notes.txt").write_text("plain", encoding="utf-8")
    (site["folder"] / ".hidden.html").write_text("hidden", encoding="utf-8")
    for path in ["/files/en", f"/files/en/{STEM}", f"/files/en/{STEM}/", "/files/en/"]:
        assert client.get(path).status_code == 404, path
    assert client.get(f"/files/en/{STEM}/notes.txt").status_code == 404
    assert client.get(f"/files/en/{STEM}/.hidden.html").status_code == 404


def test_only_the_apps_own_assets_are_served(client):
    assert client.get("/_app/preview.js").status_code == 200
    assert client.get("/_app/note.html").status_code == 404  # a template, not an asset
    assert client.get("/_app/%2e%2e/app.py").status_code == 404


@pytest.mark.parametrize(
    "host", ["evil.example:8000", "127.0.0.1:8001", "127.0.0.1", "localhost.evil.example:8000", ""]
)
def test_a_foreign_host_header_is_refused(app, host):
    status, headers, body = asgi_get(app, "/", host=host)
    assert status == 400
    assert b"only to its own address" in body
    assert headers["cache-control"] == "no-store"


@pytest.mark.parametrize("host", [HOST, "localhost:8000", "LOCALHOST:8000", "[::1]:8000"])
def test_the_servers_own_address_is_served(app, host):
    status, headers, _body = asgi_get(app, "/", host=host)
    assert status == 200
    assert headers["content-security-policy"] == APP_POLICY


def test_the_app_page_runs_no_inline_script_and_frames_the_note_sandboxed(client):
    response = client.get(f"/note/{STEM}/en")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == APP_POLICY
    assert "'unsafe-inline'" not in APP_POLICY and "frame-ancestors 'none'" in APP_POLICY
    page = response.text
    assert '<script src="/_app/preview.js" defer></script>' in page
    assert page.count("<script") == 1
    assert '<iframe id="note-frame" sandbox="allow-same-origin" ' in page  # no scripts


def test_an_unknown_note_or_locale_is_not_found(client):
    assert client.get("/note/no-such-note/en").status_code == 404
    assert client.get(f"/note/{STEM}/ko").status_code == 404  # not among the locales served
    assert client.get(f"/state/{STEM}/xx").status_code == 404


def test_served_file_accepts_only_plain_names_inside_the_folder(site):
    previews = site["previews"]
    assert served_file(previews, f"en/{STEM}/{STEM}.html") == site["folder"] / f"{STEM}.html"
    for name in ["", "en", "../secret.html", f"en/{STEM}/x.html\x00.png", str(site["secret"])]:
        assert served_file(previews, name) is None, name
