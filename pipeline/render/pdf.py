"""PDF with WeasyPrint: tagged (PDF/UA-1), bookmarked, fonts embedded, resources fenced in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from pipeline.errors import UnsafeResourceError
from pipeline.i18n.formatting import PAGE, PAGES
from pipeline.render import cyrillic, fonts, hangul, kyrgyz, page_fit
from pipeline.render.base import Renderer, RenderJob
from pipeline.render.fetcher import make_fetcher
from pipeline.render.view import Furniture

PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class PrintDocument:
    """Everything a PDF paint needs, as data: it can run where the content files are not.

    `resources` holds the files the note uses (its picture), read and checked when
    the content was loaded; anything else may only come from `allowed_roots` on disk.
    """

    html: str
    base_url: str
    allowed_roots: tuple[Path, ...]
    resources: dict[str, bytes] = field(default_factory=dict)


class PdfRenderer(Renderer[PrintDocument]):
    name = "pdf"
    suffix = ".pdf"
    preload = ("pipeline.render.weasy",)
    heavy = True

    def prepare(self, job: RenderJob) -> PrintDocument:
        from pipeline.render import templating
        from pipeline.render.view_builder import build_view

        view = build_view(job)
        picture = job.source.picture
        # The name the picture was read under at load; the fetcher serves the bytes read then.
        image_src = picture.path.as_uri() if picture else None
        html = templating.render_note(job, view, "pdf", image_src=image_src)
        if not job.allow_missing_glyphs:
            fonts.require_glyphs(_visible_text(html) + _furniture_text(view.furniture), job.locale)
        return PrintDocument(
            html=html,
            base_url=job.templates[0].resolve().as_uri() + "/",
            allowed_roots=job.templates,
            resources={image_src: picture.data} if picture and image_src else {},
        )

    def paint(self, prepared: PrintDocument) -> bytes:
        from pipeline.render.weasy import FatalURLFetchingError

        try:
            return self.lay_out(prepared).write_pdf(pdf_variant=PDF_VARIANT)
        except FatalURLFetchingError as error:
            raise UnsafeResourceError(str(error)) from None

    def lay_out(self, prepared: PrintDocument):
        """The laid-out WeasyPrint document whose `write_pdf` is the printed PDF: the
        preview (pipeline/serve) writes the same pages its own quicker way."""
        from pipeline.render.weasy import HTML, FatalURLFetchingError, font_options

        _tag_passage_languages()
        fetcher = make_fetcher(list(prepared.allowed_roots), prepared.resources)
        try:
            # Typeset here, so every printed document (notes, books) has it.
            document = page_fit.render_fitted(
                _typeset(prepared.html),
                lambda html: HTML(string=html, base_url=prepared.base_url, url_fetcher=fetcher),
                **font_options(prepared.html),
            )
        except FatalURLFetchingError as error:
            raise UnsafeResourceError(str(error)) from None
        _bookmarks_without_joiners(document)
        return document


def _tag_passage_languages() -> None:
    """Give tagged-PDF structure elements the `lang` of their HTML element.

    WeasyPrint 70 sets the document's /Lang only, so a passage left in the
    source language would be read aloud in the note's language. Its tag-tree
    builder yields each element's structure dictionary; a thin wrapper adds
    /Lang where the element carries its own `lang`. If WeasyPrint's internals
    change, the note is still tagged, just without per-passage languages (and
    tests/test_i18n.py says so).
    """
    import pydyf
    from weasyprint.pdf import tags

    original = tags._build_box_tree
    if getattr(original, "adds_passage_languages", False):
        return

    def build_box_tree(box, *arguments):
        element = getattr(box, "element", None)
        tag = getattr(box, "element_tag", None)
        language = (
            element.get("lang") if element is not None and tag not in ("html", "body") else None
        )
        for structure in original(box, *arguments):
            if language and "Lang" not in structure:
                structure["Lang"] = pydyf.String(language)
            yield structure

    build_box_tree.__dict__["adds_passage_languages"] = True  # the mark checked above
    tags._build_box_tree = build_box_tree


def _typeset(html: str) -> str:
    """The per-language line-breaking marks print needs: Korean words kept whole, Kyrgyz
    syllable breaks, Russian and Kyrgyz words that may not end a line bound."""
    return cyrillic.bind_html(kyrgyz.hyphenate_html(hangul.keep_words_in_html(html)))


def _bookmarks_without_joiners(document) -> None:
    """Bookmarks are the headings' text: without the joiners that keep Korean words whole
    and the soft hyphens that break Kyrgyz ones."""
    for page in document.pages:
        page.bookmarks = [
            (level, kyrgyz.without_soft_hyphens(hangul.without_joiners(label)), *rest)
            for level, label, *rest in page.bookmarks
        ]


def _furniture_text(furniture: Furniture) -> str:
    """What the page margins print: the style sheet holds it, so `_visible_text` misses it."""
    pieces = [piece for piece in furniture.page_label if piece not in (PAGE, PAGES)]
    return " ".join(
        [furniture.running_header.text, furniture.document_type, furniture.handling.text, *pieces]
    )


def _visible_text(html: str) -> str:
    """Roughly what gets drawn: the document without its style sheet and tags."""
    body = re.sub(r"<style>.*?</style>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", body))


RENDERER = PdfRenderer()
