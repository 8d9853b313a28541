"""The Jinja template tree shared by the HTML and PDF renderers.

One environment per locale, autoescaped: content text is never trusted as
markup, and neither are translations (they come from outside the team, so they
are escaped too; Jinja's i18n extension would otherwise mark them safe). The
note's templates lay out its view (pipeline.render.view), whose words are
translated already; `_()` is there for the other templates (the pack index) and
for a project's own additions, so the string table can translate them.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

import jinja2
from markupsafe import Markup, escape

from pipeline import __version__
from pipeline.i18n.formatting import PAGE, PAGES, format_number, long_date, page_pattern
from pipeline.project import user_cache
from pipeline.render import template_cache
from pipeline.render.base import RenderJob
from pipeline.render.view import ChangeNotice, Furniture, NoteView, Part, Passage, Phrase

Target = Literal["html", "pdf"]


_OPTIONS: dict[str, object] = {
    "undefined": jinja2.StrictUndefined,
    "extensions": ["jinja2.ext.i18n"],
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}
"""What shapes the compiled code, beside `_escapes` and new-style gettext (see template_cache)."""


@functools.cache
def environment(
    templates: tuple[Path, ...],
    catalogs: tuple[Path, ...],
    locale: str = "en",
    cache: Path | None = None,
) -> jinja2.Environment:
    """Templates looked up folder by folder, first match wins (a project's file over the
    built-in one of the same path), translated by the interface catalogs in `catalogs`.

    With `cache` (the user's cache folder), compiled templates are kept there for the
    next run; within a run, each environment compiles a template once."""
    from pipeline.i18n.catalogs import interface_translations

    bytecode = None
    if cache is not None:
        folder = template_cache.folder_for(
            cache, {**_OPTIONS, "autoescape": _escapes, "newstyle_gettext": True}
        )
        bytecode = template_cache.TemplateCache(folder)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(templates)),
        autoescape=_escapes,
        bytecode_cache=bytecode,
        **_OPTIONS,  # type: ignore[arg-type]
    )
    _install_escaped_translations(env, interface_translations(locale, catalogs))
    env.globals["marked"] = marked  # a change view binds its notice (render_note)
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


def render_note(
    job: RenderJob, view: NoteView, target: Target, image_src: str | None = None
) -> str:
    """The note as an HTML document, styled for the screen (`html`) or for print (`pdf`).

    The templates lay out `view` only; `job` says where they are.
    """
    env = environment(job.templates, job.interface_catalogs, job.locale, user_cache())
    context = {
        "lang": view.language,
        "masthead": view.masthead,
        "brief": view.brief,
        "interview": view.interview,
        "meta": view.metadata,
        "lang_attr": lang_attribute,
        "lang_tag": lang_tag,
        "text": text,
        "inline": inline,
        "phrase": phrase,
        # Spoken labels in HTML; a PDF would show them out of place, after the section.
        "marked": functools.partial(marked, notice=view.changes, spoken=target == "html"),
        "changes": view.changes,
        "target": target,
        "version": __version__,
        "image_src": image_src,
        "css": Markup(stylesheet(env, target, view.furniture, changes=view.changes is not None)),
    }
    return env.get_template("note.html").render(context)


def lang_attribute(part: Part) -> Markup:
    """` lang="en" data-fallback` on a passage shown in the source language; in a change
    view, ` data-change="rewritten"` on a changed one (the change bar's hook)."""
    attributes = Markup("")
    if isinstance(part, Passage) and part.lang:
        attributes += Markup(' lang="{}" data-fallback').format(part.lang)
    if isinstance(part, Passage) and part.change:
        attributes += Markup(' data-change="{}"').format(part.change)
    return attributes


def marked(part: Part, notice: ChangeNotice | None = None, spoken: bool = True) -> Markup:
    """A passage's text; in a change view, with its insertions and deletions marked up,
    each saying "inserted"/"deleted" to a screen reader where `spoken` (`notice` gives
    those words)."""
    if not isinstance(part, Passage):
        return escape(part)
    if not part.edits or notice is None:
        return escape(part.text)
    pieces = []
    for kind, piece in part.edits:
        if not kind:
            pieces.append(escape(piece))
            continue
        said = notice.inserted if kind == "ins" else notice.deleted
        label = Markup('<span class="visually-hidden">{}: </span>').format(said)
        # Deleted text keeps its own language where the new text is in another.
        lang = Markup(' lang="{}"').format(part.was_lang) if kind == "del" and part.was_lang else ""
        pieces.append(
            Markup("<{0}{1}>{2}{3}</{0}>").format(kind, lang, label if spoken else "", piece)
        )
    return Markup("").join(pieces)


def lang_tag(part: Part) -> Markup:
    """The visible language tag before an untranslated passage that shows one, and the
    notice, in the note's language, where its translation waits for a changed source."""
    if not (isinstance(part, Passage) and part.tag):
        return Markup("")
    tag = Markup('<span class="lang-tag">{}</span> ').format(part.tag)
    if part.pending is None:
        return tag
    notice = Markup('<span class="pending" lang="{}">({})</span> ')
    return tag + notice.format(part.pending.lang, part.pending.text)


def text(part: Part) -> str:
    return part.text if isinstance(part, Passage) else part


def inline(part: Part) -> Markup:
    """A passage among other text: a fallback one in a span of its own, marked."""
    if not isinstance(part, Passage):
        return escape(part)
    if not part.lang:
        return escape(part.text)
    return Markup("<span{}>{}{}</span>").format(lang_attribute(part), lang_tag(part), part.text)


def phrase(parts: Phrase) -> Markup:
    """An interface sentence with the passages in it marked."""
    return Markup("").join(inline(part) for part in parts)


def stylesheet(
    env: jinja2.Environment, target: Target, furniture: Furniture, changes: bool = False
) -> str:
    """Inline CSS: shared rules, then screen and print rules (print only for PDF); a
    change view adds the rules of its marks."""
    read = functools.partial(_read_template_source, env)
    page_rules = env.get_template("css/page.css.j2").render(furniture=furniture)
    shared = [read("css/note.css"), *([read("css/changes.css")] if changes else [])]
    if target == "pdf":
        return "\n".join([*shared, read("css/print.css"), page_rules])
    return "\n".join(
        [
            *shared,
            "@media screen {\n" + read("css/screen.css") + "\n}",
            "@media print {\n" + read("css/print.css") + "\n" + page_rules + "\n}",
        ]
    )


def _read_template_source(env: jinja2.Environment, name: str) -> str:
    source, _filename, _uptodate = env.loader.get_source(env, name)  # type: ignore[union-attr]
    return source


def css_string(value: str) -> Markup:
    """A quoted CSS string that no content can break out of (not even `</style>`)."""
    # A hex escape ends at the space after it, so every escape carries one.
    escaped = "".join(
        char if char.isascii() and (char.isalnum() or char in " .,-") else f"\\{ord(char):x} "
        for char in value
    )
    return Markup(f'"{escaped}"')


def page_counters(label: tuple[str, ...] | str) -> Markup:
    """CSS `content` for a translated "Page X of Y", with live page counters in it.

    `label` is the view's pieces (`Furniture.page_label`), or the formatted label itself.
    """
    pieces = page_pattern(label) if isinstance(label, str) else label
    counters = {PAGE: "counter(page)", PAGES: "counter(pages)"}
    return Markup(" ".join(counters.get(piece) or css_string(piece) for piece in pieces))
