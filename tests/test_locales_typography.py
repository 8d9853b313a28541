"""Kyrgyz and Russian in print: the seed in full Kyrgyz, its letters in the fonts, hyphenation
by each language's own rules, and the brief on page 1 in every locale.

Kyrgyz writes Cyrillic with three letters Russian lacks (ө, ү, ң); a font without them
falls back to another face mid-word, which a reader sees at once. Pyphen has no Kyrgyz
dictionary, and the Russian one breaks Kyrgyz words where Kyrgyz never does (а-йыл for
ай-ыл, жа-ткан for жат-кан), so `pipeline.render.kyrgyz` puts soft hyphens at Kyrgyz
syllable breaks. Russian and Kyrgyz briefs run a quarter longer than the English one;
`pipeline.render.page_fit` sets them a step tighter until they fit page 1, and the
interview starts on page 2.
"""

from __future__ import annotations

import ctypes
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.engine.plan import build, plan
from pipeline.i18n import catalogs
from pipeline.render import cyrillic, kyrgyz, page_fit, view_builder
from pipeline.render.fonts import missing_characters, stack_for
from tests import readers
from tests.conftest import EPOCH, REPO, ROOT, SEED_CONTENT, SEED_SLUG

KY_CATALOG = ROOT / "locales" / "ky" / "content" / f"{SEED_SLUG}.po"
KYRGYZ_LETTERS = "ӨөҮүҢң"
LOCALES = ("en", "ru", "ky", "ko")
SOFT_BREAK = "\u2010"  # the hyphen WeasyPrint draws where it breaks a word

# One Kyrgyz form per name (its stem: Kyrgyz adds case endings to it), every time the
# English passage names it.
NAMES = {
    r"Lee Wonjae": "Ли Вонжэ",
    r"Kabar": "«Кабар» агенттиг",
    r"Republic of Korea": "Корея Республикас",
    r"Kyrgyz Republic": "Кыргыз Республикас",
    r"Kyrgyzstan": "Кыргызстан",
    r"Bishkek": "Бишкек",
    r"Seoul": "Сеул",
    r"Incheon": "Инчхон",
    r"Central Asia": "Борбордук Азия",
    r"Issyk-Kul": "Ысык-Көл",
    r"Son-Kul": "Соң-Көл",
    r"T['’]way Air": "T['’]way Air",
    r"KOPIA": "KOPIA борбор",
    r"EDCF": "EDCF",
    r"KT Corporation": "KT Corporation",
    r"National Gugak Center": "Улуттук кугак борбор",
    r"Infectious Diseases Hospital": "Республикалык клиникалык жугуштуу оорулар оорукана",
    r"Global Core Country": "глобалдык өзөктүү мамлекет",
}
# Russian spellings and calques a Kyrgyz reader would take for mistakes.
FORBIDDEN = ("Вонджэ", "Иссык", "Сон-Куль", "Киргиз", "агентство", "Республика Корея", "Инчеон")


def _translations() -> list[tuple[str, str, str]]:
    catalog = catalogs.read(KY_CATALOG, "ky")
    return [(m.context or "", m.id, m.string) for m in catalog if m.id]


# --- The Kyrgyz catalog --------------------------------------------------------------------


def test_status_shows_the_kyrgyz_seed_fully_translated():
    result = CliRunner().invoke(main, ["strings", "status"])
    assert result.exit_code == 0, result.output
    [row] = [line for line in result.output.splitlines() if re.match(r"ky\s+\d", line)]
    numbers = re.findall(r"[\d.]+%?", row)  # interface then content: done, stale, fuzzy, todo
    assert numbers[4:8] == ["96", "0", "0", "0"]


def test_every_kyrgyz_passage_is_translated_and_none_is_fuzzy():
    catalog = catalogs.read(KY_CATALOG, "ky")
    messages = [message for message in catalog if message.id]
    assert len(messages) == 96
    assert [m.context for m in messages if not m.string or m.fuzzy] == []


def test_the_catalog_says_who_translated_it_and_that_it_is_not_reviewed():
    header = KY_CATALOG.read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert '"X-Translator: briefing team (machine-assisted draft)\\n"' in header
    assert '"X-Review-Status: not reviewed\\n"' in header
    assert '"Language: ky\\n"' in header


def test_kyrgyz_running_text_is_kyrgyz_not_russian():
    """Most sentences have a letter only Kyrgyz uses; none has a Russian preposition or
    conjunction (Kyrgyz has postpositions and endings instead)."""
    long_ones = [(key, text) for key, source, text in _translations() if len(source) > 40]
    with_letters = [key for key, text in long_ones if set(text) & set(KYRGYZ_LETTERS)]
    assert len(long_ones) > 50 and len(with_letters) >= 0.9 * len(long_ones)
    russian = re.compile(r"(?<!\w)(и|в|во|на|с|со|по|для|что|не|или|но)(?!\w)", re.IGNORECASE)
    assert [
        (key, russian.findall(text)) for key, _, text in _translations() if russian.search(text)
    ] == []


