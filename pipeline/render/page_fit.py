"""The brief on page 1 in every language: a brief that runs over is set a step tighter.

The printed note puts the interview on a page of its own (`break-before: page`), so the
brief fits page 1 exactly when the interview's heading lands on page 2. Russian and
Kyrgyz run a quarter longer than English; a length estimate cannot say where lines
break, so a note whose brief runs over is tried again with each class of `FIT_STEPS` on
its root element (the steps' rules are in templates/css/print.css, where a desk can
restyle them): the loosest step that fits wins, found by halving. A try lays out the
masthead and brief only, the interview cut out of the text, half the work of the whole
note; the note is then laid out once more at that step. A brief too long for even the
tightest step keeps the default type: it does not fit either way, and is then better
read at full size.

Most briefs that run over do so by a few lines and fit at the first step: when the brief
fills less than `LIKELY_FIRST_STEP` of page 2, the first step is laid out at once as the
whole note, which is then the answer (it fits, and no looser step exists), instead of
two tries of the brief alone and the note again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

FIT_STEPS = ("fit-1", "fit-2", "fit-3")
LIKELY_FIRST_STEP = 0.15
"""Share of page 2 a brief's overflow fills below which the first step is tried first: the
seed's Korean brief, over by 14% of a page, fits at fit-1, as its Russian and Kyrgyz ones,
over by a line, do."""
INTERVIEW_ANCHOR = "interview-heading"  # templates/partials/interview.html
_ROOT_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_CLASS = re.compile(r"""\bclass\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.S)
_INTERVIEW_SECTION = re.compile(r"""<section\b[^>]*\bclass=["']interview["']""", re.IGNORECASE)
_SECTION_TAG = re.compile(r"<(/?)section\b[^>]*>", re.IGNORECASE)


def render_fitted(
    html: str,
    parse: Callable[[str], Any],
    *,
    overflow: Callable[[Any], float | None] | None = None,
    **options: Any,
) -> Any:
    """The laid-out document of `html`, its brief on page 1 if a step gets it there.

    `parse` makes a WeasyPrint HTML of a text; each step is parsed anew, since
    WeasyPrint keeps an element's classes from its first layout. `overflow` measures
    how much of page 2 the brief fills (default: `overflow_share`).
    """
    document = parse(html).render(**options)
    brief_alone = without_interview(html)
    if brief_fits(document) or brief_alone is None:
        return document
    steps: tuple[str, ...] = FIT_STEPS
    share = (overflow or overflow_share)(document)
    if share is not None and share < LIKELY_FIRST_STEP:
        first = parse(with_root_class(html, steps[0])).render(**options)
        if brief_fits(first):
            return first
        steps = steps[1:]

    def fits(step: str) -> bool:
        return len(parse(with_root_class(brief_alone, step)).render(**options).pages) == 1

    if (step := _loosest(steps, fits)) is None:
        return document
    return parse(with_root_class(html, step)).render(**options)


def overflow_share(document: Any) -> float | None:
    """How much of page 2's height the text on it fills (page furniture left out), or None
    if WeasyPrint's pages no longer look as they did in version 70 (then every step is
    tried as before)."""
    try:
        from weasyprint.formatting_structure import boxes

        page = document.pages[1]._page_box
        body = next(child for child in page.children if not isinstance(child, boxes.MarginBox))
        top = page.content_box_y()
        lines = [box for box in body.descendants() if isinstance(box, boxes.LineBox)]
        bottom = max((line.position_y + line.margin_height() for line in lines), default=top)
        return (bottom - top) / page.height
    except (AttributeError, ImportError, IndexError, StopIteration, TypeError):
        return None


def _loosest(steps: tuple[str, ...], fits: Callable[[str], bool]) -> str | None:
    """The first of `steps` that fits, by halving: a step fits if any looser one does."""
    found, low, high = None, 0, len(steps) - 1
    while low <= high:
        middle = (low + high) // 2
        if fits(steps[middle]):
            found, high = steps[middle], middle - 1
        else:
            low = middle + 1
    return found


def without_interview(html: str) -> str | None:
    """`html` without its interview section (nested sections and all), if it has one."""
    opening = _INTERVIEW_SECTION.search(html)
    if opening is None:
        return None
    depth = 0
    for tag in _SECTION_TAG.finditer(html, opening.start()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return html[: opening.start()] + html[tag.end() :]
    return None


def brief_fits(document: Any) -> bool:
    """Whether the interview starts on page 2, i.e. nothing before it ran past page 1.

    A layout without the interview's heading (a desk's own template) counts as fitting:
    there is nothing to measure, and it is laid out as before.
    """
    pages = [index for index, page in enumerate(document.pages) if INTERVIEW_ANCHOR in page.anchors]
    return not pages or pages[0] <= 1


def with_root_class(html: str, name: str) -> str:
    """`html` with `name` added to the classes of its root element."""
    root = _ROOT_TAG.search(html)
    if root is None:
        return html
    tag = root.group(0)
    if found := _CLASS.search(tag):
        quote, classes = found.group(1), found.group(2)
        new_tag = f"{tag[: found.start()]}class={quote}{classes} {name}{quote}{tag[found.end() :]}"
    else:
        new_tag = f'{tag[:5]} class="{name}"{tag[5:]}'
    return html[: root.start()] + new_tag + html[root.end() :]
