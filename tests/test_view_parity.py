"""One note layout for every format: the view's passages, in order, marked alike in all three.

`pipeline.render.view` is what the templates and the DOCX writer walk. Here each built
file is read back the way its readers get it, as a stream of characters each with its
language: HTML through lxml (the nearest `lang`), DOCX through its runs (`w:lang`, else
the document default), PDF through its tagged structure (each element's /Lang, text by
marked-content id, read by PDFium) and through poppler's `pdftotext -raw` (order only).
Every passage of the view must be found in that stream after the one before it, and
all of its characters must be in the language the view gives it: the source language
where it fell back, else the note's. Compared without white space and case, since
line breaks and `text-transform` change those and nothing else.
"""

from __future__ import annotations

import ctypes
import dataclasses
import io
import pickle
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pipeline import render
from pipeline.engine.plan import build, plan
from pipeline.i18n import ALL_LOCALES, segments
from pipeline.i18n.formatting import PAGE, PAGES
from pipeline.project import Project
from pipeline.render import templating, view_builder
from pipeline.render.view import NoteView, Passage
from tests.conftest import EPOCH, REPO, SEED_CONTENT, seed_data
from tests.readers import footer_fields

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
IGNORED = re.compile("[\\s\u2010\u00ad]")  # white space, and the hyphens the layout adds


# --- Reading a file back as characters with their language ---------------------------------


@dataclass
class Stream:
    """Characters (white space dropped, case folded), each with the language it is in."""

    text: str = ""
    langs: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, chunks: Iterable[tuple[str, str]]) -> Stream:
        characters, langs = [], []
        for text, lang in chunks:
            for character in IGNORED.sub("", text):
                folded = character.casefold()
                characters.append(folded)
                langs += [lang] * len(folded)
        return cls("".join(characters), langs)


def normalise(text: str) -> str:
    return IGNORED.sub("", text).casefold()


def mismatches(stream: Stream, view: NoteView, passages: Iterable[Passage], langs=True) -> list:
    """Passages not found after the one before, or found with another language mark."""
    problems, position = [], 0
    for passage in passages:
        needle = normalise(passage.text)
        found = stream.text.find(needle, position)
        if found < 0:
            problems.append((passage.segment, "missing or out of order", passage.text[:60]))
            continue
        position = found + len(needle)
        marked = set(stream.langs[found:position])
        expected = passage.lang or view.language
        if langs and marked != {expected}:
            problems.append((passage.segment, f"marked {sorted(marked)}, not {expected}"))
    return problems


def html_stream(path: Path) -> Stream:
    import lxml.html

    tree = lxml.html.fromstring(path.read_bytes())
    chunks: list[tuple[str, str]] = []

    def visit(element, lang: str) -> None:
        lang = element.get("lang") or lang
        if element.tag == "img":
            chunks.append((element.get("alt") or "", lang))
        if element.tag not in ("style", "script", "head"):
            chunks.append((element.text or "", lang))
            for child in element:
                if isinstance(child.tag, str):  # not a comment
                    visit(child, lang)
                chunks.append((child.tail or "", lang))

    visit(tree, "")
    return Stream.of(chunks)


class _DocxLanguages:
    """The language of a run: its own `w:lang`, its styles', or the document default."""

    def __init__(self, document):
        self.styles = {
            style.get(f"{W}styleId"): style for style in document.styles.element.iter(f"{W}style")
        }
        defaults = document.styles.element.find(f"{W}docDefaults")
        self.default = self._lang(defaults) if defaults is not None else None

    @staticmethod
    def _lang(element) -> str | None:
        found = element.find(f".//{W}rPr/{W}lang")
        return found.get(f"{W}val") if found is not None else None

    def _style_lang(self, style_id: str | None) -> str | None:
        seen = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            if lang := self._lang(style):
                return lang
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None
        return None

    def of(self, run, paragraph) -> str:
        own = run.find(f"{W}rPr/{W}lang")
        # A w:lang naming only the East Asian language (a Hangul run) inherits w:val.
        if own is not None and own.get(f"{W}val"):
            return own.get(f"{W}val")
        run_style = run.find(f"{W}rPr/{W}rStyle")
        paragraph_style = paragraph.find(f"{W}pPr/{W}pStyle")
        for style in (run_style, paragraph_style):
            if style is not None and (lang := self._style_lang(style.get(f"{W}val"))):
                return lang
        return self.default or ""


