"""Speaker labels (`Name:`, `AMBASSADOR:`, `【김대사】`): who asks and who answers.

Labels are told apart by what the speakers do: the interviewer is the one whose
turns carry question marks; when two speakers ask about as often, the one who
speaks first. The interviewee is the answerer with the most turns (of equals,
the first). A label seen once is a stray colon (`Note:`), unless the text has
no label seen twice, in which case a short two-speaker exchange is believed, or it
answers the question asked just before it (a short excerpt: `Xinhua: ...?`, then
`Wang Yi: ...`). Initials stand for a name used before (`KF:` for `KoreaFilm:`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from pipeline.importer.journalists import answered_journalists, journalists
from pipeline.importer.officelabel import has_office
from pipeline.importer.report import Report

if TYPE_CHECKING:
    from pipeline.importer.items import Item
    from pipeline.importer.markers import Marker

Role = Literal["question", "answer"]
CLEAR_MARGIN = 0.25  # share of turns with a '?' by which the interviewer must lead
MAX_INITIALS = 5
# Where a name's initials come from: each word, each part of a hyphenated or joined name.
_WORD_STARTS = re.compile(r"[A-ZА-ЯЁ][a-zа-яё']*|(?<=-)[a-zа-яё]+")


@dataclass
class Speakers:
    names: dict[str, str] = field(default_factory=dict)  # label (folded) -> speaker as written
    roles: dict[str, Role] = field(default_factory=dict)  # speaker -> role
    interviewer: str | None = None
    interviewee: str | None = None

    def speaker(self, label: str) -> str | None:
        return self.names.get(_fold(label))

    def role_of(self, label: str) -> Role | None:
        speaker = self.speaker(label)
        return self.roles.get(speaker) if speaker else None

    def keeps_label(self, label: str) -> bool:
        """A third speaker's label stays in the text, or the reader loses who said it."""
        speaker = self.speaker(label)
        return speaker is not None and speaker not in (self.interviewer, self.interviewee)


def find_speakers(items: list[Item], report: Report) -> Speakers:
    labelled = [item.marker for item in items if item.marker and item.marker.kind == "label"]
    labels = [marker.label for marker in labelled if marker.label]
    speakers = Speakers(names=_aliases(labels))
    for marker in labelled:
        if marker.alias and marker.label:  # `Lee Wonjae (hereafter L.):`, then `L.:`
            speakers.names[_fold(marker.alias)] = speakers.names[_fold(marker.label)]
    _initials_aliases(speakers.names)
    _dotted_initials(speakers.names)
    counts = Counter(speakers.names[_fold(label)] for label in labels)
    loose = {speakers.names[_fold(m.label)] for m in labelled if m.loose and m.label}
    # Labels seen once each are believed only in a text with no other markers: one
    # `Economy:` and one `Culture:` in dashed bullets are not two speakers.
    other_markers = any(item.marker and item.marker.kind != "label" for item in items)
    believed = {name for name, count in counts.items() if count >= 2 and name not in loose} or (
        set(counts) - loose
        if len(counts) == 2 and not other_markers and _adjacent(items)
        else set()
    )
    believed |= _answering_pairs(items, speakers.names) | _asking_loose(items, speakers, loose)
    believed |= answered_journalists(items, lambda label: speakers.names.get(_fold(label)))
    speakers.names = {key: name for key, name in speakers.names.items() if name in believed}
    if believed:
        _assign_roles(speakers, items, believed, report)
        _journalists_ask(speakers, journalists(items, speakers.speaker))
    return speakers


def _journalists_ask(speakers: Speakers, asking: dict[str, int]) -> None:
    """A label that names the speaker's newsroom (`Name, Azerbaijan Television:`) is a
    journalist's, whatever their turns' punctuation says; several ask in a press round."""
    present = [name for name in asking if name in speakers.roles]
    if not present or len(present) == len(speakers.roles):
        return
    for name in present:
        speakers.roles[name] = "question"
    # Of several journalists, the one who asks most leads; of equals, the first to speak.
    speakers.interviewer = max(present, key=lambda name: asking[name])
    if speakers.interviewee in present:
        answering = [name for name, role in speakers.roles.items() if role == "answer"]
        speakers.interviewee = answering[0] if answering else None


