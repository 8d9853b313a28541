"""The Jinja template tree shared by the HTML and PDF renderers.

One environment per locale, autoescaped: content text is never trusted as
markup, and neither are translations (they come from outside the team, so they
are escaped too; Jinja's i18n extension would otherwise mark them safe). Every
word the templates add goes through gettext (`_()`), so the string table can
translate it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

import jinja2
from markupsafe import Markup, escape

from pipeline import __version__
from pipeline.i18n.formatting import (
    PAGE,
    PAGES,
    format_number,
    language_name,
    long_date,
    page_pattern,
)
from pipeline.i18n.localization import Localization
from pipeline.render.base import RenderJob

Target = Literal["html", "pdf"]


@functools.cache
def environment(
    templates: tuple[Path, ...], catalogs: tuple[Path, ...], locale: str = "en"
) -> jinja2.Environment:
    """Templates looked up folder by folder, first match wins (a project's file over the
    built-in one of the same path), translated by the interface catalogs in `catalogs`."""
    from pipeline.i18n.catalogs import interface_translations

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(templates)),
        autoescape=_escapes,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    _install_escaped_translations(env, interface_translations(locale, catalogs))
    env.filters.update(
        css_string=css_string,
        long_date=long_date,
        number=format_number,
        page_counters=page_counters,
    )
    return env


def _install_escaped_translations(env: jinja2.Environment, translations) -> None:
    def escaped(function):
        @jinja2.pass_context
        def call(context: jinja2.runtime.Context, *arguments: object) -> str:
            text = function(*arguments)
            return escape(text) if context.eval_ctx.autoescape else text

        return call

    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=escaped(translations.gettext),
        ngettext=escaped(translations.ngettext),
        pgettext=escaped(translations.pgettext),
        npgettext=escaped(translations.npgettext),
        newstyle=True,
    )


def _escapes(template_name: str | None) -> bool:
    # CSS templates quote content through `css_string`; everything else is HTML.
    return not (template_name or "").endswith(".css.j2")


def render_note(job: RenderJob, target: Target, image_src: str | None = None) -> str:
    """The note as an HTML document, styled for the screen (`html`) or for print (`pdf`)."""
    env = environment(job.templates, job.interface_catalogs, job.locale)
    interview, l10n = job.interview, job.l10n
    context = {
        "note": interview,
        "lang": job.locale,
        "l10n": l10n,
        "lang_attr": functools.partial(_lang_attribute, l10n),
        "lang_tag": functools.partial(_lang_tag, l10n),
        "source_language_name": language_name(l10n.source_language, job.locale),
        "source_tag": l10n.source_language.upper(),
        "target": target,
        "built_at": job.built_at,
        "prepared": job.built_at.date(),
        "version": __version__,
        "image_src": image_src,
        "figure_turns": figure_turns(interview),
        "css": Markup(stylesheet(env, target, interview)),
    }
    return env.get_template("note.html").render(context)


def _lang_attribute(l10n: Localization, segment_id: str) -> Markup:
    """` lang="en" data-fallback` on a passage shown in the source language."""
    source = l10n.fallback_language(segment_id)
    return Markup(' lang="{}" data-fallback').format(source) if source else Markup("")


def _lang_tag(l10n: Localization, segment_id: str) -> Markup:
    """A visible language tag before an untranslated passage."""
    source = l10n.fallback_language(segment_id)
    if not source:
        return Markup("")
    return Markup('<span class="lang-tag">{}</span> ').format(source.upper())


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
    counters = {PAGE: "counter(page)", PAGES: "counter(pages)"}
    parts = [counters.get(piece) or css_string(piece) for piece in page_pattern(str(label))]
    return Markup(" ".join(parts))
