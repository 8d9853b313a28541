"""The briefing book: every note of the day in one locale, in one PDF, from the notes' templates.

A cover (the desk, the date, the handling line, today's items with their first
key points), a contents page whose page numbers WeasyPrint fills in
(`target-counter`), then each note as `note.html` lays it out: the book template
includes the same partials with each note's view, so there is no second layout.
Each note runs on pages named after it (`@page note-N`), which gives it its own
running header while the page numbers run on through the book. One WeasyPrint
pass, tagged and bookmarked like a single note (book > note > section).

`item` is the one record of an interview that the cover, the pack index and the
digest e-mail show; it is plain data, kept in the render cache and the manifest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline import __version__
from pipeline.render.base import Renderer
from pipeline.render.pdf import RENDERER as PDF
from pipeline.render.pdf import PrintDocument, _furniture_text, _visible_text
from pipeline.render.view import NoteView, Part, Passage, walk

if TYPE_CHECKING:
    from pipeline.project import Project
    from pipeline.render.base import RenderJob

BOOK = "Briefing book"
"""The book's name, translated where it is printed (templates/book/book.html)."""
COVER_POINTS = 3
"""Key points an item shows on the cover, the index and the e-mail (the note has them all)."""


@dataclass(frozen=True)
class BookJob:
    """What one book is made of: the notes of one locale, in the pack's order."""

    jobs: tuple[RenderJob, ...]
    locale: str
    date: dt.date
    desk: str | None
    handling: str | None
    """None: the first note's handling line."""
    project: Project
    allow_missing_glyphs: bool = False
    changes: tuple[tuple[str, str, str | None], ...] = ()
    """(slug, status, summary) per note compared with the previous pack (packs.book)."""

    @property
    def built_at(self) -> dt.datetime:
        return self.jobs[0].built_at

    @property
    def templates(self):
        return self.project.template_dirs


def book_name(date: dt.date, locale: str) -> str:
    return f"{date.isoformat()}-briefing-book-{locale}.pdf"


def item(view: NoteView, slug: str) -> dict:
    """An interview as the cover, the index and the e-mail list it: plain, JSON-ready data.

    Every text goes with `lang`, the language it fell back to (None: translated).
    """
    subject = {part.segment: part for part in walk(view.masthead.subject)}

    def text(part: Part | None) -> dict:
        if isinstance(part, Passage):
            return {"text": part.text, "lang": part.lang}
        return {"text": part or "", "lang": None}

    figures = [
        {
            "label": text(figure.label),
            "value": "".join(
                piece.text if isinstance(piece, Passage) else piece for piece in figure.value
            ),
            "period": text(figure.period),
            "stated_by": text(figure.stated_by),
        }
        for figure in view.brief.figures.items
    ]
    return {
        "slug": slug,
        "locale": view.language,
        "language": view.source_language,
        "title": text(view.masthead.title),
        "short_title": text(view.furniture.running_header),
        "interviewee": text(subject.get("interviewee.name")),
        "role": text(subject.get("interviewee.role")),
        "outlet": text(subject.get("outlet")),
        "handling": text(view.furniture.handling),
        "key_points": [text(point) for point in view.brief.key_points.items],
        "figures": figures,
    }


class BookRenderer(Renderer[PrintDocument]):
    name = "book"
    suffix = ".pdf"
    is_format = False
    preload = PDF.preload  # the lean WeasyPrint import, as the notes' PDFs
    heavy = True

    def prepare(self, job: BookJob) -> PrintDocument:  # type: ignore[override]
        from pipeline.render import fonts
        from pipeline.render.view_builder import build_view

        views = [build_view(note) for note in job.jobs]
        pictures = {
            note.source.picture.path.as_uri(): note.source.picture.data
            for note in job.jobs
            if note.source.picture is not None
        }
        html = _layout(job, views)
        if not job.allow_missing_glyphs:
            furniture = " ".join(_furniture_text(view.furniture) for view in views)
            fonts.require_glyphs(_visible_text(html) + furniture, job.locale)
        return PrintDocument(
            html=html,
            base_url=job.templates[0].resolve().as_uri() + "/",
            allowed_roots=job.templates,
            resources=pictures,
        )

    def paint(self, prepared: PrintDocument) -> bytes:
        return PDF.paint(prepared)


def _layout(job: BookJob, views: list[NoteView]) -> str:
    from markupsafe import Markup

    from pipeline.i18n.catalogs import interface_translations
    from pipeline.i18n.formatting import long_date
    from pipeline.render import templating

    env = templating.environment(job.templates, job.project.interface_catalog_dirs, job.locale)
    changes = {slug: {"status": status, "summary": line} for slug, status, line in job.changes}
    notes = []
    for number, (note, view) in enumerate(zip(job.jobs, views, strict=True), start=1):
        picture = note.source.picture
        notes.append(
            {
                "anchor": f"note-{number}",
                "page": f"note-{number}",
                "view": view,
                "item": item(view, note.interview.slug),
                "change": changes.get(note.interview.slug),
                "image_src": picture.path.as_uri() if picture else None,
            }
        )
    handling = job.handling or views[0].furniture.handling.text
    translate = interface_translations(job.locale, job.project.interface_catalog_dirs).gettext
    date_long = long_date(job.date, job.locale)
    page_rules = env.get_template("book/pages.css.j2").render(
        notes=notes,
        handling=handling,
        page_label=views[0].furniture.page_label,
        book_label=f"{translate(BOOK)}, {date_long}",
    )
    css = "\n".join(
        [
            templating._read_template_source(env, "css/note.css"),
            templating._read_template_source(env, "css/print.css"),
            templating._read_template_source(env, "book/book.css"),
            page_rules,
        ]
    )
    return env.get_template("book/book.html").render(
        lang=job.locale,
        version=__version__,
        css=Markup(css),
        desk=job.desk,
        handling=handling,
        date=job.date.isoformat(),
        date_long=date_long,
        built_at=job.built_at.isoformat(),
        notes=notes,
        cover_points=COVER_POINTS,
        lang_attr=templating.lang_attribute,
        lang_tag=templating.lang_tag,
        text=templating.text,
        inline=templating.inline,
        phrase=templating.phrase,
        target="pdf",
    )


RENDERER = BookRenderer()