def docx_stream(document, part) -> Stream:
    """The runs of `part` (the body, a header or footer) in document order."""
    languages = _DocxLanguages(document)
    chunks = []
    for paragraph in part.iter(f"{W}p"):
        for run in paragraph.iter(f"{W}r"):
            lang = languages.of(run, paragraph)
            # A picture's description is read where the picture stands, in its run's language.
            chunks += [(shape.get("descr") or "", lang) for shape in run.iter(f"{WP}docPr")]
            chunks += [(text.text or "", lang) for text in run.iter(f"{W}t")]
    return Stream.of(chunks)


def pdf_structure_stream(path: Path, language: str) -> Stream:
    """The tagged PDF's text in structure order, each piece in its element's /Lang."""
    import pypdfium2
    import pypdfium2.raw as pdfium

    document = pypdfium2.PdfDocument(str(path))
    chunks: list[tuple[str, str]] = []
    try:
        for page in document:
            texts = _marked_texts(page, page.get_textpage(), pdfium)
            tree = pdfium.FPDF_StructTree_GetForPage(page.raw)
            try:
                for index in range(pdfium.FPDF_StructTree_CountChildren(tree)):
                    element = pdfium.FPDF_StructTree_GetChildAtIndex(tree, index)
                    chunks += _structure_chunks(element, language, texts, pdfium)
            finally:
                pdfium.FPDF_StructTree_Close(tree)
    finally:
        document.close()
    return Stream.of(chunks)


def _marked_texts(page, textpage, pdfium) -> dict[int, list[str]]:
    texts: dict[int, list[str]] = {}
    for item in page.get_objects(max_depth=8):
        mcid = pdfium.FPDFPageObj_GetMarkedContentID(item.raw)
        if item.type != pdfium.FPDF_PAGEOBJ_TEXT or mcid < 0:
            continue
        size = pdfium.FPDFTextObj_GetText(item.raw, textpage.raw, None, 0)
        buffer = ctypes.create_string_buffer(size)
        pointer = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
        pdfium.FPDFTextObj_GetText(item.raw, textpage.raw, pointer, size)
        text = buffer.raw[: size - 2].decode("utf-16-le")
        # PDFium reads a hyphen that ends a line (иш- | чаралар) as U+0002.
        texts.setdefault(mcid, []).append(text.replace("\x02", "-"))
    return texts


def _structure_chunks(element, lang: str, texts, pdfium) -> Iterator[tuple[str, str]]:
    lang = _pdfium_string(pdfium.FPDF_StructElement_GetLang, element) or lang
    if alt := _pdfium_string(pdfium.FPDF_StructElement_GetAltText, element):
        yield alt, lang
    for index in range(pdfium.FPDF_StructElement_CountChildren(element)):
        child = pdfium.FPDF_StructElement_GetChildAtIndex(element, index)
        if child:
            yield from _structure_chunks(child, lang, texts, pdfium)
        else:
            mcid = pdfium.FPDF_StructElement_GetChildMarkedContentID(element, index)
            yield from ((text, lang) for text in texts.get(mcid, []))


