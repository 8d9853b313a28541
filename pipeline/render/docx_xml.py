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


def _child(parent, tag: str):
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found
