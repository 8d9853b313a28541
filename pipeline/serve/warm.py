"""What only a long-lived render worker gains from: work kept from one render to the next.

`briefing build` lays a note out once and exits; the preview's worker lays the same note
out after every save. Two costs of each render do not change between saves:

- the note's style sheet: every render parsed the same `<style>` text again (about a
  tenth of the layout). WeasyPrint's `find_stylesheets` is wrapped so that a `<style>`
  whose text, base URL, media and font configuration were seen before gives back the
  stylesheet parsed then, and its `@page` rules and layers are handed to the new document
  as a fresh parse would hand them. A `<style>` with `@font-face` (its faces are
  registered in the document's own font configuration), `@counter-style`, `@color-profile`
  or `@import` is parsed anew each time, as are linked style sheets.
- the garbage collector going through the long-lived objects (WeasyPrint, the templates,
  the fonts) on every render: they are frozen once warm, and collections are rarer.

Both only apply in the process that calls `keep_between_renders()`: the printed PDFs are
laid out by WeasyPrint's own code. tests/test_serve_pdf.py checks that a note laid out
with the kept style sheet draws the same PDF.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

from pipeline.engine.worker import GC_THRESHOLDS

STYLE_SHEETS_KEPT = 16
"""A few notes and locales' style sheets; each is a few hundred kilobytes of rules."""
_REPARSED = ("@font-face", "@color-profile", "@counter-style", "@import")


class _StyleSheets:
    def __init__(self, find: Any) -> None:
        self.find = find
        self.kept: dict[tuple[object, ...], tuple[Any, list, list]] = {}

    def __call__(self, *arguments: Any) -> Iterator[Any]:
        """`find_stylesheets(wrapper_element, device_media_type, url_fetcher, base_url,
        font_config, counter_style, color_profiles, page_rules, layers)`."""
        from weasyprint.css import CSS, get_child_text

        wrapper_element, device_media_type, url_fetcher, base_url, font_config = arguments[:5]
        counter_style, color_profiles, page_rules, layers = arguments[5:]
        styles = list(wrapper_element.query_all("style", "link"))
        texts = [get_child_text(wrapper.etree_element) for wrapper in styles]
        if not _keepable(styles, texts):
            yield from self.find(*arguments)
            return
        (text,) = texts
        key = (text, base_url, device_media_type, id(font_config))
        if key not in self.kept:
            own_rules: list = []
            own_layers: list = []
            sheet = CSS(
                string=text,
                base_url=base_url,
                url_fetcher=url_fetcher,
                media_type=device_media_type,
                font_config=font_config,
                counter_style=counter_style,
                page_rules=own_rules,
                color_profiles=color_profiles,
                layers=own_layers,
            )
            if len(self.kept) >= STYLE_SHEETS_KEPT:
                self.kept.pop(next(iter(self.kept)))
            self.kept[key] = (sheet, own_rules, own_layers)
        sheet, own_rules, own_layers = self.kept[key]
        page_rules.extend(own_rules)
        layers.extend(layer for layer in own_layers if layer not in layers)
        yield sheet


def _keepable(styles: list, texts: list[str]) -> bool:
    """One plain `<style>` (the pipeline's templates inline one), nothing to register."""
    if len(styles) != 1 or styles[0].etree_element.tag != "style":
        return False
    element = styles[0].etree_element
    if element.get("type", "text/css") != "text/css" or element.get("media", "all") != "all":
        return False
    return not any(word in texts[0] for word in _REPARSED)


def keep_between_renders() -> None:
    """Keep the style sheets and the pages between renders, and spare the collector the
    warm objects."""
    keep_layouts()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def keep_layouts() -> None:
    """Keep each note's style sheet and pages for its next render (pipeline.serve.relayout)."""
    import weasyprint.css

    from pipeline.serve.relayout import RELAYOUT

    if not isinstance(weasyprint.css.find_stylesheets, _StyleSheets):
        weasyprint.css.find_stylesheets = _StyleSheets(weasyprint.css.find_stylesheets)
    RELAYOUT.install()


def forget_layouts() -> None:
    """WeasyPrint as it was before `keep_layouts` (for tests sharing a process)."""
    import weasyprint.css

    from pipeline.serve.relayout import RELAYOUT

    RELAYOUT.uninstall()
    if isinstance(weasyprint.css.find_stylesheets, _StyleSheets):
        weasyprint.css.find_stylesheets = weasyprint.css.find_stylesheets.find


def forget_style_sheets() -> None:
    """Templates changed on disk: the next render parses its style sheet and lays its
    pages out afresh."""
    import weasyprint.css

    from pipeline.serve.relayout import RELAYOUT

    RELAYOUT.forget()
    finder = weasyprint.css.find_stylesheets
    if isinstance(finder, _StyleSheets):
        finder.kept.clear()