def _pdfium_string(function, element) -> str:
    size = function(element, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    function(element, buffer, size)
    return buffer.raw[: size - 2].decode("utf-16-le")


def pdftotext_pages(path: Path) -> list[str]:
    """Each page's text in the order it is drawn (`-raw`): poppler's default reorders a
    table by columns of lines, putting the figures' notes after the table."""
    result = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split("\f")[:-1]


def page_label_pattern(view: NoteView) -> re.Pattern:
    numbers = {PAGE: r"(?P<page>\d+)", PAGES: r"(?P<pages>\d+)"}
    pieces = view.furniture.page_label
    return re.compile("".join(numbers.get(piece) or re.escape(piece) for piece in pieces))


def pdf_body_stream(path: Path, view: NoteView) -> Stream:
    """pdftotext's reading order, the running header and footer lines left out."""
    furniture = view.furniture
    header = re.compile(
        rf"^{re.escape(furniture.running_header.text)}\s*{re.escape(furniture.document_type)}$"
    )
    footer = re.compile(
        rf"^{re.escape(furniture.handling.text)}\s*{page_label_pattern(view).pattern}$"
    )
    lines = [
        line
        for page in pdftotext_pages(path)
        for line in page.splitlines()
        if not (header.match(line.strip()) or footer.match(line.strip()))
    ]
    return Stream.of((line, "") for line in lines)


# --- The notes ----------------------------------------------------------------------------


def _portrait_draft(folder: Path) -> Path:
    """The seed as a draft with a portrait, suggestions and a turn without topic; it has no
    content catalogs, so every passage of it falls back in every other locale."""
    import yaml
    from PIL import Image

    data = seed_data()
    data["slug"] = "portrait-draft"
    data["image"] = {"file": "assets/portrait.png", "alt": "Lee Wonjae", "credit": "Embassy"}
    data["brief"]["status"] = "draft"
    data["brief"]["key_figures"][0]["status"] = "suggested"
    data["brief"]["organisations"][1]["status"] = "suggested"
    data["turns"][2].pop("topic", None)
    (folder / "assets").mkdir(parents=True)
    Image.new("RGB", (120, 160), (31, 61, 99)).save(folder / "assets" / "portrait.png")
    path = folder / "portrait-draft.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


NOTES = [(slug, locale) for slug in ("seed", "portrait-draft") for locale in ALL_LOCALES]


@dataclass(frozen=True)
class Note:
    view: NoteView
    files: dict[str, Path]
    source: object
    """The note as localized for the renderers (a LoadedInterview)."""


def _build(folder: Path, formats: list[str]) -> dict[tuple[str, str], Note]:
    """(note, locale) -> the view the renderers walked, the built file per format, the note."""
    sources = {"seed": SEED_CONTENT, "portrait-draft": _portrait_draft(folder / "content")}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        the_plan = plan(list(sources.values()), formats, list(ALL_LOCALES), project=REPO)
        report = build(the_plan, folder / "out")
    assert report.ok, report.failures
    files: dict[tuple[str, str], dict[str, Path]] = {}
    for output in report.outputs:
        name = "seed" if output.source == SEED_CONTENT else "portrait-draft"
        files.setdefault((name, output.path.parent.name), {})[output.format] = output.path
    notes = {}
    for job in the_plan.jobs:
        name = "seed" if job.source.path == SEED_CONTENT else "portrait-draft"
        key = (name, job.locale)
        notes[key] = Note(view_builder.build_view(job), files[key], job.source)
    return notes


@pytest.fixture(scope="module")
def notes(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("parity"), ["html", "docx"])


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("parity-pdf"), ["pdf"])


# --- Every passage, in order, marked alike --------------------------------------------------


@pytest.mark.parametrize(("name", "locale"), NOTES)
def test_the_view_holds_every_passage_the_note_shows(notes, name, locale):
    note = notes[(name, locale)]
    view = note.view
    shown = {p.segment for p in view.passages()} | {p.segment for p in _furniture(view)}
    source = segments.segments(note.source)
    # Keywords are metadata only, a figure's source sentence finds its turn (where it is
    # printed); every other segment is a passage of the note.
    printed = {s.id for s in source if not re.search(r"^keywords\[|\.source_sentence$", s.id)}
    assert printed - shown == set()
    fallbacks = [p.fallback for p in view.passages()]
    # The seed has a content catalog in every shipped locale; the portrait draft has none.
    if locale in ("en", "en-XA") or name == "seed":
        assert not any(fallbacks)
    if name == "portrait-draft" and locale in ("ru", "ky", "ko"):
        assert all(fallbacks) and fallbacks


@pytest.mark.parametrize(("name", "locale"), NOTES)
def test_html_has_every_passage_in_order_with_its_language_mark(notes, name, locale):
    view, files = notes[(name, locale)].view, notes[(name, locale)].files
    assert mismatches(html_stream(files["html"]), view, view.passages()) == []


@pytest.mark.parametrize(("name", "locale"), NOTES)
def test_docx_has_every_passage_in_order_with_its_language_mark(notes, name, locale):
    import docx

    view, files = notes[(name, locale)].view, notes[(name, locale)].files
    document = docx.Document(str(files["docx"]))
    body = docx_stream(document, document.element.body)
    assert mismatches(body, view, view.passages()) == []