def _adjacent(items: list[Item]) -> bool:
    """Two labels seen once each speak one after the other, as an exchange does; two captions in
    angle brackets far apart (`<제품실물사진>`) are no exchange."""
    at = [index for index, item in enumerate(items) if _plain_label(item.marker)]
    return len(at) == 2 and at[1] - at[0] == 1


def _answering_pairs(items: list[Item], names: dict[str, str]) -> set[str]:
    """A label seen once is believed where it answers a question just asked: `Xinhua: ...?`
    then `Wang Yi: ...` (both), or `기자 : ...` then `구 회장 : ...`, or a plain paragraph that
    asks, then `President Ilham Aliyev: ...` (a name of two words or more)."""
    believed: set[str] = set()
    for before, item in pairwise(items):
        marker = item.marker
        if not _plain_label(marker) or item.asks or marker is None or marker.loose:
            continue
        answerer = names.get(_fold(marker.label or ""))
        asker = before.marker
        if _plain_label(asker) and asker is not None and before.has_question:
            asker_name = names.get(_fold(asker.label or ""))
            if asker_name and asker_name != answerer and answerer:
                believed |= {asker_name, answerer}
        elif answerer and _asked_before(asker, before, answerer):
            believed.add(answerer)
    return believed


def _asked_before(asker: Marker | None, before: Item, answerer: str) -> bool:
    """`기자 : ...` (a question label), or a plain paragraph that asks, when the answerer's
    label is a name of two words or more."""
    if asker is not None:
        return asker.kind == "question"
    return before.asks and len(answerer.split()) >= 2


def _asking_loose(items: list[Item], speakers: Speakers, loose: set[str]) -> set[str]:
    """`CCTV reporter:` asking again and again is the interviewer, though no name."""
    asks: Counter[str] = Counter()
    for item in items:
        if item.marker and item.marker.loose and item.has_question:
            asks[speakers.names.get(_fold(item.marker.label or ""), "")] += 1
    return {name for name in loose if asks[name] >= 2}


def _plain_label(marker: Marker | None) -> bool:
    return marker is not None and marker.kind == "label" and not marker.dashed


def _initials_aliases(names: dict[str, str]) -> None:
    """`KF:` and `LYI:` after `KoreaFilm:` and `Lee Yong-il:`: initials stand for the name."""
    by_initials: dict[str, str] = {}
    for name in names.values():
        if len(initials := _initials(name)) >= 2:
            by_initials.setdefault(initials, name)
    for key, name in list(names.items()):
        letters = name.replace(".", "").replace(" ", "")
        fuller = by_initials.get(letters)
        if letters.isupper() and len(letters) <= MAX_INITIALS and fuller and fuller != name:
            names[key] = fuller


def _dotted_initials(names: dict[str, str]) -> None:
    """`Sh.N.:` after `Shahzod Nusratullayev, reporter:`: each dotted piece starts a word of
    one name used before, in order (the capitals-only initials are read above)."""
    for key, name in list(names.items()):
        pieces = [piece for piece in name.split(".") if piece.strip()]
        if not name.endswith(".") or len(pieces) < 2 or any(" " in p.strip() for p in pieces):
            continue
        fuller = [
            other
            for other in set(names.values())
            if other != name
            and len(words := other.split()) == len(pieces)
            and all(
                word.startswith(piece.strip()) for word, piece in zip(words, pieces, strict=True)
            )
        ]
        if len(fuller) == 1:
            names[key] = fuller[0]


def _initials(name: str) -> str:
    words = _WORD_STARTS.findall(name)
    return "".join(word[0].upper() for word in words) if len(words) >= 2 else ""


def _fold(label: str) -> str:
    return " ".join(label.casefold().split())


def _aliases(labels: list[str]) -> dict[str, str]:
    """Each label to its speaker: `Lee` and `LEE WONJAE` are `Lee Wonjae` when that label is used."""
    names: dict[str, str] = {}
    for label in sorted(set(labels), key=lambda text: (-len(text.split()), text.isupper(), text)):
        words = set(_fold(label).split())
        fuller = next((name for key, name in names.items() if words <= set(key.split())), None)
        names[_fold(label)] = fuller or label
    for key in list(names):  # `홍 총영사:` after `홍배관 총영사:`: the surname and the same office
        names[key] = _by_surname(key, names) or names[key]
    return names


