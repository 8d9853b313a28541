"""DOCX with python-docx, built only from the named styles of templates/docx/reference.docx.

A reader restyles the note in Word, or pastes it into their own template, and
keeps the structure: headings, a Question style, List Bullet, a table style.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from pipeline.i18n.formatting import format_number, long_date
from pipeline.render.base import Renderer, RenderJob

TABLE_STYLE = "Light List Accent 1"
PICTURE_WIDTH_MM = 45
CORE_PROPERTY_LIMIT = 255


@dataclass(frozen=True)
class WordInput:
    """Everything a DOCX paint needs, as data: the note, the Word styles, picture, catalog."""

    job: RenderJob
    reference: bytes
    picture: bytes | None
    interface_mo: bytes | None


class DocxRenderer(Renderer):
    name = "docx"
    suffix = ".docx"
    preload = ("docx", "pipeline.render.docx_xml")

    def prepare(self, job: RenderJob) -> WordInput:
        from pipeline.i18n.catalogs import interface_mo

        picture = job.source.picture
        return WordInput(
            job=job,
            reference=job.project.template_file("docx/reference.docx").read_bytes(),
            picture=picture.data if picture else None,
            interface_mo=interface_mo(job.locale, job.interface_catalogs),
        )

    def paint(self, prepared: WordInput) -> bytes:
        from docx import Document

        document = Document(io.BytesIO(prepared.reference))
        _clear_body(document)
        _NoteWriter(document, prepared).write()
        buffer = io.BytesIO()
        document.save(buffer)
        return _pin_zip_times(buffer.getvalue(), prepared.job)


class _NoteWriter:
    def __init__(self, document, prepared: WordInput):
        from pipeline.i18n.catalogs import formatting, translations_for

        job = prepared.job
        self.document, self.job, self.note, self.picture = (
            document,
            job,
            job.interview,
            prepared.picture,
        )
        self.lang, self.l10n = job.locale, job.l10n
        # Every string is formatted, as in the templates: `%%` is a percent sign in both.
        self._, self.ngettext = formatting(translations_for(job.locale, prepared.interface_mo))

    def _passage(self, paragraph, text: str, segment_id: str, style: str | None = None) -> None:
        """Text of one content passage; marked and tagged where it fell back to the source."""
        from pipeline.render.docx_xml import set_run_language

        source = self.l10n.fallback_language(segment_id)
        if source:
            tag = paragraph.add_run(source.upper(), style="Language Tag")
            paragraph.add_run(" ")
            set_run_language(tag, source)
        run = paragraph.add_run(text, style=style)
        if source:
            set_run_language(run, source)

    def write(self) -> None:
        self._properties()
        self._page_furniture()
        self._masthead()
        self._brief()
        self._interview()

    def _properties(self) -> None:
        from pipeline.render.docx_xml import set_document_language

        note, built_at = self.note, self.job.built_at.replace(tzinfo=None)
        properties = self.document.core_properties
        properties.title = _fit(note.title)
        properties.subject = _fit(note.brief.purpose)
        properties.author = _fit(note.byline or note.outlet)
        properties.keywords = _fit(", ".join(note.keywords))
        properties.category = _fit(self._("Briefing note"))
        properties.comments = _fit(self._subject())
        properties.language = self.lang
        properties.last_modified_by = "briefing"
        properties.revision = 1
        properties.created = properties.modified = built_at
        set_document_language(self.document, self.lang)

    def _page_furniture(self) -> None:
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.text = self.note.short_title
        header.style = "Header"
        for footer in (section.footer, section.first_page_footer):
            line = footer.paragraphs[0]
            line.style = "Footer"
            line.text = f"{self.note.handling}\t\t"
            self._page_numbers(line)

    def _page_numbers(self, line) -> None:
        """The translated "Page X of Y" with live fields, in the translation's word order."""
        from pipeline.i18n.formatting import PAGE, PAGES, page_pattern
        from pipeline.render.docx_xml import append_field

        fields = {PAGE: "PAGE", PAGES: "NUMPAGES"}
        for piece in page_pattern(self._("Page %(page)s of %(pages)s", page=PAGE, pages=PAGES)):
            if piece in fields:
                append_field(line, fields[piece])
            else:
                line.add_run(piece)

    def _subject(self) -> str:
        person = self.note.interviewee
        return self._(
            "Interview: %(name)s, %(role)s, with %(outlet)s",
            name=person.name,
            role=person.role,
            outlet=self.note.outlet,
        )

    def _translation_status(self) -> str:
        from pipeline.i18n.formatting import language_name

        l10n = self.l10n
        values = {
            "count": l10n.total,
            "translated": l10n.translated,
            "language": language_name(l10n.source_language, self.lang),
            "tag": l10n.source_language.upper(),
        }
        if l10n.translated == l10n.total:
            return self.ngettext(
                "Translated from %(language)s: the only passage.",
                "Translated from %(language)s: all %(count)s passages.",
                l10n.total,
                **values,
            )
        return self.ngettext(
            "Translated from %(language)s: %(translated)s of %(count)s passage; the rest is shown in the original, marked %(tag)s.",
            "Translated from %(language)s: %(translated)s of %(count)s passages; the rest is shown in the original, marked %(tag)s.",
            l10n.total,
            **values,
        )

    def _masthead(self) -> None:
        note, add = self.note, self.document.add_paragraph
        prepared = self._("Prepared %(date)s", date=long_date(self.job.built_at.date(), self.lang))
        draft = (
            [self._("Draft: brief not yet confirmed by an editor")] if note.brief.is_draft else []
        )
        add(" · ".join([self._("Briefing note"), *draft, note.handling, prepared]), style="Kicker")
        self._passage(add(style="Title"), note.title, "title")
        add(self._subject(), style="Subtitle")
        if self.l10n.is_translation:
            add(self._translation_status(), style="Translation Status")
        published = (
            long_date(note.published, self.lang) if note.published else self._("date not given")
        )
        rows = [
            (self._("Byline"), note.byline),
            (self._("Dateline"), note.dateline),
            (self._("Published"), published),
            (
                self._("Source"),
                f"{note.source.name} ({note.source.url})" if note.source.url else note.source.name,
            ),
        ]
        for label, value in rows:
            if value:
                line = add(style="Source Details")
                line.add_run(f"{label}: ", style="Strong")
                line.add_run(value)
        if note.image is not None:
            self._picture()

    def _picture(self) -> None:
        from docx.shared import Mm

        from pipeline.render.docx_xml import set_picture_description

        image = self.note.image
        paragraph = self.document.add_paragraph()
        shape = paragraph.add_run().add_picture(
            io.BytesIO(self.picture), width=Mm(PICTURE_WIDTH_MM)
        )
        set_picture_description(shape, image.alt)
        self.document.add_paragraph(
            self._("Photo: %(credit)s", credit=image.credit), style="Caption"
        )

    def _brief(self) -> None:
        brief, add = self.note.brief, self.document.add_paragraph
        self.document.add_heading(self._("Summary"), level=1)
        if brief.purpose:
            purpose = add()
            purpose.add_run(self._("Purpose.") + " ", style="Strong")
            self._passage(purpose, brief.purpose, "brief.purpose")
        if brief.key_points:
            self.document.add_heading(self._("Key points"), level=2)
        for index, point in enumerate(brief.key_points):
            self._passage(add(style="List Bullet"), point, f"brief.key_points[{index}]")
        if brief.key_figures:
            self.document.add_heading(self._("Key figures"), level=2)
            self._figures_table()
        if brief.organisations:
            self.document.add_heading(self._("Organisations and programmes mentioned"), level=2)
            for index, organisation in enumerate(brief.organisations):
                line = add(style="List Bullet")
                line.add_run(organisation.name, style="Strong")
                if organisation.status == "suggested":
                    line.add_run(f" [{self._('suggested')}]")
                line.add_run(" — ")
                self._passage(
                    line, organisation.description, f"brief.organisations[{index}].description"
                )
        if brief.follow_ups:
            self.document.add_heading(self._("Follow-ups to watch"), level=2)
            for index, item in enumerate(brief.follow_ups):
                self._passage(add(style="List Bullet"), item, f"brief.follow_ups[{index}]")

    def _figures_table(self) -> None:
        figures = self.note.brief.key_figures
        table = self.document.add_table(rows=1, cols=4, style=TABLE_STYLE)
        for cell, label in zip(
            table.rows[0].cells,
            (self._("Figure"), self._("Value"), self._("Period"), self._("Stated by")),
            strict=True,
        ):
            cell.text = label
        for index, figure in enumerate(figures):
            cells = table.add_row().cells
            self._passage(cells[0].paragraphs[0], figure.label, f"brief.key_figures[{index}].label")
            if figure.status == "suggested":
                cells[0].paragraphs[0].add_run(f" [{self._('suggested')}]")
            if figure.note:
                cells[0].add_paragraph(figure.note, style="Figure Note")
            value = format_number(figure.value, self.lang)
            cells[1].text = (
                self._("about %(value)s %(unit)s", value=value, unit=figure.unit)
                if figure.approximate
                else self._("%(value)s %(unit)s", value=value, unit=figure.unit)
            )
            cells[2].text = figure.period
            cells[3].text = figure.stated_by
        _keep_rows_whole(table)

    def _interview(self) -> None:
        note, add = self.note, self.document.add_paragraph
        self.document.add_page_break()
        self.document.add_heading(self._("The interview"), level=1)
        for index, paragraph in enumerate(note.intro):
            line = add()
            if index == 0 and note.dateline:
                line.add_run(f"{note.dateline} ", style="Strong")
            self._passage(line, paragraph, f"intro[{index}]")
        for number, turn in enumerate(note.turns, start=1):
            label = self._("Q%(number)s", number=number)
            topic = turn.topic or self._("Question %(number)s", number=number)
            self.document.add_heading(f"{label} {topic}", level=2)
            add(note.interviewer, style="Speaker")
            self._passage(add(style="Question"), turn.question, f"turns[{number - 1}].question")
            add(note.interviewee.name, style="Answer Speaker")
            for index, paragraph in enumerate(turn.answer):
                self._passage(add(), paragraph, f"turns[{number - 1}].answer[{index}]")


def _fit(text: str, limit: int = CORE_PROPERTY_LIMIT) -> str:
    """Core properties hold at most 255 characters (python-docx enforces Word's limit)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _clear_body(document) -> None:
    """Drop the reference file's sample paragraphs, keeping its page settings."""
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


def _keep_rows_whole(table) -> None:
    """Repeat the header row on each page and never split a figure over two pages."""
    from pipeline.render.docx_xml import set_row_flag

    set_row_flag(table.rows[0], "w:tblHeader")
    for row in table.rows:
        set_row_flag(row, "w:cantSplit")


def _pin_zip_times(data: bytes, job: RenderJob) -> bytes:
    """python-docx stamps each zip member with the wall clock; use the build time instead."""
    stamp = job.built_at.timetuple()[:6]
    if stamp[0] < 1980:  # the zip format cannot express earlier dates
        stamp = (1980, 1, 1, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()


RENDERER = DocxRenderer()
