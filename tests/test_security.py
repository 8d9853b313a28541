"""Content and templates are not trusted: markup stays text, resources stay fenced in."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from pipeline import render
from pipeline.content import loader as content
from pipeline.errors import UnsafeResourceError
from pipeline.render.fetcher import RefusedURL, resolve_allowed
from tests import readers
from tests.conftest import build_note, project_overriding, seed_data

SCRIPT = "<script>alert('x')</script> Is this escaped?"
HANDLER = '<img src="x" onerror="alert(1)"> and a <a href="javascript:alert(2)">link</a>.'


@pytest.fixture
def hostile_note(write_content, tmp_path) -> dict[str, Path]:
    data = seed_data()
    data["turns"][0]["question"] = SCRIPT
    data["turns"][5]["answer"][0] = HANDLER
    data["title"] = "</title><style>body{display:none}</style>"
    data["short_title"] = '"; } @page { size: 1mm } x {'
    return build_note(write_content(data), tmp_path / "out")


@pytest.mark.slow
def test_markup_in_content_is_escaped_in_html(hostile_note):
    import lxml.html

    html = hostile_note["html"].read_text(encoding="utf-8")
    tree = lxml.html.fromstring(html)
    assert not tree.cssselect("script, img, a[href^='javascript']")
    assert len(tree.cssselect("style")) == 1
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert tree.cssselect(".question-text")[0].text_content() == SCRIPT
    assert tree.findtext(".//title") == "</title><style>body{display:none}</style>"


@pytest.mark.slow
def test_markup_in_content_is_inert_text_in_pdf_and_docx(hostile_note):
    import docx

    pdf_text = readers.normalise(" ".join(readers.pdf_pages(hostile_note["pdf"])))
    assert SCRIPT in pdf_text and readers.normalise(HANDLER) in pdf_text
    info = subprocess.run(
        ["pdfinfo", str(hostile_note["pdf"])], capture_output=True, text=True
    ).stdout
    assert "JavaScript:      no" in info
    assert "Page size:       595.276 x 841.89 pts (A4)" in info  # the page rule was not hijacked
    paragraphs = [p.text for p in docx.Document(str(hostile_note["docx"])).paragraphs]
    assert SCRIPT in paragraphs and HANDLER in paragraphs


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "outside the allowed folders"),
        ("http://169.254.169.254/latest/meta-data/", "the http scheme is not allowed"),
        ("https://example.org/logo.png", "the https scheme is not allowed"),
        ("data:text/plain;base64,aGk=", "the data scheme is not allowed"),
        ("file://server/share/x.css", "file URLs on another host are not allowed"),
    ],
)
def test_fetcher_refuses_anything_outside_its_folders(tmp_path, url, reason):
    with pytest.raises(RefusedURL, match=reason):
        resolve_allowed(url, [tmp_path])


def test_fetcher_refuses_dot_dot_escapes_and_serves_inside(tmp_path):
    inside = tmp_path / "templates" / "css" / "note.css"
    inside.parent.mkdir(parents=True)
    inside.write_text("p {}")
    (tmp_path / "secret.txt").write_text("secret")
    escape = (tmp_path / "templates").as_uri() + "/../secret.txt"
    with pytest.raises(RefusedURL, match="outside the allowed folders"):
        resolve_allowed(escape, [tmp_path / "templates"])
    assert resolve_allowed(inside.as_uri(), [tmp_path / "templates"]) == inside


@pytest.mark.slow
@pytest.mark.parametrize(
    "markup",
    [
        '<img src="file:///etc/passwd" alt="">',
        '<img src="http://169.254.169.254/latest/meta-data/" alt="">',
        '<link rel="attachment" href="../../secret.txt">',
        '<link rel="stylesheet" href="https://fonts.example.org/x.css">',
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">',
    ],
)
def test_pdf_build_stops_on_a_forbidden_resource_in_a_template(tmp_path, write_content, markup):
    project = project_overriding(
        tmp_path, "note.html", lambda text: text.replace("<main>", f"<main>{markup}", 1)
    )
    source = content.load(write_content())
    job = render.RenderJob(source, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), project)
    url = markup.split('"')[1] if "src=" in markup else markup.split('href="')[1].split('"')[0]
    with pytest.raises(UnsafeResourceError, match="refused to load") as caught:
        render.get("pdf").render(job)
    assert url.split("/")[-1] in str(caught.value)
