"""Lay out again only the pages from an edit on: the pages before it are the last render's.

An editor's save changes one passage; WeasyPrint lays the whole note out again, page 1
(the masthead and the brief, the costliest page) included, though it came out the same.
WeasyPrint itself re-makes single pages: `context.page_maker[i]` holds everything page
`i` starts from (where in the box tree, the counters, which side), and `make_all_pages`
re-makes only the pages marked changed, keeping the others. This module gives that
machinery the previous render of the same document:

1. the new HTML's elements, in document order, are compared with the last render's:
   the first that differs (its tag, attributes, text, tail or number of children) is
   where the edit begins, and every element before it is the same;
2. the first page of the last render holding that element, or any later one, is the
   first that can have changed; the page before it too, unless a forced break (as before
   the interview) separates them, since a page's end can look at what follows it
   (orphans, widows, `break-after: avoid`); an edit of attributes or structure rather
   than text always re-makes that page before;
3. the pages before are the last render's page boxes, restored to how WeasyPrint's
   `make_all_pages` made them; the page maker from there on is the last render's, so
   the layout goes on exactly as a full one would. Margin boxes ("Page X of Y"), fixed
   boxes and backgrounds are made again for every page, as WeasyPrint always does.

A document whose pages depend on each other in other ways (footnotes, `target-*`
counters, running elements, fixed boxes, content needing the page count, a float or
column carried over a page break, a linked style sheet) is always laid out in full.
tests/test_serve_pdf.py checks, edit by edit, that the result draws the same PDF as a
full layout of the same HTML.
"""

from __future__ import annotations

import copy
import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

DOCUMENTS_KEPT = 8
"""A few notes x locales (and the page-1 fit's steps) kept, each a few megabytes of boxes."""
VERSIONS_KEPT = 3
"""Layouts kept of one document (its URL and root element's attributes): a note whose brief
is fitted to page 1 lays out, at each render, the brief alone and then the whole note
with the same root class; each starts from the kept layout most like it."""
_WHOLE_ONLY = ("target-", "running(", "element(", "footnote")
"""CSS whose pages depend on each other beyond the page maker's state."""


@dataclass
class _Page:
    """A page as `make_all_pages` made it, before the margin boxes are added."""

    box: Any
    children: tuple
    root_children: list
    last_element: int
    """The document-order index of the last element with a box on the page."""
    clean_after: bool
    """Nothing (a float, a column, a footnote) carried over to the next page."""

    def restored(self) -> Any:
        self.box.children = self.children
        self.children[0].children = list(self.root_children)
        return self.box


@dataclass
class _Layout:
    signature: list[tuple]
    pages: list[_Page]
    page_maker: list[tuple]
    page_bottom: float = 0.0
    forced_break: bool = False
    """As the last page made left WeasyPrint's context, for the margin boxes laid out next:
    restored when the very same document keeps every page."""


@dataclass
class _Current:
    """The layout under way: what it reuses, and what it makes."""

    kept: _Layout | None
    start: int
    seeded: bool = False
    made: list[Any] = field(default_factory=list)
    clean: dict[int, bool] = field(default_factory=dict)


