"""Body paragraphs to intro and question/answer turns.

Texts mark turns in many ways, and often only one side: the seed dashes its
answers and leaves questions plain. So each paragraph is first read for a marker
it carries (a dash, `Q:`, a speaker's name, a number), each family of markers is
worked out over the whole text (which side do dashes stand for, which speaker
asks), and only then are the unmarked paragraphs placed, from the marked ones
around them (`pipeline.importer.placing`). Every paragraph keeps the reason it
got its role, and every doubt, so a turn that may be wrong is written unsure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pipeline.importer.alternation import alternates
from pipeline.importer.exchanges import ADDRESS, Exchange, build_turns
from pipeline.importer.inline import Piece, split_inline
from pipeline.importer.items import Family, Item, Role
from pipeline.importer.labellines import attach_label_lines
from pipeline.importer.leadbullets import unmark_lead_bullets
from pipeline.importer.lines import Paragraph
from pipeline.importer.markers import (
    LABEL_OPENERS,
    Marker,
    dash_marker,
    parse_marker,
)
from pipeline.importer.onebyone import read_one_by_one
from pipeline.importer.placing import (
    is_request,
    place_by_question_marks,
    place_unmarked,
    split_stretches,
)
from pipeline.importer.quotedanswers import doubt_unquoted_asides
from pipeline.importer.report import Report
from pipeline.importer.speakers import Speakers, find_speakers
from pipeline.importer.straylabels import doubt_stray_labels
from pipeline.importer.tailcredits import drop_tail_credits
from pipeline.importer.thanksfirst import thanks_before_the_first_question
from pipeline.importer.twodashes import read_two_dashes

# Caption markers some sites leave before a subheading or a question.
_CAPTION = re.compile(
    r"[\[(<](?:subtitle|sub-title|subhead|intertitle|caption|подзаголовок|подзаг\.?|"
    r"소제목|중간제목|부제)[\])>]\s*",
    re.I,
)
_OPENING = "«“„\"'‘「『"
_CLOSING = "»”“\"'’」』"
MAX_QUOTED_LINES = 12
_ANCHORS = frozenset({"앵커", "anchor", "host", "ведущий", "ведущая"})
_REPORTERS = frozenset({"기자", "reporter", "корреспондент", "журналист"})
_DASH_ROLES: dict[str, set[Role]] = {
    "answers": {"answer"},
    "questions": {"question"},
    "both": {"question", "answer"},
}


@dataclass
class Conversation:
    intro: list[Paragraph] = field(default_factory=list)
    turns: list[Exchange] = field(default_factory=list)
    shapes: list[str] = field(default_factory=list)
    speakers: Speakers = field(default_factory=Speakers)
    items: list[Item] = field(default_factory=list)  # every body paragraph, for --explain


def find_turns(
    body: list[Paragraph], report: Report, bold_lines: frozenset[int] = frozenset()
) -> Conversation:
    items = [_item(piece) for piece in split_inline(body)]
    _read_bold(items, bold_lines)
    items = attach_label_lines(items, report)
    _drop_lone_short_labels(items)
    _read_numbers(items)
    _dash_bullets(items)
    unmark_lead_bullets(items)
    read_two_dashes(items)
    speakers = find_speakers(items, report)
    marks = _marked_roles(items, speakers, report)
    doubt_stray_labels(items, report)
    if marks:
        place_unmarked(items, marks, report)
    else:
        place_by_question_marks(items, report)
        read_one_by_one(items, report)
    split_stretches(items, report)
    conversation = Conversation(speakers=speakers, items=items)
    thanks_before_the_first_question(items, report)
    items = drop_tail_credits(items, report)
    doubt_unquoted_asides(items, report)
    conversation.intro, conversation.turns = build_turns(items, report)
    conversation.shapes = _shapes(items, marks)
    return conversation


def _item(piece: Piece) -> Item:
    paragraph = piece.paragraph
    text = paragraph.text
    topic = None
    if caption := _CAPTION.match(text):
        text = text[caption.end() :]
        topic = text if not text.rstrip().endswith(("?", "？")) else None
        paragraph = Paragraph(text, paragraph.line)
    if piece.role:
        item = Item(paragraph, None, text, forced=True)
        item.give(piece.role, piece.split or "split")  # type: ignore[arg-type]
    else:
        marker = parse_marker(text)
        item = Item(paragraph, marker, marker.rest if marker else text)
    item.split = piece.split
    item.topic = topic
    return item


def _read_bold(items: list[Item], bold_lines: frozenset[int]) -> None:
    """Paragraphs set in bold (in a saved page or a Word file) are questions, if most ask."""
    bold = [item for item in items if item.line in bold_lines and item.marker is None]
    if len(bold) >= 2 and 2 * sum(item.asks for item in bold) >= len(bold):
        for item in bold:
            item.marker = Marker("question", item.text, written="bold")


def _unmark(item: Item) -> None:
    item.marker, item.text = None, item.paragraph.text


def _drop_lone_short_labels(items: list[Item]) -> None:
    """`A. Smith said` starts one paragraph; `Q.`/`A.` labels count only when used twice."""
    short = [item for item in items if item.marker and item.marker.short]
    if len(short) < 2:
        for item in short:
            _unmark(item)


def _read_numbers(items: list[Item]) -> None:
    """`1. ...?`, `2. ...?`: numbers that rise through the text mark its questions.

    A numbered list inside an answer starts again at 1 and does not ask; those
    numbers stay in the text.
    """
    numbered = [item for item in items if item.marker and item.marker.kind == "number"]
    sequence: list[Item] = []
    for item in numbered:
        number = item.marker.number if item.marker else None
        last = sequence[-1].marker.number if sequence and sequence[-1].marker else 0
        if number == (last or 0) + 1 and (item.asks or sequence):
            sequence.append(item)
    believed = len(sequence) >= 2 and sum(item.asks for item in sequence) * 2 >= len(sequence)
    # An excerpt may hold only its first question: `1. What is ...?`, nothing else numbered.
    lone = len(numbered) == 1 and bool(sequence) and sequence[0].asks
    believed = believed or (
        lone and not any(item.asks for item in items[: items.index(sequence[0])])
    )
    for item in numbered:
        if not believed or item not in sequence:
            _unmark(item)


def _dash_bullets(items: list[Item]) -> None:
    """Between an `A:` (or the plain first paragraph of an answer to a `Q:`) and the next `Q:`,
    a dashed paragraph that does not ask is a bullet.

    Labels mark this turn on both sides, so the dash is part of the answer's text,
    not a third way of marking turns.
    """
    last_label: str | None = None
    pending: list[Item] = []
    for item in items:
        kind = item.marker.kind if item.marker else None
        if kind is None and last_label == "question" and not item.asks:
            last_label = "answer"  # `질문 1 : ...?`, then an answer without a label: `ㅇ ...`
        if item.family == "dash" or (item.marker and item.marker.dashed):
            if last_label == "answer" and not item.asks:
                pending.append(item)
            continue
        if kind in ("question", "answer", "label"):
            if kind == "question" or (kind == "label" and item.has_question):
                for bullet in pending:
                    _unmark(bullet)
            pending = []
            last_label = "question" if kind == "question" else "answer"
            if kind == "label" and item.has_question:
                last_label = "question"
    switched = False  # dashed questions after the labels: the markers changed midway
    for item in items:
        if item.marker and item.marker.kind in ("question", "answer", "label"):
            switched = False
        elif item.family == "dash" and item.has_question:
            switched = True
    if not switched and any(item.marker and item.marker.kind == "question" for item in items):
        for bullet in pending:  # the last answer's bullets, with no question after them
            _unmark(bullet)


# Which roles each family of markers stands for -------------------------------------------


def _reporters_answer_anchors(items: list[Item]) -> None:
    """`[앵커]` asks and `[기자]` answers: on air, the reporter is the anchor's guest."""
    asking = [item for item in items if item.marker and item.marker.kind == "question"]
    labels = {(item.marker.label or "").casefold() for item in asking if item.marker}
    if labels & _ANCHORS and labels & _REPORTERS:
        for item in asking:
            if item.marker and (item.marker.label or "").casefold() in _REPORTERS:
                item.marker = replace(item.marker, kind="answer")


