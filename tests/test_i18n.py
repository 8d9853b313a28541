"""The string table: catalogs, locales, fallbacks, safety of translations, glyphs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli.app import main
from pipeline.content import loader as content
from pipeline.engine.plan import build, plan
from pipeline.errors import ContentError
from pipeline.i18n import catalogs, checks, exchange, pseudo, segments, workflow
from pipeline.project import Project
from pipeline.render.fonts import MissingGlyphsError, missing_characters, require_glyphs
from tests import readers
from tests.conftest import REPO, ROOT, SEED_CONTENT, SEED_SLUG

pytestmark = pytest.mark.slow
LOCALES = ROOT / "locales"


@pytest.fixture(scope="module")
def localized_outputs(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """The seed built in ru, ky, ko and en-XA, every format."""
    out = tmp_path_factory.mktemp("l10n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795766400")
        report = build(
            plan(
                [SEED_CONTENT], ["html", "pdf", "docx"], ["ru", "ky", "ko", "en-XA"], project=REPO
            ),
            out,
        )
    assert report.ok, report.failures
    return {(o.path.parent.name, o.format): o.path for o in report.outputs}


@pytest.fixture
def locales_copy(tmp_path) -> Path:
    """The checkout's catalogs, copied into a project of their own (`_project`)."""
    return Path(shutil.copytree(LOCALES, tmp_path / "locales"))


def _project(locales: Path) -> Project:
    return Project(locales.parent)


# --- The table -----------------------------------------------------------------------------


def test_committed_templates_are_current(tmp_path):
    """A new or changed string without `make strings` leaves the .pot files stale."""
    sources = content.load_all([SEED_CONTENT])
    extracted = workflow.templates(sources, REPO)
    assert catalogs.interface_template(LOCALES) in extracted  # the checkout's own strings too

    def strings_of(path: Path) -> list[str]:  # source references move with every edit; ignore them
        return [line for line in path.read_text().splitlines() if not line.startswith("#:")]

    for committed, catalog in extracted.items():
        path = tmp_path / committed.relative_to(LOCALES)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalogs.write(path, catalog)
        assert strings_of(path) == strings_of(committed), (
            f"run 'make strings': {committed} is stale"
        )


def test_every_content_segment_is_keyed_by_its_field_path():
    source = content.load(SEED_CONTENT)
    found = {segment.id: segment for segment in segments.segments(source)}
    assert found["turns[1].answer[3]"].text.startswith("I believe that cooperation")
    assert found["turns[1].answer[3]"].line is not None
    assert "slug" not in found and "published" not in found and "brief.status" not in found
    template = catalogs.read(catalogs.content_template(SEED_SLUG, LOCALES))
    assert len([m for m in template if m.id]) == len(found)


def test_changed_source_text_makes_the_translation_fuzzy_not_lost(locales_copy, write_content):
    source = content.load(SEED_CONTENT)
    data = source.interview.model_dump(mode="json")
    data["turns"][0]["answer"][1] = data["turns"][0]["answer"][1].replace(
        "many areas", "several areas"
    )
    edited = content.load(write_content(data))
    workflow.extract([edited], _project(locales_copy))
    workflow.update([edited], _project(locales_copy), ["ru"])
    catalog = catalogs.read(catalogs.content_catalog("ru", SEED_SLUG, locales_copy), "ru")
    message = catalog.get(edited.interview.turns[0].answer[1], context="turns[0].answer[1]")
    assert message.fuzzy and message.string.startswith("За последние 30 лет")
    # A fuzzy translation is not used: the paragraph falls back to the source, marked.
    localized, l10n = segments.localize(edited, "ru", catalog)
    assert l10n.fallbacks == {"turns[0].answer[1]"}
    assert localized.interview.turns[0].answer[1] == edited.interview.turns[0].answer[1]