@pytest.mark.slow
@pytest.mark.parametrize(("name", "locale"), NOTES)
def test_pdf_has_every_passage_in_order_with_its_language_mark(printed, name, locale):
    view, files = printed[(name, locale)].view, printed[(name, locale)].files
    structure = pdf_structure_stream(files["pdf"], view.language)
    assert mismatches(structure, view, view.passages()) == []
    portrait = view.masthead.portrait
    drawn = [p for p in view.passages() if not (portrait and p is portrait.alt)]  # alt: not drawn
    reading = pdf_body_stream(files["pdf"], view)
    assert mismatches(reading, view, drawn, langs=False) == []


@pytest.mark.slow
@pytest.mark.parametrize(("name", "locale"), NOTES)
def test_pdf_prints_the_views_page_furniture_on_every_page(printed, name, locale):
    view, files = printed[(name, locale)].view, printed[(name, locale)].files
    furniture, pages = view.furniture, pdftotext_pages(files["pdf"])
    label = page_label_pattern(view)
    for number, page in enumerate(pages, start=1):
        text = " ".join(page.split())
        numbers = label.search(text)
        assert numbers and numbers["page"] == str(number), text[-120:]
        assert numbers["pages"] == str(len(pages))
        assert " ".join(furniture.handling.text.split()) in text
        header = " ".join(furniture.running_header.text.split())
        assert (header in text) == (number > 1)  # the first page has no running header


# --- Page furniture: one pattern, every format ----------------------------------------------


def _furniture(view: NoteView) -> list[Passage]:
    return [view.furniture.running_header, view.furniture.handling]


@pytest.mark.parametrize(("name", "locale"), NOTES)
def test_html_and_docx_carry_the_same_page_furniture(notes, name, locale):
    import docx
    import lxml.html

    view, files = notes[(name, locale)].view, notes[(name, locale)].files
    furniture = view.furniture
    style = lxml.html.fromstring(files["html"].read_bytes()).cssselect("style")[0].text
    for text in (furniture.running_header.text, furniture.document_type, furniture.handling.text):
        assert str(templating.css_string(text)) in style
    assert str(templating.page_counters(furniture.page_label)) in style

    document = docx.Document(str(files["docx"]))
    section = document.sections[0]
    header = docx_stream(document, section.header._element)
    assert mismatches(header, view, [furniture.running_header]) == []
    for footer in (section.footer, section.first_page_footer):
        assert mismatches(docx_stream(document, footer._element), view, [furniture.handling]) == []
        assert footer_fields(footer)[-len(furniture.page_label) :] == [
            {PAGE: "{PAGE}", PAGES: "{NUMPAGES}"}.get(piece, piece)
            for piece in furniture.page_label
        ]


# --- The drifts this view ended, each pinned --------------------------------------------------


@pytest.fixture(scope="module")
def kyrgyz_job(tmp_path_factory):
    """The seed in Kyrgyz in a project with no content catalog, so every passage falls back."""
    root = tmp_path_factory.mktemp("no-catalogs").resolve()
    (root / "briefing.toml").touch()
    (root / "content").mkdir()
    seed = root / "content" / SEED_CONTENT.name
    seed.write_bytes(SEED_CONTENT.read_bytes())
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        project = Project(root, root / "briefing.toml")
        return plan([seed], ["docx"], ["ky"], project=project).jobs[0]


def test_kyrgyz_docx_marks_figure_period_stated_by_and_note_english_as_html_does(kyrgyz_job):
    """The DOCX left these three unmarked (read as Kyrgyz) while the HTML marked them."""
    import docx
    import lxml.html

    page = lxml.html.fromstring(render.get("html").render(kyrgyz_job))
    document = docx.Document(io.BytesIO(render.get("docx").render(kyrgyz_job)))
    languages = _DocxLanguages(document)
    runs = [
        (run.text, languages.of(run._r, paragraph._p))
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
        for run in paragraph.runs
    ]
    figures = kyrgyz_job.interview.brief.key_figures
    texts = [text for f in figures for text in (f.period, f.stated_by, f.note) if text]
    assert len(texts) == 13
    for text in texts:
        assert (text, "en") in runs, text
        shown = [e for e in page.iter() if (e.text or "").strip() == text]
        assert shown and {_html_lang(e) for e in shown} == {"en"}, text