@pytest.mark.parametrize(("english", "kyrgyz"), NAMES.items())
def test_a_name_has_one_kyrgyz_form(english, kyrgyz):
    named = [(key, text) for key, source, text in _translations() if re.search(english, source)]
    assert named, f"no passage names {english}"
    assert [key for key, text in named if not re.search(kyrgyz, text)] == []


def test_no_passage_uses_a_russian_spelling():
    found = [(key, word) for key, _, text in _translations() for word in FORBIDDEN if word in text]
    assert found == []


def test_numbers_keep_their_digits_with_a_decimal_comma():
    for key, source, text in _translations():
        for number in re.findall(r"\d+(?:\.\d+)?", source):
            assert number.replace(".", ",") in text, (key, number)


def test_quotes_and_dashes_are_the_kyrgyz_ones():
    """«» for quotes; a spaced em dash, never the English spaced en dash or curly quotes."""
    for key, _, text in _translations():
        assert not re.search('[“”„"]', text), key
        assert " – " not in text, key
        assert text.count("«") == text.count("»"), key


def test_each_figure_quotes_a_sentence_of_the_translated_interview():
    translated = dict((key, text) for key, _, text in _translations())
    interview = [text for key, text in translated.items() if key.startswith(("turns[", "intro["))]
    sentences = {k: v for k, v in translated.items() if k.endswith(".source_sentence")}
    assert len(sentences) == 5
    assert [k for k, v in sentences.items() if not any(v in text for text in interview)] == []


def test_the_fonts_of_the_note_cover_the_kyrgyz_letters():
    assert missing_characters(KYRGYZ_LETTERS, stack_for("ky")) == []


# --- Kyrgyz syllable breaks ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "broken"),
    [
        ("жаткан", "жат-кан"),  # Russian patterns: жа-ткан
        ("тынчтыкка", "тынч-тыкка"),  # never fewer than three letters after a break
        ("түзүлгөндүгүнүн", "тү-зүл-гөн-дү-гү-нүн"),
        ("жүгүртүүнүн", "жү-гүр-түү-нүн"),  # a long vowel is one
        ("деңгээлдеги", "дең-гээл-деги"),
        ("Айылдарды", "Айыл-дарды"),  # й starts a syllable: never ай-ыл
        ("программаларды", "про-грам-ма-ларды"),  # a loan keeps гр together
        ("Республикасынын", "Рес-пу-бли-ка-сы-нын"),
        ("Кыргызстандын", "Кыр-гыз-стан-дын"),
        ("жетишкендиктердин", "же-тиш-кен-дик-тер-дин"),
    ],
)
def test_a_kyrgyz_word_breaks_only_between_its_syllables(word, broken):
    assert kyrgyz.hyphenate_word(word).replace(kyrgyz.SOFT_HYPHEN, "-") == broken


def test_soft_hyphens_go_into_the_text_of_a_kyrgyz_document_only():
    html = (
        '<html lang="ky"><head><title>Кыргызстандын</title><style>p{}</style></head>'
        '<body><p title="Кыргызстандын">Кыргызстандын T\'way Air</p></body></html>'
    )
    hyphenated = kyrgyz.hyphenate_html(html)
    assert hyphenated.count(kyrgyz.SOFT_HYPHEN) == 3 and "T'way Air</p>" in hyphenated
    assert "<title>Кыргызстандын</title>" in hyphenated and '"Кыргызстандын"' in hyphenated
    russian = html.replace('lang="ky"', 'lang="ru"')
    assert kyrgyz.hyphenate_html(russian) == russian


def test_a_one_letter_word_a_spaced_dash_and_a_unit_are_bound_to_their_neighbour():
    nbsp = cyrillic.NO_BREAK_SPACE
    assert cyrillic.bind("дружбе и сотрудничеству с Кыргызстаном — посол") == (
        f"дружбе и{nbsp}сотрудничеству с{nbsp}Кыргызстаном{nbsp}— посол"
    )
    assert cyrillic.bind("составил 370 млн долларов, ID-карт и") == (
        f"составил 370{nbsp}млн долларов, ID-карт и"
    )
    html = '<html lang="en"><body><p>a b — c</p>'
    assert cyrillic.bind_html(html) == html


# --- page_fit: the steps, without WeasyPrint ----------------------------------------------