def test_status_reports_every_locale_and_enforces_a_minimum(locales_copy):
    result = CliRunner().invoke(main, ["strings", "status", "--min-coverage", "100"])
    lines = result.output.splitlines()
    assert "done / stale / fuzzy / todo" in lines[1]
    assert re.search(r"^ru\s+\d+ /\s+0 /\s+0 /\s+0\s+96 /\s+0 /\s+0 /\s+0\s+100\.0%$", lines[2])
    assert lines[3].startswith("ky") and lines[4].startswith("ko")
    assert result.exit_code == 0
    # Without its Korean content catalog, a project's Korean notes are the English text.
    (locales_copy / "ko" / "content" / f"{SEED_SLUG}.po").unlink()
    shutil.copytree(ROOT / "content", locales_copy.parent / "content")
    (locales_copy.parent / "briefing.toml").write_text("")
    project = ["--project", str(locales_copy.parent)]
    result = CliRunner().invoke(main, [*project, "strings", "status", "--min-coverage", "95"])
    assert re.search(r"^ko\s+\d+ /\s+0 /\s+0 /\s+0\s+0 /\s+0 /\s+0 /\s+96\s", result.output, re.M)
    assert result.exit_code == 1 and "coverage under 95% for: ko" in result.output
    assert (
        CliRunner().invoke(main, [*project, "strings", "status", "--min-coverage", "20"]).exit_code
        == 0
    )


def test_pseudo_keeps_placeholders_and_grows():
    text = pseudo.pseudo("Page %(page)s of %(pages)s")
    assert text.startswith("[Þåĝé %(page)s öƒ %(pages)s") and text.endswith("]")
    assert len(text) >= len("Page %(page)s of %(pages)s") * 1.3


# --- Built notes ---------------------------------------------------------------------------


def test_pseudo_locale_leaves_no_interface_text_outside_the_table(localized_outputs):
    import lxml.html

    tree = lxml.html.fromstring(localized_outputs[("en-XA", "html")].read_bytes())
    for node in tree.cssselect("style"):
        node.drop_tree()
    body = tree.cssselect("body")[0]
    leftovers = [
        text.strip()
        for text in body.itertext()
        if text.strip()
        and not re.fullmatch(r"[\[\]~\s·.\-–—:;,()0-9]*|\[.*\]|.*\]|\[.*", text.strip(), re.S)
    ]
    assert leftovers == []
    assert "Page @@" not in localized_outputs[("en-XA", "html")].read_text()


def test_pseudo_locale_pdf_text_stays_on_the_page(localized_outputs):
    import pypdfium2

    document = pypdfium2.PdfDocument(str(localized_outputs[("en-XA", "pdf")]))
    try:
        for page in document:
            width, height = page.get_size()
            text = page.get_textpage()
            for index in range(text.count_rects()):
                left, bottom, right, top = text.get_rect(index)
                assert left >= 0 and bottom >= 0 and right <= width + 0.5 and top <= height + 0.5
    finally:
        document.close()


def test_russian_note_is_russian_throughout(localized_outputs):
    import lxml.html

    tree = lxml.html.fromstring(localized_outputs[("ru", "html")].read_bytes())
    assert tree.get("lang") == "ru" and not tree.cssselect("[data-fallback], .lang-tag")
    paragraphs = [p.text_content() for p in tree.cssselect("p, li")]
    english = [
        p for p in paragraphs if len(re.findall(r"[A-Za-z]", p)) > len(re.findall(r"[А-Яа-яЁё]", p))
    ]
    assert english == []
    pdf_text = readers.normalise(" ".join(readers.pdf_pages(localized_outputs[("ru", "pdf")])))
    assert "Страница 1 из" in pdf_text and "Информационная справка" in pdf_text
    assert "переведено фрагментов: 96 из 96" in pdf_text
    assert not re.search(r"\b(the|and|of)\b", pdf_text)


@pytest.fixture(scope="module")
def kyrgyz_fallback(tmp_path_factory) -> dict[str, Path]:
    """The seed in Kyrgyz in a project without its Kyrgyz content catalog: all English."""
    root = tmp_path_factory.mktemp("ky-fallback").resolve()
    shutil.copytree(LOCALES, root / "locales")
    (root / "locales" / "ky" / "content" / f"{SEED_SLUG}.po").unlink()
    (root / "content").mkdir()
    seed = root / "content" / SEED_CONTENT.name
    seed.write_bytes(SEED_CONTENT.read_bytes())
    (root / "briefing.toml").write_text("")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795766400")
        the_plan = plan([seed], ["html", "pdf", "docx"], ["ky"], project=_project(root / "locales"))
        report = build(the_plan, root / "out")
    assert report.ok, report.failures
    return {output.format: output.path for output in report.outputs}


