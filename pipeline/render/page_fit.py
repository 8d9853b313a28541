"""The brief on page 1 in every language: a brief that runs over is set a step tighter.

The printed note puts the interview on a page of its own (`break-before: page`), so the
brief fits page 1 exactly when the interview's heading lands on page 2. Russian and
Kyrgyz run a quarter longer than English; a length estimate cannot say where lines
break, so a note whose brief runs over is tried again with each class of `FIT_STEPS` on
its root element (the steps' rules are in templates/css/print.css, where a desk can
restyle them), the first that fits wins. The tries lay out the masthead and brief only
(the interview hidden), a page instead of the whole note. A brief too long for even the
tightest step keeps the default type: it does not fit either way, and is then better
read at full size.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

FIT_STEPS = ("fit-1", "fit-2", "fit-3")
INTERVIEW_ANCHOR = "interview-heading"  # templates/partials/interview.html
_ROOT_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_CLASS = re.compile(r"""\bclass\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.S)


def render_fitted(html: str, parse: Callable[[str], Any], **options: Any) -> Any:
    """The laid-out document of `html`, its brief on page 1 if a step gets it there.

    `parse` makes a WeasyPrint HTML of a text; each step is parsed anew, since
    WeasyPrint keeps an element's classes from its first layout.
    """
    document = parse(html).render(**options)
    if brief_fits(document):
        return document
    for step in FIT_STEPS:
        if _brief_alone_fits(parse(with_root_class(html, step)), options):
            return parse(with_root_class(html, step)).render(**options)
    return document


def _brief_alone_fits(html: Any, options: dict[str, Any]) -> bool:
    from weasyprint import CSS

    # A user style sheet's !important outranks every rule of the note's own style sheets.
    hidden = CSS(string=f"#{INTERVIEW_ANCHOR}, .interview {{ display: none !important; }}")
    stylesheets = [*(options.get("stylesheets") or ()), hidden]
    return len(html.render(**{**options, "stylesheets": stylesheets}).pages) == 1


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
