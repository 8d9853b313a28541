"""The view of a localized note (see pipeline.render.view).

Each passage is marked with the source language where it fell back, and every
interface string is translated here, once, through the catalogs the templates'
gettext reads. Strings with passages in them are kept as parts, in the
translation's word order, so each format can mark the passages inside.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from pipeline.i18n.catalogs import formatting, interface_translations
from pipeline.i18n.formatting import (
    PAGE,
    PAGES,
    format_number,
    language_name,
    long_date,
    page_pattern,
)
from pipeline.render import view_changes
from pipeline.render.view import (
    Brief,
    FigureRow,
    Furniture,
    Interview,
    KickerItem,
    Masthead,
    Metadata,
    NoteView,
    Notice,
    Organisation,
    Part,
    Passage,
    Phrase,
    Portrait,
    Section,
    SourceRow,
    Turn,
)

if TYPE_CHECKING:  # the model is heavy to import; workers that only lay out never need it
    from pipeline.render.base import RenderJob


def build_view(job: RenderJob) -> NoteView:
    """The view of the job's note, in its locale."""
    return _Builder(job).view()


def N_(message: str) -> str:
    """Marks a message for extraction (gettext's convention) that `phrase` translates."""
    return message


_MARKER = re.compile("\x00([a-z_]+)\x00")