def test_fallback_passages_are_marked_in_every_format(kyrgyz_fallback):
    import docx
    import lxml.html

    tree = lxml.html.fromstring(kyrgyz_fallback["html"].read_bytes())
    assert tree.get("lang") == "ky"
    [question] = tree.cssselect("#turn-1 .question-text")
    assert question.get("lang") == "en" and question.cssselect(".lang-tag")[0].text == "EN"
    assert "Булак тили" in tree.cssselect(".translation-status")[0].text_content()
    assert "0 / 96" in tree.cssselect(".translation-status")[0].text_content()

    pdf_pages = readers.pdf_pages(kyrgyz_fallback["pdf"])
    tagged_passages = 45  # title, purpose, points, figures, organisations, follow-ups, intro, turns
    assert len(re.findall(r"\bEN\b", " ".join(pdf_pages))) >= tagged_passages
    assert "Негизги ойлор" in pdf_pages[0]
    structure = subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(kyrgyz_fallback["pdf"]), "-"],
        capture_output=True,
        check=True,
    ).stdout
    assert structure.count(b"/Lang (en)") >= tagged_passages  # read aloud as English
    assert structure.count(b"/Lang (ky)") == 1  # the document's own language

    document = docx.Document(str(kyrgyz_fallback["docx"]))
    [question] = [p for p in document.paragraphs if p.style.name == "Question"][:1]
    tag, _space, text = question.runs[:3]
    assert tag.text == "EN" and tag.style.name == "Language Tag"
    assert 'w:val="en"' in text._r.xml and 'w:val="en"' in tag._r.xml
    assert 'w:lang w:val="ky"' in document.styles.element.xml


def test_korean_pdf_draws_real_hangul(localized_outputs):
    pdf_path = localized_outputs[("ko", "pdf")]
    text = readers.normalise(" ".join(readers.pdf_pages(pdf_path)))
    assert "핵심 내용" in text and "인터뷰 전문" in text and "원문 언어" in text
    fonts = subprocess.run(
        ["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True
    ).stdout
    assert "Noto-Sans-CJK-KR" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])


# --- Safety of translations ----------------------------------------------------------------


def _tamper(catalog_path: Path, msgid: str, translation: str) -> None:
    text = catalog_path.read_text(encoding="utf-8")
    pattern = re.compile(rf'(msgid "{re.escape(msgid)}"\nmsgstr )"[^\n]*"')
    assert pattern.search(text), msgid
    catalog_path.write_text(
        pattern.sub(lambda m: m.group(1) + translation, text, count=1), encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("msgid", "translation", "message"),
    [
        (
            "Summary",
            '"<img src=x onerror=alert(1)>Резюме"',
            "adds markup the source does not have: <img src=x onerror=alert(1)>",
        ),
        (
            "Key points",
            '"<a href=\\"javascript:alert(1)\\">Тезисы</a>"',
            "adds markup the source does not have",
        ),
        (
            "Prepared %(date)s",
            '"Подготовлено %(datum)s"',
            "placeholders differ from the source (missing %(date)s; unknown %(datum)s)",
        ),
        ("Photo: %(credit)s", '"Фото"', "placeholders differ from the source (missing %(credit)s)"),
        ("Summary", '"unterminated', "msgfmt:"),
    ],
)
def test_bad_interface_translations_are_refused_with_file_and_line(
    locales_copy, msgid, translation, message
):
    path = catalogs.interface_catalog("ru", locales_copy)
    _tamper(path, msgid, translation)
    problems = [str(p) for p in workflow.check(_project(locales_copy), ["ru"])]
    assert problems, "the tampered catalog passed"
    assert any(message in p and re.match(rf"{re.escape(str(path))}:\d+: ", p) for p in problems), (
        problems
    )
    with pytest.raises(ContentError):
        workflow.require_valid(_project(locales_copy), ["ru"])


def test_incomplete_plural_forms_are_refused(locales_copy):
    path = catalogs.interface_catalog("ru", locales_copy)
    text = path.read_text(encoding="utf-8")
    start = text.index("msgstr[2]", text.index("all %(count)s passages"))
    end = text.index("\n", start)
    path.write_text(text[:start] + 'msgstr[2] ""' + text[end:], encoding="utf-8")
    problems = [str(p) for p in checks.check_catalog(path)]
    assert any("needs all 3 plural forms filled, or none" in p for p in problems), problems


def test_a_build_refuses_a_bad_catalog(locales_copy):
    bad = catalogs.interface_catalog("ru", locales_copy)
    _tamper(bad, "Summary", '"<b>Резюме</b>"')
    with pytest.raises(
        ContentError, match="adds markup the source does not have: </b>, <b>"
    ) as caught:
        plan([SEED_CONTENT], ["html"], ["ru"], project=_project(locales_copy))
    assert {problem.file for problem in caught.value.problems} == {bad}


