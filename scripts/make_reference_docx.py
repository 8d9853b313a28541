"""Write templates/docx/reference.docx: the Word styles every DOCX note is built from.

The file is committed; this script is how it was made, kept so a change of
house style is reviewable. A desk can equally open the .docx in Word, restyle
it (Home > Styles > Modify) and save it: the renderer only uses named styles.

    .venv/bin/python scripts/make_reference_docx.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ACCENT = RGBColor(0x1F, 0x3D, 0x63)
MUTED = RGBColor(0x5A, 0x64, 0x70)
INK = RGBColor(0x1B, 0x1F, 0x24)
QUESTION_FILL = "EEF2F7"
FONT = "Calibri"
# Hangul in the face the PDF uses; the renderer also marks every Hangul run with it.
EAST_ASIAN_FONT = "Noto Sans CJK KR"

# Every style the renderer uses, with a sample line shown in the reference file.
SAMPLES = [
    ("Kicker", "BRIEFING NOTE · FOR INFORMATION · PREPARED 27 NOVEMBER 2026"),
    ("Title", "Headline of the interview as published"),
    ("Subtitle", "Interview: name, role, with outlet"),
    ("Source Details", "Outlet: Kabar Agency"),
    ("Heading 1", "Summary"),
    ("Heading 2", "Key points"),
    ("List Bullet", "The ambassador said ..."),
    ("Figure Note", "Scope caveat under a key figure"),
    ("Normal", "Body text: intro paragraphs and answers."),
    ("Speaker", "INTERVIEWER NAME"),
    ("Question", "The interviewer's question, set apart from the answers."),
    ("Answer Speaker", "INTERVIEWEE NAME"),
    ("Caption", "Photo: credit"),
    ("Translation Status", "Translated from English: 58 of 60 passages; the rest is marked EN."),
]


def _set_font(style, size: float, *, bold: bool = False, color: RGBColor = INK) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = color
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), FONT)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    for theme_attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme_attribute), None)


def _spacing(style, before: float, after: float, line: float = 1.15) -> None:
    paragraph = style.paragraph_format
    paragraph.space_before = Pt(before)
    paragraph.space_after = Pt(after)
    paragraph.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    paragraph.line_spacing = line


def _paragraph_style(document, name: str, base: str = "Normal"):
    styles = document.styles
    style = (
        styles[name]
        if name in [s.name for s in styles]
        else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    )
    style.base_style = styles[base]
    style.quick_style = True
    return style


def _shade_and_rule(style, fill: str, rule_color: str) -> None:
    """Tinted background with a rule on the left: the question look of the PDF."""
    properties = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", "18"),
        ("w:space", "8"),
        ("w:color", rule_color),
    ):
        left.set(qn(key), value)
    borders.append(left)
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
        shading.set(qn(key), value)
    properties.append(borders)
    properties.append(shading)


def _remove_border(style) -> None:
    properties = style.element.pPr
    if properties is not None:
        for border in properties.findall(qn("w:pBdr")):
            properties.remove(border)


def build(target: Path) -> None:
    document = Document()
    styles = document.styles

    normal = styles["Normal"]
    _set_font(normal, 10.5)
    _spacing(normal, 0, 6, 1.2)

    title = styles["Title"]
    _set_font(title, 20, bold=True, color=ACCENT)
    _remove_border(title)
    _spacing(title, 2, 4, 1.05)

    subtitle = styles["Subtitle"]
    _set_font(subtitle, 12, color=MUTED)
    _spacing(subtitle, 0, 8)

    for name, size, before in (("Heading 1", 14, 16), ("Heading 2", 11.5, 12)):
        heading = styles[name]
        _set_font(heading, size, bold=True, color=ACCENT)
        _spacing(heading, before, 4, 1.1)
        heading.paragraph_format.keep_with_next = True

    bullet = styles["List Bullet"]
    _set_font(bullet, 10.5)
    _spacing(bullet, 0, 3, 1.15)

    for name in ("Header", "Footer", "Caption"):
        _set_font(styles[name], 8, color=MUTED)

    kicker = _paragraph_style(document, "Kicker")
    _set_font(kicker, 8.5, bold=True, color=ACCENT)
    kicker.font.all_caps = True
    _spacing(kicker, 0, 2)

    details = _paragraph_style(document, "Source Details")
    _set_font(details, 9.5)
    _spacing(details, 0, 1, 1.1)

    note = _paragraph_style(document, "Figure Note")
    _set_font(note, 8.5, color=MUTED)
    note.font.italic = True
    _spacing(note, 0, 0, 1.05)

    speaker = _paragraph_style(document, "Speaker")
    _set_font(speaker, 8.5, bold=True, color=ACCENT)
    speaker.font.all_caps = True
    _spacing(speaker, 6, 1)
    speaker.paragraph_format.keep_with_next = True
    _shade_and_rule(speaker, QUESTION_FILL, "1F3D63")

    question = _paragraph_style(document, "Question")
    _set_font(question, 10.5, bold=True, color=ACCENT)
    _spacing(question, 0, 8, 1.2)
    question.paragraph_format.keep_with_next = True
    question.paragraph_format.keep_together = True
    _shade_and_rule(question, QUESTION_FILL, "1F3D63")

    answer_speaker = _paragraph_style(document, "Answer Speaker")
    _set_font(answer_speaker, 8.5, bold=True, color=MUTED)
    answer_speaker.font.all_caps = True
    _spacing(answer_speaker, 0, 1)
    answer_speaker.paragraph_format.keep_with_next = True

    status = _paragraph_style(document, "Translation Status")
    _set_font(status, 9, color=MUTED)
    status.font.italic = True
    _spacing(status, 0, 6)

    tag = styles.add_style("Language Tag", WD_STYLE_TYPE.CHARACTER)
    tag.quick_style = True
    tag.font.size = Pt(7.5)
    tag.font.bold = True
    tag.font.color.rgb = RGBColor(0x9B, 0x1C, 0x1C)

    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(19)

    document.add_paragraph(
        "Reference styles for briefing notes. Restyle them in Word and save; "
        "the text below is never copied into a note.",
        style="Caption",
    )
    for style_name, text in SAMPLES:
        document.add_paragraph(text, style=style_name)
    sample = document.add_paragraph()
    sample.add_run("EN", style="Language Tag")
    sample.add_run(" A passage shown in the source language.")
    table = document.add_table(rows=2, cols=2, style="Light List Accent 1")
    for row, (left, right) in zip(
        table.rows, (("Figure", "Value"), ("Bilateral trade", "370 million USD")), strict=True
    ):
        row.cells[0].text, row.cells[1].text = left, right

    document.core_properties.title = "Briefing note reference styles"
    document.core_properties.author = "briefing pipeline"
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(target)


if __name__ == "__main__":
    out = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).parent.parent / "templates/docx/reference.docx"
    )
    build(out)
    print(f"wrote {out}")
