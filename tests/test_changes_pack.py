"""Change views end to end (issue 14): two days of packs in a project of their own.

Day one packs two interviews; then one answer paragraph, one key point and one key
figure of the first are corrected, the second is left alone, and the next day's pack
is built. The second must be unchanged, with no change view; the first changed, with
the right summary and a change view in each format: tracked changes in Word (read as
XML, and by LibreOffice), <ins>/<del> in HTML (which passes axe), change bars and the
inserted text in the PDF. PNGs of the three views land in test-artifacts/changes/.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
import yaml

from pipeline.engine import cache
from tests.conftest import EPOCH, ROOT, SEED_CONTENT, seed_data
from tests.pack_support import invoke

pytestmark = pytest.mark.slow

SLUG = SEED_CONTENT.stem
SECOND = "orchard-cooperative-sample"
SAMPLE = ROOT / "tests" / "fixtures" / "changes" / f"{SECOND}.yaml"
DAY = 86400
DAY_ONE, DAY_TWO = "2026-11-27", "2026-11-28"
LOCALES = "en,ru,ko"
ARTIFACTS = ROOT / "test-artifacts" / "changes"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

OLD_POINT = "which T'way Air is still studying"
NEW_POINT = "which T'way Air expects to decide in spring"
SUMMARY = "1 answer paragraph rewritten, 1 key point rewritten, figure ‘Bilateral trade’ 370 → 375 million USD"
TRACKED = [
    ("del", "is still studying"),
    ("ins", "expects to decide in spring"),
    ("del", "370 million USD"),
    ("ins", "375 million USD"),
    ("del", "370"),
    ("ins", "375"),
]


def _corrected(data: dict) -> dict:
    """The seed with one answer paragraph, one key point and one key figure corrected."""
    answer = data["turns"][1]["answer"]
    assert "USD 370 million" in answer[0]
    answer[0] = answer[0].replace("USD 370 million", "USD 375 million")
    points = data["brief"]["key_points"]
    assert OLD_POINT in points[5]
    points[5] = points[5].replace(OLD_POINT, NEW_POINT)
    figure = data["brief"]["key_figures"][0]
    figure["value"] = 375
    figure["source_sentence"] = figure["source_sentence"].replace("370", "375")
    return data


def _pack(project: Path, epoch: int, *extra: str) -> dict:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        result = invoke("--project", project, "pack", "-l", LOCALES, "-j", 2, "--json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("desk") / "desk"
    assert invoke("init", folder).exit_code == 0
    for example in (folder / "content").glob("*.yaml"):
        example.unlink()
    shutil.copy(SEED_CONTENT, folder / "content")
    shutil.copy(SAMPLE, folder / "content")
    for locale in ("ru", "ko"):  # the seed's own translations, as a desk would keep them
        target = folder / "locales" / locale / "content"
        target.mkdir(parents=True)
        shutil.copy(ROOT / "locales" / locale / "content" / f"{SLUG}.po", target)
    return folder


@pytest.fixture(scope="module")
def packs(project) -> Iterator[dict]:
    with pytest.MonkeyPatch.context() as patch:
        _freeze_the_code_digest(patch)
        yield _two_days(project)


def _freeze_the_code_digest(patch: pytest.MonkeyPatch) -> None:
    """The pipeline's code as it was when the test began: an edit made meanwhile in the
    checkout (by someone else) would re-key every render and defeat the rerun's check."""
    computed = cache.Fingerprints.code.func  # type: ignore[attr-defined]
    frozen: dict[str, str] = {}
    patch.setattr(
        cache.Fingerprints, "code", property(lambda self: frozen.setdefault("code", computed(self)))
    )


def _two_days(project: Path) -> dict:
    first = _pack(project, int(EPOCH))
    text = yaml.dump(_corrected(seed_data()), allow_unicode=True, sort_keys=False, width=100)
    (project / "content" / f"{SLUG}.yaml").write_text(text, encoding="utf-8")
    second = _pack(project, int(EPOCH) + DAY)
    rerun = _pack(project, int(EPOCH) + DAY)  # at once: an edit of the code in between re-renders
    return {"first": first, "second": second, "rerun": rerun, "root": project / "output" / "packs"}


@pytest.fixture(scope="module")
def pack(packs) -> Path:
    return packs["root"] / DAY_TWO


def _manifest(pack: Path) -> dict:
    return json.loads((pack / "manifest.json").read_text(encoding="utf-8"))


def _status(pack: Path, slug: str, locale: str) -> dict:
    return next(
        note
        for note in _manifest(pack)["changes"]["notes"]
        if (note["slug"], note["locale"]) == (slug, locale)
    )