class _Builder:
    def __init__(self, job: RenderJob):
        self.job, self.note, self.l10n, self.lang = job, job.interview, job.l10n, job.locale
        # Every string is formatted, as Jinja's newstyle gettext does: `%%` is a percent sign.
        self._, self.ngettext = formatting(
            interface_translations(job.locale, job.interface_catalogs)
        )

    def passage(self, text: str, segment: str, tagged: bool = True) -> Passage:
        passage = Passage(
            text,
            segment,
            self.l10n.fallback_language(segment),
            tagged,
            pending=self.pending_notice(segment) if tagged else None,
        )
        return view_changes.marked(passage, self.job.changes, self.lang)

    def pending_notice(self, segment: str) -> Notice | None:
        """Said where the translation of a passage predates a change of its source."""
        changed = self.l10n.changed_on(segment)
        if changed is None:
            return None
        text = self._(
            "updated in the original on %(date)s; translation pending",
            date=long_date(changed, self.lang),
        )
        return Notice(text, self.lang)

    def mark(self, text: str, segment: str) -> Passage:
        return self.passage(text, segment, tagged=False)

    def phrase(self, message: str, **values: Part) -> Phrase:
        """`message` translated, with each passage a part of its own where the translation puts it."""
        markers = {
            name: f"\x00{name}\x00" if isinstance(value, Passage) else value
            for name, value in values.items()
        }
        # Split on the markers: text at even places, a passage's name at odd ones.
        pieces = _MARKER.split(self._(message, **markers))
        return tuple(
            values[piece] if index % 2 else piece for index, piece in enumerate(pieces) if piece
        )

    def view(self) -> NoteView:
        return NoteView(
            language=self.lang,
            source_language=self.l10n.source_language,
            masthead=self.masthead(),
            brief=self.brief(),
            interview=self.interview(),
            furniture=self.furniture(),
            metadata=self.metadata(),
            changes=view_changes.notice(self.job.changes, self._, self.lang),
        )

    def furniture(self) -> Furniture:
        label = self._("Page %(page)s of %(pages)s", page=PAGE, pages=PAGES)
        return Furniture(
            running_header=self.mark(self.note.short_title, "short_title"),
            document_type=self._("Briefing note"),
            handling=self.mark(self.note.handling, "handling"),
            page_label=tuple(page_pattern(label)),
        )

    def subject(self) -> Phrase:
        person = self.note.interviewee
        return self.phrase(
            N_("Interview: %(name)s, %(role)s, with %(outlet)s"),
            name=self.mark(person.name, "interviewee.name"),
            role=self.mark(person.role, "interviewee.role"),
            outlet=self.mark(self.note.outlet, "outlet"),
        )

    def translation_status(self) -> str | None:
        l10n = self.l10n
        if not l10n.is_translation:
            return None
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

    def masthead(self) -> Masthead:
        note = self.note
        prepared = self._("Prepared %(date)s", date=long_date(self.job.built_at.date(), self.lang))
        draft = (
            [KickerItem("draft", self._("Draft: brief not yet confirmed by an editor"))]
            if note.brief.is_draft
            else []
        )
        if self.l10n.unreviewed:  # the content catalog's X-Review-Status says so
            draft.append(KickerItem("unreviewed", self._("Translation not reviewed")))
        kicker = (
            KickerItem("doc-type", self._("Briefing note")),
            *draft,
            KickerItem("handling", self.mark(note.handling, "handling")),
            KickerItem("prepared", prepared),
        )
        return Masthead(
            portrait=self.portrait(),
            kicker=kicker,
            title=self.passage(note.title, "title"),
            subject=self.subject(),
            translation_status=self.translation_status(),
            source_rows=self.source_rows(),
        )

    def source_rows(self) -> tuple[SourceRow, ...]:
        note = self.note
        published = (
            SourceRow(
                self._("Published"),
                long_date(note.published, self.lang),
                date=note.published.isoformat(),
            )
            if note.published
            else SourceRow(self._("Published"), self._("date not given"))
        )
        source = SourceRow(
            self._("Source"),
            self.mark(note.source.name, "source.name"),
            url=str(note.source.url) if note.source.url else None,
        )
        return tuple(
            row
            for row in (
                note.byline and SourceRow(self._("Byline"), self.mark(note.byline, "byline")),
                note.dateline
                and SourceRow(self._("Dateline"), self.mark(note.dateline, "dateline")),
                published,
                source,
            )
            if row
        )

    def portrait(self) -> Portrait | None:
        image, picture = self.note.image, self.job.source.picture
        if image is None or picture is None:
            return None
        return Portrait(
            data=picture.data,
            media_type=picture.media_type,
            alt=self.mark(image.alt, "image.alt"),
            caption=self.phrase(
                N_("Photo: %(credit)s"), credit=self.mark(image.credit, "image.credit")
            ),
        )

    def brief(self) -> Brief:
        brief = self.note.brief
        points = tuple(
            self.passage(point, f"brief.key_points[{index}]")
            for index, point in enumerate(brief.key_points)
        )
        points = view_changes.with_removed("brief.key_points", points, self.job.changes, self.lang)
        follow_ups = tuple(
            self.passage(item, f"brief.follow_ups[{index}]")
            for index, item in enumerate(brief.follow_ups)
        )
        follow_ups = view_changes.with_removed(
            "brief.follow_ups", follow_ups, self.job.changes, self.lang
        )
        organisations = tuple(
            Organisation(
                name=self.mark(organisation.name, f"brief.organisations[{index}].name"),
                suggested=organisation.status == "suggested",
                description=self.passage(
                    organisation.description, f"brief.organisations[{index}].description"
                ),
            )
            for index, organisation in enumerate(brief.organisations)
        )
        return Brief(
            heading=self._("Summary"),
            purpose_label=self._("Purpose."),
            purpose=self.passage(brief.purpose, "brief.purpose") if brief.purpose else None,
            key_points=Section(self._("Key points"), points),
            figures=Section(self._("Key figures"), self.figures()),
            figure_columns=(
                self._("Figure"),
                self._("Value"),
                self._("Period"),
                self._("Stated by"),
            ),
            organisations=Section(self._("Organisations and programmes mentioned"), organisations),
            follow_ups=Section(self._("Follow-ups to watch"), follow_ups),
            suggested_label=self._("suggested"),
        )

    def figures(self) -> tuple[FigureRow, ...]:
        rows = []
        for index, figure in enumerate(self.note.brief.key_figures):
            path = f"brief.key_figures[{index}]"
            turn = self.turn_of(figure.source_sentence)
            rows.append(
                FigureRow(
                    label=self.passage(figure.label, f"{path}.label"),
                    suggested=figure.status == "suggested",
                    note=self.mark(figure.note, f"{path}.note") if figure.note else None,
                    value=self.phrase(
                        N_("about %(value)s %(unit)s")
                        if figure.approximate
                        else N_("%(value)s %(unit)s"),
                        value=format_number(figure.value, self.lang),
                        unit=self.mark(figure.unit, f"{path}.unit"),
                    ),
                    period=self.mark(figure.period, f"{path}.period"),
                    stated_by=self.mark(figure.stated_by, f"{path}.stated_by"),
                    turn=turn,
                    turn_label=self._("Q%(number)s", number=turn) if turn else None,
                    was=self.previous_value(index),
                )
            )
        return tuple(rows)

    def previous_value(self, index: int) -> Phrase | None:
        """In a change view, the number and unit a key figure had before it changed."""
        previous = view_changes.previous_figure(self.job.changes, index)
        if previous is None:
            return None
        value, unit, about = previous
        return self.phrase(
            N_("about %(value)s %(unit)s") if about else N_("%(value)s %(unit)s"),
            value=format_number(Decimal(value), self.lang),
            unit=unit,
        )

    def turn_of(self, sentence: str) -> int | None:
        """The number of the turn a key figure's sentence comes from."""
        for number, turn in enumerate(self.note.turns, start=1):
            if any(sentence in text for text in (turn.question, *turn.answer)):
                return number
        return None

    def interview(self) -> Interview:
        note = self.note
        intro = tuple(
            self.passage(paragraph, f"intro[{index}]") for index, paragraph in enumerate(note.intro)
        )
        intro = view_changes.with_removed("intro", intro, self.job.changes, self.lang)
        dateline = self.mark(note.dateline, "dateline") if note.dateline and intro else None
        return Interview(
            heading=self._("The interview"),
            dateline=dateline,
            intro=intro,
            turns=tuple(self.turn(index) for index in range(len(note.turns))),
        )

    def turn(self, index: int) -> Turn:
        note, turn, number = self.note, self.note.turns[index], index + 1
        path = f"turns[{index}]"
        return Turn(
            number=number,
            label=self._("Q%(number)s", number=number),
            topic=self.mark(turn.topic, f"{path}.topic")
            if turn.topic
            else self._("Question %(number)s", number=number),
            interviewer=self.mark(note.interviewer, "interviewer"),
            question=self.passage(turn.question, f"{path}.question"),
            interviewee=self.mark(note.interviewee.name, "interviewee.name"),
            answer=view_changes.with_removed(
                f"{path}.answer",
                tuple(
                    self.passage(paragraph, f"{path}.answer[{place}]")
                    for place, paragraph in enumerate(turn.answer)
                ),
                self.job.changes,
                self.lang,
            ),
        )

    def metadata(self) -> Metadata:
        note = self.note
        return Metadata(
            title=note.title,
            author=note.byline or note.outlet,
            subject=note.brief.purpose,
            comments="".join(
                part.text if isinstance(part, Passage) else part for part in self.subject()
            ),
            keywords=tuple(note.keywords),
            category=self._("Briefing note"),
            language=self.lang,
            built_at=self.job.built_at.isoformat(),
        )
