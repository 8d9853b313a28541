"""What desks receive besides pasted text: a saved web page (.html, .htm, .mhtml) or a Word file.

Each becomes the same plain text a desk would paste (one paragraph per block,
the headline first), plus what the file itself says about the article: the
page's metadata (`og:title`, `article:published_time`, JSON-LD `NewsArticle`,
`og:site_name`, the canonical address) read by trafilatura and htmldate, and
which paragraphs were set in bold (questions, on many sites and in most
agency Word files). Nothing is fetched: a page is read as saved.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from pipeline.importer.report import RawTextError, Report

MAX_PAGE_BYTES = 20 * 1024 * 1024  # a saved page carries scripts and styles; MHTML its pictures
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MHTML_SUFFIXES = frozenset({".mhtml", ".mht"})
_HTML_START = re.compile(
    rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body)\b", re.I | re.S
)
_BOLD = re.compile(r"\*\*(?P<text>.+?)\*\*")
_HEADING = re.compile(r"#{1,6}\s+")
_BOLD_QUESTION = re.compile(r"\*\*(?P<text>[^*]+?[?？][\"'”»]?)\*\*\s+(?=\S)")
# trafilatura's Markdown escapes brackets and stars the text had: `\[인터뷰\]`.
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_TITLE_SEPARATORS = (" | ", " — ", " – ", " - ", " :: ", " · ")


@dataclass
class PageMeta:
    """What the file says about the article, which wins over what the text suggests."""

    title: str | None = None
    byline: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass
class Source:
    kind: str  # "text", "html", "mhtml" or "docx"
    text: str | None = None  # None for plain text: the bytes are decoded as before
    meta: PageMeta = field(default_factory=PageMeta)
    bold_lines: frozenset[int] = frozenset()


def kind_of(raw: bytes, name: str) -> str:
    suffix = PurePath(name).suffix.casefold()
    if suffix == ".docx" or (raw.startswith(b"PK\x03\x04") and b"word/" in raw[:4096]):
        return "docx"
    head = raw[:4096].lower()
    if suffix in MHTML_SUFFIXES or (b"mime-version" in head and b"multipart/related" in head):
        return "mhtml"
    if suffix in HTML_SUFFIXES or _HTML_START.match(raw[:4096]):
        return "html"
    return "text"


def read_source(raw: bytes, name: str, report: Report) -> Source:
    kind = kind_of(raw, name)
    if kind == "text":
        return Source("text")
    if len(raw) > MAX_PAGE_BYTES:
        raise RawTextError(
            f"the file is larger than {MAX_PAGE_BYTES // 2**20} MiB; is it an interview?"
        )
    if kind == "docx":
        return _docx(raw, report)
    html = _mhtml_page(raw) if kind == "mhtml" else _decoded_html(raw)
    return _page(html, kind, report)


# Web pages --------------------------------------------------------------------------------


def _decoded_html(raw: bytes) -> str:
    declared = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", raw[:4096], re.I)
    for encoding in [declared.group(1).decode("ascii") if declared else None, "utf-8", "cp1251"]:
        if encoding:
            try:
                return raw.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
    return raw.decode("utf-8", "replace")


def _mhtml_page(raw: bytes) -> str:
    """The HTML part of a page saved as one file (MHTML), decoded from its transfer encoding."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            content = part.get_content()
            return content if isinstance(content, str) else _decoded_html(content)
    raise RawTextError(
        "this .mhtml file holds no web page (no text/html part); save the page again, as"
        " 'Web page, complete' (.html) or 'single file' (.mhtml)"
    )


def _page(html: str, kind: str, report: Report) -> Source:
    import htmldate
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_formatting=True,
        favor_recall=True,
    )
    found = document.as_dict() if document is not None and hasattr(document, "as_dict") else {}
    body = (found.get("text") or "").strip()
    if not body:
        raise RawTextError(
            "found no article text in the page; save the page again once it has loaded, or"
            " paste its text into a .txt file"
        )
    meta = PageMeta(
        title=_title(found.get("title"), found.get("sitename")),
        byline=_clean(found.get("author")),
        published=_date(htmldate.find_date(html, extensive_search=False, original_date=True)),
        outlet=_clean(found.get("sitename")),
        url=found.get("url") if str(found.get("url") or "").startswith("http") else None,
    )
    text, bold = _paragraphs(body.split("\n\n"), meta.title)
    report.guess(None, f"read as a saved web page ({kind}): text and metadata by trafilatura")
    return Source(kind, text, meta, bold)


