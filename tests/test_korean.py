"""Korean: the seed translated in full, words kept whole in print, Hangul in its font in Word.

Korean breaks lines only at the spaces between words; a printed line that ends or starts
inside a word (섬유산 | 업) is the fault a Korean reader sees first. The PDF's lines are
read back with PDFium and every Hangul token at a line's edge must be a whole word of
the note. In DOCX, Word and LibreOffice choose a run's Hangul font from its East Asian
font and language, so every run holding Hangul must carry both.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.engine.plan import build, plan
from pipeline.i18n import catalogs
from pipeline.i18n.formatting import PAGE, PAGES
from pipeline.render import hangul, view_builder
from pipeline.render.fonts import stack_for
from tests.conftest import EPOCH, REPO, ROOT, SEED_CONTENT, SEED_SLUG

KO_CATALOG = ROOT / "locales" / "ko" / "content" / f"{SEED_SLUG}.po"
KOREAN_FONT = stack_for("ko")[0]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# One Korean form per name, every time the English passage names it.
NAMES = {
    "Bishkek": "비슈케크",
    "Kyrgyzstan": "키르기스스탄",
    "Kyrgyz Republic": "키르기스 공화국",
    "Kabar": "카바르 통신",
    "Lee Wonjae": "이원재",
    "T'way Air": "티웨이항공",
    "T’way Air": "티웨이항공",
    "Incheon": "인천",
    "National Gugak Center": "국립국악원",
    "KOPIA": "KOPIA 센터",
    "Global Core Country": "글로벌 중추국가",
    "Infectious Diseases Hospital": "공화국 임상감염병원",
}
# The ambassador's title, 주키르기스스탄 대한민국 대사, names the country where the English
# says "in Bishkek" or "to the Kyrgyz Republic".
TITLE_NAMES_THE_COUNTRY = {
    ("Bishkek", "brief.purpose"),
    ("Kyrgyz Republic", "interviewee.role"),
    ("Kyrgyz Republic", "intro[1]"),
}
FORBIDDEN = ("키르기즈", "비쉬켁", "비슈켁", "티웨이 에어", "카바르 에이전시", "글로벌 핵심국가")


def _translations() -> list[tuple[str, str, str]]:
    catalog = catalogs.read(KO_CATALOG, "ko")
    return [(message.context, message.id, message.string) for message in catalog if message.id]


# --- The catalog --------------------------------------------------------------------------


def test_status_shows_the_korean_seed_fully_translated():
    result = CliRunner().invoke(main, ["strings", "status"])
    [line] = [line for line in result.output.splitlines() if re.match(r"ko\s+\d", line)]
    # interface and content: done, then nothing stale, fuzzy or to do
    assert re.fullmatch(r"ko\s+\d+( /\s+0)+\s+\d+( /\s+0)+\s+100\.0%", line), line


def test_every_passage_is_translated_and_none_is_fuzzy():
    catalog = catalogs.read(KO_CATALOG, "ko")
    template = catalogs.read(catalogs.content_template(SEED_SLUG, ROOT / "locales"))
    wanted = {(message.context, message.id) for message in template if message.id}
    done = {
        (message.context, message.id)
        for message in catalog
        if message.id and message.string and not message.fuzzy
    }
    assert wanted - done == set()
    assert all(catalogs_hangul(string) for _context, _id, string in _translations())


def catalogs_hangul(text: str) -> bool:
    """A translation is Korean, or a name Korean keeps in Latin letters (KT, EDCF)."""
    return bool(hangul.HANGUL.search(text)) or text in ("KT", "EDCF")


def test_the_catalog_says_who_translated_it_and_that_it_is_not_reviewed():
    header = KO_CATALOG.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert '"X-Translator: briefing team (machine-assisted draft)\\n"' in header
    assert '"X-Review-Status: not reviewed\\n"' in header


@pytest.mark.parametrize(("english", "korean"), sorted(NAMES.items()))
def test_a_name_has_one_korean_form(english, korean):
    naming = [(context, string) for context, msgid, string in _translations() if english in msgid]
    assert naming, f"no passage names {english}"
    missing = [context for context, string in naming if korean not in string]
    assert [c for c in missing if (english, c) not in TITLE_NAMES_THE_COUNTRY] == []
    for _english, context in TITLE_NAMES_THE_COUNTRY:
        assert "주키르기스스탄 대한민국 대사" in dict(naming).get(
            context, "주키르기스스탄 대한민국 대사"
        )


def test_no_passage_uses_a_rejected_spelling():
    found = [
        (context, form)
        for context, _msgid, string in _translations()
        for form in FORBIDDEN
        if form in string
    ]
    assert found == []


def test_sums_of_money_are_written_the_korean_way():
    by_context = {context: string for context, _msgid, string in _translations()}
    assert "3억 7,000만 달러" in by_context["turns[1].answer[0]"]
    assert "3억 7,000만 달러" in by_context["brief.key_points[1]"]
    assert "약 6,350만 달러" in by_context["turns[1].question"]
    assert "2021년 8월" in by_context["turns[1].answer[2]"]


def test_each_figure_quotes_a_sentence_of_the_translated_interview():
    by_context = {context: string for context, _msgid, string in _translations()}
    interview = [string for context, string in by_context.items() if context.startswith("turns[")]
    quoted = {c: s for c, s in by_context.items() if c.endswith(".source_sentence")}
    assert len(quoted) == 5
    assert [c for c, s in quoted.items() if not any(s in passage for passage in interview)] == []


# --- Keeping words whole (fast) ------------------------------------------------------------

J = hangul.WORD_JOINER


def test_the_syllables_of_a_korean_word_are_joined_and_latin_words_left_alone():
    assert hangul.keep_words("섬유산업 분야 KT") == f"섬{J}유{J}산{J}업 분{J}야 KT"
    assert (
        hangul.keep_words("‘글로벌 중추국가’가") == f"‘{J}글{J}로{J}벌 중{J}추{J}국{J}가{J}’{J}가"
    )
    assert hangul.keep_words("plain English text") == "plain English text"


def test_markup_metadata_and_references_are_untouched():
    html = (
        '<html lang="ko"><head><title>대한민국 대사</title><style>p{}</style></head>'
        '<body><p title="한국어 속성">수교 &amp; 협력</p><img alt="이원재 대사"></body></html>'
    )
    joined = hangul.keep_words_in_html(html)
    assert "<title>대한민국 대사</title>" in joined
    assert 'title="한국어 속성"' in joined and 'alt="이원재 대사"' in joined
    assert f">수{J}교 &amp; 협{J}력</p>" in joined
    assert hangul.without_joiners(joined) == html


def test_a_spaced_dash_stays_with_the_word_before_it():
    assert hangul.keep_words("협정 — 서명") == f"협{J}정\u00a0— 서{J}명"


def split_words(lines: list[str], words: set[str]) -> list[str]:
    """Hangul tokens at the start or end of a line that are no whole word of the note."""
    found = []
    for line in lines:
        tokens = hangul.without_joiners(line).split()
        for token in {tokens[0], tokens[-1]} if tokens else ():
            if hangul.HANGUL.search(token) and token not in words:
                found.append(f"{token!r} in {line.strip()!r}")
    return found


def test_the_word_check_finds_a_word_broken_over_two_lines():
    words = {"섬유산업", "분야는", "유망합니다."}
    assert split_words(["섬유산업 분야는", "유망합니다."], words) == []
    assert len(split_words(["분야는 섬유산", "업 유망합니다."], words)) == 2


def _word_document(*texts: str):
    import docx

    from pipeline.project import BUILTIN_TEMPLATES

    document = docx.Document(str(BUILTIN_TEMPLATES / "docx" / "reference.docx"))
    paragraph = document.add_paragraph()
    for text in texts:
        paragraph.add_run(text)
    return document, paragraph


def test_a_hangul_run_gets_the_east_asian_font_and_language_and_a_latin_run_does_not():
    from pipeline.render.docx_xml import mark_hangul_runs

    document, paragraph = _word_document("KT가 ", "Kabar Agency")
    mark_hangul_runs(document, KOREAN_FONT)
    korean, english = paragraph.runs
    assert korean._r.rPr.rFonts.get(f"{W}eastAsia") == KOREAN_FONT
    assert korean._r.rPr.find(f"{W}lang").get(f"{W}eastAsia") == "ko-KR"
    assert korean._r.rPr.find(f"{W}lang").get(f"{W}val") is None  # Latin language inherited
    assert korean.font.italic is False  # upright even in an italic style
    assert english._r.rPr is None


def test_a_document_without_hangul_keeps_its_font_table_and_spacing():
    from pipeline.render.docx_xml import mark_hangul_runs

    document, _paragraph = _word_document("Only English here.")
    font_table = next(
        r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable")
    )
    before = (font_table.blob, document.styles.element.xml)
    mark_hangul_runs(document, KOREAN_FONT)
    assert (font_table.blob, document.styles.element.xml) == before


def test_marking_twice_declares_the_font_once():
    from pipeline.render.docx_xml import mark_hangul_runs

    document, _paragraph = _word_document("수교 30주년")
    mark_hangul_runs(document, KOREAN_FONT)
    mark_hangul_runs(document, KOREAN_FONT)
    font_table = next(
        r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable")
    )
    assert font_table.blob.decode().count(f'w:name="{KOREAN_FONT}"') == 1
    assert document.styles.element.xml.count("autoSpaceDE") == 1


# --- The built Korean note (slow) ----------------------------------------------------------


@pytest.fixture(scope="module")
def korean(tmp_path_factory):
    """The seed in Korean, all three formats, and the view the renderers laid out."""
    folder = tmp_path_factory.mktemp("korean")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        the_plan = plan([SEED_CONTENT], ["html", "pdf", "docx"], ["ko"], project=REPO)
        report = build(the_plan, folder)
        assert report.ok, report.failures
        view = view_builder.build_view(the_plan.jobs[0])
    return {output.format: output.path for output in report.outputs}, view


def _note_words(html: Path, view, pages: int) -> set[str]:
    """Every space-separated word the note prints: its HTML text and the page margins."""
    import lxml.html

    body = " ".join(lxml.html.parse(str(html)).getroot().body.itertext())
    furniture = view.furniture
    margins = [furniture.running_header.text, furniture.document_type, furniture.handling.text]
    for page in range(1, pages + 1):
        numbers = {PAGE: str(page), PAGES: str(pages)}
        margins.append("".join(numbers.get(piece, piece) for piece in furniture.page_label))
    return set(" ".join([body, *margins]).split())


def _pdf_lines(path: Path) -> list[list[str]]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    pages = []
    for page in document:
        text = page.get_textpage().get_text_range()
        pages.append([line for line in re.split(r"\r\n|\n|\r", text) if line.strip()])
    return pages


@pytest.mark.slow
def test_no_korean_word_is_split_across_lines_in_the_pdf(korean):
    files, view = korean
    pages = _pdf_lines(files["pdf"])
    words = _note_words(files["html"], view, len(pages))
    lines = [line for page in pages for line in page]
    assert sum(bool(hangul.HANGUL.search(line)) for line in lines) > 100
    assert split_words(lines, words) == []
    closing = tuple(".,:;!?)]}’”」』》〉·—–")
    assert [line for line in lines if line.strip().startswith(closing)] == []


@pytest.mark.slow
def test_the_pdf_bookmarks_and_text_hold_no_joiners(korean):
    import pypdfium2 as pdfium

    files, _view = korean
    titles = [bookmark.get_title() for bookmark in pdfium.PdfDocument(str(files["pdf"])).get_toc()]
    assert "인터뷰 전문" in titles and "요약" in titles
    assert not any(hangul.WORD_JOINER in title for title in titles)
    assert not any(hangul.WORD_JOINER in line for page in _pdf_lines(files["pdf"]) for line in page)


@pytest.mark.slow
def test_the_korean_pdf_embeds_its_cjk_font_and_slants_no_hangul(korean):
    files, _view = korean
    listing = subprocess.run(
        ["pdffonts", str(files["pdf"])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    names = [line.split()[0] for line in listing]
    assert any(re.fullmatch(r"[A-Z]{6}\+Noto-Sans-CJK-KR", name) for name in names)
    assert any(name.endswith("Noto-Sans-CJK-KR-Bold") for name in names)
    assert all(line.split()[-5] == "yes" for line in listing)  # embedded
    assert not [name for name in names if "Oblique" in name or "Italic" in name]


@pytest.mark.slow
def test_every_hangul_run_of_the_docx_has_the_east_asian_font_and_language(korean):
    from lxml import etree

    files, _view = korean
    with zipfile.ZipFile(files["docx"]) as package:
        stories = [
            name
            for name in package.namelist()
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name)
        ]
        hangul_runs, unmarked = 0, []
        for name in stories:
            for run in etree.fromstring(package.read(name)).iter(f"{W}r"):
                text = "".join(node.text or "" for node in run.iter(f"{W}t"))
                if not hangul.HANGUL.search(text):
                    continue
                hangul_runs += 1
                fonts, lang = run.find(f"{W}rPr/{W}rFonts"), run.find(f"{W}rPr/{W}lang")
                if (
                    fonts is None
                    or fonts.get(f"{W}eastAsia") != KOREAN_FONT
                    or lang is None
                    or lang.get(f"{W}eastAsia") != "ko-KR"
                ):
                    unmarked.append(f"{name}: {text[:30]}")
        font_table = etree.fromstring(package.read("word/fontTable.xml"))
        styles = package.read("word/styles.xml").decode()
    assert hangul_runs > 100 and unmarked == []
    [entry] = [f for f in font_table.iter(f"{W}font") if f.get(f"{W}name") == KOREAN_FONT]
    assert entry.find(f"{W}charset").get(f"{W}val") == "81"
    assert '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>' in styles


@pytest.mark.slow
def test_the_html_note_keeps_its_text_as_written(korean):
    files, _view = korean
    html = files["html"].read_text(encoding="utf-8")
    assert hangul.WORD_JOINER not in html and "3억 7,000만 달러에 달했습니다." in html


@pytest.mark.slow
def test_a_korean_word_longer_than_the_line_still_breaks_inside_the_column(tmp_path):
    import pypdfium2 as pdfium
    from weasyprint import HTML

    word = "가나다라마바사아자차카타파하" * 8
    html = hangul.keep_words_in_html(
        '<html lang="ko"><body style="font-family: Noto Sans CJK KR; width: 60mm;'
        f' overflow-wrap: break-word"><p>앞 {word} 뒤</p></body></html>'
    )
    path = tmp_path / "long.pdf"
    HTML(string=html).write_pdf(path)
    text = pdfium.PdfDocument(str(path))[0].get_textpage()
    lines = [line for line in text.get_text_range().splitlines() if line.strip()]
    boxes = [text.get_charbox(index) for index in range(text.count_chars())]
    width = max(box[2] for box in boxes) - min(box[0] for box in boxes)
    assert len(lines) > 3 and width <= 60 / 25.4 * 72 + 1