def test_the_first_pack_compares_with_nothing_and_records_its_versions(packs):
    pack = packs["root"] / DAY_ONE
    assert "changes" not in _manifest(pack)
    record = json.loads((pack / "versions.json").read_text(encoding="utf-8"))
    keys = {(note["slug"], note["locale"]) for note in record["notes"]}
    assert keys == {(slug, locale) for slug in (SLUG, SECOND) for locale in LOCALES.split(",")}
    assert not list(pack.glob("*/*.changes.*"))


def test_the_untouched_interview_is_unchanged_and_has_no_change_view(pack, packs):
    for locale in LOCALES.split(","):
        assert _status(pack, SECOND, locale)["status"] == "unchanged"
    assert not list(pack.glob(f"*/{SECOND}.changes.*"))
    # Its notes are rendered for the new day, as every note is; no change view is rendered.
    built = packs["second"]["built"]
    assert [path for path in built if SECOND in path] and not [
        path for path in built if SECOND in path and ".changes." in path
    ]


def test_the_corrected_interview_is_changed_with_the_right_summary(pack):
    english = _status(pack, SLUG, "en")
    assert english["status"] == "changed"
    assert english["summary"] == SUMMARY
    assert english["views"] == [f"en/{SLUG}.changes.{ext}" for ext in ("pdf", "docx", "html")]
    russian = _status(pack, SLUG, "ru")
    assert russian["status"] == "changed" and "→" in russian["summary"]
    assert russian["summary"] != russian["summary_en"]  # said in Russian
    listed = {entry["path"]: entry for entry in _manifest(pack)["files"]}
    for view in english["views"]:
        assert listed[view]["view"] == "changes" and (pack / view).is_file()
    assert listed["versions.json"]["format"] == "versions"
    assert invoke("verify", pack).exit_code == 0