def _title(title: str | None, site: str | None) -> str | None:
    """`Headline | Kabar` -> `Headline`: the site's name is not part of the headline."""
    title = _clean(title)
    if title and site:
        for separator in _TITLE_SEPARATORS:
            head, _, tail = title.rpartition(separator)
            if head and tail.strip().casefold() == site.strip().casefold():
                return head.strip()
    return title


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _paragraphs(blocks: list[str], title: str | None) -> tuple[str, frozenset[int]]:
    """Blocks to the pasted-text layout, blank lines between; the line of each bold block."""
    paragraphs: list[tuple[str, bool]] = []
    for block in blocks:
        text = " ".join(block.split())
        text = _HEADING.sub("", text, count=1) if _HEADING.match(text) else text
        whole = _BOLD.fullmatch(text)
        lead = None if whole else _BOLD_QUESTION.match(text)
        if lead:  # `**How do you see it?** It is strong.`: the bold question, then its answer
            paragraphs.append((_plain(lead["text"]), True))
            text = text[lead.end() :]
        text = _plain(text)
        if text:
            paragraphs.append((text, bool(whole)))
    if title and not any(_same_title(text, title) for text, _ in paragraphs[:3]):
        paragraphs.insert(0, (title, False))
    return _layout(paragraphs)


def _plain(markdown: str) -> str:
    text = _BOLD.sub(lambda match: match["text"], markdown)
    return _ESCAPED.sub(lambda match: match[1], text).strip()


def _same_title(text: str, title: str) -> bool:
    from pipeline.importer.header import without_section_tag

    return without_section_tag(text).casefold() == without_section_tag(title).casefold()


def _layout(paragraphs: list[tuple[str, bool]]) -> tuple[str, frozenset[int]]:
    lines: list[str] = []
    bold: set[int] = set()
    for text, is_bold in paragraphs:
        if is_bold:
            bold.add(len(lines) + 1)
        lines += [text, ""]
    return "\n".join(lines), frozenset(bold)


# Word files ------------------------------------------------------------------------------


def _docx(raw: bytes, report: Report) -> Source:
    import docx

    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise RawTextError(
            f"this .docx file cannot be read ({error.__class__.__name__}); open it in Word and"
            " save it again as .docx, or paste its text into a .txt file"
        ) from None
    paragraphs = [
        piece for p in document.paragraphs if p.text.strip() for piece in _word_paragraph(p)
    ]
    if not paragraphs:
        raise RawTextError("the Word file has no text; is it a scanned page?")
    text, bold = _layout(paragraphs)
    report.guess(None, "read as a Word file (.docx): its paragraphs, and which are in bold")
    return Source("docx", text, PageMeta(), bold)


def _word_paragraph(paragraph) -> list[tuple[str, bool]]:
    """The paragraph, and whether it is bold; a bold question leading it stands on its own."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    lead = ""
    for run in runs:
        if not (run.bold or (run.bold is None and _style_bold(paragraph))):
            break
        lead += run.text
    text = " ".join(paragraph.text.split())
    lead = " ".join(lead.split())
    if lead and lead != text and lead.rstrip("\"'”»").endswith(("?", "？")):
        return [(lead, True), (text[len(lead) :].strip(), False)]
    bold = _all_bold(paragraph)
    # Line breaks inside a Word paragraph (Shift+Enter) part a question from its answer.
    lines = [" ".join(line.split()) for line in paragraph.text.split("\n")]
    return [(line, bold) for line in lines if line]


def _style_bold(paragraph) -> bool:
    return bool(paragraph.style is not None and paragraph.style.font.bold)


def _all_bold(paragraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    return bool(runs) and all(run.bold or (run.bold is None and style_bold) for run in runs)
