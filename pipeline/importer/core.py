"""One raw text to one content file's data, and the report of how it was read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from pydantic import ValidationError

from pipeline.content.model import LANGUAGE_PATTERN, SLUG_PATTERN, Interview
from pipeline.errors import UsageError
from pipeline.importer.askingheadline import headline_that_asks
from pipeline.importer.brief import Passage, suggest_figures, suggest_organisations
from pipeline.importer.chrome import drop_chrome
from pipeline.importer.decode import Decoded, decode, normalise
from pipeline.importer.emit import to_yaml
from pipeline.importer.emphasis import starred_bold
from pipeline.importer.exchanges import Exchange
from pipeline.importer.explain import Taken, dropped, explanation
from pipeline.importer.fieldblock import headline_under_fields
from pipeline.importer.header import Header, read_header, without_section_tag
from pipeline.importer.headerlines import byline_name
from pipeline.importer.language import detect_language, slugify
from pipeline.importer.linklist import doubt_a_linked_headline
from pipeline.importer.markup import strip_markup
from pipeline.importer.menus import drop_menus
from pipeline.importer.numberedmenu import drop_numbered_menu
from pipeline.importer.paragraphs import paragraphs
from pipeline.importer.people import People, find_people
from pipeline.importer.pullquotes import drop_pull_quotes
from pipeline.importer.report import RawTextError, Report
from pipeline.importer.skiplinks import drop_skip_links
from pipeline.importer.sources import PageMeta, Source, read_source
from pipeline.importer.suspicious import find_suspicious
from pipeline.importer.turns import Conversation, find_turns

SHORT_TITLE_CHARS = 60  # what fits a running header
UNKNOWN_TITLE = "Interview (headline to confirm)"
SCHEMA_LINE = "yaml-language-server: $schema=interview.schema.json"
BRIEF_NOTE = [
    "Draft brief: the importer's suggestions, each 'suggested'. Confirm or remove each one, write",
    "the purpose, key points and follow-ups, then set status: final.",
]


@dataclass
class ImportResult:
    """The content file's data (in file order), how it was read, and what to check."""

    data: dict
    encoding: str
    shapes: list[str]
    report: Report = field(default_factory=Report)
    source_name: str = ""
    taken: list[Taken] = field(default_factory=list)  # each paragraph's reading, for --explain
    turns: list[Exchange] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)  # header fields that may be wrong

    @property
    def unsure(self) -> list[Exchange]:
        return [turn for turn in self.turns if turn.unsure]

    def explain(self) -> list[str]:
        return explanation(self.taken)

    @property
    def slug(self) -> str:
        return self.data["slug"]

    def to_yaml(self) -> str:
        return to_yaml(self.data, _comments(self), {"brief": BRIEF_NOTE, "intro": []})


def import_text(
    raw: bytes, *, name: str = "", slug: str | None = None, language: str | None = None
) -> ImportResult:
    """Read `raw` (the bytes of a pasted interview) into content data; RawTextError if it is not one.

    `name` is the raw file's name: its stem is the slug unless `slug` is given.
    """
    _check_options(slug, language)
    report = Report()
    source = read_source(raw, name, report)
    decoded = decode(raw, report) if source.text is None else _from_file(source, report)
    text = strip_markup(decoded.text, report)
    kept = drop_numbered_menu(drop_menus(text, drop_chrome(text, report), report), report)
    kept = drop_pull_quotes(kept, report)
    kept = drop_skip_links(kept, report)
    kept, starred = starred_bold(kept, report)
    find_suspicious(kept.lines, report)
    header = _with_page_meta(read_header(paragraphs(kept.lines), report), source.meta)
    header = headline_that_asks(headline_under_fields(header, report), report)
    header = doubt_a_linked_headline(header)
    conversation = find_turns(header.body, report, source.bold_lines | starred)
    language = language or detect_language(decoded.text, report)
    people = find_people(
        header, conversation.intro, conversation.speakers, report, source.meta.outlet or kept.site
    )
    title = header.title or _title_placeholder(report)
    slug = slug or _slug(name, title, report)
    url = source.meta.url or kept.url
    data = _content(slug, title, header, conversation, people, url, language, report)
    _validate(data)
    taken = [*dropped(report), *_header_taken(header), *_body_taken(conversation)]
    return ImportResult(
        data,
        decoded.encoding,
        conversation.shapes,
        report,
        name,
        taken,
        conversation.turns,
        [] if source.meta.title else header.doubts,
    )


_KINDS = {"html": "a saved web page", "mhtml": "a saved web page (MHTML)", "docx": "a Word file"}


def _from_file(source: Source, report: Report) -> Decoded:
    text = normalise(source.text or "", report)
    if not text.strip():
        raise RawTextError("the file holds no text")
    return Decoded(text, _KINDS[source.kind])


