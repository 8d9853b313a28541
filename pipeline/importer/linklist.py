"""A headline that is only the first of a page's list of links (`"Investment portal of
Uzbekistan"`, then `Citizens of 76 countries will be able to ... (List)`, ...): two short lines
or more like it right under it, none a sentence, a date or a byline. The real headline may be
lower; the header says it doubts this one."""

from __future__ import annotations

from pipeline.importer.header import Header
from pipeline.importer.headerlines import is_header_line
from pipeline.importer.markers import parse_marker

MIN_SIBLINGS = 2
MIN_LINK_WORDS = 4  # a link is a headline too; a section (`Society`) or a name is not
MAX_LINK_WORDS = 16  # `Citizens of 76 countries will be able to get an electronic visa ... (List)`


def doubt_a_linked_headline(header: Header) -> Header:
    if not header.title:
        return header
    siblings = 0
    for paragraph in header.body:
        if not _link_like(paragraph.text):
            break
        siblings += 1
    if siblings >= MIN_SIBLINGS:
        header.doubts.append(
            f"the headline is followed by {siblings} short lines like it: a list of links?"
            " the page's own headline may be lower"
        )
    return header


def _link_like(text: str) -> bool:
    stripped = text.strip()
    return (
        MIN_LINK_WORDS <= len(stripped.split()) <= MAX_LINK_WORDS
        and not stripped.endswith((".", "?", "!", ":", "…", "？"))
        and not is_header_line(stripped)
        and parse_marker(stripped) is None
    )
