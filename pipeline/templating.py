"""The Jinja template tree shared by the HTML and PDF renderers.

One environment, autoescaped: content text is never trusted as markup. Every
word the templates add goes through gettext (`_()`), so the string table can
translate it; until a catalog is installed the English source text is used.
"""

from __future__ import annotations

import base64
import functools
import mimetypes
import re
from pathlib import Path
from typing import Literal

import jinja2
from markupsafe import Markup

from pipeline import __version__
from pipeline.formatting import format_number, long_date
from pipeline.render.base import RenderJob

Target = Literal["html", "pdf"]


@functools.cache
def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=_escapes,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        css_string=css_string,
        long_date=long_date,
        number=format_number,
        page_counters=page_counters,
    )
    return env


def _escapes(template_name: str | None) -> bool:
    # CSS templates quote content through `css_string`; everything else is HTML.
    return not (template_name or "").endswith(".css.j2")


def render_note(job: RenderJob, target: Target, image_src: str | None = None) -> str:
    """The note as an HTML document, styled for the screen (`html`) or for print (`pdf`)."""
    env = environment(job.templates)
    interview = job.interview
    context = {
        "note": interview,
        "lang": interview.language,
        "target": target,
        "built_at": job.built_at,
        "prepared": job.built_at.date(),
        "version": __version__,
        "image_src": image_src,
        "figure_turns": figure_turns(interview),
        "css": Markup(stylesheet(env, target, interview)),
    }
    return env.get_template("note.html").render(context)


def stylesheet(env: jinja2.Environment, target: Target, interview) -> str:
    """Inline CSS: shared rules, then screen and print rules (print only for PDF)."""
    read = functools.partial(_read_template_source, env)
    page_rules = env.get_template("css/page.css.j2").render(note=interview)
    if target == "pdf":
        return "\n".join([read("css/note.css"), read("css/print.css"), page_rules])
    return "\n".join(
        [
            read("css/note.css"),
            "@media screen {\n" + read("css/screen.css") + "\n}",
            "@media print {\n" + read("css/print.css") + "\n" + page_rules + "\n}",
        ]
    )


def _read_template_source(env: jinja2.Environment, name: str) -> str:
    source, _filename, _uptodate = env.loader.get_source(env, name)  # type: ignore[union-attr]
    return source


def figure_turns(interview) -> dict[int, str]:
    """For each key figure, the anchor of the passage its sentence comes from."""
    anchors: dict[int, str] = {}
    for index, figure in enumerate(interview.brief.key_figures):
        for number, turn in enumerate(interview.turns, start=1):
            if any(figure.source_sentence in text for text in (turn.question, *turn.answer)):
                anchors[index] = f"turn-{number}"
                break
    return anchors


def css_string(value: str) -> Markup:
    """A quoted CSS string that no content can break out of (not even `</style>`)."""
    # A hex escape ends at the space after it, so every escape carries one.
    escaped = "".join(
        char if char.isascii() and (char.isalnum() or char in " .,-") else f"\\{ord(char):x} "
        for char in value
    )
    return Markup(f'"{escaped}"')


def page_counters(label: str) -> Markup:
    """CSS `content` for a translated "Page X of Y", with live page counters in it."""
    parts = []
    for piece in re.split(r"(@@page@@|@@pages@@)", str(label)):
        if piece == "@@page@@":
            parts.append("counter(page)")
        elif piece == "@@pages@@":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    return Markup(" ".join(parts))


def image_data_uri(path: Path) -> str:
    """The picture embedded in the page, so the HTML file works offline and alone."""
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{media_type};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