def _marked_roles(items: list[Item], speakers: Speakers, report: Report) -> dict[Family, set[Role]]:
    _reporters_answer_anchors(items)
    for item in items:
        if item.marker is None or item.forced:
            continue
        if item.marker.kind == "label":
            label = item.marker.label or ""
            role = speakers.role_of(label)
            if role is None:
                written = item.marker.written
                if written and not item.paragraph.text.startswith(written):
                    # A label on its own line that is not believed: it leaves the text, said so.
                    report.drop(item.line, f"'{written}' above this line (a label not believed)")
                _unmark(item)
                item.marker = dash_marker(item.text) if item.marker is None else item.marker
                if item.marker:
                    item.text = item.marker.rest
                continue
            item.give(role, f"speaker label '{item.marker.written}' ({speakers.speaker(label)})")
            if speakers.keeps_label(label):
                on_its_line = not item.paragraph.text.startswith(item.marker.written)
                item.text = (
                    f"{item.marker.written} {item.text}" if on_its_line else item.paragraph.text
                )
        elif item.marker.kind == "number":
            item.give("question", f"numbered question '{item.marker.written}'")
        elif item.marker.written == "bold":
            item.give("question", "set in bold: the file's questions are bold")
        elif item.marker.kind in ("question", "answer"):
            item.give(item.marker.kind, f"label '{item.marker.written}'")
    marks: dict[Family, set[Role]] = {}
    for item in items:
        if item.role and item.family and not item.forced:
            marks.setdefault(item.family, set()).add(item.role)
    if dash_marks := _place_dashes(items, report):
        marks["dash"] = dash_marks
    return marks


