"""Dashed summary lines above a labelled transcript: the standfirst's bullets, not turns.

A radio or TV transcript often lists what the guest said before the credits and the first
speaker's label (`- 청문회 통과 못하면 임명하지 말자? 헌법상 무리`, then `■ 진행 : ...`, then
`☎ 진행자 > ...`). When every turn after them is carried by labels and no dash comes again, the
dashes mark no turn: read as dashed questions and answers they made turns of the headlines.
"""

from __future__ import annotations

from pipeline.importer.items import Item

MAX_BULLET_CHARS = 80  # a headline-like line, not a spoken paragraph
MIN_BULLETS = 2  # one dashed line may be a first question
MIN_LABELLED = 4  # a transcript's worth of labelled speeches after the bullets
_SENTENCE_END = (".", "!", "…", "。")


def unmark_lead_bullets(items: list[Item]) -> None:
    """Take the dash off short summary lines standing before a labelled transcript."""
    first = next((i for i, item in enumerate(items) if _labelled(item)), None)
    if first is None or first == 0:
        return
    lead = [item for item in items[:first] if item.family == "dash"]
    rest = items[first:]
    if not lead or any(item.family == "dash" for item in rest):
        return
    if sum(_labelled(item) for item in rest) < MIN_LABELLED:
        return
    # A dashed first question under a lead-in (`Ведущая спрашивает:` / `- ...?`) asks; a
    # summary line may hold a '?' (`임명 말자? 헌법상 무리`) but does not end in one.
    if len(lead) < MIN_BULLETS or not all(_headline_like(item) for item in lead):
        return
    for item in lead:
        item.marker, item.text = None, item.paragraph.text


def _labelled(item: Item) -> bool:
    return item.marker is not None and item.marker.kind in ("question", "answer", "label")


def _headline_like(item: Item) -> bool:
    stripped = item.text.strip()
    return (
        len(stripped) <= MAX_BULLET_CHARS and not stripped.endswith(_SENTENCE_END) and not item.asks
    )
