"""The known attacks, one test each: a clear error or a safe output, nothing read or written outside.

Already covered elsewhere, not repeated here: the YAML alias bomb and `!!python` tags
(tests/unit/test_content.py); `<script>` and event handlers in questions, answers and
the title, escaped in HTML and inert in PDF and DOCX, and the PDF fetcher's refusals of
file://, http(s)://, data: and `../` URLs in templates' markup (tests/test_security.py);
image paths that leave assets/ (tests/unit/test_content.py); markup, `javascript:` and
broken placeholders in translations (tests/test_i18n.py).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from pipeline import render
from pipeline.content import loader as content
from pipeline.errors import ContentError, UnsafeResourceError
from pipeline.render import templating
from tests import readers
from tests.conftest import REPO, build_note, project_overriding, seed_data

MARKUP = (
    '<script>alert(1)</script><img src="file:///etc/passwd" onerror="alert(2)">'
    '<a href="javascript:alert(3)">x</a><link rel="stylesheet" href="http://169.254.169.254/x.css">'
    '<iframe src="data:text/html,<script>alert(4)</script>"></iframe> ../../../etc/passwd'
)
# Fields whose value is not free text (or must quote another field word for word).
NOT_TEXT = {"slug", "language", "published", "status", "value", "approximate", "source_sentence"}


def with_markup(data: object, key: str = "") -> object:
    """Every free-text value of the content prefixed with MARKUP (short enough where limited)."""
    if isinstance(data, dict):
        return {k: (v if k in NOT_TEXT else with_markup(v, k)) for k, v in data.items()}
    if isinstance(data, list):
        return [with_markup(item, key) for item in data]
    if isinstance(data, str):
        return f"<b onclick=x>{data}"[:60] if key == "short_title" else f"{MARKUP} {data}"
    return data


def html_shape(path: Path) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """Each element's tag, attribute names, and the values of attributes that load or link."""
    import lxml.html

    tree = lxml.html.fromstring(path.read_bytes())
    return [
        (
            element.tag,
            tuple(sorted(element.attrib)),
            tuple(element.get(name, "") for name in ("href", "src", "style", "action")),
        )
        for element in tree.iter()
        if isinstance(element.tag, str)
    ]


