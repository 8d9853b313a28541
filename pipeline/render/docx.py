"""DOCX with python-docx, built only from the named styles of templates/docx/reference.docx.

A reader restyles the note in Word, or pastes it into their own template, and
keeps the structure: headings, a Question style, List Bullet, a table style.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from pipeline.render.base import Renderer, RenderJob
from pipeline.render.docx_styles import remember_style_ids
from pipeline.render.view import Brief, NoteView, Part, Passage, Phrase, Portrait

TABLE_STYLE = "Light List Accent 1"
PICTURE_WIDTH_MM = 45
CORE_PROPERTY_LIMIT = 255


@dataclass(frozen=True)
class WordInput:
    """Everything a DOCX paint needs, as plain data: the note's view and the Word styles."""

    view: NoteView
    reference: bytes


class DocxRenderer(Renderer[WordInput]):
    name = "docx"
    suffix = ".docx"
    preload = ("docx", "pipeline.render.docx_xml")

    def prepare(self, job: RenderJob) -> WordInput:
        from pipeline.render.view_builder import build_view

        return WordInput(
            view=build_view(job),
            reference=job.project.template_file("docx/reference.docx").read_bytes(),
        )

    def paint(self, prepared: WordInput) -> bytes:
        from docx import Document

        document = Document(io.BytesIO(prepared.reference))
        remember_style_ids(document, hashlib.blake2b(prepared.reference).digest())
        _clear_body(document)
        _NoteWriter(document, prepared.view).write()
        _hangul_in_its_font(document)
        return _saved(document, prepared.view.metadata.built_at)


def _add_run(paragraph, text: str, style: str | None = None):
    """`paragraph.add_run(text, style=style)`, without python-docx's walk through the text
    character by character for tabs and line breaks when it holds none: content text
    never does (`clean_paragraph` folds them), and that walk is most of a run's cost."""
    if not text or any(char in text for char in "\t\n\r"):
        return paragraph.add_run(text, style=style)
    from docx.text.run import Run

    element = paragraph._p.add_r()
    element.add_t(text)  # the one <w:t> the walk would write, xml:space as it sets it
    run = Run(element, paragraph)
    if style:
        run.style = style
    return run