def _place_dashes(items: list[Item], report: Report) -> set[Role]:
    dashed = [i for i, item in enumerate(items) if item.family == "dash"]
    if not dashed:
        return set()
    scheme, why = _dash_scheme(items, dashed)
    last: Role | None = None
    for index, item in enumerate(items):
        if item.family == "dash":
            _dash_role(items, index, scheme, why, last, report)
        last = item.role or last
    return _DASH_ROLES[scheme]


def _dash_scheme(items: list[Item], dashed: list[int]) -> tuple[str, str]:
    """Which side the dashes mark: 'answers' (the seed), 'questions', or 'both'; and why."""
    # A question may end in `…` or run on after its `?`: any '?' counts here.
    asking = [i for i in dashed if items[i].has_question]
    plain = [i for i in dashed if not items[i].has_question]
    if not plain:
        return "questions", "every dashed paragraph asks"
    undashed = [item for item in items[dashed[0] :] if item.marker is None and not item.forced]
    quoted = _in_quotations(items)
    if undashed and 2 * sum(id(item) in quoted for item in undashed) > len(undashed):
        return "questions", "the paragraphs between the dashed ones are quotations: the answers"
    after_plain_question = [i for i in plain if i > 0 and _plain_question(items[i - 1])]
    if not asking or 2 * len(after_plain_question) >= len(plain):
        return "answers", "dashed paragraphs follow plain questions"
    followed_by_dash = [i for i in asking if i + 1 < len(items) and items[i + 1].family == "dash"]
    if 2 * len(followed_by_dash) < len(asking):
        return "questions", "dashed questions are followed by plain paragraphs"
    return "both", "dashes open both questions and answers"