def test_translations_are_escaped_even_if_unchecked(tmp_path):
    """Defence in depth: a catalog that slipped past the checks still cannot inject markup."""
    from babel.messages.catalog import Catalog

    from pipeline.render import templating

    catalog = Catalog(locale="ru")
    catalog.add("Summary", "<script>alert(1)</script>")
    translations = catalogs.compiled(catalog)
    env = templating.environment.__wrapped__((ROOT / "templates",), (), "en")
    templating._install_escaped_translations(env, translations)
    rendered = env.from_string('<h2>{{ _("Summary") }}</h2>').render()
    assert rendered == "<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>"


# --- Exchange ------------------------------------------------------------------------------


def test_csv_round_trip_changes_nothing(locales_copy, tmp_path):
    table = exchange.rows([SEED_SLUG], ["ru", "ky", "ko"], locales_copy)
    text = exchange.to_csv(table, ["ru", "ky", "ko"])
    assert text.splitlines()[0] == "catalog,key,en,ru,ky,ko"
    locales, parsed = exchange.from_csv(text, tmp_path / "x.csv")
    before = {p: p.read_bytes() for p in locales_copy.rglob("*.po")}
    assert exchange.apply(parsed, locales, locales_copy) == []
    assert {p: p.read_bytes() for p in locales_copy.rglob("*.po")} == before


def test_csv_import_writes_a_translation(locales_copy, tmp_path):
    table = exchange.rows([SEED_SLUG], ["ky"], locales_copy)
    row = next(r for r in table if r.key == "turns[0].question")
    edited = [exchange.Row(row.catalog, row.key, row.source, {"ky": "Өткөн жылы..."})]
    changed = exchange.apply(edited, ["ky"], locales_copy)
    assert changed == [catalogs.content_catalog("ky", SEED_SLUG, locales_copy)]
    catalog = catalogs.read(changed[0], "ky")
    assert catalog.get(row.source, context="turns[0].question").string == "Өткөн жылы..."


def test_xliff_round_trip_changes_nothing(locales_copy, tmp_path):
    table = exchange.rows([SEED_SLUG], ["ru"], locales_copy)
    document = exchange.to_xliff(table, "ru")
    assert (
        'xmlns="urn:oasis:names:tc:xliff:document:2.0"' in document and 'trgLang="ru"' in document
    )
    locales, parsed = exchange.from_xliff(document, tmp_path / "ru.xlf")
    assert locales == ["ru"] and len(parsed) == len(table)
    assert exchange.apply(parsed, locales, locales_copy) == []


def test_exchange_files_with_problems_are_refused(tmp_path):
    from pipeline.errors import UsageError

    with pytest.raises(UsageError, match="x.csv:1: the header must start with catalog,key,en"):
        exchange.from_csv("key,en\n", tmp_path / "x.csv")
    with pytest.raises(UsageError, match="unknown locale"):
        exchange.from_csv("catalog,key,en,fr\n", tmp_path / "x.csv")
    with pytest.raises(UsageError, match="not well-formed XLIFF"):
        exchange.from_xliff("<xliff", tmp_path / "x.xlf")


# --- Glyphs --------------------------------------------------------------------------------


def test_missing_glyphs_stop_the_build_with_the_package_to_install():
    assert missing_characters("Hello Привет Ң", ("Noto Sans",)) == []
    assert missing_characters("한국", ("Noto Sans",)) == ["한", "국"]
    assert missing_characters("한국", ("No Such Font Family",)) == ["한", "국"]
    with pytest.raises(
        MissingGlyphsError,
        match=r"cannot draw 2 character\(s\): 한 \(U\+D55C\), 국 \(U\+AD6D\); install the Debian package fonts-noto-cjk",
    ):
        require_glyphs("한국", "ru")
    require_glyphs("한국", "ko")


def test_cli_reports_missing_glyphs_and_can_allow_them(write_content, tmp_path):
    data = content.load(SEED_CONTENT).interview.model_dump(mode="json")
    data["turns"][0]["question"] += " 한국"
    path = write_content(data)
    result = CliRunner().invoke(main, ["pdf", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "install the Debian package fonts-noto-cjk" in result.output
    allowed = CliRunner().invoke(
        main, ["pdf", str(path), "--allow-missing-glyphs", "--out", str(tmp_path / "out")]
    )
    assert allowed.exit_code == 0, allowed.output