class _NoteWriter:
    """Lays the view out in Word's named styles, block by block, as the templates do in HTML."""

    def __init__(self, document, view: NoteView):
        from pipeline.render.docx_xml import Revisions

        self.document, self.view = document, view
        changes = view.changes
        self.revisions = Revisions(changes.author, changes.date) if changes else None

    def _passage(self, paragraph, passage: Passage, style: str | None = None) -> None:
        """One content passage; marked, and tagged where it shows a tag, if it fell back."""
        from pipeline.render.docx_xml import set_run_language

        language = passage.lang
        if language and passage.tag:
            tag = paragraph.add_run(passage.tag, style="Language Tag")
            set_run_language(tag, language)
            paragraph.add_run(" ")
            if passage.pending:  # in the note's language, the paragraph's own
                paragraph.add_run(f"({passage.pending.text})", style="Subtle Emphasis")
                paragraph.add_run(" ")
        for run, kind in self._runs(paragraph, passage, style):
            if kind == "del" and passage.was_lang:  # deleted text in its own language
                set_run_language(run, passage.was_lang)
            elif language:
                set_run_language(run, language)

    def _runs(self, paragraph, passage: Passage, style: str | None) -> list[tuple]:
        """The passage's text as (run, kind) pairs; in a change view, its edits as tracked
        changes ("ins", "del"; "" for kept text)."""
        from pipeline.render.docx_xml import add_tracked_run, track_paragraph_mark

        if not (passage.edits and self.revisions):
            return [(_add_run(paragraph, passage.text, style), "")]
        if passage.change in ("added", "removed") and not paragraph.runs:
            track_paragraph_mark(
                paragraph, "ins" if passage.change == "added" else "del", self.revisions
            )
        return [
            (
                add_tracked_run(paragraph, text, kind, self.revisions, style)
                if kind
                else _add_run(paragraph, text, style),
                kind,
            )
            for kind, text in passage.edits
        ]

    def _part(self, paragraph, part: Part, style: str | None = None) -> None:
        if isinstance(part, Passage):
            self._passage(paragraph, part, style)
        else:
            _add_run(paragraph, part, style)

    def _phrase(self, paragraph, parts: Phrase) -> None:
        for part in parts:
            self._part(paragraph, part)

    def write(self) -> None:
        self._properties()
        self._page_furniture()
        self._changes()
        self._masthead()
        self._brief()
        self._interview()

    def _properties(self) -> None:
        from pipeline.render.docx_xml import set_document_language

        meta = self.view.metadata
        properties = self.document.core_properties
        properties.title = _fit(meta.title)
        properties.subject = _fit(meta.subject)
        properties.author = _fit(meta.author)
        properties.keywords = _fit(", ".join(meta.keywords))
        properties.category = _fit(meta.category)
        properties.comments = _fit(meta.comments)
        properties.language = meta.language
        properties.last_modified_by = "briefing"
        properties.revision = 1
        built_at = dt.datetime.fromisoformat(meta.built_at).replace(tzinfo=None)
        properties.created = properties.modified = built_at
        set_document_language(self.document, meta.language)

    def _page_furniture(self) -> None:
        furniture = self.view.furniture
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.style = "Header"
        self._passage(header, furniture.running_header)
        for footer in (section.footer, section.first_page_footer):
            line = footer.paragraphs[0]
            line.style = "Footer"
            self._passage(line, furniture.handling)
            line.add_run("\t\t")
            self._page_numbers(line, furniture.page_label)

    def _page_numbers(self, line, pieces: tuple[str, ...]) -> None:
        """The translated "Page X of Y" with live fields, in the translation's word order."""
        from pipeline.i18n.formatting import PAGE, PAGES
        from pipeline.render.docx_xml import append_field

        fields = {PAGE: "PAGE", PAGES: "NUMPAGES"}
        for piece in pieces:
            if piece in fields:
                append_field(line, fields[piece])
            else:
                line.add_run(piece)

    def _changes(self) -> None:
        """A change view opens with what changed; the changes themselves are tracked."""
        changes = self.view.changes
        if changes is None:
            return
        notice = self.document.add_paragraph(style="Intense Quote")
        notice.add_run(changes.heading, style="Strong")
        notice.add_run(f": {changes.summary}")
        self.document.add_paragraph(changes.legend, style="Translation Status")

    def _masthead(self) -> None:
        masthead, add = self.view.masthead, self.document.add_paragraph
        if masthead.portrait is not None:
            self._picture(masthead.portrait)
        kicker = add(style="Kicker")
        for index, item in enumerate(masthead.kicker):
            if index:
                kicker.add_run(" · ")
            self._part(kicker, item.content)
        self._passage(add(style="Title"), masthead.title)
        self._phrase(add(style="Subtitle"), masthead.subject)
        if masthead.translation_status:
            add(masthead.translation_status, style="Translation Status")
        for row in masthead.source_rows:
            line = add(style="Source Details")
            line.add_run(f"{row.label}: ", style="Strong")
            self._part(line, row.value)
            if row.url:
                line.add_run(f" ({row.url})")

    def _picture(self, portrait: Portrait) -> None:
        from docx.shared import Mm

        from pipeline.render.docx_xml import set_picture_description, set_run_language

        run = self.document.add_paragraph().add_run()
        shape = run.add_picture(io.BytesIO(portrait.data), width=Mm(PICTURE_WIDTH_MM))
        set_picture_description(shape, portrait.alt.text)
        if portrait.alt.lang:  # the picture's run carries the language of its description
            set_run_language(run, portrait.alt.lang)
        self._phrase(self.document.add_paragraph(style="Caption"), portrait.caption)

    def _brief(self) -> None:
        brief, add = self.view.brief, self.document.add_paragraph
        self.document.add_heading(brief.heading, level=1)
        if brief.purpose:
            purpose = add()
            purpose.add_run(brief.purpose_label + " ", style="Strong")
            self._passage(purpose, brief.purpose)
        self._bullets(brief.key_points.heading, brief.key_points.items)
        if brief.figures.items:
            self.document.add_heading(brief.figures.heading, level=2)
            self._figures_table(brief)
        if brief.organisations.items:
            self.document.add_heading(brief.organisations.heading, level=2)
            for organisation in brief.organisations.items:
                line = add(style="List Bullet")
                self._passage(line, organisation.name, style="Strong")
                if organisation.suggested:
                    line.add_run(f" [{brief.suggested_label}]")
                line.add_run(" — ")
                self._passage(line, organisation.description)
        self._bullets(brief.follow_ups.heading, brief.follow_ups.items)

    def _bullets(self, heading: str, items: tuple[Passage, ...]) -> None:
        if items:
            self.document.add_heading(heading, level=2)
        for item in items:
            self._passage(self.document.add_paragraph(style="List Bullet"), item)

    def _figures_table(self, brief: Brief) -> None:
        table = self.document.add_table(rows=1, cols=4, style=TABLE_STYLE)
        for cell, label in zip(table.rows[0].cells, brief.figure_columns, strict=True):
            cell.text = label
        for figure in brief.figures.items:
            label, value, period, stated_by = table.add_row().cells
            self._passage(label.paragraphs[0], figure.label)
            if figure.suggested:
                label.paragraphs[0].add_run(f" [{brief.suggested_label}]")
            if figure.note:
                self._passage(label.add_paragraph(style="Figure Note"), figure.note)
            if figure.was and self.revisions:
                self._renumbered(value.paragraphs[0], figure.was, figure.value)
            else:
                self._phrase(value.paragraphs[0], figure.value)
            self._passage(period.paragraphs[0], figure.period)
            self._passage(stated_by.paragraphs[0], figure.stated_by)
            if figure.turn_label:
                stated_by.paragraphs[0].add_run(f" {figure.turn_label}")
        _keep_rows_whole(table)

    def _renumbered(self, paragraph, was: Phrase, value: Phrase) -> None:
        """A key figure's new number as a tracked replacement of the old one."""
        from pipeline.render.docx_xml import add_tracked_run

        assert self.revisions is not None
        for kind, parts in (("del", was), ("ins", value)):
            text = "".join(part.text if isinstance(part, Passage) else part for part in parts)
            add_tracked_run(paragraph, text, kind, self.revisions)

    def _interview(self) -> None:
        interview, add = self.view.interview, self.document.add_paragraph
        self.document.add_page_break()
        self.document.add_heading(interview.heading, level=1)
        for index, paragraph in enumerate(interview.intro):
            line = add()
            if index == 0 and interview.dateline:
                self._passage(line, interview.dateline, style="Strong")
                line.add_run(" ")
            self._passage(line, paragraph)
        for turn in interview.turns:
            heading = self.document.add_heading(level=2)
            heading.add_run(f"{turn.label} ")
            self._part(heading, turn.topic)
            self._passage(add(style="Speaker"), turn.interviewer)
            self._passage(add(style="Question"), turn.question)
            self._passage(add(style="Answer Speaker"), turn.interviewee)
            for paragraph in turn.answer:
                self._passage(add(), paragraph)