def test_the_book_cover_marks_each_item_changed_or_unchanged(pack):
    cover = subprocess.run(
        [
            "pdftotext",
            "-f",
            "1",
            "-l",
            "1",
            "-layout",
            str(pack / f"{DAY_TWO}-briefing-book-en.pdf"),
            "-",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    flat = " ".join(cover.split())
    assert "CHANGED " + " ".join(SUMMARY.split()) in flat
    assert "UNCHANGED" in flat
    first = subprocess.run(
        [
            "pdftotext",
            "-f",
            "1",
            "-l",
            "1",
            str(pack.parent / DAY_ONE / f"{DAY_ONE}-briefing-book-en.pdf"),
            "-",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "CHANGED" not in first  # the first pack compared with nothing


def _tracked(document_xml: bytes) -> list[tuple[str, str]]:
    from lxml import etree

    root = etree.fromstring(document_xml)
    found = []
    for element in root.iter(f"{W}ins", f"{W}del"):
        if element.getparent().tag == f"{W}rPr":  # a paragraph mark, no text of its own
            continue
        kind = "ins" if element.tag == f"{W}ins" else "del"
        text = "".join(piece.text or "" for piece in element.iter(f"{W}t", f"{W}delText"))
        assert element.get(f"{W}author") == "briefing"
        assert element.get(f"{W}date") == "2026-11-28T08:00:00Z"
        found.append((kind, text))
    return found


def test_the_word_change_view_holds_exactly_the_tracked_changes(pack):
    import docx

    path = pack / "en" / f"{SLUG}.changes.docx"
    document = docx.Document(str(path))
    assert _tracked(document.element.xml.encode()) == TRACKED
    assert any("Changes since" in p.text for p in document.paragraphs[:3])
    plain = zipfile.ZipFile(pack / "en" / f"{SLUG}.docx").read("word/document.xml")
    assert b"<w:ins " not in plain and b"<w:del " not in plain


def test_libreoffice_reads_the_tracked_changes(pack, tmp_path):
    source = tmp_path / "view.docx"
    shutil.copy(pack / "en" / f"{SLUG}.changes.docx", source)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "odt", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    content = zipfile.ZipFile(tmp_path / "view.odt").read("content.xml").decode()
    regions = re.findall(r"<text:changed-region\b.*?</text:changed-region>", content, re.S)
    assert len(regions) == len(TRACKED)
    assert sum("<text:insertion>" in region for region in regions) == 3
    assert all("<dc:creator>briefing</dc:creator>" in region for region in regions)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    _png(tmp_path / "view.pdf", "docx-via-libreoffice")


def test_the_html_change_view_marks_insertions_and_deletions(pack):
    html = (pack / "en" / f"{SLUG}.changes.html").read_text(encoding="utf-8")
    inserted = re.findall(r'<ins><span class="visually-hidden">inserted: </span>(.*?)</ins>', html)
    deleted = re.findall(r'<del><span class="visually-hidden">deleted: </span>(.*?)</del>', html)
    assert "expects to decide in spring" in inserted and "375" in inserted
    assert "is still studying" in deleted and "370" in deleted
    assert html.count('data-change="rewritten"') == 3  # the key point, the figure, the answer
    assert SUMMARY.replace("‘", "&#8216;") in html or SUMMARY in html
    plain = (pack / "en" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "<ins>" not in plain and "data-change" not in plain


def test_the_html_change_view_passes_axe(pack):
    from playwright.sync_api import sync_playwright

    from tests.test_browser import AXE, BLOCKING_IMPACTS, CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto((pack / "en" / f"{SLUG}.changes.html").resolve().as_uri())
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        results = page.evaluate("async () => await axe.run(document)")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 900, "height": 1100})
        page.screenshot(path=str(ARTIFACTS / "html-change-view.png"))
        browser.close()
    blocking = [v["id"] for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == []
    assert len(results["passes"]) > 20


def _bars(page) -> list[tuple[float, float, float, float]]:
    """Narrow filled shapes: the change bars (left, bottom, right, top)."""
    bars = []
    for item in page.get_objects():
        if item.type != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = item.get_bounds()
        if right - left < 4 and top - bottom > 6:
            bars.append((left, bottom, right, top))
    return bars


def _found(textpage, text: str) -> list[tuple[float, float, float, float]]:
    searcher = textpage.search(text, match_case=True)
    boxes = []
    while (hit := searcher.get_next()) is not None:
        boxes.append(textpage.get_charbox(hit[0]))
    return boxes


def test_the_pdf_change_view_has_bars_beside_the_changes_and_the_new_text(pack):
    pdf = pypdfium2.PdfDocument(pack / "en" / f"{SLUG}.changes.pdf")
    pages = [pdf[index].get_textpage().get_text_range() for index in range(len(pdf))]
    text = re.sub(r"\s+", " ", " ".join(pages))
    assert "expects to decide in spring" in text and "USD 370375 million" in text
    assert "inserted:" not in text  # the spoken labels are the HTML's only
    assert "Changes since" in pages[0] and "1 answer paragraph rewritten" in pages[0]
    beside = []
    for index in range(len(pdf)):
        page, textpage = pdf[index], pdf[index].get_textpage()
        bars = _bars(page)
        for left, bottom, _right, top in [
            *_found(textpage, "expects to decide"),
            *_found(textpage, "reached USD"),
        ]:  # a bar in the margin left of the changed text, level with it
            beside += [bar for bar in bars if bar[2] < left and bar[1] <= bottom and bar[3] >= top]
    assert len(set(beside)) == 2, "a change bar beside the key point and the answer paragraph"
    plain = pypdfium2.PdfDocument(pack / "en" / f"{SLUG}.pdf")
    assert not any(_bars(plain[index]) for index in range(len(plain)))
    _png(pack / "en" / f"{SLUG}.changes.pdf", "pdf-page-1")


def test_briefing_diff_compares_two_packs_and_a_pack_with_itself(packs, pack):
    first = packs["root"] / DAY_ONE
    result = invoke("--project", ROOT, "diff", first, pack, "--locale", "en")
    assert result.exit_code == 1, result.output
    assert f"{SLUG} (en): changed: {SUMMARY}" in result.output
    assert f"{SECOND} (en): unchanged" in result.output
    assert invoke("--project", ROOT, "diff", pack, pack).exit_code == 0


def test_a_rerun_the_same_day_is_up_to_date_and_still_says_what_changed(packs):
    report = packs["rerun"]
    assert report["status"] == "up to date" and report["built"] == [], report["built"]
    assert set(packs["second"]["built"]) <= set(report["reused"])
    changed = [note for note in report["changes"]["notes"] if note["status"] == "changed"]
    assert {(note["slug"], note["locale"]) for note in changed} == {
        (SLUG, locale) for locale in LOCALES.split(",")
    }


def test_a_rebuild_gives_byte_identical_change_views(pack, project, packs):
    views = {path: path.read_bytes() for path in pack.glob("*/*.changes.*")}
    assert len(views) == 9
    report = _pack(project, int(EPOCH) + DAY, "--rebuild")
    assert len(report["built"]) >= len(views)
    assert {path: path.read_bytes() for path in pack.glob("*/*.changes.*")} == views


def _png(pdf: Path, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(ARTIFACTS / name),
        ],
        check=True,
    )