def test_a_step_class_joins_the_classes_the_root_has():
    assert page_fit.with_root_class('<html lang="ky"><p>', "fit-1") == (
        '<html class="fit-1" lang="ky"><p>'
    )
    assert page_fit.with_root_class("<html class='desk' lang=ru>", "fit-2") == (
        "<html class='desk fit-2' lang=ru>"
    )
    assert page_fit.with_root_class("<p>no root</p>", "fit-1") == "<p>no root</p>"


NOTE = (
    '<html lang="ru"><body><section class="brief">…</section>'
    '<section class="interview"><h2 id="interview-heading">…</h2>'
    '<section class="turn">…</section></section></body></html>'
)


def test_the_interview_is_cut_out_with_its_nested_sections():
    assert page_fit.without_interview(NOTE) == (
        '<html lang="ru"><body><section class="brief">…</section></body></html>'
    )
    assert page_fit.without_interview("<html><body><p>a desk's own note</p>") is None


@dataclass
class FakePage:
    anchors: dict[str, tuple[float, float]]


@dataclass
class FakeHtml:
    """Lays out as the class on its root says: the brief fits from step `fits_from` on."""

    text: str
    fits_from: int | None
    renders: list[str] = field(default_factory=list)

    def render(self, **_options):
        step = re.search(r'class="fit-(\d)"', self.text)
        level = int(step.group(1)) if step else 0
        fits = self.fits_from is not None and level >= self.fits_from
        brief_alone = "interview" not in self.text
        self.renders.append(
            ("try " if brief_alone else "") + (f"fit-{level}" if level else "default")
        )
        pages = [FakePage({})] * (1 if fits else 2)
        if not brief_alone:
            pages.append(FakePage({page_fit.INTERVIEW_ANCHOR: (0, 0)}))
        return type("Document", (), {"pages": pages})()


def _fit(fits_from: int | None, overflow: float | None = None) -> tuple[object, list[str]]:
    renders: list[str] = []
    document = page_fit.render_fitted(
        NOTE, lambda text: FakeHtml(text, fits_from, renders), overflow=lambda _: overflow
    )
    return document, renders


def test_a_brief_that_fits_is_laid_out_once():
    assert _fit(0)[1] == ["default"]


@pytest.mark.parametrize(
    ("fits_from", "renders"),
    [
        (1, ["default", "try fit-2", "try fit-1", "fit-1"]),
        (2, ["default", "try fit-2", "try fit-1", "fit-2"]),
        (3, ["default", "try fit-2", "try fit-3", "fit-3"]),
    ],
)
def test_a_brief_that_runs_over_is_laid_out_at_the_loosest_step_that_fits(fits_from, renders):
    document, done = _fit(fits_from)
    assert done == renders and page_fit.brief_fits(document)


@pytest.mark.parametrize(
    ("fits_from", "renders"),
    [
        (1, ["default", "fit-1"]),
        (2, ["default", "fit-1", "try fit-2", "fit-2"]),
        (3, ["default", "fit-1", "try fit-2", "try fit-3", "fit-3"]),
        (None, ["default", "fit-1", "try fit-2", "try fit-3"]),
    ],
)
def test_a_brief_over_by_a_little_tries_the_first_step_as_the_whole_note(fits_from, renders):
    document, done = _fit(fits_from, overflow=page_fit.LIKELY_FIRST_STEP / 2)
    assert done == renders
    assert page_fit.brief_fits(document) == (fits_from is not None)


def test_a_brief_over_by_more_or_unmeasured_halves_the_steps():
    assert _fit(1, overflow=page_fit.LIKELY_FIRST_STEP)[1] == _fit(1)[1]
    assert _fit(1)[1] == ["default", "try fit-2", "try fit-1", "fit-1"]


def test_a_brief_no_step_fits_keeps_the_default_layout():
    document, renders = _fit(None)
    assert renders == ["default", "try fit-2", "try fit-3"]
    assert not page_fit.brief_fits(document)


# --- The built notes (slow) ---------------------------------------------------------------


@pytest.fixture(scope="module")
def notes(tmp_path_factory):
    """The seed as PDF and HTML in every shipped locale, with the views laid out."""
    folder = tmp_path_factory.mktemp("typography")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        the_plan = plan([SEED_CONTENT], ["pdf", "html"], list(LOCALES), project=REPO)
        report = build(the_plan, folder)
        assert report.ok, report.failures
        views = {job.locale: view_builder.build_view(job) for job in the_plan.jobs}
    files: dict[str, dict[str, Path]] = {}
    for output in report.outputs:
        files.setdefault(output.path.parent.name, {})[output.format] = output.path
    return files, views