def _hangul_in_its_font(document) -> None:
    """Hangul in the Korean face the PDF uses, whatever the note's language."""
    from pipeline.render.docx_xml import holds_hangul, mark_hangul_runs

    if holds_hangul(document):  # most notes hold none: no run to look at one by one
        from pipeline.render.fonts import stack_for

        mark_hangul_runs(document, stack_for("ko")[0])


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


def _saved(document, built_at: str) -> bytes:
    """The package as python-docx saves it, each member stamped with the build time (its
    own save stamps the wall clock), compressed once (rewriting its zip compressed it all
    twice)."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        members: Any = _StampedMembers(archive, built_at)  # a PhysPkgWriter, but for its factory
        PackageWriter._write_content_types_stream(members, package.parts)
        PackageWriter._write_pkg_rels(members, package.rels)
        PackageWriter._write_parts(members, package.parts)
    return out.getvalue()


class _StampedMembers:
    """python-docx's physical package writer, with the build time on every member."""

    def __init__(self, archive: zipfile.ZipFile, built_at: str):
        stamp = dt.datetime.fromisoformat(built_at).timetuple()[:6]
        if stamp[0] < 1980:  # the zip format cannot express earlier dates
            stamp = (1980, 1, 1, 0, 0, 0)
        self.archive, self.stamp = archive, stamp

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self.archive.writestr(info, blob)


RENDERER = DocxRenderer()
