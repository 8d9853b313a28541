"""A site's header recognised by its form, whatever its words: a menu of many short items, and
the lines above a breadcrumb trail.

The chrome patterns know words (`Home`, `Share`, `USD 84.22`); an embassy's or a ministry's
menu is made of its own words (`Ambassador`, `Biography`, `Consulate-General in the UK`), so
it is known by its shape instead: six or more short lines in a row, none a sentence, above the
article. And a page puts its breadcrumb trail (`HOME > Ambassador > Remarks > 2017`) right
above the headline: the short lines over the trail (the site's name, its social handles) are
the page's header, never the headline.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from pipeline.importer.agencytail import drop_captions_and_tail
from pipeline.importer.chrome import Kept, chrome_reason, is_board_field
from pipeline.importer.lines import SENTENCE_ENDS, SENTENCE_MARKS, is_prose
from pipeline.importer.report import Report
from pipeline.importer.viewerchrome import drop_viewer_chrome

MIN_MENU_ITEMS = 6
MAX_MENU_ITEM_CHARS = 60
MAX_MENU_ITEM_WORDS = 8
MENU_SHARE = 0.8  # of a menu's lines that are short items
MAX_HEADER_LINE_CHARS = 90


def drop_menus(text: str, kept: Kept, report: Report) -> Kept:
    """`kept` without the menus and the header lines over a breadcrumb trail at the top."""
    lines = drop_captions_and_tail(drop_viewer_chrome(kept.lines, report), report)
    lines = _without_menu_runs(text, lines, _top_end(lines), report)
    lines = _without_lines_over_trail(text, lines, report)
    return replace(kept, lines=lines)


def _top_end(lines: list[tuple[int, str]]) -> int:
    """The raw line number where the article's prose starts (past the end when it never does)."""
    for number, line in lines:
        if is_prose(line):
            return number
    return lines[-1][0] + 1 if lines else 0


def _menu_item(line: str) -> bool:
    return (
        0 < len(line) <= MAX_MENU_ITEM_CHARS
        and len(line.split()) <= MAX_MENU_ITEM_WORDS
        and not line.rstrip().endswith((*SENTENCE_ENDS, ":", ";", ","))
        and not line.lstrip().startswith(("-", "–", "—", "•", "*"))
    )


def _without_menu_runs(
    text: str, lines: list[tuple[int, str]], top: int, report: Report
) -> list[tuple[int, str]]:
    """Runs of six or more short lines, none a sentence, with no blank line between them (lines
    the chrome patterns took already count in the run)."""
    raw = [(number, line.strip()) for number, line in enumerate(text.split("\n"), start=1)]
    menu = {
        number
        for run in _runs(raw)
        if _is_menu([raw[i] for i in run], top)
        for number in (raw[i][0] for i in run)
    }
    for number, line in lines:
        if number in menu and line:
            report.drop(number, f"'{line}' (site chrome: a menu of short items)")
    return [(number, line) for number, line in lines if number not in menu]


def _is_menu(run: list[tuple[int, str]], top: int) -> bool:
    """Six or more lines above the article, nearly all short items and none a sentence: a long
    item or two (`Exhibition: the 100th Anniversary of ...`) is still the menu's."""
    items = sum(_menu_item(line) or chrome_reason(line) is not None for _, line in run)
    return (
        len(run) >= MIN_MENU_ITEMS
        and items >= MENU_SHARE * len(run)
        and all(number < top for number, _ in run)
        and not any(line.rstrip().endswith(SENTENCE_MARKS) for _, line in run)
        and all(len(line) <= MAX_HEADER_LINE_CHARS for _, line in run)
        # A board's post details (`출처`, `외교부`, `작성일`, ...) stand under the post's title.
        and not any(is_board_field(line) for _, line in run)
    )


def _runs(lines: list[tuple[int, str]]) -> Iterator[list[int]]:
    """The indexes of each block of lines that follow one another with no blank line between."""
    run: list[int] = []
    for index, (number, line) in enumerate(lines):
        if line and run and lines[run[-1]][0] == number - 1:
            run.append(index)
            continue
        if run:
            yield run
        run = [index] if line else []
    if run:
        yield run


def _without_lines_over_trail(
    text: str, lines: list[tuple[int, str]], report: Report
) -> list[tuple[int, str]]:
    """The short lines above a breadcrumb trail, when a headline-like line stands under it."""
    raw = text.split("\n")
    top = _top_end(lines)
    trail = next(
        (
            number
            for number, line in enumerate(raw[: max(top - 1, 0)], start=1)
            if line.strip() and chrome_reason(line.strip()) == "breadcrumbs"
        ),
        None,
    )
    if trail is None:
        return lines
    above = [(n, line) for n, line in lines if n < trail and line]
    under = next((line for n, line in lines if n > trail and line), "")
    if not above or not _reads_like_headline(under):
        return lines
    if any(len(line) > MAX_HEADER_LINE_CHARS or line.endswith(".") for _, line in above):
        return lines  # prose above the trail: the page is not laid out so
    for number, line in above:
        report.drop(number, f"'{line}' (site chrome: above the breadcrumb trail)")
    gone = {number for number, _ in above}
    return [(n, line) for n, line in lines if n not in gone]


def _reads_like_headline(line: str) -> bool:
    return (
        len(line.split()) >= 3 and len(line) <= 2 * MAX_HEADER_LINE_CHARS and not line.endswith(".")
    )
