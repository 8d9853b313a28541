"""The few WordprocessingML details python-docx has no API for, kept in one place."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def append_field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """A field such as PAGE or NUMPAGES that Word and LibreOffice compute when shown."""
    _field_char(paragraph, "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    _field_char(paragraph, "separate")
    paragraph.add_run(placeholder)
    _field_char(paragraph, "end")


def _field_char(paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(char)


def set_document_language(document, language: str) -> None:
    """Default proofing language for every run, in the document defaults of styles.xml."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        document.styles.element.insert(0, defaults)
    run_defaults = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    lang = _child(run_defaults, "w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)


def set_run_language(run, language: str) -> None:
    """Proofing language of one run: a passage left in the source language says so."""
    lang = _child(run._r.get_or_add_rPr(), "w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)


def set_picture_description(inline_shape, description: str) -> None:
    """Alt text of a picture: screen readers and Word's accessibility checker read `descr`."""
    doc_pr = inline_shape._inline.find(qn("wp:docPr"))
    doc_pr.set("descr", description)


def set_row_flag(row, flag: str) -> None:
    """A table-row property such as `w:tblHeader` or `w:cantSplit`."""
    element = OxmlElement(flag)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def mark_hangul_runs(document, font: str, language: str = "ko-KR") -> None:
    """Give every run that holds Hangul its East Asian font and language.

    Word picks the font of a run's Hangul from `w:rFonts/@w:eastAsia` and its line
    breaking and proofing from `w:lang/@w:eastAsia`; the reference styles name a Latin
    font there, so without this Word and LibreOffice fall back to Gulim or Batang.
    Headers and footers are runs too.
    """
    from pipeline.render.hangul import HANGUL

    marked = 0
    for story in _stories(document):
        for run in story.iter(qn("w:r")):
            text = "".join(node.text or "" for node in run.iter(qn("w:t")))
            if HANGUL.search(text):
                _mark_east_asian(run, font, language)
                marked += 1
    if marked:
        _declare_hangul_font(document, font)
        _no_gap_between_hangul_and_latin(document)


def holds_hangul(document) -> bool:
    """Whether the body, headers or footers may hold Hangul: their XML as text holds it
    wherever a run's text does (lxml writes it in under a millisecond; walking the tree's
    text took 40 ms)."""
    from lxml import etree

    from pipeline.render.hangul import HANGUL

    return any(
        HANGUL.search(etree.tostring(story, encoding="unicode")) for story in _stories(document)
    )


def _stories(document) -> list:
    return [document.element.body] + [
        relationship.target_part.element
        for relationship in document.part.rels.values()
        if relationship.reltype.endswith(("/header", "/footer"))
    ]


def _no_gap_between_hangul_and_latin(document) -> None:
    """Korean sets 30주년 and KT가 tight: Word and LibreOffice add a gap between East Asian
    and Latin letters or digits unless the paragraphs say not to (`w:autoSpaceDE/DN`)."""
    defaults = _child(document.styles.element.find(qn("w:docDefaults")), "w:pPrDefault")
    properties = _child(defaults, "w:pPr")
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        if properties.find(qn(tag)) is None:
            switch = OxmlElement(tag, {qn("w:val"): "0"})
            properties.insert(_first_after_autospace(properties), switch)


# The w:pPr children the schema puts after w:autoSpaceDE and w:autoSpaceDN.
_AFTER_AUTOSPACE = [
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]


def _first_after_autospace(properties) -> int:
    later = {qn(f"w:{tag}") for tag in _AFTER_AUTOSPACE}
    return next(
        (index for index, child in enumerate(properties) if child.tag in later), len(properties)
    )


def _declare_hangul_font(document, font: str, fallback: str = "Malgun Gothic") -> None:
    """List the Korean face in the font table as a Hangul (charset 81) sans serif.

    A machine without it then substitutes another Korean sans serif (Word names
    `fallback`, LibreOffice matches the charset) instead of Gulim or Batang.
    """
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml import parse_xml

    part = next(
        relationship.target_part
        for relationship in document.part.rels.values()
        if relationship.reltype.endswith("/fontTable")
    )
    table = parse_xml(part.blob)
    if any(entry.get(qn("w:name")) == font for entry in table.iter(qn("w:font"))):
        return
    entry = OxmlElement("w:font", {qn("w:name"): font})
    for tag, value in (
        ("w:altName", fallback),
        ("w:charset", "81"),
        ("w:family", "swiss"),
        ("w:pitch", "variable"),
    ):
        entry.append(OxmlElement(tag, {qn("w:val"): value}))
    table.append(entry)
    part._blob = serialize_part_xml(table)


def _mark_east_asian(run, font: str, language: str) -> None:
    properties = run.get_or_add_rPr()
    # Korean sets no italics and Noto Sans CJK has none: Word would slant the Hangul itself.
    properties._set_bool_val("i", False)
    fonts = properties.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:hint"), "eastAsia")
    fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
    _child(properties, "w:lang").set(qn("w:eastAsia"), language)


def _child(parent, tag: str):
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


class Revisions:
    """Word's tracked changes of one document: one author, one date, ids unique in it."""

    def __init__(self, author: str, date: str) -> None:
        self.author, self.date, self._last = author, date, 0

    def mark(self, kind: str):
        """A `w:ins` or `w:del` element, numbered in document order (so reproducible)."""
        self._last += 1
        element = OxmlElement(f"w:{kind}")
        element.set(qn("w:id"), str(self._last))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        return element


def add_tracked_run(paragraph, text: str, kind: str, revisions: Revisions, style=None):
    """A run inside a tracked insertion or deletion (`kind` "ins" or "del"), which an
    editor accepts or rejects in Word or LibreOffice."""
    run = paragraph.add_run(text, style=style)
    if kind == "del":  # deleted text is held in w:delText, not w:t
        for piece in run._r.findall(qn("w:t")):
            piece.tag = qn("w:delText")
    wrapper = revisions.mark(kind)
    run._r.addprevious(wrapper)
    wrapper.append(run._r)
    return run


def track_paragraph_mark(paragraph, kind: str, revisions: Revisions) -> None:
    """The paragraph's own mark inserted or deleted: a whole paragraph added or removed,
    so accepting a removal leaves no empty paragraph behind."""
    properties = paragraph._p.get_or_add_pPr()
    _child(properties, "w:rPr").append(revisions.mark(kind))
