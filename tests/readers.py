"""Read built notes back the way their real readers do, as comparable sequences.

A sequence is a list of (kind, text): "I" intro paragraph, "Q" question, "A" answer
paragraph. The parity test compares these across formats and with the model.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

Passage = tuple[str, str]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def expected_sequence(interview) -> list[Passage]:
    sequence = [("I", paragraph) for paragraph in interview.intro]
    for turn in interview.turns:
        sequence.append(("Q", turn.question))
        sequence += [("A", paragraph) for paragraph in turn.answer]
    return sequence


def html_sequence(path: Path) -> list[Passage]:
    import lxml.html

    tree = lxml.html.fromstring(path.read_bytes())
    sequence: list[Passage] = []
    for paragraph in tree.cssselect("section.interview p.intro"):
        for dateline in paragraph.cssselect(".dateline"):
            dateline.drop_tree()
        sequence.append(("I", normalise(paragraph.text_content())))
    for turn in tree.cssselect("section.turn"):
        sequence.append(("Q", normalise(turn.cssselect(".question-text")[0].text_content())))
        sequence += [
            ("A", normalise(p.text_content())) for p in turn.cssselect(".answer p:not(.speaker)")
        ]
    return sequence


def docx_sequence(path: Path, dateline: str | None = None) -> list[Passage]:
    import docx

    sequence: list[Passage] = []
    state = "brief"
    for paragraph in docx.Document(str(path)).paragraphs:
        style, text = paragraph.style.name, paragraph.text
        if style == "Heading 1":
            state = (
                "intro"
                if state == "brief" and sequence == [] and "interview" in text.lower()
                else state
            )
            continue
        if state == "brief":
            continue
        if style == "Question":
            state = "question"
            sequence.append(("Q", text))
        elif style == "Answer Speaker":
            state = "answer"
        elif style == "Normal" and text and state in ("intro", "answer"):
            if state == "intro" and dateline and not sequence:
                text = text.removeprefix(f"{dateline} ")
            sequence.append(("I" if state == "intro" else "A", text))
    return sequence


def pdf_pages(path: Path) -> list[str]:
    """Text of each page, as poppler's pdftotext reads it (robust to missing glyphs).

    Words the layout hyphenated (with U+2010, which no source text uses) are joined again.
    """
    count = page_count(path)
    return [dehyphenate(_pdftotext(path, page)) for page in range(1, count + 1)]


def _pdftotext(path: Path, page: int) -> str:
    command = ["pdftotext", "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(path), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def dehyphenate(text: str) -> str:
    return re.sub("\u2010\\s*\n", "", text)


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def furniture_patterns(interview) -> list[re.Pattern]:
    """The running header and footer lines of the printed note."""
    return [
        re.compile(rf"^{re.escape(interview.short_title)} Briefing note$"),
        re.compile(rf"^{re.escape(interview.handling)} Page \d+ of \d+$"),
    ]


def pdf_body_text(path: Path, furniture: list[re.Pattern]) -> str:
    """All pages' text with the running header and footer lines removed, whitespace folded."""
    kept = []
    for page in pdf_pages(path):
        lines = [
            line
            for line in page.splitlines()
            if not any(pattern.match(normalise(line)) for pattern in furniture)
        ]
        kept.append(" ".join(lines))
    return normalise(" ".join(kept))


def find_in_order(haystack: str, passages: list[str]) -> list[str]:
    """The passages not found in `haystack` in the given order (empty list: all found)."""
    missing, position = [], 0
    for passage in passages:
        found = haystack.find(normalise(passage), position)
        if found < 0:
            missing.append(passage)
        else:
            position = found + len(normalise(passage))
    return missing


WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def footer_fields(footer) -> list[str]:
    """A DOCX footer's text and fields in reading order; a field is `{NAME}`."""
    W = WORD_NS
    found, in_result = [], False
    for element in footer.paragraphs[0]._p.iter():
        if element.tag == f"{W}fldChar":
            in_result = element.get(f"{W}fldCharType") == "separate"
        elif element.tag == f"{W}instrText":
            found.append("{" + element.text.strip() + "}")
        elif element.tag == f"{W}t" and element.text and not in_result:
            found.append(element.text)
    return found