def _in_quotations(items: list[Item]) -> set[int]:
    """The paragraphs inside quotation marks, also when a quotation runs over several lines
    (`"Line one.`, `line two.`, `line three."`): the ids of those items."""
    inside: set[int] = set()
    start: int | None = None
    for index, item in enumerate(items):
        text = item.text.strip()
        if item.quoted:
            inside.add(id(item))
        elif start is None and text[:1] in _OPENING and text.rstrip(".,!…")[-1:] not in _CLOSING:
            start = index
        elif start is not None and text.rstrip(".,!…")[-1:] in _CLOSING:
            if index - start < MAX_QUOTED_LINES:
                inside |= {id(other) for other in items[start : index + 1]}
            start = None
        elif start is not None and item.marker is not None:
            start = None  # a marked paragraph before the quotation closed: it was no quotation
    return inside


def _plain_question(item: Item) -> bool:
    return item.marker is None and item.has_question


def _dash_role(
    items: list[Item], index: int, scheme: str, why: str, last: Role | None, report: Report
) -> None:
    item = items[index]
    if scheme == "questions":
        item.give("question", f"dash ({why})")
        sure = "quotations" in why or is_request(item.text)
        if not item.has_question and not sure:
            _doubt(item, report, "dashed paragraph without a question mark taken as a question")
        return
    if scheme == "answers":
        # The seed's slip: a question dashed like an answer, its answer plain. A dashed
        # answer follows its plain question; this one follows an answer.
        if _opens_question(items, index):
            item.give("question", "dash, but it addresses the interviewee and a question follows")
            _doubt(item, report, "dashed paragraph addressing the interviewee taken as a question")
            return
        after_plain = index > 0 and (_plain_question(items[index - 1]) or alternates(items))
        if item.has_question and not after_plain:
            item.give("question", "dash, but it asks after an answer (dashes mark answers here)")
            _doubt(item, report, "dashed paragraph with a '?' after an answer taken as a question")
            return
        item.give("answer", f"dash ({why})")
        return
    if item.asks:
        item.give("question", "dash and a question mark (dashes open questions and answers)")
    elif last == "question":
        item.give("answer", "dash after a question (dashes open questions and answers)")
    else:
        item.give("question", "dash after an answer (dashes open questions and answers)")
        if not is_request(item.text):
            _doubt(item, report, "dashed paragraph without a question mark taken as a question")


def _opens_question(items: list[Item], index: int) -> bool:
    """`– Kassym-Jomart Kemelevich, thank you for ...`, then `What stands out ...?` in a plain
    paragraph: the dashed paragraph is where the question starts, not an answer."""
    after = items[index + 1] if index + 1 < len(items) else None
    return (
        bool(ADDRESS.match(items[index].text))
        and not items[index].has_question
        and after is not None
        and after.marker is None
        and after.asks
    )


def _doubt(item: Item, report: Report, message: str) -> None:
    item.doubts.append(message)
    report.guess(item.line, message)


def _label_as_written(written: str) -> str:
    """`AKIpress= Q.` -> `Q.`; a bracketed label stays whole: `[Reporter : Anna Lee]`."""
    return written if written.startswith(tuple(LABEL_OPENERS)) else written.split()[-1]


def _shapes(items: list[Item], marks: dict[Family, set[Role]]) -> list[str]:
    """The ways this text marks its turns, for the report: `answers dashed`, `Q/A labels (Q:, A:)`."""
    shapes = []
    if "dash" in marks:
        sides = {frozenset({"answer"}): "answers", frozenset({"question"}): "questions"}
        shapes.append(f"{sides.get(frozenset(marks['dash']), 'questions and answers')} dashed")
    labels = [
        _label_as_written(item.marker.written)
        for item in items
        if item.marker and item.family == "qa" and item.role
    ]
    if "bold" in labels:
        shapes.append("questions in bold")
    if labels := [label for label in labels if label != "bold"]:
        shapes.append(f"Q/A labels ({', '.join(dict.fromkeys(labels))})")
    if "label" in marks:
        shapes.append("speaker labels")
    if "number" in marks:
        shapes.append("numbered questions")
    if any(item.split for item in items):
        shapes.append("questions and answers in one paragraph")
    return shapes or ["no markers (questions end in '?')"]