@pytest.fixture(scope="module")
def marked_up(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("markup")
    data = with_markup(seed_data())
    source = folder / "content" / f"{data['slug']}.yaml"
    source.parent.mkdir()
    import yaml

    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795766400")
        return build_note(source, folder / "output")


@pytest.mark.slow
def test_markup_and_urls_in_every_field_add_no_element_attribute_or_link_to_html(
    marked_up, seed_outputs
):
    assert html_shape(marked_up["html"]) == html_shape(seed_outputs["html"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in marked_up["html"].read_text(encoding="utf-8")


@pytest.mark.slow
def test_markup_and_urls_in_every_field_add_no_action_link_or_file_to_the_pdf(marked_up):
    qdf = subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(marked_up["pdf"]), "-"],
        capture_output=True,
        check=True,
    ).stdout
    for key in (b"/JavaScript", b"/JS", b"/URI", b"/Launch", b"/EmbeddedFile", b"/GoToR"):
        assert re.search(re.escape(key) + rb"[\s(<]", qdf) is None, key
    images = subprocess.run(
        ["pdfimages", "-list", str(marked_up["pdf"])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert images == []
    assert readers.normalise(MARKUP) in readers.normalise(
        " ".join(readers.pdf_pages(marked_up["pdf"]))
    )


@pytest.mark.slow
def test_markup_and_urls_in_every_field_add_no_field_code_or_external_link_to_the_docx(marked_up):
    with zipfile.ZipFile(marked_up["docx"]) as package:
        parts = {
            name: package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }
    relationships = "".join(text for name, text in parts.items() if name.endswith(".rels"))
    assert 'TargetMode="External"' not in relationships
    codes = re.findall(
        r"<w:instrText[^>]*>([^<]*)</w:instrText>|w:instr=\"([^\"]*)\"", "".join(parts.values())
    )
    assert {"".join(code).strip() for code in codes} <= {"PAGE", "NUMPAGES"}
    assert "w:hyperlink" not in parts["word/document.xml"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in parts["word/document.xml"]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/x",
        "//169.254.169.254/latest",
        "../../etc/passwd",
    ],
)
def test_the_source_link_must_be_a_web_address(write_content, url):
    data = seed_data()
    data["source"]["url"] = url
    with pytest.raises(ContentError) as caught:
        content.load(write_content(data))
    [problem] = caught.value.problems
    assert problem.field == "source.url"


@pytest.mark.parametrize(
    "file",
    [
        "http://169.254.169.254/x.png",
        "https://example.org/x.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "//server/share/x.png",
        "assets\\..\\..\\x.png",
        "C:/Windows/x.png",
        "assets/%2e%2e/%2e%2e/x.png",
    ],
)
def test_the_portrait_cannot_be_a_url_or_leave_assets(write_content, file):
    data = seed_data()
    data["image"] = {"file": file, "alt": "Portrait", "credit": "Agency"}
    with pytest.raises(ContentError) as caught:
        content.load(write_content(data))
    assert [problem.field for problem in caught.value.problems] == ["image.file"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        '") url(file:///etc/passwd) ("',
        '"; } @import url(http://169.254.169.254/x.css); x { content: "',
        '\\"; } * { background: url(../../../../etc/passwd) } x { \\"',
        "</style><link rel=stylesheet href=http://169.254.169.254/x.css>",
    ],
)
def test_content_that_reaches_the_css_cannot_load_anything(write_content, tmp_path, text):
    """The running header and footer quote content in CSS strings; a break-out would fetch."""
    data = seed_data()
    data["short_title"] = text[:60]
    data["handling"] = text
    outputs = build_note(write_content(data), tmp_path / "out")  # a refused fetch would fail it
    header = readers.normalise(readers.pdf_pages(outputs["pdf"])[1].splitlines()[0])
    assert header.startswith(readers.normalise(text[:60]))
    assert (
        "Page size:       595.276 x 841.89 pts (A4)"
        in subprocess.run(
            ["pdfinfo", str(outputs["pdf"])], capture_output=True, text=True, check=True
        ).stdout
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "rule",
    [
        '@import url("../../secret.css");',
        "body { background: url(file:///etc/passwd); }",
        "body { background: url(http://169.254.169.254/latest/meta-data/); }",
        "body { background: url(data:image/png;base64,iVBORw0KGgo=); }",
        '@font-face { font-family: X; src: url("https://fonts.example.org/x.woff2"); }'
        " body { font-family: X; }",
        "body { background: url(../content/../../etc/passwd); }",
    ],
)
def test_a_stylesheet_that_reaches_outside_stops_the_pdf_build(tmp_path, write_content, rule):
    (tmp_path / "secret.css").write_text("body { color: red }")
    # note.css comes first in the style sheet, where @import counts
    project = project_overriding(tmp_path, "css/note.css", lambda text: rule + "\n" + text)
    job = render.RenderJob(
        content.load(write_content()), dt.datetime(2026, 1, 1, tzinfo=dt.UTC), project
    )
    with pytest.raises(UnsafeResourceError, match="refused to load"):
        render.get("pdf").render(job)


@pytest.mark.parametrize(
    "name", ["../pipeline/cli.py", "../../../../etc/passwd", "/etc/passwd", "css/../../README.md"]
)
def test_a_template_name_outside_the_templates_folder_is_not_found(name):
    import jinja2

    with pytest.raises(jinja2.TemplateNotFound):
        templating.environment(REPO.template_dirs, (), "en").get_template(name)


def test_an_include_outside_the_templates_folder_fails_the_render_clearly(tmp_path, write_content):
    project = project_overriding(
        tmp_path,
        "note.html",
        lambda text: text.replace("<main>", '<main>{% include "../secret.txt" %}', 1),
    )
    (tmp_path / "secret.txt").write_text("secret")
    job = render.RenderJob(
        content.load(write_content()), dt.datetime(2026, 1, 1, tzinfo=dt.UTC), project
    )
    import jinja2

    with pytest.raises(jinja2.TemplateNotFound, match=r"\.\./secret\.txt"):
        render.get("html").render(job)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("slug", "../../outside"),
        ("slug", "/tmp/outside"),
        ("slug", "x/../../outside"),
        ("language", "../../outside"),
        ("language", "en/../../../tmp"),
    ],
)
def test_a_slug_or_language_cannot_lead_outputs_out_of_the_output_folder(
    write_content, tmp_path, field, value
):
    data = seed_data()
    data[field] = value
    path = write_content(data, name="note")
    with pytest.raises(ContentError) as caught:
        build_note(path, tmp_path / "output")
    assert field in {problem.field for problem in caught.value.problems}
    assert {p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()} == {
        Path("content/note.yaml")
    }


@pytest.mark.parametrize("value", ["1e30", "-1e18", ".inf", "-.inf", ".nan", "'1e999999999'"])
def test_a_key_figure_too_large_to_print_is_refused(write_content, value):
    text = write_content().read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^(\s*value: )370$", rf"\g<1>{value}", text, count=1)
    assert count == 1
    path = write_content(text=text, name=seed_data()["slug"])
    with pytest.raises(ContentError) as caught:
        content.load(path)
    [problem] = caught.value.problems
    assert problem.field == "brief.key_figures[0].value"


def test_a_content_file_outside_the_project_is_read_but_its_picture_only_from_its_own_assets(
    write_content, png_file, tmp_path
):
    """The command reads the files it is given, wherever they are; what they refer to stays
    fenced: a portrait resolves under the content file's own assets/ folder, nowhere else."""
    data = seed_data()
    data["image"] = {"file": "assets/portrait.png", "alt": "Portrait", "credit": "Agency"}
    path = write_content(data)
    png_file(tmp_path / "assets" / "portrait.png")  # next to content/, not inside it
    with pytest.raises(ContentError, match="image.file: no such file"):
        content.load(path)
    png_file(path.parent / "assets" / "portrait.png")
    assert content.load(path).interview.image is not None