def _by_surname(key: str, names: dict[str, str]) -> str | None:
    first, *office = key.split()
    if not re.fullmatch("[가-힣]", first):
        return None
    return next(
        (
            name
            for other, name in names.items()
            if other.split()[1:] == office
            and re.fullmatch(f"{first}[가-힣]{{1,3}}", other.split()[0])
        ),
        None,
    )


@dataclass(frozen=True)
class _Stats:
    asks: float  # share of their turns with a question mark
    turns: int
    first: int  # paragraph of their first turn

    def frequency(self) -> tuple[int, int]:
        """Most turns first; of equals, who spoke first."""
        return (self.turns, -self.first)


def _assign_roles(
    speakers: Speakers, items: list[Item], believed: set[str], report: Report
) -> None:
    stats = _turn_stats(speakers, items)
    kinds = {item.marker.kind for item in items if item.marker}
    if "question" in kinds or "answer" in kinds or len(believed) == 1:
        # One side has its own markers (`Q:`) or no name: the names are the other side.
        if "question" in kinds or "answer" in kinds:
            asks = "answer" in kinds and "question" not in kinds
        else:
            # Half asking is an asker: a lone answerer's turns seldom end in '?', and a page cut
            # short (`ИА REGNUM: ...?`, then a question cut mid-sentence) leaves the last asking none.
            asks = stats[next(iter(believed))].asks >= 0.5
        _one_side(speakers, believed, stats, "question" if asks else "answer")
        return
    ranked = sorted(believed, key=lambda name: (-stats[name].asks, stats[name].first))
    interviewer = ranked[0]
    if stats[ranked[0]].asks - stats[ranked[1]].asks < CLEAR_MARGIN:
        # Of those who ask about as often as the first: in a joint interview several outlets ask
        # once each, and the guest who opens with a statement speaks first but asks nothing.
        tied = [name for name in ranked if stats[ranked[0]].asks - stats[name].asks < CLEAR_MARGIN]
        interviewer = min(tied, key=lambda name: stats[name].first)
        why = "both ask about as often; the first to speak"
    else:
        why = f"{stats[interviewer].asks:.0%} of their turns ask a question"
    others = [name for name in believed if name != interviewer]
    interviewee = max(others, key=lambda name: stats[name].frequency())
    # A co-host asks too: `Tristan MacManus: ... How do you think we change that perception?`
    co_hosts = {
        name
        for name in others
        if name != max(others, key=lambda n: stats[n].frequency()) and stats[name].asks == 1
    }
    speakers.roles = {
        name: ("question" if name == interviewer or name in co_hosts else "answer")
        for name in believed
    }
    speakers.interviewer, speakers.interviewee = interviewer, interviewee
    report.guess(
        None,
        f"took '{interviewer}' as the interviewer ({why}) and '{interviewee}' as the interviewee",
    )
    for name in others:
        if name != interviewee:
            report.warn(
                None, f"a third speaker, '{name}': their answers keep the label in the text"
            )


def _one_side(speakers: Speakers, believed: set[str], stats: dict[str, _Stats], role: Role) -> None:
    speakers.roles = dict.fromkeys(believed, role)
    # Of several who answer, the one named with an office (`최광식 장관`), then who speaks most.
    main = max(
        believed,
        key=lambda name: (role == "answer" and has_office(name), stats[name].frequency()),
    )
    if role == "question":
        speakers.interviewer = main
    else:
        speakers.interviewee = main


def _turn_stats(speakers: Speakers, items: list[Item]) -> dict[str, _Stats]:
    asked: Counter[str] = Counter()
    turns: Counter[str] = Counter()
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.marker and item.marker.kind == "label":
            speaker = speakers.speaker(item.marker.label or "")
            if speaker:
                turns[speaker] += 1
                first.setdefault(speaker, index)
                asked[speaker] += item.has_question
    return {name: _Stats(asked[name] / turns[name], turns[name], first[name]) for name in turns}
