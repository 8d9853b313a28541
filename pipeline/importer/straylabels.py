"""A speaker's label seen once, written like the transcript's own labels: someone else spoke.

A broadcaster's transcript marks every speech the same way (`☎ 진행자 >`, `◀ 앵커 ▶`,
`[Name / Office]`). A label of that form used only once (a second guest's one reply, a minister
cutting in) is not believed as a speaker, so its words join the turn around them as if the
interviewee had said them. The turn is written unsure, so an editor sees who is speaking.
"""

from __future__ import annotations

from pipeline.importer.items import Item
from pipeline.importer.markers import parse_marker
from pipeline.importer.report import Report


def doubt_stray_labels(items: list[Item], report: Report) -> None:
    """Doubt each paragraph that opens with a label in the believed labels' written form but
    was not believed itself."""
    forms = {_form(item.marker.written) for item in items if item.marker and _believed(item)}
    forms.discard(None)
    if not forms:
        return
    for item in items:
        if item.marker is not None or item.forced:
            continue
        marker = parse_marker(item.paragraph.text)
        if marker is None or marker.kind != "label" or _form(marker.written) not in forms:
            continue
        doubt = (
            f"'{marker.written}' labels a speaker seen nowhere else: "
            "another person's words inside this turn?"
        )
        item.doubts.append(doubt)
        report.guess(item.line, doubt)


def _believed(item: Item) -> bool:
    return item.marker is not None and item.marker.kind == "label" and item.role is not None


def _form(written: str) -> str | None:
    """The sign a label opens with (`☎`, `◀`, `[`); None for a bare `Name:` label, which plain
    sentences also open with."""
    sign = written.strip()[:1]
    return sign if sign and not sign.isalnum() else None
