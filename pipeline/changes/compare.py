"""Two versions of a note side by side: which passages were added, removed or rewritten,
which words inside a rewritten one, and which key figures changed their number.

Passages are matched by segment id. Within a list (the paragraphs of an answer, the
key points) they are aligned by text first, so a paragraph inserted at the top reads
as one paragraph added, not as every later one rewritten.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.changes.versions import FigureVersion, NoteVersion

NEW, CHANGED, UNCHANGED, REMOVED = "new", "changed", "unchanged", "removed"
ADDED, REWRITTEN = "added", "rewritten"

SAME, INS, DEL = "", "ins", "del"
Edit = tuple[str, str]
"""(SAME | INS | DEL, text): a rewritten passage as its words changed."""

_LIST_ITEM = re.compile(r"^(.*)\[(\d+)\]$")
_CATEGORIES = (
    ("answer", re.compile(r"^turns\[\d+\]\.answer\[\d+\]$")),
    ("question", re.compile(r"^turns\[\d+\]\.question$")),
    ("key_point", re.compile(r"^brief\.key_points\[\d+\]$")),
    ("intro", re.compile(r"^intro\[\d+\]$")),
    ("follow_up", re.compile(r"^brief\.follow_ups\[\d+\]$")),
    ("figure", re.compile(r"^brief\.key_figures\[\d+\]\.")),
)
WHOLE_BELOW = 0.5
"""Below this share of words in common, a rewritten passage shows as deleted and inserted whole."""
# Words, runs of space, single other characters: each its own token.
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class PassageChange:
    kind: str
    """ADDED, REMOVED or REWRITTEN."""
    segment: str
    """Its id in the new note; for a removed passage, its id in the old one."""
    old: str
    new: str
    edits: tuple[Edit, ...]
    before: str | None = None
    """A removed list item: the id of the new item it stood before (None: at the end)."""
    was: str | None = None
    """A rewritten list item: its id in the old note, where the alignment moved it."""
    old_lang: str | None = None
    """The language the old text was in (a translation may have given way to the source)."""

    @property
    def category(self) -> str:
        return category(self.segment)


@dataclass(frozen=True)
class FigureChange:
    kind: str
    """ADDED, REMOVED, or REWRITTEN (its number or unit changed)."""
    index: int
    """Its place in the new note's key figures (the old one's when removed)."""
    old: FigureVersion | None
    new: FigureVersion | None

    @property
    def label(self) -> str:
        figure = self.new or self.old
        assert figure is not None
        return figure.label


@dataclass(frozen=True)
class Comparison:
    slug: str
    locale: str
    status: str
    """NEW, CHANGED, UNCHANGED or REMOVED."""
    passages: tuple[PassageChange, ...] = ()
    figures: tuple[FigureChange, ...] = ()

    def as_json(self) -> dict:
        return {
            "slug": self.slug,
            "locale": self.locale,
            "status": self.status,
            "passages": [
                {
                    "kind": change.kind,
                    "segment": change.segment,
                    "old": change.old,
                    "new": change.new,
                }
                for change in self.passages
            ],
            "figures": [
                {
                    "kind": change.kind,
                    "label": change.label,
                    "old": _figure_json(change.old),
                    "new": _figure_json(change.new),
                }
                for change in self.figures
            ],
        }


def _figure_json(figure: FigureVersion | None) -> dict | None:
    if figure is None:
        return None
    return {"value": figure.value, "unit": figure.unit, "approximate": figure.approximate}


def category(segment: str) -> str:
    """What kind of passage a segment is, for the summary: answer, key_point, ... or other."""
    return next((name for name, pattern in _CATEGORIES if pattern.match(segment)), "other")


def compare(old: NoteVersion | None, new: NoteVersion | None) -> Comparison:
    """`new` against `old` (the same note and locale; either may be missing)."""
    either = new or old
    assert either is not None
    if old is None or new is None:
        return Comparison(either.slug, either.locale, NEW if old is None else REMOVED)
    lang = new.locale
    languages = {passage.id: passage.lang for passage in old.passages}
    passages = tuple(
        dataclasses.replace(change, old_lang=languages.get(change.was or change.segment))
        for change in _passages(old.texts(), new.texts(), lang)
    )
    figures = tuple(_figures(old.figures, new.figures))
    status = CHANGED if passages or figures else UNCHANGED
    return Comparison(new.slug, new.locale, status, passages, figures)


def _passages(old: dict[str, str], new: dict[str, str], lang: str) -> list[PassageChange]:
    changes = []
    old_lists, new_lists = _lists(old), _lists(new)
    for parent in sorted(set(old_lists) | set(new_lists), key=_order_of(new, old)):
        changes += _align(parent, old_lists.get(parent, []), new_lists.get(parent, []), lang)
    for segment in [key for key in new if not _LIST_ITEM.match(key)]:
        if segment not in old:
            changes.append(PassageChange(ADDED, segment, "", new[segment], ((INS, new[segment]),)))
        elif old[segment] != new[segment]:
            edits = word_edits(old[segment], new[segment], lang)
            changes.append(PassageChange(REWRITTEN, segment, old[segment], new[segment], edits))
    for segment in [key for key in old if not _LIST_ITEM.match(key) and key not in new]:
        changes.append(PassageChange(REMOVED, segment, old[segment], "", ((DEL, old[segment]),)))
    order = _order_of(new, old)
    return sorted(changes, key=lambda change: order(change.before or change.segment))


def _order_of(new: dict[str, str], old: dict[str, str]):
    """Reading order: the new note's, then what only the old one had."""
    places = {segment: place for place, segment in enumerate([*new, *old])}
    places = {segment: places[segment] for segment in reversed([*new, *old])}

    def order(segment: str) -> int:
        if segment in places:
            return places[segment]
        # A list's parent: where its first item is.
        return min(
            (place for key, place in places.items() if key.startswith(segment + "[")),
            default=len(places),
        )

    return order