def _with_page_meta(header: Header, meta: PageMeta) -> Header:
    """What the page says of itself wins over what the text suggests."""
    header.title = without_section_tag(meta.title) if meta.title else header.title
    header.byline = byline_name(meta.byline) if meta.byline else header.byline
    header.published = meta.published or header.published
    return header


def _header_taken(header: Header) -> list[Taken]:
    return [Taken(line, what, why, text) for line, what, why, text in header.explained]


def _body_taken(conversation: Conversation) -> list[Taken]:
    taken = []
    for item in conversation.items:
        what: str = item.role or "intro"
        if item.turn is not None:
            what = "topic" if item.reason.startswith("subheading") else what
            what = f"{what} {item.turn}"
        why = (
            f"{item.reason}; split: {item.split}"
            if item.split and item.split != item.reason
            else item.reason
        )
        taken.append(Taken(item.line, what, why, item.text, tuple(item.doubts)))
    return taken


def _check_options(slug: str | None, language: str | None) -> None:
    if slug is not None and not re.fullmatch(SLUG_PATTERN, slug):
        raise UsageError(f"--slug must be lower-case letters, digits and hyphens, got {slug!r}")
    if language is not None and not re.fullmatch(LANGUAGE_PATTERN, language):
        raise UsageError(f"--lang must be a language tag such as en, ru, ky, ko, got {language!r}")


def _content(
    slug: str,
    title: str,
    header: Header,
    conversation: Conversation,
    people: People,
    url: str | None,
    language: str,
    report: Report,
) -> dict:
    passages = _passages(conversation, people)
    figures, left_out = suggest_figures(passages, language)
    if left_out:
        report.guess(None, f"{left_out} more figure candidates left out of the brief")
    return {
        "slug": slug,
        "title": title,
        "short_title": _short_title(title, report),
        "language": language,
        "outlet": people.outlet,
        "byline": header.byline,
        "dateline": header.dateline,
        "published": header.published,
        "interviewer": people.interviewer,
        "interviewee": {"name": people.name, "role": people.role},
        "source": {"name": people.outlet, **({"url": url} if url else {})},
        "handling": "For information",
        "keywords": [],
        "brief": {
            "status": "draft",
            "purpose": "",
            "key_points": [],
            "key_figures": figures,
            "organisations": suggest_organisations(
                passages, {people.outlet, people.interviewer}, language
            ),
            "follow_ups": [],
        },
        "intro": [paragraph.text for paragraph in conversation.intro],
        "turns": [_turn(turn) for turn in conversation.turns],
    }


def _turn(turn: Exchange) -> dict:
    data = {"question": turn.question.text, "answer": [p.text for p in turn.answer]}
    if turn.topic:
        data = {"topic": turn.topic, **data}
    return data | ({"status": "unsure"} if turn.unsure else {})


def _passages(conversation: Conversation, people: People) -> list[Passage]:
    passages = [Passage(0, 0, p.text, people.outlet) for p in conversation.intro]
    for number, turn in enumerate(conversation.turns, start=1):
        passages.append(Passage(1, number, turn.question.text, people.interviewer))
        passages += [Passage(2, number, p.text, people.name) for p in turn.answer]
    return passages


def _title_placeholder(report: Report) -> str:
    report.placeholders.append(f"title: '{UNKNOWN_TITLE}' (no headline found)")
    return UNKNOWN_TITLE


def _short_title(title: str, report: Report) -> str:
    if len(title) <= SHORT_TITLE_CHARS:
        return title
    short = title[: SHORT_TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,:;–—-") + "…"
    report.guess(
        None, f"short title '{short}' cut from the headline; an editor may write a better one"
    )
    return short


def _slug(name: str, title: str, report: Report) -> str:
    stem = slugify(PurePath(name).stem) if name else ""
    if stem:
        return stem
    slug = slugify(title) or "interview"
    report.guess(None, f"slug '{slug}' from the headline; give --slug to choose another")
    return slug


def _validate(data: dict) -> None:
    """What the model refuses (a 20,000-letter word) is said plainly, and nothing is written."""
    try:
        Interview.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg'].removeprefix('Value error, ')}"
            for e in error.errors()[:5]
        )
        raise RawTextError(f"the text would not make a valid content file: {problems}") from None


def _comments(result: ImportResult) -> list[str]:
    source = PurePath(result.source_name).name or "a raw text"
    lines = [
        SCHEMA_LINE,
        "",
        f"Imported by `briefing import` from {source} ({result.encoding}); turns: {', '.join(result.shapes)}.",
        "The interview text is as received; check the import report's guesses before publishing.",
    ]
    if result.report.placeholders:
        lines.append("To fill in: " + "; ".join(result.report.placeholders) + ".")
    return lines