def _flat(text: str) -> str:
    """Text without spaces and hyphens: pdftotext joins a line ending in 2022- to the next."""
    return re.sub(r"[\s\-\u2010]", "", readers.dehyphenate(text))


def _brief_passages(view) -> list[str]:
    brief = view.brief
    texts = [point.text for point in brief.key_points.items]
    texts += [row.label.text for row in brief.figures.items]
    texts += [item.description.text for item in brief.organisations.items]
    texts += [item.text for item in brief.follow_ups.items]
    return texts


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES)
def test_the_brief_fits_page_1_and_the_interview_starts_on_page_2(notes, locale):
    files, views = notes
    pages = readers.pdf_pages(files[locale]["pdf"])
    view = views[locale]
    first, second = _flat(pages[0]), _flat(pages[1])
    assert [text[:50] for text in _brief_passages(view) if _flat(text) not in first] == []
    heading, opening = _flat(view.interview.heading), _flat(view.interview.intro[0].text)
    assert opening not in first and -1 < second.find(heading) < second.find(opening[:40])


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["ru", "ky"])
def test_kyrgyz_and_russian_pdfs_embed_only_noto_sans(notes, locale):
    files, _views = notes
    listing = subprocess.run(
        ["pdffonts", str(files[locale]["pdf"])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    names = sorted(re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in listing)
    assert names == ["Noto-Sans", "Noto-Sans-Bold", "Noto-Sans-Italic"]
    assert all(line.split()[-5] == "yes" for line in listing)  # embedded


@pytest.mark.slow
def test_every_kyrgyz_letter_is_drawn_in_an_embedded_noto_sans(notes):
    """A letter missing from a face would be drawn from a fallback font: none is."""
    files, _views = notes
    drawn = _fonts_drawing(files["ky"]["pdf"], KYRGYZ_LETTERS)
    assert set("ӨөҮүң") <= set(drawn)  # the seed has no capital Ң; Ү is in capitals' labels
    assert {re.sub(r"^[A-Z]{6}\+", "", name) for names in drawn.values() for name in names} <= {
        "Noto-Sans",
        "Noto-Sans-Bold",
        "Noto-Sans-Italic",
    }
    assert "Noto-Sans-Bold" in {re.sub(r"^[A-Z]{6}\+", "", n) for n in drawn["ө"]}


def _fonts_drawing(path: Path, letters: str) -> dict[str, set[str]]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    drawn: dict[str, set[str]] = {}
    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            text = page.get_textpage()
            for index in range(text.count_chars()):
                letter = chr(raw.FPDFText_GetUnicode(text.raw, index))
                if letter not in letters:
                    continue
                size = raw.FPDFText_GetFontInfo(text.raw, index, None, 0, None)
                name = ctypes.create_string_buffer(size)
                raw.FPDFText_GetFontInfo(text.raw, index, name, size, None)
                drawn.setdefault(letter, set()).add(name.value.decode())
    finally:
        document.close()
    return drawn


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["en", "ru", "ky"])
def test_each_language_is_hyphenated_by_its_own_rules(notes, locale):
    """The PDF and HTML carry the note's language; a Kyrgyz line that ends in a broken
    word breaks it between two syllables, where kyrgyz.break_points says."""
    import lxml.html

    files, _views = notes
    tree = lxml.html.parse(str(files[locale]["html"])).getroot()
    assert tree.get("lang") == locale
    assert tree.cssselect(".answer p[lang]") == []  # translated: the root's language holds
    assert kyrgyz.SOFT_HYPHEN not in files[locale]["html"].read_text(encoding="utf-8")
    structure = subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(files[locale]["pdf"]), "-"],
        capture_output=True,
        check=True,
    ).stdout
    assert f"/Lang ({locale})".encode() in structure
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(files[locale]["pdf"]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert kyrgyz.SOFT_HYPHEN not in text
    lines = text.splitlines()
    breaks = [
        (line.split()[-1][:-1], following.split()[0])
        for line, following in zip(lines, lines[1:], strict=False)
        if line.endswith(SOFT_BREAK) and following.split()
    ]
    assert len(breaks) > 20
    if locale == "ky":
        words = [(re.sub(r"^\W+", "", head), re.sub(r"\W+$", "", tail)) for head, tail in breaks]
        wrong = [f"{h}-{t}" for h, t in words if len(h) not in kyrgyz.break_points(h + t)]
        assert wrong == []


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["ru", "ky"])
def test_no_line_ends_on_a_one_letter_word_or_starts_with_a_dash(notes, locale):
    files, _views = notes
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(files[locale]["pdf"]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert [line for line in lines if re.search(r"(^|\s)[а-яёА-ЯЁ]$", line)] == []
    assert [line for line in lines if line.startswith(("— ", "– "))] == []
