"""No wasted CPU (issue 17): workers only for heavy paints, imports only as far as a command
needs, compiled templates and WeasyPrint's library search kept between runs.

Times belong in `make bench` (scripts/bench_targets.py); these tests check the mechanisms.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from pipeline import render
from pipeline.engine.executor import Executor, Task
from pipeline.render import template_cache, templating
from pipeline.render.base import Renderer
from tests.conftest import ROOT, SEED_CONTENT


class Light(Renderer):
    """Paints the id of the process it ran in."""

    name = "light-test"
    suffix = ".txt"

    def prepare(self, job: str) -> str:
        return job

    def paint(self, job: str) -> bytes:
        return f"{job}:{os.getpid()}".encode()


class Heavy(Light):
    name = "heavy-test"
    heavy = True


@pytest.fixture(autouse=True)
def test_formats(monkeypatch):
    monkeypatch.setitem(render._REGISTRY, Light.name, Light())
    monkeypatch.setitem(render._REGISTRY, Heavy.name, Heavy())


def painted_by(jobs: int, formats: list[str], notes: int) -> dict[tuple[str, str], int]:
    tasks = [Task(f"note{n}", name) for n in range(notes) for name in formats]  # type: ignore[arg-type]
    with Executor(jobs, formats, outputs=len(tasks)) as executor:
        return {
            (result.task.job, result.task.format): int(result.data.decode().split(":")[1])
            for result in executor.run(tasks)
            if result.data
        }


def test_a_single_note_gets_one_worker_for_its_heavy_paint_and_paints_the_rest_here():
    with Executor(2, [Heavy.name, Light.name], outputs=2) as executor:
        assert executor._workers == 1 and executor._pool is not None
    pids = painted_by(2, [Heavy.name, Light.name, Light.name], 1)
    assert pids[("note0", Light.name)] == os.getpid()
    assert pids[("note0", Heavy.name)] != os.getpid()


def test_the_pool_grows_with_the_heavy_renders_not_with_the_cores():
    with Executor(8, [Heavy.name, Light.name], outputs=6) as executor:
        assert executor._workers == 3  # three notes: three heavy paints
    pids = painted_by(2, [Heavy.name, Light.name], 6)
    heavy = {pid for (_, name), pid in pids.items() if name == Heavy.name}
    assert len(pids) == 12 and 1 <= len(heavy) <= 2 and os.getpid() not in heavy


def test_light_formats_alone_start_no_worker():
    with Executor(4, [Light.name], outputs=20) as executor:
        assert executor._pool is None
    assert set(painted_by(4, [Light.name], 3).values()) == {os.getpid()}


def test_one_job_paints_everything_in_this_process():
    with Executor(1, [Heavy.name, Light.name], outputs=2) as executor:
        assert executor._pool is None
    assert set(painted_by(1, [Heavy.name, Light.name], 2).values()) == {os.getpid()}


# --- Imports per command ---------------------------------------------------------------------

HEAVY_MODULES = [
    "weasyprint",
    "docx",
    "lxml",
    "multiprocessing",
    "concurrent.futures.process",
    "pipeline.render.pdf",
    "pipeline.render.book",
]


def modules_after(tmp_path: Path, *arguments: str) -> set[str]:
    """The modules a `briefing` command imported, run in a fresh interpreter."""
    script = (
        "import json, sys\nfrom pipeline.cli import main\n"
        "try:\n    main(sys.argv[1:], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps(sorted(set(sys.modules) & set({HEAVY_MODULES + ['jinja2']!r}))))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, "--project", str(ROOT), *arguments],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    return set(json.loads(run.stdout.splitlines()[-1]))


@pytest.mark.slow
def test_validate_imports_no_renderer(tmp_path):
    assert modules_after(tmp_path, "-q", "validate", str(SEED_CONTENT)) == set()


@pytest.mark.slow
def test_an_html_build_imports_neither_word_nor_weasyprint_nor_a_pool(tmp_path):
    out = tmp_path / "out"
    found = modules_after(
        tmp_path, "-q", "build", "-f", "html", str(SEED_CONTENT), "--out", str(out)
    )
    assert found == {"jinja2"} and (out / "en" / f"{SEED_CONTENT.stem}.html").is_file()


# --- Compiled templates kept between runs ----------------------------------------------------


def render_with_cache(templates: Path, cache: Path) -> str:
    templating.environment.cache_clear()  # a fresh run: nothing compiled in memory
    env = templating.environment((templates,), (), "en", cache)
    return env.get_template("page.html").render(title="Sample <note>")


def test_compiled_templates_are_kept_and_reused_by_the_next_run(tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("<h1>{{ title }}</h1>{{ _('Key points') }}\n")
    first = render_with_cache(templates, tmp_path / "cache")
    assert first == "<h1>Sample &lt;note&gt;</h1>Key points\n"
    assert len(list((tmp_path / "cache").rglob("*.bytecode"))) == 1

    def no_compiling(*arguments, **keywords):
        raise AssertionError("compiled again although the cache holds it")

    with monkeypatch.context() as patch:
        patch.setattr(jinja2.Environment, "compile", no_compiling)
        assert render_with_cache(templates, tmp_path / "cache") == first


def test_an_edited_template_is_compiled_again(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("<h1>{{ title }}</h1>\n")
    render_with_cache(templates, tmp_path / "cache")
    (templates / "page.html").write_text("<h2>{{ title }}</h2>\n")
    assert render_with_cache(templates, tmp_path / "cache") == "<h2>Sample &lt;note&gt;</h2>\n"


def test_a_damaged_cache_file_is_compiled_afresh_and_replaced(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("<p>{{ title }}</p>\n")
    expected = render_with_cache(templates, tmp_path / "cache")
    (cached,) = (tmp_path / "cache").rglob("*.bytecode")
    cached.write_bytes(cached.read_bytes()[:40])
    assert render_with_cache(templates, tmp_path / "cache") == expected
    assert render_with_cache(templates, tmp_path / "cache") == expected


def test_an_unwritable_cache_only_costs_the_compiling(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("<p>{{ title }}</p>\n")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert render_with_cache(templates, blocked / "cache") == "<p>Sample &lt;note&gt;</p>\n"


def test_other_options_or_another_jinja_compile_into_another_folder(tmp_path):
    options = {"trim_blocks": True}
    here = template_cache.folder_for(tmp_path, options)
    assert here == template_cache.folder_for(tmp_path, dict(options))
    assert here != template_cache.folder_for(tmp_path, {"trim_blocks": False})
    assert here.parent == tmp_path / "templates"


# --- WeasyPrint's library search, remembered -------------------------------------------------


def test_the_library_search_runs_once_until_the_linker_cache_changes(tmp_path, monkeypatch):
    import ctypes.util

    from pipeline.render import lean_import as weasy

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    searched: list[str] = []

    def search(name: str) -> str | None:
        searched.append(name)
        return f"lib{name}.so.0" if name.startswith("found") else None

    monkeypatch.setattr(ctypes.util, "find_library", search)
    state = ["linux", "", [1, 2]]
    monkeypatch.setattr(weasy, "_linker_state", lambda: state)

    def import_libraries() -> list[str | None]:
        with weasy._remembered_library_search():
            return [ctypes.util.find_library(name) for name in ("missing", "found-a")]

    assert import_libraries() == [None, "libfound-a.so.0"] and searched == ["missing", "found-a"]
    assert ctypes.util.find_library is search  # put back after the import
    assert import_libraries() == [None, "libfound-a.so.0"] and len(searched) == 2
    assert json.loads(weasy.cache_file().read_text())["libraries"]["found-a"] == "libfound-a.so.0"
    state[2] = [3, 2]  # ldconfig ran: a library may have come or gone
    assert import_libraries() == [None, "libfound-a.so.0"] and len(searched) == 4


# --- One font configuration per worker --------------------------------------------------------


@pytest.mark.slow
def test_notes_sharing_a_font_configuration_come_out_as_when_laid_out_alone(monkeypatch):
    from pipeline.engine import plan
    from pipeline.render import weasy
    from tests.conftest import REPO

    planned = plan.plan([SEED_CONTENT], ["pdf"], ["ko", "en", "ru"], project=REPO)
    pdf = render.get("pdf")
    prepared = [pdf.prepare(job) for job in planned.jobs]
    weasy._shared_font_configuration.cache_clear()
    shared = [pdf.paint(each) for each in prepared]  # one after another, fonts shared
    with monkeypatch.context() as patch:
        patch.setattr(weasy, "font_options", lambda html: {})
        alone = [pdf.paint(each) for each in reversed(prepared)][::-1]
    assert shared == alone
    assert weasy.font_options("<style>@font-face { src: url(a.woff) }</style>") == {}
