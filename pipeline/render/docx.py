"""DOCX with python-docx, built only from the named styles of templates/docx/reference.docx.

A reader restyles the note in Word, or pastes it into their own template, and
keeps the structure: headings, a Question style, List Bullet, a table style.
"""

from __future__ import annotations

import io
import zipfile

from pipeline.formatting import format_number, long_date
from pipeline.render.base import Renderer, RenderJob

TABLE_STYLE = "Light List Accent 1"
PICTURE_WIDTH_MM = 45


class DocxRenderer(Renderer):
    name = "docx"
    suffix = ".docx"
    preload = ("docx", "pipeline.render.docx_xml")

    def prepare(self, job: RenderJob) -> RenderJob:
        # python-docx builds from the model itself, so the job is the input.
        return job

    def paint(self, job: RenderJob) -> bytes:
        from docx import Document

        document = Document(str(job.templates / "docx" / "reference.docx"))
        _clear_body(document)
        _NoteWriter(document, job).write()
        buffer = io.BytesIO()
        document.save(buffer)
        return _pin_zip_times(buffer.getvalue(), job)


class _NoteWriter:
    def __init__(self, document, job: RenderJob):
        self.document, self.job, self.note = document, job, job.interview
        self.lang = self.note.language

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
        properties.title = note.title
        properties.subject = note.brief.purpose
        properties.author = note.byline or note.outlet
        properties.keywords = ", ".join(note.keywords)
        properties.category = "Briefing note"
        properties.comments = self._subject()
        properties.language = note.language
        properties.last_modified_by = "briefing"
        properties.revision = 1
        properties.created = properties.modified = built_at
        set_document_language(self.document, note.language)

    def _page_furniture(self) -> None:
        from pipeline.render.docx_xml import append_field

        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.text = self.note.short_title
        header.style = "Header"
        for footer in (section.footer, section.first_page_footer):
            line = footer.paragraphs[0]
            line.style = "Footer"
            line.text = f"{self.note.handling}\t\t"
            before, between = _("Page %(page)s of %(pages)s").split("%(page)s")
            line.add_run(before)
            append_field(line, "PAGE")
            line.add_run(between.replace("%(pages)s", ""))
            append_field(line, "NUMPAGES")

    def _subject(self) -> str:
        person = self.note.interviewee
        return _("Interview: %(name)s, %(role)s, with %(outlet)s") % {
            "name": person.name,
            "role": person.role,
            "outlet": self.note.outlet,
        }

    def _masthead(self) -> None:
        note, add = self.note, self.document.add_paragraph
        prepared = _("Prepared %(date)s") % {"date": long_date(self.job.built_at.date(), self.lang)}
        draft = [_("Draft: brief not yet confirmed by an editor")] if note.brief.is_draft else []
        add(" · ".join([_("Briefing note"), *draft, note.handling, prepared]), style="Kicker")
        add(note.title, style="Title")
        add(self._subject(), style="Subtitle")
        published = long_date(note.published, self.lang) if note.published else _("date not given")
        rows = [
            (_("Byline"), note.byline),
            (_("Dateline"), note.dateline),
            (_("Published"), published),
            (
                _("Source"),
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
            str(self.job.source.folder / image.file), width=Mm(PICTURE_WIDTH_MM)
        )
        set_picture_description(shape, image.alt)
        self.document.add_paragraph(
            _("Photo: %(credit)s") % {"credit": image.credit}, style="Caption"
        )

    def _brief(self) -> None:
        brief, add = self.note.brief, self.document.add_paragraph
        self.document.add_heading(_("Summary"), level=1)
        if brief.purpose:
            purpose = add()
            purpose.add_run(_("Purpose.") + " ", style="Strong")
            purpose.add_run(brief.purpose)
        if brief.key_points:
            self.document.add_heading(_("Key points"), level=2)
        for point in brief.key_points:
            add(point, style="List Bullet")
        if brief.key_figures:
            self.document.add_heading(_("Key figures"), level=2)
            self._figures_table()
        if brief.organisations:
            self.document.add_heading(_("Organisations and programmes mentioned"), level=2)
            for organisation in brief.organisations:
                line = add(style="List Bullet")
                line.add_run(organisation.name, style="Strong")
                if organisation.status == "suggested":
                    line.add_run(f" [{_('suggested')}]")
                line.add_run(f" — {organisation.description}")
        if brief.follow_ups:
            self.document.add_heading(_("Follow-ups to watch"), level=2)
            for item in brief.follow_ups:
                add(item, style="List Bullet")

    def _figures_table(self) -> None:
        figures = self.note.brief.key_figures
        table = self.document.add_table(rows=1, cols=4, style=TABLE_STYLE)
        for cell, label in zip(
            table.rows[0].cells, (_("Figure"), _("Value"), _("Period"), _("Stated by")), strict=True
        ):
            cell.text = label
        for figure in figures:
            cells = table.add_row().cells
            suggested = f" [{_('suggested')}]" if figure.status == "suggested" else ""
            cells[0].text = figure.label + suggested
            if figure.note:
                cells[0].add_paragraph(figure.note, style="Figure Note")
            value = format_number(figure.value, self.lang)
            template = (
                _("about %(value)s %(unit)s") if figure.approximate else _("%(value)s %(unit)s")
            )
            cells[1].text = template % {"value": value, "unit": figure.unit}
            cells[2].text = figure.period
            cells[3].text = figure.stated_by
        _keep_rows_whole(table)

    def _interview(self) -> None:
        note, add = self.note, self.document.add_paragraph
        self.document.add_page_break()
        self.document.add_heading(_("The interview"), level=1)
        for index, paragraph in enumerate(note.intro):
            line = add()
            if index == 0 and note.dateline:
                line.add_run(f"{note.dateline} ", style="Strong")
            line.add_run(paragraph)
        for number, turn in enumerate(note.turns, start=1):
            label = _("Q%(number)s") % {"number": number}
            topic = turn.topic or _("Question %(number)s") % {"number": number}
            self.document.add_heading(f"{label} {topic}", level=2)
            add(note.interviewer, style="Speaker")
            add(turn.question, style="Question")
            add(note.interviewee.name, style="Answer Speaker")
            for paragraph in turn.answer:
                add(paragraph)


def _(message: str) -> str:
    """Interface strings go through gettext; the catalog is English until translated."""
    return message


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