def _lists(texts: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    """Items of each list by its parent path, in order: {"brief.key_points": [(id, text)]}."""
    lists: dict[str, list[tuple[str, str]]] = {}
    for segment, text in texts.items():
        match = _LIST_ITEM.match(segment)
        if match:
            lists.setdefault(match.group(1), []).append((segment, text))
    for items in lists.values():
        items.sort(key=lambda item: int(_LIST_ITEM.match(item[0]).group(2)))  # type: ignore[union-attr]
    return lists


def _align(
    parent: str, old: list[tuple[str, str]], new: list[tuple[str, str]], lang: str
) -> list[PassageChange]:
    matcher = difflib.SequenceMatcher(
        None, [text for _, text in old], [text for _, text in new], autojunk=False
    )
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for offset in range(pairs):
            (old_id, was), (segment, text) = old[i1 + offset], new[j1 + offset]
            edits = word_edits(was, text, lang)
            changes.append(PassageChange(REWRITTEN, segment, was, text, edits, was=old_id))
        for segment, text in new[j1 + pairs : j2]:
            changes.append(PassageChange(ADDED, segment, "", text, ((INS, text),)))
        before = new[j2][0] if j2 < len(new) else None
        for segment, text in old[i1 + pairs : i2]:
            changes.append(PassageChange(REMOVED, segment, text, "", ((DEL, text),), before))
    return changes


def _figures(old: Sequence[FigureVersion], new: Sequence[FigureVersion]) -> list[FigureChange]:
    """Figures by place; a figure whose number, unit or 'about' changed is REWRITTEN."""
    changes = []
    for index in range(max(len(old), len(new))):
        was = old[index] if index < len(old) else None
        now = new[index] if index < len(new) else None
        if was is None or now is None:
            changes.append(FigureChange(ADDED if was is None else REMOVED, index, was, now))
        elif (was.value, was.unit, was.approximate) != (now.value, now.unit, now.approximate):
            changes.append(FigureChange(REWRITTEN, index, was, now))
    return changes


def word_edits(old: str, new: str, lang: str = "en") -> tuple[Edit, ...]:
    """`old` turned into `new` word by word; Korean words also character by character,
    since a particle attaches to its word (정부가 -> 정부는 changes one syllable)."""
    before, after = _TOKEN.findall(old), _TOKEN.findall(new)
    if _shared_words(before, after) < WHOLE_BELOW:  # a new passage in an old place
        return _merged([(DEL, old), (INS, new)])
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    edits: list[Edit] = []
    for tag, i1, i2, j1, j2 in _bridged(matcher.get_opcodes(), before):
        removed, inserted = "".join(before[i1:i2]), "".join(after[j1:j2])
        if tag == "equal":
            edits.append((SAME, removed))
        elif lang.startswith("ko") and i2 - i1 == 1 and j2 - j1 == 1:
            edits += _characters(removed, inserted)
        else:
            edits += [(DEL, removed), (INS, inserted)]
    return _merged(edits)


def _shared_words(before: list[str], after: list[str]) -> float:
    """The share of words the two passages have in common, spaces and punctuation aside."""
    old_words = [token for token in before if token[0].isalnum()]
    new_words = [token for token in after if token[0].isalnum()]
    if not old_words or not new_words:
        return 0.0
    return difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).ratio()


def _bridged(opcodes: list, tokens: list[str]) -> list:
    """One replacement across a single space between two changed words, for readability:
    "[-was seen-] [+is read+]" rather than "[-was-][+is+] [-seen-][+read+]"."""
    bridged: list = []
    for opcode in opcodes:
        tag, i1, i2, j1, j2 = opcode
        if (
            len(bridged) >= 2
            and tag != "equal"
            and bridged[-1][0] == "equal"
            and bridged[-1][2] - bridged[-1][1] == 1
            and tokens[bridged[-1][1]].isspace()
            and bridged[-2][0] != "equal"
        ):
            bridged.pop()
            start = bridged.pop()
            bridged.append(("replace", start[1], i2, start[3], j2))
        else:
            bridged.append(opcode)
    return bridged


def _characters(old: str, new: str) -> list[Edit]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    if matcher.ratio() < 0.5:  # little in common: the whole word reads better
        return [(DEL, old), (INS, new)]
    edits: list[Edit] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            edits.append((SAME, old[i1:i2]))
        else:
            edits += [(DEL, old[i1:i2]), (INS, new[j1:j2])]
    return edits


def _merged(edits: list[Edit]) -> tuple[Edit, ...]:
    """Empty pieces dropped, neighbours of one kind joined; deletions before insertions."""
    merged: list[Edit] = []
    for kind, text in edits:
        if not text:
            continue
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        else:
            merged.append((kind, text))
    return tuple(merged)
