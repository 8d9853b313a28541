"""Markup a site prints as text: `- <font color=red>INTERVIEW</font>` in a headline, `<b>`,
`<br>`. A reader sees the tags on the page, so they come with the paste; they are the site's
slip, not the article, and a headline's copy with them is still the headline's copy. Only
HTML's own inline tags are taken out: a caption in angle brackets (`<제품실물사진>`) stays.
"""

from __future__ import annotations

import re

from pipeline.importer.report import Report

_TAG = re.compile(
    r"</?(?:font|b|i|u|s|em|strong|span|br|p|a|div|sup|sub|small|big|mark|nobr|wbr)"
    r"(?:\s+[^<>]{0,200})?\s*/?>",
    re.I,
)


def strip_markup(text: str, report: Report) -> str:
    """`text` without the inline HTML tags printed in it, each line's removal reported."""
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if _TAG.search(line):
            lines[number - 1] = _TAG.sub("", line)
            report.warn(number, "HTML tags printed in the text were taken out")
    return "\n".join(lines)