class Relayout:
    """Wraps WeasyPrint's `layout_document` (and the three functions it paginates with)."""

    def __init__(self) -> None:
        self.kept: OrderedDict[tuple, list[_Layout]] = OrderedDict()
        self.current: _Current | None = None
        self.last_start = 0
        """The first page (from 0) the latest layout made again; the others were kept."""
        self._originals: tuple = ()
        self.inputs: object = None
        """What else the next layout depends on that its HTML does not show (a digest of
        the note's pictures, whose file names stay when their bytes change); part of the
        key a kept layout is found under."""

    def install(self) -> None:
        import weasyprint.document
        import weasyprint.layout
        import weasyprint.layout.page

        originals = (
            weasyprint.document.layout_document,
            weasyprint.layout.initialize_page_maker,
            weasyprint.layout.make_all_pages,
            weasyprint.layout.page.remake_page,
        )
        if getattr(originals[0], "relayout", None) is not None:
            return
        layout, initialize, make_all, remake = originals

        def layout_document(html, root_box, context, max_loops=8):
            return self._layout(layout, html, root_box, context, max_loops)

        def initialize_page_maker(context, root_box):
            initialize(context, root_box)
            self._seed_page_maker(context)

        def make_all_pages(context, root_box, html, pages):
            yield from self._make_all(make_all, context, root_box, html, pages)

        def remake_page(index, context, root_box, html):
            made = remake(index, context, root_box, html)
            if self.current is not None:
                self.current.clean[index] = not (
                    context.broken_out_of_flow or context.reported_footnotes or context.in_column
                )
            return made

        layout_document.relayout = self  # type: ignore[attr-defined]
        self._originals = originals
        self._set(layout_document, initialize_page_maker, make_all_pages, remake_page)

    def uninstall(self) -> None:
        """WeasyPrint's own functions back (for tests sharing a process with others)."""
        if self._originals:
            self._set(*self._originals)
            self._originals = ()
        self.forget()

    @staticmethod
    def _set(layout_document, initialize_page_maker, make_all_pages, remake_page) -> None:
        import weasyprint.document
        import weasyprint.layout
        import weasyprint.layout.page

        weasyprint.document.layout_document = layout_document
        weasyprint.layout.initialize_page_maker = initialize_page_maker
        weasyprint.layout.make_all_pages = make_all_pages
        weasyprint.layout.page.remake_page = remake_page

    def forget(self) -> None:
        self.kept.clear()

    # --- One layout ---------------------------------------------------------------------------

    def _layout(self, original, html, root_box, context, max_loops) -> list:
        root = html.etree_element
        key = (self.inputs, html.base_url, html.media_type, id(context.font_config))
        key += tuple(root.items())
        elements = list(root.iter())
        signature = [_signature(element) for element in elements]
        whole_only = _whole_only(elements) or bool(context.footnotes)
        candidates = [] if whole_only else self.kept.get(key, [])
        kept = _closest(candidates, signature)
        start = _first_changed_page(kept, signature) if kept else 0
        self.current = _Current(kept, start)
        try:
            pages = list(original(html, root_box, context, max_loops))
            current = self.current
        finally:
            self.current = None
        self.last_start = start
        layout = self._kept_layout(current, context, elements, signature)
        if whole_only or layout is None:
            self.kept.pop(key, None)
        else:
            # The new layout replaces its own earlier version (as many elements), not the
            # brief alone's it may have started from.
            others = [old for old in candidates if len(old.signature) != len(signature)]
            self.kept[key] = [*others[1 - VERSIONS_KEPT :], layout]
            self.kept.move_to_end(key)
            while len(self.kept) > DOCUMENTS_KEPT:
                self.kept.popitem(last=False)
        return pages

    def _seed_page_maker(self, context) -> None:
        current = self.current
        if current is None or current.kept is None or current.start == 0:
            return
        maker = []
        for index, (resume_at, next_page, right_page, state, _) in enumerate(
            current.kept.page_maker[: current.start + 1]
        ):
            changed = index == current.start
            remake = {
                "content_changed": changed,
                "pages_wanted": False,
                "anchors": [],
                "content_lookups": [],
            }
            maker.append(
                (
                    copy.deepcopy(resume_at),
                    dict(next_page),
                    right_page,
                    copy.deepcopy(state),
                    remake,
                )
            )
        context.page_maker = maker
        if current.start == len(current.kept.pages):
            kept = current.kept
            context.page_bottom, context.forced_break = kept.page_bottom, kept.forced_break
            context.current_footnote_area = kept.pages[-1].children[1]

    def _make_all(self, original, context, root_box, html, pages):
        from weasyprint.layout.page import set_page_type_computed_styles

        current = self.current
        seeding = current is not None and current.kept is not None and current.start
        if seeding and not pages and not current.seeded:
            current.seeded = True
            pages = [page.restored() for page in current.kept.pages[: current.start]]
            for page in pages:  # their margin boxes are styled from this document's sheet
                set_page_type_computed_styles(page.page_type, html, context.style_for)
        made = []
        for page in original(context, root_box, html, pages):
            made.append((page, page.children, list(page.children[0].children)))
            yield page
        if current is not None:
            current.made = made

    def _kept_layout(self, current: _Current, context, elements, signature) -> _Layout | None:
        """What the next render of this document can start from, if it can."""
        if any(state[-1]["pages_wanted"] for state in context.page_maker):
            return None
        order = {id(element): index for index, element in enumerate(elements)}
        reused = current.kept.pages[: current.start] if current.kept else []
        pages: list[_Page] = []
        for index, (box, children, root_children) in enumerate(current.made):
            if getattr(box, "fixed_boxes", None):
                return None
            if index < len(reused):
                pages.append(reused[index])
                continue
            last = max(order.get(id(getattr(b, "element", None)), -1) for b in box.descendants())
            clean = current.clean.get(index, False)
            pages.append(_Page(box, children, root_children, last, clean))
        maker = [
            (copy.deepcopy(resume_at), dict(next_page), right_page, copy.deepcopy(state), None)
            for resume_at, next_page, right_page, state, _ in context.page_maker
        ]
        return _Layout(signature, pages, maker, context.page_bottom, context.forced_break)


def _signature(element) -> tuple:
    return (element.tag, tuple(element.items()), element.text, element.tail, len(element))


def _whole_only(elements) -> bool:
    for element in elements:
        if element.tag == "link":
            return True
        css = element.text if element.tag == "style" else element.get("style")
        if css and any(word in css for word in _WHOLE_ONLY):
            return True
    return False


def _same_elements(old: list[tuple], new: list[tuple]) -> int:
    """How many elements, from the first, the two documents have the same."""
    return next(
        (index for index, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
        min(len(old), len(new)),
    )


def _closest(candidates: list[_Layout], signature: list[tuple]) -> _Layout | None:
    """The kept layout sharing the most elements with the new document (the latest of
    equals), if any."""
    best = None
    for layout in candidates:
        if best is None or _same_elements(layout.signature, signature) >= _same_elements(
            best.signature, signature
        ):
            best = layout
    return best


def _first_changed_page(kept: _Layout, signature: list[tuple]) -> int:
    """The first page (from 0) to lay out again; 0 for the whole document, the number of
    pages for the very same document (every page is kept)."""
    old = kept.signature
    first = _same_elements(old, signature)
    pages = kept.pages
    if first == len(old) == len(signature):
        return len(pages)
    changed = next(
        (index for index, page in enumerate(pages) if page.last_element >= first), len(pages) - 1
    )
    text_only = (
        first < len(old)
        and first < len(signature)
        and old[first][:2] == signature[first][:2]
        and old[first][4] == signature[first][4]
    )
    next_page = kept.page_maker[changed][1] if changed < len(kept.page_maker) else None
    forced = next_page is not None and (next_page["break"] != "any" or next_page["page"])
    start = changed if text_only and forced else changed - 1
    while start > 0 and not pages[start - 1].clean_after:
        start -= 1
    return max(start, 0)


RELAYOUT = Relayout()
"""The render worker's: installed by `pipeline.serve.warm.keep_between_renders`."""
