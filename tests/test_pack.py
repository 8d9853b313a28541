"""`briefing pack` end to end: layout, index, manifest and its schema, zip, determinism,
--jobs, the render cache, verify, and what a failing note or bad content does."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import jsonschema
import pypdfium2
import pytest

from pipeline import render
from pipeline.packs import manifest
from pipeline.render import html
from pipeline.render.base import Renderer
from tests.conftest import EPOCH, ROOT
from tests.pack_support import (
    DATE,
    copy_packs,
    environment,
    files_of,
    invoke,
    report,
    seed_and_copy,
    write_note,
)

pytestmark = pytest.mark.slow
SCHEMA = json.loads((ROOT / "schemas" / "pack-manifest.schema.json").read_text())
LOCALES = "en,ru"


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> list[Path]:
    return seed_and_copy(tmp_path_factory.mktemp("content"))


@pytest.fixture(scope="module")
def packs(tmp_path_factory, content) -> Path:
    """Two interviews, English and Russian, three formats, built with two workers."""
    root = tmp_path_factory.mktemp("packs") / "packs"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = invoke("pack", *content, "-l", LOCALES, "--out", root, "-j", 2, "--json")
    assert result.exit_code == 0, result.output
    assert len(report(result)["built"]) == 14  # 12 notes and a book per locale
    return root


def test_pack_layout_links_and_zip(packs):
    pack = packs / DATE
    assert pack.is_symlink() and (packs / "latest").resolve() == pack.resolve()
    names = set(files_of(pack))
    notes = {
        f"{locale}/{slug}.{ext}"
        for locale in ("en", "ru")
        for slug in ("kabar-korea-ambassador-interview", "second-interview")
        for ext in ("pdf", "docx", "html")
    }
    archive = f"{DATE}-briefing-pack.zip"
    books = {f"{DATE}-briefing-book-{locale}.pdf" for locale in ("en", "ru")}
    indexes = {"index.html", "index.ru.html"}
    assert names == notes | books | indexes | {"manifest.json", "versions.json", archive}
    with zipfile.ZipFile(pack / archive) as bundle:
        infos = bundle.infolist()
        members = notes | books | indexes | {"manifest.json", "versions.json"}
        assert [info.filename for info in infos] == sorted(members)
        assert {info.date_time for info in infos} == {(2026, 11, 27, 8, 0, 0)}
        assert bundle.read("manifest.json") == (pack / "manifest.json").read_bytes()


def test_manifest_follows_its_schema_and_describes_every_file(packs):
    pack = packs / DATE
    document = json.loads((pack / "manifest.json").read_text())
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert document["built_at"] == "2026-11-27T08:00:00Z" and document["complete"] is True
    assert {"python", "weasyprint", "python-docx", "briefing-pipeline"} <= set(document["tools"])
    for entry in document["files"]:
        data = (pack / entry["path"]).read_bytes()
        assert entry["size"] == len(data) and entry["sha256"] == manifest.sha256(data)
        if entry["format"] == "pdf":
            assert entry["pages"] == len(pypdfium2.PdfDocument(data))
    russian = next(e for e in document["files"] if e["path"].startswith("ru/kabar"))
    assert russian["translation"]["percent"] == 100.0 and russian["title"] != ""


def test_index_is_a_self_contained_table_of_contents(packs):
    pack = packs / DATE
    index = (pack / "index.html").read_text()
    assert "second-interview" in index and "A second interview, same words" in index
    hrefs = re.findall(r'href="([^"]+)"', index)
    assert hrefs and all((pack / href).is_file() for href in hrefs)
    assert not re.search(r'(src|href)="(https?:)?//', index) and "<link" not in index
    assert "--accent" in index  # the notes' own style sheet, inlined
    assert "100% translated" in index and "0% translated" in index  # the copy has no catalog
    assert re.search(r"\d+ pages, \d+ KB", index)


def test_jobs_1_and_jobs_2_give_the_same_bytes(packs, content, tmp_path):
    """Built again elsewhere, one render at a time: every file, zip and manifest included."""
    other = tmp_path / "packs"
    result = invoke("pack", *content, "-l", LOCALES, "--out", other, "-j", 1, "--json")
    assert result.exit_code == 0, result.output
    assert files_of(other / DATE) == files_of(packs / DATE)


def test_a_rebuild_in_place_gives_a_byte_identical_zip_and_manifest(tmp_path):
    note = write_note(tmp_path / "content", "a-note")
    root, archive = tmp_path / "packs", f"{DATE}-briefing-pack.zip"
    assert invoke("pack", note, "-l", "en,ru", "-f", "html", "--out", root).exit_code == 0
    before = files_of(root / DATE)
    rebuilt = invoke(
        "pack", note, "-l", "en,ru", "-f", "html", "--out", root, "--rebuild", "--json"
    )
    assert rebuilt.exit_code == 0 and len(report(rebuilt)["built"]) == 2
    after = files_of(root / DATE)
    assert after[archive] == before[archive] and after["manifest.json"] == before["manifest.json"]
    assert len(list((root / ".builds").iterdir())) == 1, "the replaced pack was removed"


def test_nothing_changed_is_a_quick_no_op_without_weasyprint(packs, content):
    command = [sys.executable, "-X", "importtime", "-m", "pipeline", "pack", *map(str, content)]
    command += ["-l", LOCALES, "--out", str(packs), "--json"]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=environment(), capture_output=True, text=True)
    wall = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    run = json.loads(result.stdout)
    assert run["status"] == "up to date" and not run["built"] and len(run["reused"]) == 14
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert not {"weasyprint", "docx", "jinja2", "yaml"} & imported
    assert run["timings"]["total"] < 0.5, run["timings"]
    assert wall < 3, f"{wall:.2f} s for the whole process (make bench measures it properly)"


def test_changing_one_interview_renders_only_its_outputs(packs, content, tmp_path):
    root = copy_packs(packs, tmp_path / "packs")
    folder = tmp_path / "content"
    shutil.copytree(content[0].parent, folder)
    write_note(folder, "second-interview", title="A second interview, now retitled")
    result = invoke("pack", folder, "-l", LOCALES, "--out", root, "--json")
    run = report(result)
    assert result.exit_code == 0 and run["status"] == "built"
    assert sorted(run["built"]) == sorted(
        [
            *(
                f"{locale}/second-interview.{ext}"
                for locale in ("en", "ru")
                for ext in ("pdf", "docx", "html")
            ),
            *(f"{DATE}-briefing-book-{locale}.pdf" for locale in ("en", "ru")),  # it is in both
        ]
    )
    assert len(run["reused"]) == 6 and all("kabar" in path for path in run["reused"])
    assert "now retitled" in (root / DATE / "index.html").read_text()
    assert len(list((root / ".builds").iterdir())) == 1  # the pack it replaced is gone


def test_verify_names_a_flipped_byte_a_missing_and_an_extra_file(packs, tmp_path):
    pack = Path(shutil.copytree((packs / DATE).resolve(), tmp_path / "pack"))
    assert invoke("verify", pack).exit_code == 0

    pdf = pack / "ru" / "kabar-korea-ambassador-interview.pdf"
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    (pack / "en" / "second-interview.docx").unlink()
    (pack / "en" / "notes.txt").write_text("not part of the pack")
    archive = pack / f"{DATE}-briefing-pack.zip"
    zipped = bytearray(archive.read_bytes())
    zipped[200] ^= 0x01  # inside the first member's compressed data
    archive.write_bytes(bytes(zipped))

    result = invoke("verify", pack)
    assert result.exit_code == 1
    assert "ru/kabar-korea-ambassador-interview.pdf: differs from the manifest" in result.stderr
    assert "en/second-interview.docx: missing" in result.stderr
    assert "en/notes.txt: extra file" in result.stderr
    assert f"{DATE}-briefing-pack.zip" in result.stderr


def test_invalid_content_exits_2_and_publishes_nothing(tmp_path):
    bad = write_note(tmp_path / "content", "broken-note", turns="not a list")
    root = tmp_path / "packs"
    result = invoke("pack", bad, "-l", "en", "-f", "html", "--out", root)
    assert result.exit_code == 2 and "broken-note.yaml" in result.stderr
    assert not (root / DATE).exists() and not list((root / ".builds").glob("*"))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-l", "xx"], "unknown locale"),
        (["-f", "odt"], "'-f' / '--format': choose from pdf, docx, html"),
        (["--deliver", "nowhere"], "unknown delivery target 'nowhere'"),
        (["--date", "27/11/2026"], "--date"),
    ],
)
def test_usage_errors_exit_2_before_anything_is_built(tmp_path, arguments, message):
    note = write_note(tmp_path / "content", "a-note")
    result = invoke("pack", note, "--out", tmp_path / "packs", *arguments)
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "packs" / ".builds").exists()


class StuckOnTheLongNote(Renderer):
    """HTML, except that painting the long interview takes a minute (a layout stuck for good)."""

    name, suffix = "html", ".html"

    def prepare(self, job):
        return job.interview.slug, html.RENDERER.prepare(job)

    def paint(self, prepared):
        slug, page = prepared
        if slug == "long-interview":
            time.sleep(60)  # were the limit not enforced, the test would fail, not hang
        return html.RENDERER.paint(page)


def test_a_note_over_the_time_limit_fails_alone(tmp_path, monkeypatch):
    """A render that never ends is stopped at the limit; the other note is published."""
    monkeypatch.setitem(render._REGISTRY, "html", StuckOnTheLongNote())
    long_note = write_note(tmp_path / "content", "long-interview")
    short_note = write_note(tmp_path / "content", "short-interview")
    root = tmp_path / "packs"
    result = invoke(
        "pack", long_note, short_note, "-l", "en", "-f", "html", "--out", root,
        "--render-timeout", 2, "-j", 2, "--json",
    )  # fmt: skip
    assert result.exit_code == 1
    run = report(result)
    assert run["built"] == ["en/short-interview.html"] and not run["complete"]
    assert [failure["path"] for failure in run["failed"]] == ["en/long-interview.html"]
    assert "limit of 2 s" in run["failed"][0]["message"]
    document = json.loads((root / DATE / "manifest.json").read_text())
    assert document["complete"] is False and document["failures"][0]["slug"] == "long-interview"
    assert not (root / "latest").exists(), "latest moves only to a complete pack"
    assert "Not in this pack" in (root / DATE / "index.html").read_text()


def test_the_date_names_the_pack_and_latest_stays_on_the_newest(packs, content, tmp_path):
    root = copy_packs(packs, tmp_path / "packs")
    older = invoke("pack", *content, "-l", LOCALES, "--out", root, "--date", "2026-11-20")
    assert older.exit_code == 0, older.output
    assert (root / "2026-11-20" / "manifest.json").is_file()
    document = json.loads((root / "2026-11-20" / "manifest.json").read_text())
    assert document["date"] == "2026-11-20"
    assert document["archive"]["path"] == "2026-11-20-briefing-pack.zip"
    assert (root / "2026-11-20" / "2026-11-20-briefing-pack.zip").is_file()
    assert (root / "latest").resolve() == (root / DATE).resolve(), "an older date leaves latest"
    newer = invoke("pack", *content, "-l", LOCALES, "--out", root, "--date", "2026-11-30")
    assert newer.exit_code == 0, newer.output
    assert (root / "latest").resolve() == (root / "2026-11-30").resolve(), "a newer one takes it"
    assert (root / DATE / "manifest.json").is_file(), "and the pack it replaced stays published"