def _html_lang(element) -> str | None:
    return next((e.get("lang") for e in (element, *element.iterancestors()) if e.get("lang")), None)


PLAIN = (str, bytes, int, float, bool, type(None), Path)


def not_plain(value: object, where: str = "prepared") -> list[str]:
    """Where `value` holds anything but plain data (the view's dataclasses count as plain)."""
    if isinstance(value, PLAIN):
        return []
    if isinstance(value, (tuple, list, frozenset)):
        return [
            found
            for index, item in enumerate(value)
            for found in not_plain(item, f"{where}[{index}]")
        ]
    if isinstance(value, dict):
        return [
            found
            for key, item in value.items()
            for found in (*not_plain(key, f"{where} key"), *not_plain(item, f"{where}[{key!r}]"))
        ]
    kind = type(value)
    if dataclasses.is_dataclass(value) and kind.__module__.startswith("pipeline.render."):
        return [
            found
            for item in dataclasses.fields(value)
            for found in not_plain(getattr(value, item.name), f"{where}.{item.name}")
        ]
    return [f"{where}: {kind.__module__}.{kind.__qualname__}"]


@pytest.mark.parametrize("format_name", ["docx", "pdf", "html"])
def test_prepare_hands_the_painter_plain_data_only(kyrgyz_job, format_name):
    """DOCX's `prepare` used to ship the RenderJob, the whole pydantic model in it."""
    assert not_plain(render.get(format_name).prepare(kyrgyz_job)) == []


# A painter that cannot import the model, YAML or pydantic at all: as on a render worker
# that receives prepared data only.
PAINTER = """
import importlib.abc, pickle, sys

class NoModel(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("pydantic", "pydantic_core", "yaml") or name in (
            "pipeline.content.model", "pipeline.content.loader"
        ):
            raise ImportError(f"{name} may not be imported by a painter")

sys.meta_path.insert(0, NoModel())
from pipeline import render

prepared = pickle.load(sys.stdin.buffer)
sys.stdout.buffer.write(render.get(sys.argv[1]).paint(prepared))
"""


def test_docx_paints_in_a_process_that_cannot_import_the_model(kyrgyz_job):
    renderer = render.get("docx")
    prepared = renderer.prepare(kyrgyz_job)
    painted = subprocess.run(
        [sys.executable, "-c", PAINTER, "docx"],
        input=pickle.dumps(prepared),
        capture_output=True,
        check=False,
    )
    assert painted.returncode == 0, painted.stderr.decode()[-2000:]
    assert painted.stdout == renderer.paint(prepared)


def test_a_footer_that_puts_the_total_first_is_one_pattern_for_css_and_docx(monkeypatch):
    """The view carries "Page X of Y" as pieces; the CSS counters and the DOCX fields are
    both laid out from them. (The DOCX side alone, with the checked catalogs, is pinned by
    tests/hostile/test_round2_translations.py::test_docx_page_numbers_follow_the_translated_pattern.)
    """
    import docx
    from babel.messages.catalog import Catalog

    from pipeline.i18n import catalogs

    catalog = Catalog(locale="ru")
    catalog.add("Page %(page)s of %(pages)s", "Всего %(pages)s, стр. %(page)s")
    translations = catalogs.compiled(catalog)
    monkeypatch.setattr(view_builder, "interface_translations", lambda *_: translations)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    job = plan([SEED_CONTENT], ["html"], ["ru"], project=REPO).jobs[0]

    assert view_builder.build_view(job).furniture.page_label == ("Всего ", PAGES, ", стр. ", PAGE)
    html = render.get("html").render(job).decode("utf-8")
    counters = str(templating.page_counters("Всего @@pages@@, стр. @@page@@"))
    assert counters.index("counter(pages)") < counters.index("counter(page)")
    assert f"content: {counters};" in html and "%(pages)s" not in html
    footer = docx.Document(io.BytesIO(render.get("docx").render(job))).sections[0].footer
    assert footer_fields(footer)[-4:] == ["Всего ", "{NUMPAGES}", ", стр. ", "{PAGE}"]
